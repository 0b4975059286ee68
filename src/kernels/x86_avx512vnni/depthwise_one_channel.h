// DEPTHWISE_CONV_2D int8 over one input channel on AVX-512 VNNI, when the
// input zero point is -128 (the usual int8 activation), the filter is at
// most 8 wide and undilated across, and its channels times 4-tap groups fill
// at most 16 lanes (micro_speech: 10x8 filter, 8 channels). With zero point
// -128, input + offset = input ^ 0x80 is an unsigned byte, so VPDPBUSD
// multiplies it by the int8 weights exactly, and a tap outside the image is
// simply a 0 byte. Lane (channel c, group g) holds taps 4g..4g+3 of c: one
// filter row is one broadcast of its (up to) 8 input bytes and one
// VPDPBUSD; the two groups are added and requantized together. Internal to
// the x86 kernels: depthwise_conv_2d.cc decides when.
#ifndef MOTE_KERNELS_X86_AVX512VNNI_DEPTHWISE_ONE_CHANNEL_H_
#define MOTE_KERNELS_X86_AVX512VNNI_DEPTHWISE_ONE_CHANNEL_H_

#include <cstdint>

#include "kernels/ref/depthwise_conv_2d.h"
#include "kernels/x86_avx2/depthwise_rows.h"

namespace mote {
namespace x86 {

bool DepthwiseOneChannelApplies_Avx512Vnni(const DepthwiseRows& r,
                                           const DepthwiseConvParams& params);

void DepthwiseOneChannel_Avx512Vnni(const DepthwiseRows& r,
                                    const DepthwiseConvParams& params,
                                    const int32_t* output_multiplier,
                                    const int32_t* output_shift,
                                    const int8_t* input, const int8_t* filter,
                                    const int32_t* bias, int8_t* output);

}  // namespace x86
}  // namespace mote

#endif  // MOTE_KERNELS_X86_AVX512VNNI_DEPTHWISE_ONE_CHANNEL_H_
