// FULLY_CONNECTED int8 on AVX2, without scratch: 8 weight rows at a time
// are read in place and widened, the input row (+ offset) widened once per
// 16 values for all 8, _mm256_madd_epi16 forms the exact products, each
// row's lanes are summed horizontally and the 8 sums requantized together.
// The per-tensor variant requires a filter offset of 0 (symmetric weights,
// as the op wrapper guarantees); call through kernels/select.h, which
// checks that, the CPU and the requantization preconditions.
#ifndef MOTE_KERNELS_X86_AVX2_FULLY_CONNECTED_H_
#define MOTE_KERNELS_X86_AVX2_FULLY_CONNECTED_H_

#include <cstddef>
#include <cstdint>

#include "kernels/ref/fully_connected.h"
#include "mote/types.h"

namespace mote {
namespace x86 {

// No scratch: 0.
size_t FullyConnectedS8ScratchBytes_Avx2(const FullyConnectedParams& params,
                                         const Shape& input_shape,
                                         const Shape& filter_shape,
                                         const Shape& output_shape);

void FullyConnectedS8_Avx2(const FullyConnectedParams& params,
                           const Shape& input_shape, const int8_t* input,
                           const Shape& filter_shape, const int8_t* filter,
                           const int32_t* bias, const Shape& output_shape,
                           int8_t* output, void* scratch);

void FullyConnectedPerChannelS8_Avx2(
    const FullyConnectedParams& params, const int32_t* output_multiplier,
    const int32_t* output_shift, const Shape& input_shape, const int8_t* input,
    const Shape& filter_shape, const int8_t* filter, const int32_t* bias,
    const Shape& output_shape, int8_t* output, void* scratch);

}  // namespace x86
}  // namespace mote

#endif  // MOTE_KERNELS_X86_AVX2_FULLY_CONNECTED_H_
