#include "kernels/ref/reduce.h"

namespace mote {
namespace ref {

bool ResolveReduceAxes(int rank, const int32_t* axes, int num_axes,
                       bool reduced[Shape::kMaxRank], int32_t* bad_axis) {
  for (int d = 0; d < Shape::kMaxRank; ++d) reduced[d] = false;
  if (rank == 0) return true;  // TFLite: a scalar's axes go unused
  for (int i = 0; i < num_axes; ++i) {
    const int32_t axis = axes[i];
    if (axis < -rank || axis >= rank) {
      if (bad_axis != nullptr) *bad_axis = axis;
      return false;
    }
    reduced[axis < 0 ? axis + rank : axis] = true;
  }
  return true;
}

Shape ReducedShape(const Shape& input_shape,
                   const bool reduced[Shape::kMaxRank], bool keep_dims) {
  Shape out;
  for (int d = 0; d < input_shape.rank; ++d) {
    if (!reduced[d]) {
      out.dims[out.rank++] = input_shape.dims[d];
    } else if (keep_dims) {
      out.dims[out.rank++] = 1;
    }
  }
  return out;
}

int64_t ReducedCount(const Shape& input_shape,
                     const bool reduced[Shape::kMaxRank]) {
  int64_t count = 1;
  for (int d = 0; d < input_shape.rank; ++d) {
    if (reduced[d]) count *= input_shape.dims[d];
  }
  return count;
}

}  // namespace ref
}  // namespace mote
