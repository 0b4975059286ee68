// Prepare shared by RESIZE_NEAREST_NEIGHBOR and RESIZE_BILINEAR: a rank-4
// NHWC input, a constant int32 `size` vector {new_height, new_width} (TFLite
// Micro requires it constant too), and an output of [batch, new_height,
// new_width, depth] with the input's type and quantization.
#ifndef MOTE_OPS_RESIZE_COMMON_H_
#define MOTE_OPS_RESIZE_COMMON_H_

#include <cstdint>

#include "mote/op.h"
#include "ops/const_tensor_util.h"
#include "ops/data_movement_common.h"

namespace mote {

inline Status PrepareResize(PrepareContext& ctx, uint32_t types,
                            const char* types_text, TensorInfo* input,
                            TensorInfo* output) {
  MOTE_RETURN_IF_ERROR(CheckOperandCounts(ctx, 2, 1));
  *input = ctx.input(0);
  *output = ctx.output(0);
  MOTE_RETURN_IF_ERROR(CheckTypeIn(ctx, *input, "input", types, types_text));
  MOTE_ENSURE(ctx, output->present(), "the output tensor is missing");
  MOTE_RETURN_IF_ERROR(CheckSameTypeAndQuant(ctx, *input, *output));
  MOTE_RETURN_IF_ERROR(CheckNotEmpty(ctx, *input, "input"));
  MOTE_ENSURE(ctx, input->shape.rank == 4,
              "input '%s' has rank %d, expected 4 (NHWC)", input->name,
              static_cast<int>(input->shape.rank));
  const TensorInfo size = ctx.input(1);
  int32_t hw[2] = {};
  int count = 0;
  MOTE_RETURN_IF_ERROR(
      ReadConstInt32Vector(ctx, size, "size", false, hw, 2, &count));
  MOTE_ENSURE(ctx, count == 2,
              "size tensor '%s' has %d entries, expected 2 (height, width)",
              size.name, count);
  MOTE_ENSURE(ctx, hw[0] >= 1 && hw[1] >= 1,
              "size tensor '%s' asks for %dx%d (must be at least 1x1)",
              size.name, static_cast<int>(hw[0]), static_cast<int>(hw[1]));
  const Shape expected = MakeShape(
      {input->shape.dims[0], hw[0], hw[1], input->shape.dims[3]});
  return CheckOutputShape(ctx, *output, expected, "the size tensor");
}

}  // namespace mote

#endif  // MOTE_OPS_RESIZE_COMMON_H_
