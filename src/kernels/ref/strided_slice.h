// STRIDED_SLICE: numpy-style slicing, any element type.
//
// Planning and copying are split: PlanStridedSlice turns the op's sparse
// spec (begin/end/strides plus the five masks and `offset`) into a start,
// stop and stride per dimension once, in Prepare; StridedSlice then only
// copies. The per-axis rules are TFLite's StridedSliceStartForAxis /
// StridedSliceEndForAxis (negative indices count from the end, clamping to
// [0, n] going forward and [-1, n-1] going backward, masks override).
// Ellipsis and new-axis entries are expanded into a dense spec the way
// TensorFlow defines them.
#ifndef MOTE_KERNELS_REF_STRIDED_SLICE_H_
#define MOTE_KERNELS_REF_STRIDED_SLICE_H_

#include <cstddef>
#include <cstdint>

#include "mote/types.h"

namespace mote {
namespace ref {

// The op as the model states it. begin/end/strides hold `count` entries.
struct StridedSliceSpec {
  int32_t count = 0;
  const int32_t* begin = nullptr;
  const int32_t* end = nullptr;
  const int32_t* strides = nullptr;
  int32_t begin_mask = 0;
  int32_t end_mask = 0;
  int32_t ellipsis_mask = 0;
  int32_t new_axis_mask = 0;
  int32_t shrink_axis_mask = 0;
  bool offset = false;  // end[i] is relative to begin[i]
};

// The resolved slice over the dense dimensions (the input's, with a size-1
// dimension inserted for every new axis).
struct StridedSlicePlan {
  int32_t rank = 0;
  int32_t in_dims[Shape::kMaxRank] = {};
  int64_t in_stride[Shape::kMaxRank] = {};  // elements; 0 for new axes
  int32_t start[Shape::kMaxRank] = {};
  int32_t stride[Shape::kMaxRank] = {};
  int32_t count[Shape::kMaxRank] = {};  // elements taken along each dim
  Shape output_shape;                   // counts without the shrunk dims
};

enum class StridedSliceError : uint8_t {
  kOk = 0,
  kBadCount,          // count < 0 or > 32 (the masks are 32-bit)
  kZeroStride,        // a stride of 0
  kMultipleEllipsis,  // more than one ellipsis bit
  kTooManyIndices,    // more index entries than input dimensions
  kRankTooLarge,      // input rank + new axes > Shape::kMaxRank
  kShrinkOutOfRange,  // a shrunk index outside [-n, n)
  kShrinkNotForward,  // a shrunk axis with a stride <= 0
};

const char* StridedSliceErrorName(StridedSliceError error);

// Resolves `spec` against `input_shape`. On an error, `*bad_entry` (if not
// null) is the index of the spec entry at fault, or -1.
StridedSliceError PlanStridedSlice(const Shape& input_shape,
                                   const StridedSliceSpec& spec,
                                   StridedSlicePlan* plan, int* bad_entry);

// Copies the planned slice: output elements in row-major order of the dense
// dims. element_size is 1, 2, 4 or 8 bytes (any size works, those are fast).
// Input and output must not overlap.
void StridedSlice(const StridedSlicePlan& plan, const void* input,
                  size_t element_size, void* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_STRIDED_SLICE_H_
