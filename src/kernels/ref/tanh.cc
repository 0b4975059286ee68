#include "kernels/ref/tanh.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels/fixed_point.h"
#include "kernels/quant_math.h"

namespace mote {
namespace ref {
namespace {

// The fixed-point input is Q4.27: tanh(16) rounds to 1 in 8 bits.
constexpr int kInputIntegerBits = 4;
constexpr int32_t kMinS8 = std::numeric_limits<int8_t>::min();
constexpr int32_t kMaxS8 = std::numeric_limits<int8_t>::max();

}  // namespace

TanhParamsS8 PrepareTanhS8(float input_scale, int32_t input_zero_point) {
  TanhParamsS8 params;
  params.input_zero_point = input_zero_point;
  // Same scaling as LOGISTIC in TFLite Micro: frexp and a rounded mantissa
  // (never 2^31 for a float scale, so this equals QuantizeMultiplier).
  const double real_multiplier =
      static_cast<double>(input_scale) *
      static_cast<double>(1 << (31 - kInputIntegerBits));
  int shift = 0;
  const double q = std::frexp(real_multiplier, &shift);
  params.input_multiplier = static_cast<int32_t>(
      std::round(q * static_cast<double>(int64_t{1} << 31)));
  params.input_shift = shift;
  if (shift < -31) {
    // A scale below 2^-58 (TFLite Micro has undefined shifts here): every
    // input rescales to 0.
    params.input_multiplier = 0;
    params.input_shift = 0;
  }
  // CalculateInputRadius(4, shift), floored.
  const double radius = std::floor(
      std::ldexp(((1 << kInputIntegerBits) - 1) *
                     static_cast<double>(1 << (31 - kInputIntegerBits)),
                 -shift));
  params.input_range_radius =
      radius >= static_cast<double>(std::numeric_limits<int32_t>::max())
          ? std::numeric_limits<int32_t>::max()
          : static_cast<int32_t>(radius);
  return params;
}

void TanhS8(const TanhParamsS8& params, int32_t size, const int8_t* input,
            int8_t* output) {
  // Q0.31 -> 1/128 steps (zero point 0).
  constexpr int kOutputShift = 31 - 7;
  for (int32_t i = 0; i < size; ++i) {
    const int32_t x = input[i] - params.input_zero_point;
    if (x <= -params.input_range_radius) {
      output[i] = static_cast<int8_t>(kMinS8);
    } else if (x >= params.input_range_radius) {
      output[i] = static_cast<int8_t>(kMaxS8);
    } else {
      const int32_t x_q4 = MultiplyByQuantizedMultiplier(
          x, params.input_multiplier, params.input_shift);
      const int32_t y_q0 =
          fixed::Tanh(fixed::FixedPoint<kInputIntegerBits>::FromRaw(x_q4)).raw;
      const int32_t y = RoundingDivideByPOT(y_q0, kOutputShift);
      output[i] = static_cast<int8_t>(std::min(std::max(y, kMinS8), kMaxS8));
    }
  }
}

void TanhF32(int32_t size, const float* input, float* output) {
  for (int32_t i = 0; i < size; ++i) output[i] = std::tanh(input[i]);
}

}  // namespace ref
}  // namespace mote
