// SELECT and SELECT_V2: out = condition ? x : y, copying raw elements of any
// 1, 2, 4 or 8-byte type (the op is pure data movement, so every type is
// bit-exact). The condition is read as bytes: any nonzero byte is true.
//
// - SELECT_V2 broadcasts condition, x and y together (NumPy rules, rank
//   <= 6), as TFLite's BroadcastSelect5DSlow.
// - SELECT (v1) does not broadcast: x and y have one shape and the
//   condition either has it too, or is a scalar, or a vector along x's
//   first dimension choosing whole rows (TFLite's RankOneSelect).
#ifndef MOTE_KERNELS_REF_SELECT_H_
#define MOTE_KERNELS_REF_SELECT_H_

#include <cstddef>
#include <cstdint>

#include "mote/types.h"

namespace mote {
namespace ref {

// The broadcast shape of three shapes; false when they do not broadcast.
bool SelectBroadcastShape(const Shape& condition, const Shape& x,
                          const Shape& y, Shape* out);

// `element_size` is 1, 2, 4 or 8; false (nothing written) otherwise or when
// the shapes do not broadcast.
bool SelectBroadcast(size_t element_size, const Shape& condition_shape,
                     const uint8_t* condition, const Shape& x_shape,
                     const void* x, const Shape& y_shape, const void* y,
                     void* output);

// `outer` condition values, each choosing `inner` consecutive elements.
bool SelectRows(size_t element_size, int64_t outer, int64_t inner,
                const uint8_t* condition, const void* x, const void* y,
                void* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_SELECT_H_
