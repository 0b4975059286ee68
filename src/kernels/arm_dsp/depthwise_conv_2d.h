// DEPTHWISE_CONV_2D int8 kernels for Cortex-M with the DSP extension (M4,
// M33, M7). Same arguments and results as ref::DepthwiseConvPerChannelS8,
// plus a scratch buffer of the size selection.h gives (16-byte aligned).
// opt::DepthwiseConvPerChannelS8 (kernels/select.h) picks among them.
//
// Multiplier 1 (one output channel per input channel): four channels at a
// time in the DSP lanes, SXTB16 on the input word and per-lane 16x16
// multiply-accumulates (SMLABB/SMLATT) against weights expanded to int16
// once per call. The input offset is folded into the bias: offset * (sum of
// the channel's weights over the whole window), and taps in the padding
// read the input zero point, whose product cancels that share exactly.
//
// Multiplier 1 and a 3x3 window with the int8 range as the clamp (MobileNet,
// DS-CNN): each pixel's groups in one asm loop, taps of pixels inside the
// input at fixed offsets from the window.
//
// Any multiplier (micro_speech's one input channel x 8): a single input
// channel is a convolution, run by the CONV_2D permuted-window kernel
// (conv_2d.h, ConvWindowPermutedS8); otherwise each input channel is a
// convolution with one input channel and `multiplier` outputs, run through
// the CONV_2D matrix product (gemm.h) with the weights gathered into rows.
#ifndef MOTE_KERNELS_ARM_DSP_DEPTHWISE_CONV_2D_H_
#define MOTE_KERNELS_ARM_DSP_DEPTHWISE_CONV_2D_H_

#include <cstdint>

#include "kernels/arm_dsp/selection.h"
#include "kernels/ref/depthwise_conv_2d.h"
#include "mote/types.h"

namespace mote {
namespace arm_dsp {

// Multiplier 1, any window, stride, dilation and padding.
void DepthwiseConvS8_ArmDsp(const DepthwiseConvParams& params,
                            const int32_t* output_multiplier,
                            const int32_t* output_shift,
                            const Shape& input_shape, const int8_t* input,
                            const Shape& filter_shape, const int8_t* filter,
                            const int32_t* bias, const Shape& output_shape,
                            int8_t* output, void* scratch);

// Multiplier 1 and a 3x3 window (MobileNet, DS-CNN): the nine taps unrolled.
void DepthwiseConv3x3S8_ArmDsp(const DepthwiseConvParams& params,
                               const int32_t* output_multiplier,
                               const int32_t* output_shift,
                               const Shape& input_shape, const int8_t* input,
                               const Shape& filter_shape, const int8_t* filter,
                               const int32_t* bias, const Shape& output_shape,
                               int8_t* output, void* scratch);

// Any multiplier, any window: one input channel as a convolution, else per
// input channel the window gathered into int16 columns and multiplied with
// the channel's `multiplier` weight rows.
void DepthwiseConvMultS8_ArmDsp(const DepthwiseConvParams& params,
                                const int32_t* output_multiplier,
                                const int32_t* output_shift,
                                const Shape& input_shape, const int8_t* input,
                                const Shape& filter_shape, const int8_t* filter,
                                const int32_t* bias, const Shape& output_shape,
                                int8_t* output, void* scratch);

}  // namespace arm_dsp
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_DSP_DEPTHWISE_CONV_2D_H_
