#include "kernels/ref/mul.h"

#include <algorithm>
#include <cmath>

#include "kernels/quant_math.h"
#include "kernels/ref/broadcast.h"

namespace mote {
namespace ref {

bool MakeMulParams(DataType type, float input1_scale, int32_t input1_zero_point,
                   float input2_scale, int32_t input2_zero_point,
                   float output_scale, int32_t output_zero_point,
                   Activation activation, MulParams* params) {
  MulParams p;
  p.input1_offset = -input1_zero_point;
  p.input2_offset = -input2_zero_point;
  p.output_offset = output_zero_point;
  const double real = static_cast<double>(input1_scale) *
                      static_cast<double>(input2_scale) /
                      static_cast<double>(output_scale);
  if (!(real >= 0.0) || std::isinf(real)) return false;
  QuantizeMultiplier(real, &p.output_multiplier, &p.output_shift);
  if (p.output_shift > 31) return false;
  const int32_t qmin = type == DataType::kInt16 ? -32768 : -128;
  const int32_t qmax = type == DataType::kInt16 ? 32767 : 127;
  if (!ActivationRangeQuantizedChecked(static_cast<int>(activation),
                                       output_scale, output_zero_point, qmin,
                                       qmax, &p.act_min, &p.act_max)) {
    return false;
  }
  *params = p;
  return true;
}

namespace {

template <typename T>
T MulQuantized(const MulParams& p, T a, T b) {
  // Both factors fit in 9 (int8) or 17 (int16, zero point 0: 16) bits, so
  // the product is exact in int32.
  const int32_t product = (p.input1_offset + a) * (p.input2_offset + b);
  const int32_t raw =
      p.output_offset + MultiplyByQuantizedMultiplier(
                            product, p.output_multiplier, p.output_shift);
  return static_cast<T>(std::min(p.act_max, std::max(p.act_min, raw)));
}

}  // namespace

bool MulS8(const MulParams& p, const Shape& input1_shape,
           const int8_t* input1, const Shape& input2_shape,
           const int8_t* input2, int8_t* output) {
  return BinaryElementwise(
      input1_shape, input1, input2_shape, input2, output,
      [&p](int8_t a, int8_t b) { return MulQuantized(p, a, b); });
}

bool MulS16(const MulParams& p, const Shape& input1_shape,
            const int16_t* input1, const Shape& input2_shape,
            const int16_t* input2, int16_t* output) {
  return BinaryElementwise(
      input1_shape, input1, input2_shape, input2, output,
      [&p](int16_t a, int16_t b) { return MulQuantized(p, a, b); });
}

bool MulS32(int32_t act_min, int32_t act_max, const Shape& input1_shape,
            const int32_t* input1, const Shape& input2_shape,
            const int32_t* input2, int32_t* output) {
  const auto mul = [act_min, act_max](int32_t a, int32_t b) {
    const int32_t product = static_cast<int32_t>(static_cast<uint32_t>(a) *
                                                 static_cast<uint32_t>(b));
    return std::min(std::max(product, act_min), act_max);
  };
  return BinaryElementwise(input1_shape, input1, input2_shape, input2, output,
                           mul);
}

bool MulF32(float act_min, float act_max, const Shape& input1_shape,
            const float* input1, const Shape& input2_shape, const float* input2,
            float* output) {
  const auto mul = [act_min, act_max](float a, float b) {
    return ClampF32(a * b, act_min, act_max);
  };
  return BinaryElementwise(input1_shape, input1, input2_shape, input2, output,
                           mul);
}

}  // namespace ref
}  // namespace mote
