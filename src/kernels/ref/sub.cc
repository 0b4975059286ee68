#include "kernels/ref/sub.h"

#include <algorithm>

#include "kernels/ref/broadcast.h"

namespace mote {
namespace ref {

bool MakeSubParams(DataType type, float input1_scale, int32_t input1_zero_point,
                   float input2_scale, int32_t input2_zero_point,
                   float output_scale, int32_t output_zero_point,
                   Activation activation, AddSubParams* params) {
  const int left_shift = type == DataType::kInt16 ? 15 : 20;
  // Float arithmetic on purpose: this is what TFLite's SUB does (see the
  // header), and the multipliers must match it bit for bit.
  const float twice_max_input_scale = 2 * std::max(input1_scale, input2_scale);
  const double real_input1 =
      static_cast<double>(input1_scale / twice_max_input_scale);
  const double real_input2 =
      static_cast<double>(input2_scale / twice_max_input_scale);
  const double real_output = static_cast<double>(
      twice_max_input_scale / ((1 << left_shift) * output_scale));
  return FinishAddSubParams(type, real_input1, real_input2, real_output,
                            input1_zero_point, input2_zero_point, output_scale,
                            output_zero_point, activation, params);
}

bool SubS8(const AddSubParams& p, const Shape& input1_shape,
           const int8_t* input1, const Shape& input2_shape,
           const int8_t* input2, int8_t* output) {
  return BinaryElementwise(
      input1_shape, input1, input2_shape, input2, output,
      [&p](int8_t a, int8_t b) { return AddSubQuantized<true>(p, a, b); });
}

bool SubS16(const AddSubParams& p, const Shape& input1_shape,
            const int16_t* input1, const Shape& input2_shape,
            const int16_t* input2, int16_t* output) {
  return BinaryElementwise(
      input1_shape, input1, input2_shape, input2, output,
      [&p](int16_t a, int16_t b) { return AddSubQuantized<true>(p, a, b); });
}

bool SubS32(int32_t act_min, int32_t act_max, const Shape& input1_shape,
            const int32_t* input1, const Shape& input2_shape,
            const int32_t* input2, int32_t* output) {
  const auto sub = [act_min, act_max](int32_t a, int32_t b) {
    const int32_t d = static_cast<int32_t>(static_cast<uint32_t>(a) -
                                           static_cast<uint32_t>(b));
    return std::min(std::max(d, act_min), act_max);
  };
  return BinaryElementwise(input1_shape, input1, input2_shape, input2, output,
                           sub);
}

bool SubF32(float act_min, float act_max, const Shape& input1_shape,
            const float* input1, const Shape& input2_shape, const float* input2,
            float* output) {
  const auto sub = [act_min, act_max](float a, float b) {
    return ClampF32(a - b, act_min, act_max);
  };
  return BinaryElementwise(input1_shape, input1, input2_shape, input2, output,
                           sub);
}

}  // namespace ref
}  // namespace mote
