#include "kernels/ref/add.h"

#include <algorithm>

#include "kernels/quant_math.h"
#include "kernels/ref/broadcast.h"

namespace mote {
namespace ref {

bool QuantizeMultiplierSmallerThanOne(double real, int32_t* multiplier,
                                      int* shift) {
  // Written so that NaN fails too.
  if (!(real > 0.0 && real < 1.0)) return false;
  QuantizeMultiplier(real, multiplier, shift);
  return *shift <= 0;
}

bool MakeAddParamsS8(float input1_scale, int32_t input1_zero_point,
                     float input2_scale, int32_t input2_zero_point,
                     float output_scale, int32_t output_zero_point,
                     Activation activation, AddSubParamsS8* params) {
  AddSubParamsS8 p;
  p.input1_offset = -input1_zero_point;
  p.input2_offset = -input2_zero_point;
  p.output_offset = output_zero_point;
  p.left_shift = 20;
  // Same operations, same order, same precision as TFLite: the product
  // 2 * max is exact in float, every division is in double.
  const double twice_max_input_scale =
      2 * static_cast<double>(std::max(input1_scale, input2_scale));
  const double real_input1 =
      static_cast<double>(input1_scale) / twice_max_input_scale;
  const double real_input2 =
      static_cast<double>(input2_scale) / twice_max_input_scale;
  const double real_output =
      twice_max_input_scale /
      ((1 << p.left_shift) * static_cast<double>(output_scale));
  if (!QuantizeMultiplierSmallerThanOne(real_input1, &p.input1_multiplier,
                                        &p.input1_shift) ||
      !QuantizeMultiplierSmallerThanOne(real_input2, &p.input2_multiplier,
                                        &p.input2_shift) ||
      !QuantizeMultiplierSmallerThanOne(real_output, &p.output_multiplier,
                                        &p.output_shift)) {
    return false;
  }
  if (!ActivationRangeQuantizedChecked(static_cast<int>(activation),
                                       output_scale, output_zero_point, -128,
                                       127, &p.act_min, &p.act_max)) {
    return false;
  }
  *params = p;
  return true;
}

bool AddS8(const AddSubParamsS8& p, const Shape& input1_shape,
           const int8_t* input1, const Shape& input2_shape,
           const int8_t* input2, int8_t* output) {
  const auto add = [&p](int8_t a, int8_t b) {
    // (q - zp) fits in 9 bits, so the 20-bit shift cannot overflow; the
    // wrapping shift only keeps a malformed zero point free of UB.
    const int32_t shifted1 =
        ShiftLeftWrapping(p.input1_offset + a, p.left_shift);
    const int32_t shifted2 =
        ShiftLeftWrapping(p.input2_offset + b, p.left_shift);
    // Shifts are <= 0, where MultiplyByQuantizedMultiplier is exactly
    // TFLite's MultiplyByQuantizedMultiplierSmallerThanOneExp.
    const int32_t scaled1 = MultiplyByQuantizedMultiplier(
        shifted1, p.input1_multiplier, p.input1_shift);
    const int32_t scaled2 = MultiplyByQuantizedMultiplier(
        shifted2, p.input2_multiplier, p.input2_shift);
    const int32_t raw =
        MultiplyByQuantizedMultiplier(scaled1 + scaled2, p.output_multiplier,
                                      p.output_shift) +
        p.output_offset;
    return static_cast<int8_t>(std::min(p.act_max, std::max(p.act_min, raw)));
  };
  return BinaryElementwise(input1_shape, input1, input2_shape, input2, output,
                           add);
}

bool AddS32(const Shape& input1_shape, const int32_t* input1,
            const Shape& input2_shape, const int32_t* input2, int32_t* output) {
  const auto add = [](int32_t a, int32_t b) {
    return static_cast<int32_t>(static_cast<uint32_t>(a) +
                                static_cast<uint32_t>(b));
  };
  return BinaryElementwise(input1_shape, input1, input2_shape, input2, output,
                           add);
}

bool AddF32(float act_min, float act_max, const Shape& input1_shape,
            const float* input1, const Shape& input2_shape, const float* input2,
            float* output) {
  const auto add = [act_min, act_max](float a, float b) {
    return ClampF32(a + b, act_min, act_max);
  };
  return BinaryElementwise(input1_shape, input1, input2_shape, input2, output,
                           add);
}

}  // namespace ref
}  // namespace mote
