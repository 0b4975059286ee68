// CONV_2D int8 kernels for Cortex-M with the DSP extension (M4, M33, M7).
// Same arguments and results as ref::ConvPerChannelS8, plus a scratch
// buffer of `..._ScratchBytes()` bytes (16-byte aligned). opt::
// ConvPerChannelS8 (kernels/select.h) picks among them by shape.
//
// Every variant needs input_offset in [-128, 128] (an int8 zero point);
// ConvS8ArmDspApplies() says so. The output stage takes any multiplier,
// shift, offset and clamp (ChooseRequantMode falls back to the reference
// arithmetic where the fast one cannot be proven exact). The selection
// predicates and scratch sizes are in selection.h.
#ifndef MOTE_KERNELS_ARM_DSP_CONV_2D_H_
#define MOTE_KERNELS_ARM_DSP_CONV_2D_H_

#include <cstddef>
#include <cstdint>

#include "kernels/arm_dsp/selection.h"
#include "kernels/ref/conv_2d.h"
#include "mote/types.h"

namespace mote {
namespace arm_dsp {

// Any filter size, stride, dilation and padding: four output pixels at a
// time are gathered (im2col) into int16 columns, then multiplied with each
// output channel's weight row (SMLAD, 1 channel x 4 pixels).
void ConvPerChannelS8_ArmDsp(const ConvParams& params,
                             const int32_t* output_multiplier,
                             const int32_t* output_shift,
                             const Shape& input_shape, const int8_t* input,
                             const Shape& filter_shape, const int8_t* filter,
                             const int32_t* bias, const Shape& output_shape,
                             int8_t* output, void* scratch);

// The window's rows read a word at a time in a permuted order (each row's
// whole words, then the rows' last bytes packed), for
// ConvWindowRowsPermuted shapes (selection.h: ConvPerChannelS8_ArmDsp
// calls it) and, with channel_stride 1 and tap_stride out_ch, a depthwise
// convolution of one input channel (filter_shape then [out_ch, fh, fw, 1]).
// Weight k of output channel c is filter[c * channel_stride + k *
// tap_stride]; scratch: ConvWindowPermutedScratchBytes.
void ConvWindowPermutedS8(const ConvParams& params,
                          const int32_t* output_multiplier,
                          const int32_t* output_shift,
                          const Shape& input_shape, const int8_t* input,
                          const Shape& filter_shape, const int8_t* filter,
                          int channel_stride, int tap_stride,
                          const int32_t* bias, const Shape& output_shape,
                          int8_t* output, void* scratch);

// A 1x1 filter without padding (any stride; dilation does not matter): each
// output pixel's column is one input pixel's channels, no window to gather.
void Conv1x1S8_ArmDsp(const ConvParams& params,
                      const int32_t* output_multiplier,
                      const int32_t* output_shift, const Shape& input_shape,
                      const int8_t* input, const Shape& filter_shape,
                      const int8_t* filter, const int32_t* bias,
                      const Shape& output_shape, int8_t* output,
                      void* scratch);

}  // namespace arm_dsp
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_DSP_CONV_2D_H_
