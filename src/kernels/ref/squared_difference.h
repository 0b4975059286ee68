// SQUARED_DIFFERENCE: (a - b)^2 element-wise with broadcasting (rank <= 6),
// float32, int32, int8 and int16.
//
// The quantized path is TFLite Micro's: like ADD, both inputs are offset,
// shifted left (7 bits for int8, 0 for int16) and scaled to a common scale
// (twice the larger input scale); the scaled difference is squared in
// int32 and rescaled to the output with a multiplier of
// (2 * max_scale)^2 / (2^(2 * left_shift) * output_scale).
// int32 squares wrap like TFLite's int32 arithmetic does on hardware.
#ifndef MOTE_KERNELS_REF_SQUARED_DIFFERENCE_H_
#define MOTE_KERNELS_REF_SQUARED_DIFFERENCE_H_

#include <cstdint>

#include "mote/types.h"

namespace mote {
namespace ref {

struct SquaredDifferenceParamsQ {
  int32_t input1_offset = 0;  // minus the zero points
  int32_t input2_offset = 0;
  int32_t output_offset = 0;
  int left_shift = 7;
  int32_t input1_multiplier = 0;
  int input1_shift = 0;  // <= 0
  int32_t input2_multiplier = 0;
  int input2_shift = 0;
  int32_t output_multiplier = 0;
  int output_shift = 0;  // may be positive
  int32_t act_min = -128;
  int32_t act_max = 127;
};

// TFLite Micro's PrepareQuantized for int8 (left_shift 7, clamp
// [-128, 127]) or int16 (left_shift 0, clamp [-32768, 32767]). The input
// multipliers are at most 1/2, so only the output one can be large.
SquaredDifferenceParamsQ MakeSquaredDifferenceParams(
    float input1_scale, int32_t input1_zero_point, float input2_scale,
    int32_t input2_zero_point, float output_scale, int32_t output_zero_point,
    bool int16);

// Each returns false (and writes nothing) when the shapes do not broadcast.
bool SquaredDifferenceS8(const SquaredDifferenceParamsQ& params,
                         const Shape& s1, const int8_t* in1, const Shape& s2,
                         const int8_t* in2, int8_t* out);
bool SquaredDifferenceS16(const SquaredDifferenceParamsQ& params,
                          const Shape& s1, const int16_t* in1, const Shape& s2,
                          const int16_t* in2, int16_t* out);
bool SquaredDifferenceS32(const Shape& s1, const int32_t* in1, const Shape& s2,
                          const int32_t* in2, int32_t* out);
bool SquaredDifferenceF32(const Shape& s1, const float* in1, const Shape& s2,
                          const float* in2, float* out);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_SQUARED_DIFFERENCE_H_
