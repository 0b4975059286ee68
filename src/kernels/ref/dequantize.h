// DEQUANTIZE: int8 -> float32, per-tensor.
#ifndef MOTE_KERNELS_REF_DEQUANTIZE_H_
#define MOTE_KERNELS_REF_DEQUANTIZE_H_

#include <cstddef>
#include <cstdint>

namespace mote {
namespace ref {

// x = scale * float(q - zero_point): the difference is an exact int32, the
// product a single float multiplication, as TFLite's reference Dequantize.
void DequantizeS8ToF32(const int8_t* input, size_t size, float scale,
                       int32_t zero_point, float* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_DEQUANTIZE_H_
