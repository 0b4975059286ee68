// CONV_2D int8 on AVX-512 VNNI: dot products of rows (see
// x86_avx2/conv_rows.h) with the filter read in place, tiles of 4 rows x 4
// output channels, 64 values per step on VPDPBUSD (four u8 x s8 products
// per int32 lane). Inputs are flipped to unsigned (a + 128) as they are
// loaded; the same instruction with a vector of ones sums each filter row,
// and
//   sum((a + offset) * w) = sum((a + 128) * w) + (offset - 128) * sum(w)
// modulo 2^32, like the reference's int32 accumulator. Padding taps read a
// row of the zero point, whose (value + offset) is 0 like a skipped tap.
// Rows come from the input itself (1x1 filters), from tap pointers (input
// channels a multiple of 16, assembled 16 bytes at a time), or else from
// an im2col copy of 4 rows, the only scratch (4 * K bytes; a zero-point row
// of in_ch bytes for taps). Call through kernels/select.h, which checks the
// CPU and the preconditions (shifts in [-31, 31], multipliers >= 0, int8
// ranges).
#ifndef MOTE_KERNELS_X86_AVX512VNNI_CONV_2D_H_
#define MOTE_KERNELS_X86_AVX512VNNI_CONV_2D_H_

#include <cstddef>
#include <cstdint>

#include "kernels/ref/conv_2d.h"
#include "mote/types.h"

namespace mote {
namespace x86 {

size_t ConvPerChannelS8ScratchBytes_Avx512Vnni(const ConvParams& params,
                                               const Shape& input_shape,
                                               const Shape& filter_shape,
                                               const Shape& output_shape);

void ConvPerChannelS8_Avx512Vnni(const ConvParams& params,
                                 const int32_t* output_multiplier,
                                 const int32_t* output_shift,
                                 const Shape& input_shape, const int8_t* input,
                                 const Shape& filter_shape,
                                 const int8_t* filter, const int32_t* bias,
                                 const Shape& output_shape, int8_t* output,
                                 void* scratch);

}  // namespace x86
}  // namespace mote

#endif  // MOTE_KERNELS_X86_AVX512VNNI_CONV_2D_H_
