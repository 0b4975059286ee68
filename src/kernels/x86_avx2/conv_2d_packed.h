// CONV_2D int8 on AVX2, channels in lanes: for each panel of 16 output
// channels, the filter rows are packed on the stack as pairs of values
// (two ymm of int16 pairs per pair of values once widened), rows are
// widened 4 at a time to int16 with the input offset added (padding taps
// as 0) on the stack, and _mm256_madd_epi16 multiplies each broadcast pair
// of a row by the panel. Each accumulator holds 8 finished channels, so
// there is no horizontal sum. Best with many rows and modest depth: the
// variant runs for K <= kConvPackedMaxK and uses up to about 15 KB of
// stack, no scratch. Internal to the x86 kernels: conv_2d.cc decides when.
#ifndef MOTE_KERNELS_X86_AVX2_CONV_2D_PACKED_H_
#define MOTE_KERNELS_X86_AVX2_CONV_2D_PACKED_H_

#include <cstdint>

#include "kernels/ref/conv_2d.h"
#include "kernels/x86_avx2/conv_rows.h"

namespace mote {
namespace x86 {

constexpr int kConvPackedMaxK_Avx2 = 576;

void ConvPackedPerChannelS8_Avx2(const ConvRows& rows,
                                 const ConvParams& params,
                                 const int32_t* output_multiplier,
                                 const int32_t* output_shift,
                                 const int8_t* input, const int8_t* filter,
                                 const int32_t* bias, int8_t* output);

}  // namespace x86
}  // namespace mote

#endif  // MOTE_KERNELS_X86_AVX2_CONV_2D_PACKED_H_
