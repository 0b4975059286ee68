#include "kernels/ref/gather.h"

#include <cstring>

namespace mote {
namespace ref {

int64_t Gather(const GatherGeometry& g, const void* input,
               const int32_t* positions, size_t element_size, void* output) {
  const unsigned char* in = static_cast<const unsigned char*>(input);
  unsigned char* out = static_cast<unsigned char*>(output);
  const size_t slab = static_cast<size_t>(g.inner_size) * element_size;
  for (int64_t batch = 0; batch < g.batch_size; ++batch) {
    for (int64_t outer = 0; outer < g.outer_size; ++outer) {
      const int64_t in_base = (batch * g.outer_size + outer) * g.axis_size;
      for (int64_t coord = 0; coord < g.coord_size; ++coord) {
        const int64_t p = batch * g.coord_size + coord;
        const int32_t position = positions[p];
        if (position < 0 || position >= g.axis_size) return p;
        std::memcpy(out, in + static_cast<size_t>(in_base + position) * slab,
                    slab);
        out += slab;
      }
    }
  }
  return -1;
}

}  // namespace ref
}  // namespace mote
