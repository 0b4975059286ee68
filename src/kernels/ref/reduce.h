// What every reduction (MEAN, SUM, REDUCE_MAX) shares: resolving the axis
// list, the reduced shape, and the walk that feeds each input element to
// the output slot it reduces into.
//
// TFLite's reference Reduce visits the input in row-major order and folds
// each element into output[ReducedOutputOffset(...)]; ForEachReduced visits
// the same pairs in the same order (keeping the output offset incrementally
// instead of recomputing it), so every reduction that accumulates in that
// order gives TFLite's bits.
#ifndef MOTE_KERNELS_REF_REDUCE_H_
#define MOTE_KERNELS_REF_REDUCE_H_

#include <cstdint>

#include "mote/types.h"

namespace mote {
namespace ref {

// Marks the reduced dims of a rank-`rank` input from an axis list as TFLite's
// ResolveAxis reads it: negative axes count from the end, duplicates count
// once. Returns false (with `*bad_axis` set) when an axis is outside
// [-rank, rank). A scalar input (rank 0) reduces nothing and ignores `axes`.
bool ResolveReduceAxes(int rank, const int32_t* axes, int num_axes,
                       bool reduced[Shape::kMaxRank], int32_t* bad_axis);

// Shape of the result: the reduced dims become 1 (keep_dims) or disappear.
Shape ReducedShape(const Shape& input_shape,
                   const bool reduced[Shape::kMaxRank], bool keep_dims);

// Number of input elements that feed one output element.
int64_t ReducedCount(const Shape& input_shape,
                     const bool reduced[Shape::kMaxRank]);

// Calls fold(output_index, input_index) for every input element in row-major
// order; the output index skips the reduced dims. Nothing is called when the
// input has no elements.
template <typename Fold>
void ForEachReduced(const Shape& shape, const bool* reduced, Fold fold) {
  const int rank = shape.rank;
  const int64_t total = shape.FlatSize();
  if (total <= 0) return;
  int64_t out_stride[Shape::kMaxRank] = {};
  int64_t block = 1;
  for (int d = rank - 1; d >= 0; --d) {
    out_stride[d] = reduced[d] ? 0 : block;
    if (!reduced[d]) block *= shape.dims[d];
  }
  int32_t index[Shape::kMaxRank] = {};
  int64_t out = 0;
  for (int64_t in = 0; in < total; ++in) {
    fold(out, in);
    for (int d = rank - 1; d >= 0; --d) {
      out += out_stride[d];
      if (++index[d] < shape.dims[d]) break;
      out -= out_stride[d] * shape.dims[d];
      index[d] = 0;
    }
  }
}

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_REDUCE_H_
