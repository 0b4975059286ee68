#include "kernels/ref/concatenation.h"

#include <cstring>

namespace mote {
namespace ref {

void Concatenation(const Shape& output_shape, int axis, int num_inputs,
                   const int32_t* input_axis_dims, const void* const* inputs,
                   size_t element_size, void* output) {
  const int64_t outer = output_shape.FlatSize(0, axis);
  const int64_t inner = output_shape.FlatSize(axis + 1, output_shape.rank);
  unsigned char* out = static_cast<unsigned char*>(output);
  for (int64_t k = 0; k < outer; ++k) {
    for (int i = 0; i < num_inputs; ++i) {
      const size_t slab =
          static_cast<size_t>(input_axis_dims[i] * inner) * element_size;
      if (slab == 0) continue;  // an empty input may have no buffer at all
      const unsigned char* in = static_cast<const unsigned char*>(inputs[i]);
      std::memcpy(out, in + static_cast<size_t>(k) * slab, slab);
      out += slab;
    }
  }
}

}  // namespace ref
}  // namespace mote
