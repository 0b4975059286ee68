// TRANSPOSE_CONV reference kernels (NHWC), int8 per-channel and float32.
//
// TFLite's reference TransposeConv scatters: for every input element and
// every filter tap it adds input * filter into the output position the tap
// reaches (skipping positions outside the output), then adds the bias and
// finishes each output. mote keeps that order, so float sums round exactly
// as TFLite's do. int8 accumulates (input + input_offset) * filter in the
// int32 `scratch` buffer (one entry per output element; the filter zero
// point is 0), adds the bias, rescales per output channel, adds the output
// zero point and clamps to [act_min, act_max].
#ifndef MOTE_KERNELS_REF_TRANSPOSE_CONV_H_
#define MOTE_KERNELS_REF_TRANSPOSE_CONV_H_

#include <cstdint>

#include "kernels/ref/conv_2d.h"
#include "mote/types.h"

namespace mote {
namespace ref {

// input [batches, in_h, in_w, in_ch], filter [out_ch, filter_h, filter_w,
// in_ch], bias [out_ch] or null, output [batches, out_h, out_w, out_ch].
// Uses params.stride_*, pad_height/pad_width (top/left padding of the
// output, as TFLite computes it from the output size), input_offset,
// output_offset, act_min/act_max.
void TransposeConvPerChannelS8(const ConvParams& params,
                               const int32_t* output_multiplier,
                               const int32_t* output_shift,
                               const Shape& input_shape, const int8_t* input,
                               const Shape& filter_shape, const int8_t* filter,
                               const int32_t* bias, const Shape& output_shape,
                               int8_t* output, int32_t* scratch);

// Same layout; clamps to [float_act_min, float_act_max]. No scratch: the
// output accumulates in place.
void TransposeConvF32(const ConvParams& params, const Shape& input_shape,
                      const float* input, const Shape& filter_shape,
                      const float* filter, const float* bias,
                      const Shape& output_shape, float* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_TRANSPOSE_CONV_H_
