// ADD: element-wise sum with broadcasting (rank <= 6), int8, int32, float32.
//
// The int8 path is TFLite's general requantizing add: both inputs are
// offset by their zero points, shifted left by 20 bits for headroom, scaled
// to a common scale (twice the larger input scale), summed, and the sum is
// rescaled to the output scale. SUB uses the same parameters.
#ifndef MOTE_KERNELS_REF_ADD_H_
#define MOTE_KERNELS_REF_ADD_H_

#include <cstdint>

#include "mote/types.h"

namespace mote {
namespace ref {

// The int8 requantization of ADD and SUB, computed once in Prepare.
struct AddSubParamsS8 {
  int32_t input1_offset = 0;  // minus the input zero points
  int32_t input2_offset = 0;
  int32_t output_offset = 0;  // plus the output zero point
  int left_shift = 20;
  int32_t input1_multiplier = 0;
  int input1_shift = 0;  // <= 0: a right shift
  int32_t input2_multiplier = 0;
  int input2_shift = 0;
  int32_t output_multiplier = 0;
  int output_shift = 0;
  int32_t act_min = -128;  // fused activation clamp, in output units
  int32_t act_max = 127;
};

// QuantizeMultiplier restricted to (0, 1), as TFLite's
// QuantizeMultiplierSmallerThanOneExp: false (TFLite would abort) when
// `real` is not in (0, 1) or rounds up to 1.
bool QuantizeMultiplierSmallerThanOne(double real, int32_t* multiplier,
                                      int* shift);

// ADD's Prepare (TFLite's CalculateOpDataAdd): the scales are widened to
// double before dividing. False where TFLite refuses the model: a multiplier
// out of range (e.g. an output scale below 2^-19 times the larger input
// scale) or an activation bound that overflows int32.
bool MakeAddParamsS8(float input1_scale, int32_t input1_zero_point,
                     float input2_scale, int32_t input2_zero_point,
                     float output_scale, int32_t output_zero_point,
                     Activation activation, AddSubParamsS8* params);

// The output has the broadcast shape of the inputs. Each returns false (and
// writes nothing) when the input shapes do not broadcast.
bool AddS8(const AddSubParamsS8& params, const Shape& input1_shape,
           const int8_t* input1, const Shape& input2_shape,
           const int8_t* input2, int8_t* output);

// TFLite ignores the fused activation of an int32 ADD; the sum wraps.
bool AddS32(const Shape& input1_shape, const int32_t* input1,
            const Shape& input2_shape, const int32_t* input2, int32_t* output);

// `act_min`/`act_max` from ActivationRangeFloat.
bool AddF32(float act_min, float act_max, const Shape& input1_shape,
            const float* input1, const Shape& input2_shape, const float* input2,
            float* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_ADD_H_
