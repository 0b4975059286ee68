#include "kernels/ref/softmax.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels/fixed_point.h"
#include "kernels/quant_math.h"
#include "kernels/ref/lut.h"

namespace mote {
namespace ref {
namespace {

// The exp input is Q5.26: differences down to -32 fit, and exp(-32) is far
// below what the Q12.19 accumulator can resolve. The accumulator's 12 integer
// bits hold a sum of up to 4096 ones.
constexpr int kScaledDiffIntegerBits = 5;
constexpr int kAccumulationIntegerBits = kSoftmaxAccumulationIntegerBitsS8;
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

constexpr int32_t kMinS8 = std::numeric_limits<int8_t>::min();

}  // namespace

int32_t SoftmaxExpOfDiffS8(const SoftmaxParamsS8& params, int32_t diff) {
  return ExpOfDiff(params, diff).raw;
}

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

namespace {

// TFLite's quantized softmax with int8 input and an int8 or int16 output
// (probability 0 at the output type's minimum).
template <typename Out>
void SoftmaxFromS8(const SoftmaxParamsS8& params, const Shape& shape,
                   const int8_t* input, Out* output) {
  constexpr int32_t kOutMin = std::numeric_limits<Out>::min();
  constexpr int32_t kOutMax = std::numeric_limits<Out>::max();
  const int last = shape.rank - 1;
  const int32_t depth = shape.rank > 0 ? shape.dims[last] : 1;
  const int64_t outer_size = shape.rank > 0 ? shape.FlatSize(0, last) : 1;

  for (int64_t row = 0; row < outer_size; ++row) {
    const int8_t* in = input + row * depth;
    Out* out = output + row * depth;

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
    // Q0.31 probability -> units of 2^-bits.
    const int exponent =
        num_bits_over_unit + 31 - static_cast<int>(sizeof(Out) * 8);
    if (exponent > 31) {
      // The sum of exps reached 512 (int8 output) or wrapped past 4096
      // terms: every probability rounds to zero. TFLite aborts here
      // (TFLITE_CHECK on the exponent); we give that all-zero result.
      for (int32_t c = 0; c < depth; ++c) out[c] = static_cast<Out>(kOutMin);
      continue;
    }

    for (int32_t c = 0; c < depth; ++c) {
      const int32_t diff = in[c] - max_in_row;
      if (diff >= params.diff_min) {
        const int32_t unsaturated = RoundingDivideByPOT(
            (reciprocal * ExpOfDiff(params, diff)).raw, exponent);
        const int32_t shifted = unsaturated + kOutMin;
        out[c] =
            static_cast<Out>(std::min(std::max(shifted, kOutMin), kOutMax));
      } else {
        out[c] = static_cast<Out>(kOutMin);
      }
    }
  }
}

// exp(input - max) from the table, in Q0.15 (TFLite's SoftMaxCalculateExp).
int16_t ExpOfDiffS16(const SoftmaxParamsS16& params, int32_t diff) {
  // [-65535, 0] -> [-10, 0] in the table's input scale.
  const int32_t scaled = MultiplyByQuantizedMultiplier(
      diff, params.input_multiplier, params.input_shift);
  // Recentre to [-32768, 32767] (wrapping like the hardware TFLite runs
  // on, should a huge multiplier have wrapped the shift above).
  const int32_t centred =
      static_cast<int32_t>(static_cast<uint32_t>(scaled) + uint32_t{32767});
  const int32_t saturated =
      std::min<int32_t>(std::max<int32_t>(centred, -32768), 32767);
  return LutLookupS16(static_cast<int16_t>(saturated), params.exp_lut);
}

}  // namespace

void SoftmaxS8(const SoftmaxParamsS8& params, const Shape& shape,
               const int8_t* input, int8_t* output) {
  SoftmaxFromS8(params, shape, input, output);
}

void SoftmaxS8ToS16(const SoftmaxParamsS8& params, const Shape& shape,
                    const int8_t* input, int16_t* output) {
  SoftmaxFromS8(params, shape, input, output);
}

bool PrepareSoftmaxS16(float input_scale, float beta, int16_t* exp_lut,
                       int16_t* one_over_one_plus_x_lut,
                       SoftmaxParamsS16* params) {
  // The exp table covers [-10, 0] (exp(-10) adds nothing to the sum); the
  // reciprocal table 1 / (1 + x) covers [0, 1]. Both output Q0.15 over
  // [-1, 1].
  const int32_t range = 65535;
  PopulateLutS16(
      10.0f / range, 32767, 2.0f / range, 0,
      [](float x) { return std::exp(x); }, exp_lut);
  PopulateLutS16(
      1.0f / range, -32768, 2.0f / range, 0,
      [](float x) { return 1.0f / (1.0f + x); }, one_over_one_plus_x_lut);
  const double input_scale_beta_rescale = static_cast<double>(input_scale) *
                                          static_cast<double>(beta) /
                                          (10.0 / 65535.0);
  int shift = 0;
  QuantizeMultiplier(input_scale_beta_rescale, &params->input_multiplier,
                     &shift);
  params->input_shift = shift;
  params->exp_lut = exp_lut;
  params->one_over_one_plus_x_lut = one_over_one_plus_x_lut;
  return shift <= 31;
}

void SoftmaxS16(const SoftmaxParamsS16& params, const Shape& shape,
                const int16_t* input, int16_t* output) {
  const int last = shape.rank - 1;
  const int32_t depth = shape.rank > 0 ? shape.dims[last] : 1;
  const int64_t outer_size = shape.rank > 0 ? shape.FlatSize(0, last) : 1;
  for (int64_t row = 0; row < outer_size; ++row) {
    const int16_t* in = input + row * depth;
    int16_t* out = output + row * depth;
    int16_t max_in_row = std::numeric_limits<int16_t>::min();
    for (int32_t c = 0; c < depth; ++c)
      max_in_row = std::max(max_in_row, in[c]);

    // The exps are kept in the output row until the sum is known. The sum
    // is Q16.15 and cannot overflow for depth <= kMaxSoftmaxDepthS16.
    int32_t sum_of_exps = 0;
    for (int32_t c = 0; c < depth; ++c) {
      out[c] = ExpOfDiffS16(params, in[c] - max_in_row);
      sum_of_exps += out[c];
    }

    // 1 / sum: normalise the sum to [1, 2) in Q1.14 (rounded), then
    // 1 / (1 + x) from the table at x = sum - 1, recentred from [0, 65535]
    // to [-32768, 32767]. The maximum's exp keeps the sum positive.
    const int headroom_plus_one =
        fixed::CountLeadingZeros32(static_cast<uint32_t>(sum_of_exps));
    const int32_t shifted_sum = static_cast<int32_t>(
        ((static_cast<int64_t>(sum_of_exps) << (headroom_plus_one - 1)) +
         (1 << 13)) >>
        14);
    const int32_t sym_shifted_sum = shifted_sum - ((1 << 15) + (1 << 16));
    const int16_t reciprocal =
        LutLookupS16(static_cast<int16_t>(std::min<int32_t>(
                         std::max<int32_t>(sym_shifted_sum, -32768), 32767)),
                     params.one_over_one_plus_x_lut);

    // exp * reciprocal back to Q0.15, clamped to [0, 32767].
    const int right_shift = 31 - headroom_plus_one;
    const int64_t round = int64_t{1} << (right_shift - 1);
    for (int32_t c = 0; c < depth; ++c) {
      const int32_t result = static_cast<int32_t>(
          (static_cast<int64_t>(out[c]) * reciprocal + round) >> right_shift);
      out[c] = static_cast<int16_t>(
          std::min<int32_t>(std::max<int32_t>(result, 0), 32767));
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
