#include "kernels/ref/fill.h"

#include <cstring>

namespace mote {
namespace ref {

void Fill(const void* value, size_t element_size, int64_t count,
          void* output) {
  unsigned char* out = static_cast<unsigned char*>(output);
  for (int64_t i = 0; i < count; ++i) {
    std::memcpy(out, value, element_size);
    out += element_size;
  }
}

}  // namespace ref
}  // namespace mote
