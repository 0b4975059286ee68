// EXPAND_DIMS: inserts a size-1 dimension at a constant axis (negative axes
// count from the end of the output: -1 appends). Same bytes, new static
// shape; int8, int16 and float32 as TFLite Micro.
#include "mote/op.h"
#include "ops/const_tensor_util.h"
#include "ops/data_movement_common.h"
#include "ops/ops.h"

namespace mote {
namespace {

Status Prepare(PrepareContext& ctx) {
  MOTE_RETURN_IF_ERROR(CheckOperandCounts(ctx, 2, 1));
  const TensorInfo input = ctx.input(0);
  const TensorInfo axis_tensor = ctx.input(1);
  const TensorInfo output = ctx.output(0);
  MOTE_RETURN_IF_ERROR(CheckTypeIn(ctx, input, "input",
                                   kTypesS8 | kTypesS16 | kTypesF32,
                                   "int8, int16 or float32"));
  MOTE_ENSURE(ctx, output.present(), "the output tensor is missing");
  MOTE_RETURN_IF_ERROR(CheckSameTypeAndQuant(ctx, input, output));
  MOTE_RETURN_IF_ERROR(CheckNotEmpty(ctx, input, "input"));

  // TFLite Micro: a scalar or one-element axis tensor, read in Prepare.
  int32_t axis = 0;
  int count = 0;
  MOTE_RETURN_IF_ERROR(ReadConstInt32Vector(ctx, axis_tensor, "axis", true,
                                            &axis, 1, &count));
  MOTE_ENSURE(ctx, count == 1, "axis tensor '%s' is empty", axis_tensor.name);
  const int rank = input.shape.rank;
  MOTE_ENSURE_SUPPORTED(ctx, rank < Shape::kMaxRank,
                        "input '%s' already has rank %d, the most mote "
                        "supports",
                        input.name, rank);
  int32_t position = 0;
  MOTE_RETURN_IF_ERROR(NormalizeAxis(ctx, axis, rank + 1, "axis", &position));

  Shape expected;
  expected.rank = rank + 1;
  for (int d = 0, from = 0; d < expected.rank; ++d) {
    expected.dims[d] = d == position ? 1 : input.shape.dims[from++];
  }
  return CheckOutputShape(ctx, output, expected, "the axis");
}

Status Eval(EvalContext& ctx) {
  const EvalTensor* input = ctx.input(0);
  const size_t bytes = static_cast<size_t>(input->shape().FlatSize()) *
                       DataTypeSize(input->type);
  CopyTensorBytes(*input, *ctx.output(0), bytes);
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_EXPAND_DIMS() {
  static constexpr OpRegistration r = {/*builtin_code=*/70,
                                       "EXPAND_DIMS",
                                       nullptr,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/1,
                                       /*dtypes=*/"int8, int16, float32"};
  return r;
}

}  // namespace mote
