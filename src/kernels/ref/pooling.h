// AVERAGE_POOL_2D and MAX_POOL_2D on NHWC tensors, int8 and float32.
//
// A window that hangs over the input edge is cut to the part inside the
// input: padding is never read, and the average divides by the number of
// elements actually summed (TFLite's behaviour).
#ifndef MOTE_KERNELS_REF_POOLING_H_
#define MOTE_KERNELS_REF_POOLING_H_

#include <cstdint>
#include <limits>

#include "mote/types.h"

namespace mote {
namespace ref {

struct PoolParams {
  int32_t filter_height = 1;
  int32_t filter_width = 1;
  int32_t stride_height = 1;
  int32_t stride_width = 1;
  int32_t padding_height = 0;  // rows of padding above the input
  int32_t padding_width = 0;   // columns of padding left of the input
  // Fused activation clamp: int8 kernels use the quantized pair (from
  // ActivationRangeQuantized), float kernels the float pair.
  int32_t act_min = -128;
  int32_t act_max = 127;
  float act_min_f = std::numeric_limits<float>::lowest();
  float act_max_f = std::numeric_limits<float>::max();
};

// Output size and leading padding of one spatial axis, as TFLite's
// ComputePaddingHeightWidth (dilation 1): SAME gives ceil(in / stride) and
// half the total padding (rounded down) before the input; VALID gives
// (in - filter + stride) / stride and no padding. The output size is 0 when
// stride < 1.
void ComputePoolPadding(Padding padding, int32_t in_size, int32_t filter_size,
                        int32_t stride, int32_t* out_size, int32_t* pad);

// Input and output are rank 4 NHWC with equal batch and channel counts.
// The average rounds half away from zero, as TFLite's
// reference_integer_ops::AveragePool: (sum +- count / 2) / count. Returns
// false if a window lies entirely in the padding (impossible with sizes from
// ComputePoolPadding); the outputs after it are then not written.
bool AveragePoolS8(const PoolParams& params, const Shape& input_shape,
                   const int8_t* input, const Shape& output_shape,
                   int8_t* output);

// Sums in float in window order (rows, then columns) and divides by the
// count in float, as TFLite's reference AveragePool.
bool AveragePoolF32(const PoolParams& params, const Shape& input_shape,
                    const float* input, const Shape& output_shape,
                    float* output);

void MaxPoolS8(const PoolParams& params, const Shape& input_shape,
               const int8_t* input, const Shape& output_shape, int8_t* output);

void MaxPoolF32(const PoolParams& params, const Shape& input_shape,
                const float* input, const Shape& output_shape, float* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_POOLING_H_
