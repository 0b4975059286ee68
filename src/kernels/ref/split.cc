#include "kernels/ref/split.h"

#include <cstring>

namespace mote {
namespace ref {

void Split(const void* input, int64_t outer, int64_t inner, int num_outputs,
           const int32_t* axis_dims, size_t element_size,
           void* const* outputs) {
  const unsigned char* in = static_cast<const unsigned char*>(input);
  for (int64_t k = 0; k < outer; ++k) {
    for (int i = 0; i < num_outputs; ++i) {
      const size_t slab =
          static_cast<size_t>(axis_dims[i] * inner) * element_size;
      if (slab == 0) continue;
      unsigned char* out = static_cast<unsigned char*>(outputs[i]);
      std::memcpy(out + static_cast<size_t>(k) * slab, in, slab);
      in += slab;
    }
  }
}

}  // namespace ref
}  // namespace mote
