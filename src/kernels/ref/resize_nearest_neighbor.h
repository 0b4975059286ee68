// RESIZE_NEAREST_NEIGHBOR: NHWC resize that copies the nearest input pixel,
// any element type.
//
// The source row/column is TFLite's GetNearestNeighbor, in float exactly as
// it computes it: scale = in / out (or (in - 1) / (out - 1) with
// align_corners), source = floor((i + offset) * scale) (round half away from
// zero with align_corners), offset 0.5 with half_pixel_centers, clamped to
// [0, in - 1].
#ifndef MOTE_KERNELS_REF_RESIZE_NEAREST_NEIGHBOR_H_
#define MOTE_KERNELS_REF_RESIZE_NEAREST_NEIGHBOR_H_

#include <cstddef>
#include <cstdint>

#include "mote/types.h"

namespace mote {
namespace ref {

struct ResizeParams {
  bool align_corners = false;
  bool half_pixel_centers = false;
};

// The input index output index `i` reads along an axis of `in_size` pixels
// resized to `out_size`.
int32_t NearestNeighborIndex(int32_t i, int32_t in_size, int32_t out_size,
                             const ResizeParams& params);

// input [batch, in_h, in_w, depth], output [batch, out_h, out_w, depth].
void ResizeNearestNeighbor(const ResizeParams& params,
                           const Shape& input_shape, const void* input,
                           const Shape& output_shape, size_t element_size,
                           void* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_RESIZE_NEAREST_NEIGHBOR_H_
