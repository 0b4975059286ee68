#include "kernels/ref/prelu.h"

#include <algorithm>

#include "kernels/quant_math.h"
#include "kernels/ref/broadcast.h"

namespace mote {
namespace ref {

PreluParamsS8 MakePreluParamsS8(float input_scale, int32_t input_zero_point,
                                float alpha_scale, int32_t alpha_zero_point,
                                float output_scale,
                                int32_t output_zero_point) {
  PreluParamsS8 p;
  const double real_multiplier_1 =
      static_cast<double>(input_scale) / static_cast<double>(output_scale);
  const double real_multiplier_2 = static_cast<double>(input_scale) *
                                   static_cast<double>(alpha_scale) /
                                   static_cast<double>(output_scale);
  QuantizeMultiplier(real_multiplier_1, &p.output_multiplier_1,
                     &p.output_shift_1);
  QuantizeMultiplier(real_multiplier_2, &p.output_multiplier_2,
                     &p.output_shift_2);
  p.input_offset = -input_zero_point;
  p.alpha_offset = -alpha_zero_point;
  p.output_offset = output_zero_point;
  return p;
}

bool PreluS8(const PreluParamsS8& p, const Shape& input_shape,
             const int8_t* input, const Shape& alpha_shape,
             const int8_t* alpha, int8_t* output) {
  const auto prelu = [&p](int8_t x, int8_t a) {
    const int32_t input_value = p.input_offset + x;
    int32_t output_value;
    if (input_value >= 0) {
      output_value = MultiplyByQuantizedMultiplier(
          input_value, p.output_multiplier_1, p.output_shift_1);
    } else {
      const int32_t alpha_value = p.alpha_offset + a;
      output_value = MultiplyByQuantizedMultiplier(
          input_value * alpha_value, p.output_multiplier_2, p.output_shift_2);
    }
    output_value += p.output_offset;
    return static_cast<int8_t>(std::min<int32_t>(127, std::max<int32_t>(-128, output_value)));
  };
  return BinaryElementwise(input_shape, input, alpha_shape, alpha, output,
                           prelu);
}

bool PreluF32(const Shape& input_shape, const float* input,
              const Shape& alpha_shape, const float* alpha, float* output) {
  return BinaryElementwise(
      input_shape, input, alpha_shape, alpha, output,
      [](float x, float a) { return x >= 0.0f ? x : x * a; });
}

}  // namespace ref
}  // namespace mote
