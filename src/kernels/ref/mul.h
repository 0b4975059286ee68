// MUL: element-wise product with broadcasting (rank <= 6), int8, int16,
// int32, float32.
//
// The int8 and int16 paths multiply the zero-point-corrected inputs exactly
// in int32 (int16 zero points are 0, so |product| <= 2^30) and rescale the
// product once by in1_scale * in2_scale / out_scale.
#ifndef MOTE_KERNELS_REF_MUL_H_
#define MOTE_KERNELS_REF_MUL_H_

#include <cstdint>

#include "mote/types.h"

namespace mote {
namespace ref {

struct MulParams {
  int32_t input1_offset = 0;  // minus the input zero points
  int32_t input2_offset = 0;
  int32_t output_offset = 0;  // plus the output zero point
  int32_t output_multiplier = 0;
  int output_shift = 0;  // may be positive: the rescale can exceed 1
  int32_t act_min = -128;
  int32_t act_max = 127;
};

// MUL's Prepare (TFLite's CalculateOpDataMul) for an int8 or int16 `type`:
// the real multiplier is in1_scale * in2_scale / out_scale in double,
// quantized with QuantizeMultiplier. False when it is not finite and
// non-negative, needs a left shift above 31 (which TFLite could not perform
// without overflow), or an activation bound overflows int32.
bool MakeMulParams(DataType type, float input1_scale, int32_t input1_zero_point,
                   float input2_scale, int32_t input2_zero_point,
                   float output_scale, int32_t output_zero_point,
                   Activation activation, MulParams* params);

// The output has the broadcast shape of the inputs. Each returns false (and
// writes nothing) when the input shapes do not broadcast.
bool MulS8(const MulParams& params, const Shape& input1_shape,
           const int8_t* input1, const Shape& input2_shape,
           const int8_t* input2, int8_t* output);
bool MulS16(const MulParams& params, const Shape& input1_shape,
            const int16_t* input1, const Shape& input2_shape,
            const int16_t* input2, int16_t* output);

// Clamped to `act_min`/`act_max` (ActivationRangeS32); the product wraps.
bool MulS32(int32_t act_min, int32_t act_max, const Shape& input1_shape,
            const int32_t* input1, const Shape& input2_shape,
            const int32_t* input2, int32_t* output);

// `act_min`/`act_max` from ActivationRangeFloat.
bool MulF32(float act_min, float act_max, const Shape& input1_shape,
            const float* input1, const Shape& input2_shape, const float* input2,
            float* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_MUL_H_
