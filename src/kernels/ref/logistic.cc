#include "kernels/ref/logistic.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels/fixed_point.h"
#include "kernels/quant_math.h"

namespace mote {
namespace ref {
namespace {

// The fixed-point input is Q4.27: |x| < 16 is plenty, logistic(16) rounds
// to 1 in 8 bits.
constexpr int kInputIntegerBits = 4;
constexpr int32_t kMinS8 = std::numeric_limits<int8_t>::min();
constexpr int32_t kMaxS8 = std::numeric_limits<int8_t>::max();

}  // namespace

LogisticParamsS8 PrepareLogisticS8(float input_scale,
                                   int32_t input_zero_point) {
  LogisticParamsS8 params;
  params.input_zero_point = input_zero_point;
  // TFLite Micro splits the multiplier with frexp and rounds it itself
  // rather than calling QuantizeMultiplier. With a float scale the rounded
  // mantissa never reaches 2^31, so the two agree.
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
  // CalculateInputRadius(4, shift): the largest |x| that does not overflow
  // Q4.27 once multiplied, floored.
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

void LogisticS8(const LogisticParamsS8& params, int32_t size,
                const int8_t* input, int8_t* output) {
  // Q0.31 -> 1/256 steps, offset by the output zero point -128.
  constexpr int kOutputShift = 31 - 8;
  constexpr int32_t kOutputZeroPoint = -128;
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
          fixed::Logistic(fixed::FixedPoint<kInputIntegerBits>::FromRaw(x_q4))
              .raw;
      const int32_t y =
          RoundingDivideByPOT(y_q0, kOutputShift) + kOutputZeroPoint;
      output[i] = static_cast<int8_t>(std::min(std::max(y, kMinS8), kMaxS8));
    }
  }
}

void LogisticF32(int32_t size, const float* input, float* output) {
  // TFLite's cutoffs: above the upper one 1/(1+exp(-x)) rounds to 1 in
  // float; below the lower one it equals exp(x) to float precision.
  constexpr float kCutoffUpper = 16.619047164916992188f;
  constexpr float kCutoffLower = -9.0f;
  for (int32_t i = 0; i < size; ++i) {
    const float x = input[i];
    if (x > kCutoffUpper) {
      output[i] = 1.0f;
    } else if (x < kCutoffLower) {
      output[i] = std::exp(x);
    } else {
      output[i] = 1.0f / (1.0f + std::exp(-x));
    }
  }
}

}  // namespace ref
}  // namespace mote
