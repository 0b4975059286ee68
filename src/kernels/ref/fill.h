// FILL (and ZEROS_LIKE): every output element set to one value, any element
// type.
#ifndef MOTE_KERNELS_REF_FILL_H_
#define MOTE_KERNELS_REF_FILL_H_

#include <cstddef>
#include <cstdint>

namespace mote {
namespace ref {

// Writes `count` copies of the element_size-byte element at `value`.
void Fill(const void* value, size_t element_size, int64_t count,
          void* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_FILL_H_
