// Shared by SPLIT, SPLIT_V and UNPACK: the persistent plan for ref::Split
// and the checks on the pieces. The input is cut along `axis` into one piece
// per output; every output has the input's dims except along the axis
// (UNPACK drops that dim: its pieces are one row each).
#ifndef MOTE_OPS_SPLIT_COMMON_H_
#define MOTE_OPS_SPLIT_COMMON_H_

#include <cstddef>
#include <cstdint>

#include "mote/op.h"

namespace mote {

struct SplitPlan {
  int32_t num_outputs = 0;
  int32_t* axis_dims = nullptr;  // num_outputs entries
  void** outputs = nullptr;      // num_outputs entries, refreshed at Eval
  int64_t outer = 1;
  int64_t inner = 1;
  size_t element_size = 0;
};

// Init: allocates the plan for the op's outputs.
Status InitSplitPlan(PrepareContext& ctx);

// Prepare: `input` is the tensor to cut, of a type in `types` (described by
// `types_text`), `axis` already in [0, rank). Output i must be the input's
// shape with axis_dims[i] along the axis (`drop_axis`: without that dim,
// axis_dims all 1); the axis dims must add up to the input's. Fills the
// plan's sizes.
Status PrepareSplitPlan(PrepareContext& ctx, const TensorInfo& input,
                        int32_t axis, bool drop_axis, uint32_t types,
                        const char* types_text);

// Eval: cuts input 'input_index' into the outputs.
Status EvalSplit(EvalContext& ctx, int input_index);

}  // namespace mote

#endif  // MOTE_OPS_SPLIT_COMMON_H_
