// TFLite's int16 lookup tables with interpolation (LUTPopulate<int16_t>,
// LUTLookup): 513 entries, the top 9 bits of the input index the table, the
// low 7 interpolate between two entries. Used by int16 SOFTMAX for exp(x)
// and 1 / (1 + x).
#ifndef MOTE_KERNELS_REF_LUT_H_
#define MOTE_KERNELS_REF_LUT_H_

#include <cstdint>

namespace mote {
namespace ref {

constexpr int kLutSizeS16 = 513;

// Fills `lut` (kLutSizeS16 entries) with fn over the int16 input range
// (input_scale, input_zero_point) quantized to the int16 output range
// (output_scale, output_zero_point), in float exactly as TFLite's
// LUTPopulateInt16<float> computes it, including its correction of each
// entry by half the interpolation error at the segment midpoint.
void PopulateLutS16(float input_scale, int32_t input_zero_point,
                    float output_scale, int32_t output_zero_point,
                    float (*fn)(float), int16_t* lut);

// The interpolated value of the table at `value`.
inline int16_t LutLookupS16(int16_t value, const int16_t* lut) {
  // 256 + value / 128 (arithmetic shift) is in [0, 511].
  const int index = 256 + (value >> 7);
  const int offset = value & 0x7f;
  const int base = lut[index];
  // TFLite stores the slope in an int16 (it never exceeds that range for
  // the monotonic tables built here) before using it.
  const int slope = static_cast<int16_t>(lut[index + 1] - lut[index]);
  const int delta = (slope * offset + 64) >> 7;
  return static_cast<int16_t>(base + delta);
}

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_LUT_H_
