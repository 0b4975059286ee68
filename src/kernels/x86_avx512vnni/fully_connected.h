// FULLY_CONNECTED int8 on AVX-512 VNNI, without scratch: 8 weight rows at
// a time are read in place, the input is flipped to unsigned (a + 128) once
// per 64 values for all 8, and VPDPBUSD accumulates both (a + 128) * w and
// sum(w), so
//   sum((a + offset) * w) = sum((a + 128) * w) + (offset - 128) * sum(w)
// modulo 2^32, like the reference's int32 accumulator. The per-tensor
// variant requires a filter offset of 0; call through kernels/select.h.
#ifndef MOTE_KERNELS_X86_AVX512VNNI_FULLY_CONNECTED_H_
#define MOTE_KERNELS_X86_AVX512VNNI_FULLY_CONNECTED_H_

#include <cstddef>
#include <cstdint>

#include "kernels/ref/fully_connected.h"
#include "mote/types.h"

namespace mote {
namespace x86 {

// No scratch: 0.
size_t FullyConnectedS8ScratchBytes_Avx512Vnni(
    const FullyConnectedParams& params, const Shape& input_shape,
    const Shape& filter_shape, const Shape& output_shape);

void FullyConnectedS8_Avx512Vnni(const FullyConnectedParams& params,
                                 const Shape& input_shape, const int8_t* input,
                                 const Shape& filter_shape,
                                 const int8_t* filter, const int32_t* bias,
                                 const Shape& output_shape, int8_t* output,
                                 void* scratch);

void FullyConnectedPerChannelS8_Avx512Vnni(
    const FullyConnectedParams& params, const int32_t* output_multiplier,
    const int32_t* output_shift, const Shape& input_shape, const int8_t* input,
    const Shape& filter_shape, const int8_t* filter, const int32_t* bias,
    const Shape& output_shape, int8_t* output, void* scratch);

}  // namespace x86
}  // namespace mote

#endif  // MOTE_KERNELS_X86_AVX512VNNI_FULLY_CONNECTED_H_
