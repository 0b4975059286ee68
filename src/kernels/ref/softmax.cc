#include "kernels/ref/softmax.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels/fixed_point.h"
#include "kernels/quant_math.h"

namespace mote {
namespace ref {
namespace {

// The exp input is Q5.26: differences down to -32 fit, and exp(-32) is far
// below what the Q12.19 accumulator can resolve. The accumulator's 12 integer
// bits hold a sum of up to 4096 ones.
constexpr int kScaledDiffIntegerBits = 5;
constexpr int kAccumulationIntegerBits = 12;
using ScaledDiff = fixed::FixedPoint<kScaledDiffIntegerBits>;
using Accumulator = fixed::FixedPoint<kAccumulationIntegerBits>;

// exp(beta * input_scale * diff) for diff = x - max <= 0, in Q0.31.
fixed::F0 ExpOfDiff(const SoftmaxParamsS8& params, int32_t diff) {
  // TFLite's MultiplyByQuantizedMultiplierGreaterThanOne: the left shift
  // cannot overflow because diff >= diff_min.
  const int32_t rescaled = SaturatingRoundingDoublingHighMul(
      ShiftLeftWrapping(diff, params.input_left_shift),
      params.input_multiplier);
  return fixed::ExpOnNegativeValues(ScaledDiff::FromRaw(rescaled));
}

// The output has zero point -128: probability 0 is -128.
constexpr int32_t kMinS8 = std::numeric_limits<int8_t>::min();
constexpr int32_t kMaxS8 = std::numeric_limits<int8_t>::max();

}  // namespace

bool PrepareSoftmaxS8(float input_scale, float beta, SoftmaxParamsS8* params) {
  // PreprocessSoftmaxScaling: beta * scale in Q5.26 units, capped where any
  // non-zero difference gives exp() == 0 anyway.
  const double max_real_multiplier =
      static_cast<double>((int64_t{1} << 31) - 1);
  const double real_multiplier =
      std::min(static_cast<double>(beta) * static_cast<double>(input_scale) *
                   static_cast<double>(1 << (31 - kScaledDiffIntegerBits)),
               max_real_multiplier);
  if (!(real_multiplier > 1.0)) return false;
  int shift = 0;
  QuantizeMultiplier(real_multiplier, &params->input_multiplier, &shift);
  params->input_left_shift = shift;  // in [1, 31] since the multiplier > 1
  // CalculateInputRadius: the largest |diff| whose left-shifted value still
  // fits in int32 (floored, so the rescaled value stays below 2^31).
  const double max_input_rescaled =
      1.0 * ((1 << kScaledDiffIntegerBits) - 1) *
      static_cast<double>(int64_t{1} << (31 - kScaledDiffIntegerBits)) /
      static_cast<double>(int64_t{1} << shift);
  params->diff_min = -static_cast<int32_t>(std::floor(max_input_rescaled));
  return true;
}

void SoftmaxS8(const SoftmaxParamsS8& params, const Shape& shape,
               const int8_t* input, int8_t* output) {
  const int last = shape.rank - 1;
  const int32_t depth = shape.rank > 0 ? shape.dims[last] : 1;
  const int64_t outer_size = shape.rank > 0 ? shape.FlatSize(0, last) : 1;

  for (int64_t row = 0; row < outer_size; ++row) {
    const int8_t* in = input + row * depth;
    int8_t* out = output + row * depth;

    int32_t max_in_row = kMinS8;
    for (int32_t c = 0; c < depth; ++c) {
      max_in_row = std::max<int32_t>(max_in_row, in[c]);
    }

    Accumulator sum_of_exps = Accumulator::Zero();
    for (int32_t c = 0; c < depth; ++c) {
      const int32_t diff = in[c] - max_in_row;
      if (diff >= params.diff_min) {
        sum_of_exps = sum_of_exps + fixed::Rescale<kAccumulationIntegerBits>(
                                        ExpOfDiff(params, diff));
      }
    }

    // sum >= 1 (the maximum contributes exp(0)), so 1/sum = reciprocal
    // (in (1/2, 1]) / 2^num_bits_over_unit.
    int num_bits_over_unit = 32;
    fixed::F0 reciprocal = fixed::F0::Zero();
    if (sum_of_exps.raw > 0) {
      reciprocal = fixed::F0::FromRaw(fixed::GetReciprocal(
          sum_of_exps.raw, kAccumulationIntegerBits, &num_bits_over_unit));
    }
    // Q0.31 probability -> units of 1/256.
    const int exponent = num_bits_over_unit + 31 - 8;
    if (exponent > 31) {
      // The sum of exps reached 512 (or wrapped past 4096 terms): every
      // probability is at most 1/512, half an output step, and the shift
      // would round each to zero. TFLite aborts here (TFLITE_CHECK on the
      // exponent); we give that all-zero result instead.
      for (int32_t c = 0; c < depth; ++c) {
        out[c] = static_cast<int8_t>(kMinS8);
      }
      continue;
    }

    for (int32_t c = 0; c < depth; ++c) {
      const int32_t diff = in[c] - max_in_row;
      if (diff >= params.diff_min) {
        const int32_t unsaturated = RoundingDivideByPOT(
            (reciprocal * ExpOfDiff(params, diff)).raw, exponent);
        const int32_t shifted = unsaturated + kMinS8;
        out[c] =
            static_cast<int8_t>(std::min(std::max(shifted, kMinS8), kMaxS8));
      } else {
        out[c] = static_cast<int8_t>(kMinS8);
      }
    }
  }
}

void SoftmaxF32(float beta, const Shape& shape, const float* input,
                float* output) {
  const int last = shape.rank - 1;
  const int32_t depth = shape.rank > 0 ? shape.dims[last] : 1;
  const int64_t outer_size = shape.rank > 0 ? shape.FlatSize(0, last) : 1;

  for (int64_t row = 0; row < outer_size; ++row) {
    const float* in = input + row * depth;
    float* out = output + row * depth;
    // Subtracting the maximum keeps exp() from overflowing; the result is
    // unchanged since exp(x + C) / sum(exp(x + C)) = exp(x) / sum(exp(x)).
    float max_in_row = std::numeric_limits<float>::lowest();
    for (int32_t c = 0; c < depth; ++c)
      max_in_row = std::max(max_in_row, in[c]);

    float sum = 0.0f;
    for (int32_t c = 0; c < depth; ++c) {
      const float e = std::exp((in[c] - max_in_row) * beta);
      out[c] = e;
      sum += e;
    }
    for (int32_t c = 0; c < depth; ++c) out[c] = out[c] / sum;
  }
}

}  // namespace ref
}  // namespace mote
