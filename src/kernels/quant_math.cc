#include "kernels/quant_math.h"

#include <cmath>

#include "mote/types.h"

namespace mote {

void QuantizeMultiplier(double real_multiplier, int32_t* quantized_multiplier,
                        int* shift) {
  if (real_multiplier == 0.0) {
    *quantized_multiplier = 0;
    *shift = 0;
    return;
  }
  const double q = std::frexp(real_multiplier, shift);
  int64_t q_fixed = static_cast<int64_t>(std::round(q * (int64_t{1} << 31)));
  if (q_fixed == (int64_t{1} << 31)) {
    q_fixed /= 2;
    ++*shift;
  }
  // A multiplier below 2^-31 cannot be represented; TFLite flushes it to 0.
  if (*shift < -31) {
    *shift = 0;
    q_fixed = 0;
  }
  *quantized_multiplier = static_cast<int32_t>(q_fixed);
}

bool CheckedLog2(float x, int* log2_result) {
  const float x_log2 = std::log(x) * (1.0f / std::log(2.0f));
  const float x_log2_rounded = std::round(x_log2);
  const float x_log2_fracpart = x_log2 - x_log2_rounded;
  // A NaN or infinite exponent is no power of two (and would not convert).
  if (!(std::fabs(x_log2_fracpart) < 1e-3f)) return false;
  *log2_result = static_cast<int>(x_log2_rounded);
  return true;
}

void ActivationRangeQuantized(int activation, float output_scale,
                              int32_t output_zero_point, int32_t qmin,
                              int32_t qmax, int32_t* act_min,
                              int32_t* act_max) {
  const auto quantize = [&](float f) {
    return output_zero_point +
           static_cast<int32_t>(std::round(f / output_scale));
  };
  int32_t lo = qmin;
  int32_t hi = qmax;
  switch (static_cast<Activation>(activation)) {
    case Activation::kRelu:
      lo = quantize(0.0f) > qmin ? quantize(0.0f) : qmin;
      break;
    case Activation::kRelu6:
      lo = quantize(0.0f) > qmin ? quantize(0.0f) : qmin;
      hi = quantize(6.0f) < qmax ? quantize(6.0f) : qmax;
      break;
    case Activation::kReluN1To1:
      lo = quantize(-1.0f) > qmin ? quantize(-1.0f) : qmin;
      hi = quantize(1.0f) < qmax ? quantize(1.0f) : qmax;
      break;
    default:
      break;
  }
  *act_min = lo;
  *act_max = hi;
}

bool ActivationRangeQuantizedChecked(int activation, float output_scale,
                                     int32_t output_zero_point, int32_t qmin,
                                     int32_t qmax, int32_t* act_min,
                                     int32_t* act_max) {
  const auto fits = [&](float f) {
    const float q = std::round(f / output_scale);
    // -2^31 and 2^31 are exact floats; NaN fails both comparisons.
    if (!(q >= -2147483648.0f && q < 2147483648.0f)) return false;
    const int64_t sum = int64_t{output_zero_point} + static_cast<int64_t>(q);
    return sum >= std::numeric_limits<int32_t>::min() &&
           sum <= std::numeric_limits<int32_t>::max();
  };
  bool ok = true;
  switch (static_cast<Activation>(activation)) {
    case Activation::kRelu:
      ok = fits(0.0f);
      break;
    case Activation::kRelu6:
      ok = fits(0.0f) && fits(6.0f);
      break;
    case Activation::kReluN1To1:
      ok = fits(-1.0f) && fits(1.0f);
      break;
    default:
      break;
  }
  if (!ok) return false;
  ActivationRangeQuantized(activation, output_scale, output_zero_point, qmin,
                           qmax, act_min, act_max);
  return true;
}

void ActivationRangeFloat(int activation, float* act_min, float* act_max) {
  // TFLite's CalculateActivationRange uses the finite extremes, not +-inf:
  // an infinite (or overflowing) result is clamped to +-FLT_MAX.
  const float lowest = std::numeric_limits<float>::lowest();
  const float highest = std::numeric_limits<float>::max();
  switch (static_cast<Activation>(activation)) {
    case Activation::kRelu:
      *act_min = 0.0f;
      *act_max = highest;
      break;
    case Activation::kRelu6:
      *act_min = 0.0f;
      *act_max = 6.0f;
      break;
    case Activation::kReluN1To1:
      *act_min = -1.0f;
      *act_max = 1.0f;
      break;
    default:
      *act_min = lowest;
      *act_max = highest;
      break;
  }
}

}  // namespace mote
