#include "kernels/ref/quantize.h"

#include <cmath>
#include <limits>

#include "kernels/quant_math.h"

namespace mote {
namespace ref {
namespace {

template <typename In, typename Out>
void Requantize(const In* input, size_t size, int32_t input_zero_point,
                int32_t multiplier, int shift, int32_t output_zero_point,
                Out* output) {
  // Compared in int64: the int32 output type makes the TFLite clamp a no-op,
  // while the sum below may leave the int32 range (where TFLite wraps).
  constexpr int64_t kMin = std::numeric_limits<Out>::min();
  constexpr int64_t kMax = std::numeric_limits<Out>::max();
  for (size_t i = 0; i < size; ++i) {
    const int32_t centered =
        static_cast<int32_t>(static_cast<uint32_t>(input[i]) -
                             static_cast<uint32_t>(input_zero_point));
    const int32_t scaled =
        MultiplyByQuantizedMultiplier(centered, multiplier, shift);
    const int32_t q =
        static_cast<int32_t>(static_cast<uint32_t>(scaled) +
                             static_cast<uint32_t>(output_zero_point));
    const int64_t clamped = q < kMin ? kMin : (q > kMax ? kMax : q);
    output[i] = static_cast<Out>(clamped);
  }
}

}  // namespace

void QuantizeF32ToS8(const float* input, size_t size, float scale,
                     int32_t zero_point, int8_t* output) {
  for (size_t i = 0; i < size; ++i) {
    const float rounded = std::round(input[i] / scale);
    if (std::isnan(rounded)) {
      output[i] = static_cast<int8_t>(zero_point < -128  ? -128
                                      : zero_point > 127 ? 127
                                                         : zero_point);
      continue;
    }
    // In double, as current TFLite does: exact for every int8 result and
    // free of overflow for huge quotients, which simply saturate.
    const double q = static_cast<double>(rounded) + zero_point;
    output[i] =
        static_cast<int8_t>(q < -128.0 ? -128.0 : (q > 127.0 ? 127.0 : q));
  }
}

void RequantizeMultiplier(float input_scale, float output_scale,
                          int32_t* multiplier, int* shift) {
  QuantizeMultiplier(
      static_cast<double>(input_scale) / static_cast<double>(output_scale),
      multiplier, shift);
}

void RequantizeS8ToS8(const int8_t* input, size_t size,
                      int32_t input_zero_point, int32_t multiplier, int shift,
                      int32_t output_zero_point, int8_t* output) {
  Requantize(input, size, input_zero_point, multiplier, shift,
             output_zero_point, output);
}

void RequantizeS8ToU8(const int8_t* input, size_t size,
                      int32_t input_zero_point, int32_t multiplier, int shift,
                      int32_t output_zero_point, uint8_t* output) {
  Requantize(input, size, input_zero_point, multiplier, shift,
             output_zero_point, output);
}

void RequantizeU8ToS8(const uint8_t* input, size_t size,
                      int32_t input_zero_point, int32_t multiplier, int shift,
                      int32_t output_zero_point, int8_t* output) {
  Requantize(input, size, input_zero_point, multiplier, shift,
             output_zero_point, output);
}

void RequantizeS8ToS32(const int8_t* input, size_t size,
                       int32_t input_zero_point, int32_t multiplier, int shift,
                       int32_t output_zero_point, int32_t* output) {
  Requantize(input, size, input_zero_point, multiplier, shift,
             output_zero_point, output);
}

void RequantizeS32ToS8(const int32_t* input, size_t size,
                       int32_t input_zero_point, int32_t multiplier, int shift,
                       int32_t output_zero_point, int8_t* output) {
  Requantize(input, size, input_zero_point, multiplier, shift,
             output_zero_point, output);
}

}  // namespace ref
}  // namespace mote
