// DEPTHWISE_CONV_2D int8 on AVX2, any filter size, stride, dilation,
// padding and depth multiplier, without scratch. Channels lie in vector
// lanes: a block of 16 (or 8) output channels of one output pixel takes
// the taps inside the image two at a time, input + offset and weights
// widened to int16 and interleaved in pairs, and _mm256_madd_epi16 adds both
// exact products per int32 lane, as the reference skips the taps outside.
// With a depth multiplier above 1, a shuffle repeats each input channel
// over the output channels it feeds. Channels past the last block of 8 are
// computed one by one. Call through kernels/select.h, which checks the CPU
// and the preconditions.
#ifndef MOTE_KERNELS_X86_AVX2_DEPTHWISE_CONV_2D_H_
#define MOTE_KERNELS_X86_AVX2_DEPTHWISE_CONV_2D_H_

#include <cstddef>
#include <cstdint>

#include "kernels/ref/depthwise_conv_2d.h"
#include "mote/types.h"

namespace mote {
namespace x86 {

size_t DepthwiseConvPerChannelS8ScratchBytes_Avx2(
    const DepthwiseConvParams& params, const Shape& input_shape,
    const Shape& filter_shape, const Shape& output_shape);

void DepthwiseConvPerChannelS8_Avx2(const DepthwiseConvParams& params,
                                    const int32_t* output_multiplier,
                                    const int32_t* output_shift,
                                    const Shape& input_shape,
                                    const int8_t* input,
                                    const Shape& filter_shape,
                                    const int8_t* filter, const int32_t* bias,
                                    const Shape& output_shape, int8_t* output,
                                    void* scratch);

}  // namespace x86
}  // namespace mote

#endif  // MOTE_KERNELS_X86_AVX2_DEPTHWISE_CONV_2D_H_
