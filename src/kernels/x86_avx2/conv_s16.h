// int16x8 CONV_2D and FULLY_CONNECTED on AVX2 (int16 activations, int8
// weights), bit-exact with ref::ConvPerChannelS16 and ref::FullyConnectedS16.
// Four output channels share each load of 16 activations: the weights are
// widened to int16 and _mm256_madd_epi16 adds pairs of products in int32
// lanes. A pair is at most 2^23 in magnitude, so the lanes are folded into
// the exact int64 sums every 128 steps, before they could overflow; the
// int32-bias conv keeps the low 32 bits of the same exact sum, which is
// what its wrapping int32 accumulator holds. The requantization is the
// reference's scalar MultiplyByQuantizedMultiplier per output. Call through
// kernels/select.h (which checks the CPU, the shapes and, for FC, a zero
// filter offset). No scratch.
#ifndef MOTE_KERNELS_X86_AVX2_CONV_S16_H_
#define MOTE_KERNELS_X86_AVX2_CONV_S16_H_

#include <cstdint>

#include "kernels/ref/conv_2d.h"
#include "kernels/ref/fully_connected.h"
#include "mote/types.h"

namespace mote {
namespace x86 {

void ConvPerChannelS16_Avx2(const ConvParams& params,
                            const int32_t* output_multiplier,
                            const int32_t* output_shift,
                            const Shape& input_shape, const int16_t* input,
                            const Shape& filter_shape, const int8_t* filter,
                            const int64_t* bias, const Shape& output_shape,
                            int16_t* output);

void ConvPerChannelS16_Avx2(const ConvParams& params,
                            const int32_t* output_multiplier,
                            const int32_t* output_shift,
                            const Shape& input_shape, const int16_t* input,
                            const Shape& filter_shape, const int8_t* filter,
                            const int32_t* bias, const Shape& output_shape,
                            int16_t* output);

void FullyConnectedS16_Avx2(const FullyConnectedParams& params,
                            const Shape& input_shape, const int16_t* input,
                            const Shape& filter_shape, const int8_t* filter,
                            const int64_t* bias, const Shape& output_shape,
                            int16_t* output);

}  // namespace x86
}  // namespace mote

#endif  // MOTE_KERNELS_X86_AVX2_CONV_S16_H_
