// DEPTHWISE_CONV_2D int8 over one input channel on AVX2, for filters at most
// 8 wide, undilated across, with at most 8 output channels (micro_speech:
// 10x8 filter, 8 channels). Channel c is lane c; per filter row, the (up
// to) 8 inputs plus the input offset are int16 pairs, each broadcast to
// every lane and multiplied by the lane's two int16 weights with
// _mm256_madd_epi16 (exact: a pair of products stays far inside int32).
// Taps outside the image are 0 values, which the reference skips. Internal
// to the x86 kernels: depthwise_conv_2d.cc decides when.
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
