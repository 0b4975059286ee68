#include "ops/split_common.h"

#include "kernels/ref/split.h"
#include "ops/data_movement_common.h"

namespace mote {

Status InitSplitPlan(PrepareContext& ctx) {
  SplitPlan* plan = ctx.AllocatePersistent<SplitPlan>();
  MOTE_ENSURE(ctx, plan != nullptr, "out of persistent memory");
  const int n = ctx.num_outputs();
  MOTE_ENSURE(ctx, n >= 1, "expected at least 1 output, got %d", n);
  plan->num_outputs = n;
  plan->axis_dims = ctx.AllocatePersistent<int32_t>(n);
  plan->outputs = ctx.AllocatePersistent<void*>(n);
  MOTE_ENSURE(ctx, plan->axis_dims != nullptr && plan->outputs != nullptr,
              "out of persistent memory");
  ctx.set_user_data(plan);
  return Status::kOk;
}

Status PrepareSplitPlan(PrepareContext& ctx, const TensorInfo& input,
                        int32_t axis, bool drop_axis, uint32_t types,
                        const char* types_text) {
  SplitPlan* plan = ctx.user_data<SplitPlan>();
  MOTE_ENSURE(ctx, ctx.num_outputs() == plan->num_outputs,
              "output count changed since Init");
  MOTE_RETURN_IF_ERROR(CheckTypeIn(ctx, input, "input", types, types_text));
  MOTE_RETURN_IF_ERROR(CheckNotEmpty(ctx, input, "input"));
  const int rank = input.shape.rank;
  int64_t total = 0;
  for (int i = 0; i < plan->num_outputs; ++i) {
    const TensorInfo output = ctx.output(i);
    MOTE_ENSURE(ctx, output.present(), "output %d is missing", i);
    MOTE_RETURN_IF_ERROR(CheckSameTypeAndQuant(ctx, input, output));
    MOTE_RETURN_IF_ERROR(CheckNotEmpty(ctx, output, "output"));
    Shape expected = input.shape;
    int32_t piece = 1;
    if (drop_axis) {
      expected.rank = rank - 1;
      for (int d = axis; d < rank - 1; ++d) {
        expected.dims[d] = input.shape.dims[d + 1];
      }
    } else {
      MOTE_ENSURE(ctx, output.shape.rank == rank,
                  "output '%s' has rank %d, input '%s' has %d", output.name,
                  static_cast<int>(output.shape.rank), input.name, rank);
      piece = output.shape.dims[axis];
      expected.dims[axis] = piece;
    }
    MOTE_RETURN_IF_ERROR(
        CheckOutputShape(ctx, output, expected, "the input and the split"));
    plan->axis_dims[i] = piece;
    total += piece;
  }
  MOTE_ENSURE(ctx, total == input.shape.dims[axis],
              "the outputs add up to %lld along axis %d, input '%s' has %d",
              static_cast<long long>(total), static_cast<int>(axis),
              input.name, static_cast<int>(input.shape.dims[axis]));
  plan->outer = input.shape.FlatSize(0, axis);
  plan->inner = input.shape.FlatSize(axis + 1, rank);
  plan->element_size = DataTypeSize(input.type);
  return Status::kOk;
}

Status EvalSplit(EvalContext& ctx, int input_index) {
  const SplitPlan* plan = ctx.user_data<SplitPlan>();
  for (int i = 0; i < plan->num_outputs; ++i) {
    plan->outputs[i] = ctx.output(i)->data;
  }
  ref::Split(ctx.input(input_index)->data, plan->outer, plan->inner,
             plan->num_outputs, plan->axis_dims, plan->element_size,
             plan->outputs);
  return Status::kOk;
}

}  // namespace mote
