#include "kernels/ref/dequantize.h"

namespace mote {
namespace ref {

void DequantizeS8ToF32(const int8_t* input, size_t size, float scale,
                       int32_t zero_point, float* output) {
  for (size_t i = 0; i < size; ++i) {
    const int32_t centered = input[i] - zero_point;
    output[i] = scale * static_cast<float>(centered);
  }
}

}  // namespace ref
}  // namespace mote
