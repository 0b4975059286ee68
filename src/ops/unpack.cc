// UNPACK: splits the input along `axis` into `num` tensors that drop that
// dimension. float32, int8, int16 and int32 as TFLite Micro.
#include "mote/op.h"
#include "ops/data_movement_common.h"
#include "ops/ops.h"
#include "ops/split_common.h"
#include "schema/tflite_generated.h"

namespace mote {
namespace {

Status Prepare(PrepareContext& ctx) {
  MOTE_ENSURE(ctx, ctx.num_inputs() == 1, "expected 1 input, got %d",
              ctx.num_inputs());
  const TensorInfo input = ctx.input(0);
  MOTE_ENSURE(ctx, input.present(), "the input tensor is missing");
  int32_t num = 0;
  int32_t axis = 0;
  if (const tflite::UnpackOptions* o =
          ctx.options<tflite::UnpackOptions>()) {
    num = o->num();
    axis = o->axis();
  }
  MOTE_ENSURE(ctx, input.shape.rank >= 1, "input '%s' is a scalar",
              input.name);
  MOTE_RETURN_IF_ERROR(
      NormalizeAxis(ctx, axis, input.shape.rank, "axis", &axis));
  MOTE_ENSURE(ctx, num == ctx.num_outputs(),
              "num is %d but the op has %d outputs", static_cast<int>(num),
              ctx.num_outputs());
  MOTE_ENSURE(ctx, input.shape.dims[axis] == num,
              "input '%s': dim %d is %d, not num (%d)", input.name,
              static_cast<int>(axis),
              static_cast<int>(input.shape.dims[axis]),
              static_cast<int>(num));
  return PrepareSplitPlan(ctx, input, axis, /*drop_axis=*/true,
                          kTypesS8 | kTypesS16 | kTypesS32 | kTypesF32,
                          "int8, int16, int32 or float32");
}

Status Eval(EvalContext& ctx) { return EvalSplit(ctx, 0); }

}  // namespace

const OpRegistration& Register_UNPACK() {
  // Version 2 is int8, 4 int16; 3 (bool) is refused in Prepare.
  static constexpr OpRegistration r = {/*builtin_code=*/88,
                                       "UNPACK",
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
