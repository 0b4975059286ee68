// SOFTMAX over the last axis: int8 -> int8 (TFLite's fixed-point algorithm)
// and float32.
#ifndef MOTE_KERNELS_REF_SOFTMAX_H_
#define MOTE_KERNELS_REF_SOFTMAX_H_

#include <cstdint>

#include "mote/types.h"

namespace mote {
namespace ref {

// Computed once from the input scale and beta (see PrepareSoftmaxS8).
struct SoftmaxParamsS8 {
  // input_beta * 2^26 as a Q31 multiplier and a left shift: rescales an
  // input difference (x - max) to the Q5.26 input of the exp.
  int32_t input_multiplier = 0;
  int input_left_shift = 0;
  // Differences below this are too negative to contribute (and would
  // overflow when rescaled): their exp counts as 0.
  int32_t diff_min = 0;
};

// TFLite's PreprocessSoftmaxScaling + CalculateInputRadius, in double.
// Returns false when beta * input_scale is too small for the fixed-point
// scheme (TFLite aborts there: the rescale multiplier must exceed 1).
bool PrepareSoftmaxS8(float input_scale, float beta, SoftmaxParamsS8* params);

// `shape`'s last dimension is the softmax axis; output has the same shape.
// The output is quantized with scale 1/256 and zero point -128.
void SoftmaxS8(const SoftmaxParamsS8& params, const Shape& shape,
               const int8_t* input, int8_t* output);

void SoftmaxF32(float beta, const Shape& shape, const float* input,
                float* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_SOFTMAX_H_
