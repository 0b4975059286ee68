// SUB: element-wise difference with broadcasting (rank <= 6), int8, int16,
// int32, float32. The int8 and int16 paths are ADD's requantization (see
// add.h) with the scaled second input subtracted instead of added.
#ifndef MOTE_KERNELS_REF_SUB_H_
#define MOTE_KERNELS_REF_SUB_H_

#include <cstdint>

#include "kernels/ref/add.h"
#include "mote/types.h"

namespace mote {
namespace ref {

// SUB's Prepare (TFLite's CalculateOpDataSub) for an int8 or int16 `type`.
// Unlike ADD, TFLite computes twice the max scale and the three real
// multipliers in float and only then widens them to double; the multipliers
// differ from ADD's in the low bits. False in the cases MakeAddParams is.
bool MakeSubParams(DataType type, float input1_scale, int32_t input1_zero_point,
                   float input2_scale, int32_t input2_zero_point,
                   float output_scale, int32_t output_zero_point,
                   Activation activation, AddSubParams* params);

// The output has the broadcast shape of the inputs. Each returns false (and
// writes nothing) when the input shapes do not broadcast.
bool SubS8(const AddSubParams& params, const Shape& input1_shape,
           const int8_t* input1, const Shape& input2_shape,
           const int8_t* input2, int8_t* output);
bool SubS16(const AddSubParams& params, const Shape& input1_shape,
            const int16_t* input1, const Shape& input2_shape,
            const int16_t* input2, int16_t* output);

// Clamped to `act_min`/`act_max` (ActivationRangeS32); the difference wraps.
bool SubS32(int32_t act_min, int32_t act_max, const Shape& input1_shape,
            const int32_t* input1, const Shape& input2_shape,
            const int32_t* input2, int32_t* output);

// `act_min`/`act_max` from ActivationRangeFloat.
bool SubF32(float act_min, float act_max, const Shape& input1_shape,
            const float* input1, const Shape& input2_shape, const float* input2,
            float* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_SUB_H_
