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

bool FinishAddSubParams(DataType type, double real_input1, double real_input2,
                        double real_output, int32_t input1_zero_point,
                        int32_t input2_zero_point, float output_scale,
                        int32_t output_zero_point, Activation activation,
                        AddSubParams* params) {
  AddSubParams p;
  p.input1_offset = -input1_zero_point;
  p.input2_offset = -input2_zero_point;
  p.output_offset = output_zero_point;
  p.left_shift = type == DataType::kInt16 ? 15 : 20;
  const int32_t qmin = type == DataType::kInt16 ? -32768 : -128;
  const int32_t qmax = type == DataType::kInt16 ? 32767 : 127;
  if (!QuantizeMultiplierSmallerThanOne(real_input1, &p.input1_multiplier,
                                        &p.input1_shift) ||
      !QuantizeMultiplierSmallerThanOne(real_input2, &p.input2_multiplier,
                                        &p.input2_shift) ||
      !QuantizeMultiplierSmallerThanOne(real_output, &p.output_multiplier,
                                        &p.output_shift) ||
      !ActivationRangeQuantizedChecked(static_cast<int>(activation),
                                       output_scale, output_zero_point, qmin,
                                       qmax, &p.act_min, &p.act_max)) {
    return false;
  }
  *params = p;
  return true;
}

bool MakeAddParams(DataType type, float input1_scale, int32_t input1_zero_point,
                   float input2_scale, int32_t input2_zero_point,
                   float output_scale, int32_t output_zero_point,
                   Activation activation, AddSubParams* params) {
  const int left_shift = type == DataType::kInt16 ? 15 : 20;
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
      ((1 << left_shift) * static_cast<double>(output_scale));
  return FinishAddSubParams(type, real_input1, real_input2, real_output,
                            input1_zero_point, input2_zero_point, output_scale,
                            output_zero_point, activation, params);
}

bool AddS8(const AddSubParams& p, const Shape& input1_shape,
           const int8_t* input1, const Shape& input2_shape,
           const int8_t* input2, int8_t* output) {
  return BinaryElementwise(
      input1_shape, input1, input2_shape, input2, output,
      [&p](int8_t a, int8_t b) { return AddSubQuantized<false>(p, a, b); });
}

bool AddS16(const AddSubParams& p, const Shape& input1_shape,
            const int16_t* input1, const Shape& input2_shape,
            const int16_t* input2, int16_t* output) {
  return BinaryElementwise(
      input1_shape, input1, input2_shape, input2, output,
      [&p](int16_t a, int16_t b) { return AddSubQuantized<false>(p, a, b); });
}

bool AddS32(int32_t act_min, int32_t act_max, const Shape& input1_shape,
            const int32_t* input1, const Shape& input2_shape,
            const int32_t* input2, int32_t* output) {
  const auto add = [act_min, act_max](int32_t a, int32_t b) {
    const int32_t sum = static_cast<int32_t>(static_cast<uint32_t>(a) +
                                             static_cast<uint32_t>(b));
    return std::min(std::max(sum, act_min), act_max);
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
