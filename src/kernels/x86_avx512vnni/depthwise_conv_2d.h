// DEPTHWISE_CONV_2D int8 on AVX-512 VNNI: the AVX2 kernel's scheme
// (x86_avx2/depthwise_conv_2d.h) with 32 channels per block, VPDPWSSD
// (multiply int16 pairs and accumulate, exact), a 16-bit permute for depth
// multipliers above 1, and masked loads and stores for the last block, so
// every channel runs vectorised. No scratch. Call through
// kernels/select.h, which checks the CPU and the preconditions.
#ifndef MOTE_KERNELS_X86_AVX512VNNI_DEPTHWISE_CONV_2D_H_
#define MOTE_KERNELS_X86_AVX512VNNI_DEPTHWISE_CONV_2D_H_

#include <cstddef>
#include <cstdint>

#include "kernels/ref/depthwise_conv_2d.h"
#include "mote/types.h"

namespace mote {
namespace x86 {

size_t DepthwiseConvPerChannelS8ScratchBytes_Avx512Vnni(
    const DepthwiseConvParams& params, const Shape& input_shape,
    const Shape& filter_shape, const Shape& output_shape);

void DepthwiseConvPerChannelS8_Avx512Vnni(
    const DepthwiseConvParams& params, const int32_t* output_multiplier,
    const int32_t* output_shift, const Shape& input_shape, const int8_t* input,
    const Shape& filter_shape, const int8_t* filter, const int32_t* bias,
    const Shape& output_shape, int8_t* output, void* scratch);

}  // namespace x86
}  // namespace mote

#endif  // MOTE_KERNELS_X86_AVX512VNNI_DEPTHWISE_CONV_2D_H_
