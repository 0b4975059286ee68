// GATHER: picks slices of the input along one axis by runtime positions.
//
// The input is viewed as [batch, outer, axis, inner] and the positions as
// [batch, coord]; output[b, o, c, :] = input[b, o, positions[b, c], :], as
// TFLite's reference Gather. Positions are runtime data, so every one is
// checked against the axis size before it is used.
#ifndef MOTE_KERNELS_REF_GATHER_H_
#define MOTE_KERNELS_REF_GATHER_H_

#include <cstddef>
#include <cstdint>

namespace mote {
namespace ref {

struct GatherGeometry {
  int64_t batch_size = 1;  // product of the first batch_dims dims
  int64_t outer_size = 1;  // input dims between batch_dims and axis
  int32_t axis_size = 0;   // input dim `axis`
  int64_t inner_size = 1;  // input dims after `axis`
  int64_t coord_size = 1;  // positions dims after batch_dims
};

// Copies element_size-byte elements. Returns -1 on success, else the flat
// index into `positions` of the first position outside [0, axis_size); the
// output is then partly written (TFLite Micro also stops there).
int64_t Gather(const GatherGeometry& g, const void* input,
               const int32_t* positions, size_t element_size, void* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_GATHER_H_
