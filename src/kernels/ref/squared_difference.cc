#include "kernels/ref/squared_difference.h"

#include <algorithm>

#include "kernels/quant_math.h"
#include "kernels/ref/broadcast.h"

namespace mote {
namespace ref {
namespace {

template <typename T>
bool SquaredDifferenceQ(const SquaredDifferenceParamsQ& p, const Shape& s1,
                        const T* in1, const Shape& s2, const T* in2, T* out) {
  const auto fn = [&p](T x, T y) {
    const int32_t shifted1 =
        ShiftLeftWrapping(p.input1_offset + x, p.left_shift);
    const int32_t shifted2 =
        ShiftLeftWrapping(p.input2_offset + y, p.left_shift);
    // Shifts <= 0: MultiplyByQuantizedMultiplier is TFLite's
    // MultiplyByQuantizedMultiplierSmallerThanOneExp there.
    const int32_t scaled1 = MultiplyByQuantizedMultiplier(
        shifted1, p.input1_multiplier, p.input1_shift);
    const int32_t scaled2 = MultiplyByQuantizedMultiplier(
        shifted2, p.input2_multiplier, p.input2_shift);
    const int32_t diff = scaled1 - scaled2;
    // |diff| < 2^15 for int8 (255 * 2^7 / 2 each side) and int16, so the
    // square fits int32.
    const int32_t squared = diff * diff;
    const int32_t raw = MultiplyByQuantizedMultiplier(
                            squared, p.output_multiplier, p.output_shift) +
                        p.output_offset;
    return static_cast<T>(std::min(p.act_max, std::max(p.act_min, raw)));
  };
  return BinaryElementwise(s1, in1, s2, in2, out, fn);
}

}  // namespace

SquaredDifferenceParamsQ MakeSquaredDifferenceParams(
    float input1_scale, int32_t input1_zero_point, float input2_scale,
    int32_t input2_zero_point, float output_scale, int32_t output_zero_point,
    bool int16) {
  SquaredDifferenceParamsQ p;
  p.input1_offset = -input1_zero_point;
  p.input2_offset = -input2_zero_point;
  p.output_offset = output_zero_point;
  p.left_shift = int16 ? 0 : 7;
  p.act_min = int16 ? -32768 : -128;
  p.act_max = int16 ? 32767 : 127;
  // Same operations and precisions as TFLite: the max in float, the ratios
  // in double, and 2^(2 * left_shift) * output_scale as an int times a
  // float (exact: a power of two).
  const double twice_max_input_scale =
      2.0 * static_cast<double>(std::max(input1_scale, input2_scale));
  const double real_input1 =
      static_cast<double>(input1_scale) / twice_max_input_scale;
  const double real_input2 =
      static_cast<double>(input2_scale) / twice_max_input_scale;
  const double real_output =
      (twice_max_input_scale * twice_max_input_scale) /
      static_cast<double>((1 << (p.left_shift * 2)) * output_scale);
  // The input ratios are in (0, 1/2], where QuantizeMultiplier is TFLite's
  // QuantizeMultiplierSmallerThanOneExp.
  QuantizeMultiplier(real_input1, &p.input1_multiplier, &p.input1_shift);
  QuantizeMultiplier(real_input2, &p.input2_multiplier, &p.input2_shift);
  QuantizeMultiplier(real_output, &p.output_multiplier, &p.output_shift);
  return p;
}

bool SquaredDifferenceS8(const SquaredDifferenceParamsQ& params,
                         const Shape& s1, const int8_t* in1, const Shape& s2,
                         const int8_t* in2, int8_t* out) {
  return SquaredDifferenceQ(params, s1, in1, s2, in2, out);
}

bool SquaredDifferenceS16(const SquaredDifferenceParamsQ& params,
                          const Shape& s1, const int16_t* in1, const Shape& s2,
                          const int16_t* in2, int16_t* out) {
  return SquaredDifferenceQ(params, s1, in1, s2, in2, out);
}

bool SquaredDifferenceS32(const Shape& s1, const int32_t* in1, const Shape& s2,
                          const int32_t* in2, int32_t* out) {
  return BinaryElementwise(s1, in1, s2, in2, out, [](int32_t a, int32_t b) {
    const uint32_t d = static_cast<uint32_t>(a) - static_cast<uint32_t>(b);
    return static_cast<int32_t>(d * d);
  });
}

bool SquaredDifferenceF32(const Shape& s1, const float* in1, const Shape& s2,
                          const float* in2, float* out) {
  return BinaryElementwise(s1, in1, s2, in2, out, [](float a, float b) {
    const float d = a - b;
    return d * d;
  });
}

}  // namespace ref
}  // namespace mote
