// CONV_2D int8 on AVX2: the reference kernel's arithmetic as dot products
// of rows (see conv_rows.h) with the filter read in place, tiles of 2 rows x
// 4 output channels. Input values are widened to int16 with the input
// offset added and multiplied by the widened weights with
// _mm256_madd_epi16 (two exact products per int32 lane); the lanes of each
// tile are summed horizontally and requantized together. Padding taps read
// a row of the zero point, whose (value + offset) is 0 like a skipped tap.
// Rows come from the input itself (1x1 filters), from tap pointers (input
// channels a multiple of 16), or else from an im2col copy of 2 rows, the
// only scratch (2 * K bytes; a zero-point row of in_ch bytes for taps).
// Call through kernels/select.h, which checks the CPU and the preconditions
// (shifts in [-31, 31], multipliers >= 0, an int8 activation range).
#ifndef MOTE_KERNELS_X86_AVX2_CONV_2D_H_
#define MOTE_KERNELS_X86_AVX2_CONV_2D_H_

#include <cstddef>
#include <cstdint>

#include "kernels/ref/conv_2d.h"
#include "mote/types.h"

namespace mote {
namespace x86 {

size_t ConvPerChannelS8ScratchBytes_Avx2(const ConvParams& params,
                                         const Shape& input_shape,
                                         const Shape& filter_shape,
                                         const Shape& output_shape);

void ConvPerChannelS8_Avx2(const ConvParams& params,
                           const int32_t* output_multiplier,
                           const int32_t* output_shift,
                           const Shape& input_shape, const int8_t* input,
                           const Shape& filter_shape, const int8_t* filter,
                           const int32_t* bias, const Shape& output_shape,
                           int8_t* output, void* scratch);

}  // namespace x86
}  // namespace mote

#endif  // MOTE_KERNELS_X86_AVX2_CONV_2D_H_
