// SPLIT: cuts the input into num_splits equal pieces along a constant axis
// (inputs: axis, input). float32, int8, int16 and int32 as TFLite Micro.
#include "mote/op.h"
#include "ops/const_tensor_util.h"
#include "ops/data_movement_common.h"
#include "ops/ops.h"
#include "ops/split_common.h"
#include "schema/tflite_generated.h"

namespace mote {
namespace {

Status Prepare(PrepareContext& ctx) {
  MOTE_ENSURE(ctx, ctx.num_inputs() == 2,
              "expected 2 inputs (axis, input), got %d", ctx.num_inputs());
  const TensorInfo axis_tensor = ctx.input(0);
  const TensorInfo input = ctx.input(1);
  MOTE_ENSURE(ctx, input.present(), "the input tensor is missing");
  const tflite::SplitOptions* options =
      ctx.options<tflite::SplitOptions>();
  const int32_t num_splits = options != nullptr ? options->num_splits() : 0;
  MOTE_ENSURE(ctx, num_splits == ctx.num_outputs(),
              "num_splits is %d but the op has %d outputs",
              static_cast<int>(num_splits), ctx.num_outputs());

  // TFLite Micro needs the axis in Prepare too: the output shapes depend on it.
  int32_t axis = 0;
  int count = 0;
  MOTE_RETURN_IF_ERROR(ReadConstInt32Vector(ctx, axis_tensor, "axis", true,
                                            &axis, 1, &count));
  MOTE_ENSURE(ctx, count == 1, "axis tensor '%s' is empty", axis_tensor.name);
  MOTE_RETURN_IF_ERROR(
      NormalizeAxis(ctx, axis, input.shape.rank, "axis", &axis));
  MOTE_ENSURE(ctx, input.shape.dims[axis] % num_splits == 0,
              "input '%s': dim %d (%d) does not split into %d equal pieces",
              input.name, static_cast<int>(axis),
              static_cast<int>(input.shape.dims[axis]),
              static_cast<int>(num_splits));
  MOTE_RETURN_IF_ERROR(PrepareSplitPlan(
      ctx, input, axis, /*drop_axis=*/false,
      kTypesS8 | kTypesS16 | kTypesS32 | kTypesF32,
      "int8, int16, int32 or float32"));
  const SplitPlan* plan = ctx.user_data<SplitPlan>();
  const int32_t piece = input.shape.dims[axis] / num_splits;
  for (int i = 0; i < plan->num_outputs; ++i) {
    MOTE_ENSURE(ctx, plan->axis_dims[i] == piece,
                "output '%s' has %d along axis %d, expected %d (1/%d of "
                "input '%s')",
                ctx.output(i).name, static_cast<int>(plan->axis_dims[i]),
                static_cast<int>(axis), static_cast<int>(piece),
                static_cast<int>(num_splits), input.name);
  }
  return Status::kOk;
}

Status Eval(EvalContext& ctx) { return EvalSplit(ctx, 1); }

}  // namespace

const OpRegistration& Register_SPLIT() {
  // Versions 2 (int8), 3 (int32) and 4 (int16).
  static constexpr OpRegistration r = {/*builtin_code=*/49,
                                       "SPLIT",
                                       InitSplitPlan,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/4,
                                       /*dtypes=*/"int8, int16, int32, "
                                                  "float32"};
  return r;
}

}  // namespace mote
