// DEPTHWISE_CONV_2D int8 kernels for the Cortex-M55 with Helium (MVE). Same
// arguments and results as ref::DepthwiseConvPerChannelS8, plus a scratch
// buffer of the size selection.h gives (16-byte aligned).
// opt::DepthwiseConvPerChannelS8 (kernels/select.h) picks among them.
//
// Multiplier 1 (one output channel per input channel): channels in lanes,
// sixteen at a time as four int32x4 accumulators (VMULLB/VMULLT; with no
// weight of -128, two taps' int8 products added in int16 before widening,
// depthwise_mac.h), eight channels as two; a 3x3 layer's pixels whose
// window lies inside the input run through one asm loop per row (taps,
// requantization, narrowing stores), VWW's eight-channel layer two pixels
// at a time. The input offset is folded into the bias: offset * (sum of
// the channel's weights over the window), and taps in the padding read a
// row of the input zero point, whose product cancels that share exactly.
//
// Any multiplier: each input channel is a convolution with one input
// channel and `multiplier` outputs, run through the CONV_2D product
// (gemm.h) on gathered windows.
#ifndef MOTE_KERNELS_ARM_MVE_DEPTHWISE_CONV_2D_H_
#define MOTE_KERNELS_ARM_MVE_DEPTHWISE_CONV_2D_H_

#include <cstdint>

#include "kernels/arm_mve/selection.h"
#include "kernels/ref/depthwise_conv_2d.h"
#include "mote/types.h"

namespace mote {
namespace arm_mve {

// Multiplier 1, any window, stride, dilation and padding.
void DepthwiseConvS8_Mve(const DepthwiseConvParams& params,
                         const int32_t* output_multiplier,
                         const int32_t* output_shift, const Shape& input_shape,
                         const int8_t* input, const Shape& filter_shape,
                         const int8_t* filter, const int32_t* bias,
                         const Shape& output_shape, int8_t* output,
                         void* scratch);

// Multiplier 1 and a 3x3 window (MobileNet, DS-CNN): the nine taps unrolled.
void DepthwiseConv3x3S8_Mve(const DepthwiseConvParams& params,
                            const int32_t* output_multiplier,
                            const int32_t* output_shift,
                            const Shape& input_shape, const int8_t* input,
                            const Shape& filter_shape, const int8_t* filter,
                            const int32_t* bias, const Shape& output_shape,
                            int8_t* output, void* scratch);

// Any multiplier, any window: per input channel, four pixels' windows
// gathered as int8 and multiplied with the channel's `multiplier` rows.
void DepthwiseConvMultS8_Mve(const DepthwiseConvParams& params,
                             const int32_t* output_multiplier,
                             const int32_t* output_shift,
                             const Shape& input_shape, const int8_t* input,
                             const Shape& filter_shape, const int8_t* filter,
                             const int32_t* bias, const Shape& output_shape,
                             int8_t* output, void* scratch);

}  // namespace arm_mve
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_MVE_DEPTHWISE_CONV_2D_H_
