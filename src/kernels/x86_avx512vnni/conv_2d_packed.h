// CONV_2D int8 on AVX-512 VNNI, channels in lanes: for each panel of 16
// output channels, the filter rows are packed on the stack as w + 128 in
// 4-value groups (one zmm per 4 values of 16 channels), then every row
// passes, VPDPBUSD multiplying each broadcast 4-value group of the row by
// the panel. Each zmm accumulator holds 16 finished channels, so there is
// no horizontal sum; the correction is
//   sum((a + offset) * w) = sum((w + 128) * a) - 128 * sum(a)
//                           + offset * sum(w)
// per row and per channel, modulo 2^32 like the reference. Rows are read
// in place (1x1 filters), through tap pointers (input channels a multiple
// of 4; padding taps read a zero-point row), or from an im2col copy of 8
// rows on the stack. Best with many rows and modest depth: the variant
// runs for K <= kConvPackedMaxK and uses up to about 20 KB of stack, no
// scratch. Internal to the x86 kernels: conv_2d.cc decides when.
#ifndef MOTE_KERNELS_X86_AVX512VNNI_CONV_2D_PACKED_H_
#define MOTE_KERNELS_X86_AVX512VNNI_CONV_2D_PACKED_H_

#include <cstdint>

#include "kernels/ref/conv_2d.h"
#include "kernels/x86_avx2/conv_rows.h"

namespace mote {
namespace x86 {

constexpr int kConvPackedMaxK_Avx512Vnni = 576;

void ConvPackedPerChannelS8_Avx512Vnni(const ConvRows& rows,
                                       const ConvParams& params,
                                       const int32_t* output_multiplier,
                                       const int32_t* output_shift,
                                       const int8_t* input,
                                       const int8_t* filter,
                                       const int32_t* bias, int8_t* output);

}  // namespace x86
}  // namespace mote

#endif  // MOTE_KERNELS_X86_AVX512VNNI_CONV_2D_PACKED_H_
