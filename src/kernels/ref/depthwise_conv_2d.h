// DEPTHWISE_CONV_2D reference kernels (NHWC).
//
// Each input channel ic is convolved on its own with depth_multiplier
// filters; output channel oc = ic * depth_multiplier + m. The filter is
// [1, filter_h, filter_w, out_ch]. The arithmetic is TFLite's reference
// arithmetic, exactly as for CONV_2D (see conv_2d.h).
#ifndef MOTE_KERNELS_REF_DEPTHWISE_CONV_2D_H_
#define MOTE_KERNELS_REF_DEPTHWISE_CONV_2D_H_

#include <cstdint>

#include "kernels/ref/conv_2d.h"
#include "mote/types.h"

namespace mote {

struct DepthwiseConvParams : ConvParams {
  // out_ch / in_ch. TFLite derives it from the shapes, not from the option.
  int32_t depth_multiplier = 1;
};

namespace ref {

// input [batches, in_h, in_w, in_ch], filter [1, filter_h, filter_w,
// in_ch * depth_multiplier], bias [out_ch] or null, output [batches, out_h,
// out_w, out_ch]; one multiplier/shift per output channel. No scratch.
void DepthwiseConvPerChannelS8(const DepthwiseConvParams& params,
                               const int32_t* output_multiplier,
                               const int32_t* output_shift,
                               const Shape& input_shape, const int8_t* input,
                               const Shape& filter_shape, const int8_t* filter,
                               const int32_t* bias, const Shape& output_shape,
                               int8_t* output);

// int16 input and output, int8 filter, int64 bias (or null): int64
// accumulator, as TFLite's 16x8 kernel. Shifts must be <= kMaxShiftS64.
// No scratch.
void DepthwiseConvPerChannelS16(const DepthwiseConvParams& params,
                                const int32_t* output_multiplier,
                                const int32_t* output_shift,
                                const Shape& input_shape, const int16_t* input,
                                const Shape& filter_shape, const int8_t* filter,
                                const int64_t* bias, const Shape& output_shape,
                                int16_t* output);

// Same layout, float32. No scratch.
void DepthwiseConvF32(const DepthwiseConvParams& params,
                      const Shape& input_shape, const float* input,
                      const Shape& filter_shape, const float* filter,
                      const float* bias, const Shape& output_shape,
                      float* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_DEPTHWISE_CONV_2D_H_
