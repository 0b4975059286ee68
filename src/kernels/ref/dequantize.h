// DEQUANTIZE: int8 or int16 -> float32, per-tensor.
#ifndef MOTE_KERNELS_REF_DEQUANTIZE_H_
#define MOTE_KERNELS_REF_DEQUANTIZE_H_

#include <cstddef>
#include <cstdint>

namespace mote {
namespace ref {

// x = scale * float(q - zero_point): the difference is an exact int32 (and
// exact in float, |q - zero_point| < 2^17), the product a single float
// multiplication. TFLite multiplies in double and rounds once to float,
// which gives the same float: both round the same exact product.
template <typename In>
void DequantizeToF32(const In* input, size_t size, float scale,
                     int32_t zero_point, float* output) {
  for (size_t i = 0; i < size; ++i) {
    const int32_t centered = input[i] - zero_point;
    output[i] = scale * static_cast<float>(centered);
  }
}

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_DEQUANTIZE_H_
