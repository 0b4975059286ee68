// DEPTHWISE_CONV_2D int8 over one input channel on AVX2, for filters at most
// 8 wide, undilated across, with at most 8 output channels (micro_speech:
// 10x8 filter, 8 channels) whose widened rows fit the stack. Channel c is
// lane c. The image rows a filter spans are widened once to int16 (value +
// input offset, 0 in the padding) into a ring of rows on the stack (up to
// 4096 values; scratch would grow micro_speech's arena past TFLM's). Per
// filter row and pair of taps, one weight vector (lane c: the channel's two
// int16 weights) serves four output pixels, each pixel's input pair
// broadcast to every lane and multiplied with _mm256_madd_epi16 (exact: a
// pair of products stays far inside int32; the padding's zeros add
// nothing, as the reference skips those taps). Internal to the x86
// kernels: depthwise_conv_2d.cc decides when.
#ifndef MOTE_KERNELS_X86_AVX2_DEPTHWISE_ONE_CHANNEL_H_
#define MOTE_KERNELS_X86_AVX2_DEPTHWISE_ONE_CHANNEL_H_

#include <cstdint>

#include "kernels/ref/depthwise_conv_2d.h"
#include "kernels/x86_avx2/depthwise_rows.h"

namespace mote {
namespace x86 {

bool DepthwiseOneChannelApplies_Avx2(const DepthwiseRows& r);

void DepthwiseOneChannel_Avx2(const DepthwiseRows& r,
                              const DepthwiseConvParams& params,
                              const int32_t* output_multiplier,
                              const int32_t* output_shift, const int8_t* input,
                              const int8_t* filter, const int32_t* bias,
                              int8_t* output);

}  // namespace x86
}  // namespace mote

#endif  // MOTE_KERNELS_X86_AVX2_DEPTHWISE_ONE_CHANNEL_H_
