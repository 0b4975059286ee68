// SPLIT_V: cuts the input into pieces of the sizes in size_splits along a
// constant axis (inputs: input, size_splits, axis). float32, int8, int16 and
// int32 as TFLite Micro.
//
// The outputs' static shapes fix the sizes (TFLite Micro reads only them);
// a constant size_splits must agree with them (one entry may be -1, the
// rest of the axis), a runtime one is ignored as in TFLite Micro.
#include <cstring>

#include "mote/op.h"
#include "ops/const_tensor_util.h"
#include "ops/data_movement_common.h"
#include "ops/ops.h"
#include "ops/split_common.h"
#include "schema/tflite_generated.h"

namespace mote {
namespace {

Status CheckSizeSplits(PrepareContext& ctx, const TensorInfo& sizes,
                       const TensorInfo& input, int32_t axis) {
  if (!sizes.is_const()) return Status::kOk;
  const SplitPlan* plan = ctx.user_data<SplitPlan>();
  MOTE_ENSURE(ctx,
              sizes.type == DataType::kInt32 || sizes.type == DataType::kInt64,
              "size_splits tensor '%s': expected int32 or int64, got %s",
              sizes.name, DataTypeName(sizes.type));
  const size_t element_size = DataTypeSize(sizes.type);
  MOTE_ENSURE(ctx,
              sizes.shape.rank == 1 &&
                  sizes.shape.dims[0] == plan->num_outputs &&
                  sizes.bytes >= plan->num_outputs * element_size,
              "size_splits tensor '%s': expected a vector of %d entries",
              sizes.name, static_cast<int>(plan->num_outputs));
  const unsigned char* bytes =
      static_cast<const unsigned char*>(sizes.const_data);
  bool inferred = false;
  for (int i = 0; i < plan->num_outputs; ++i) {
    int64_t value = 0;
    if (element_size == 4) {
      int32_t v;
      std::memcpy(&v, bytes + i * 4, 4);
      value = v;
    } else {
      std::memcpy(&value, bytes + i * 8, 8);
    }
    // One entry may be -1: whatever the others leave (the output's size).
    if (value == -1 && !inferred) {
      inferred = true;
      continue;
    }
    MOTE_ENSURE(ctx, value == plan->axis_dims[i],
                "size_splits tensor '%s': entry %d is %lld, output %d has %d "
                "along axis %d of input '%s'",
                sizes.name, i, static_cast<long long>(value), i,
                static_cast<int>(plan->axis_dims[i]), static_cast<int>(axis),
                input.name);
  }
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  MOTE_ENSURE(ctx, ctx.num_inputs() == 3,
              "expected 3 inputs (input, size_splits, axis), got %d",
              ctx.num_inputs());
  const TensorInfo input = ctx.input(0);
  const TensorInfo sizes = ctx.input(1);
  const TensorInfo axis_tensor = ctx.input(2);
  MOTE_ENSURE(ctx, input.present() && sizes.present(),
              "input and size_splits are required");
  if (const tflite::SplitVOptions* o =
          ctx.options<tflite::SplitVOptions>()) {
    MOTE_ENSURE(ctx, o->num_splits() == ctx.num_outputs(),
                "num_splits is %d but the op has %d outputs",
                static_cast<int>(o->num_splits()), ctx.num_outputs());
  }
  int32_t axis = 0;
  int count = 0;
  MOTE_RETURN_IF_ERROR(ReadConstInt32Vector(ctx, axis_tensor, "axis", true,
                                            &axis, 1, &count));
  MOTE_ENSURE(ctx, count == 1, "axis tensor '%s' is empty", axis_tensor.name);
  MOTE_RETURN_IF_ERROR(
      NormalizeAxis(ctx, axis, input.shape.rank, "axis", &axis));
  MOTE_RETURN_IF_ERROR(PrepareSplitPlan(
      ctx, input, axis, /*drop_axis=*/false,
      kTypesS8 | kTypesS16 | kTypesS32 | kTypesF32,
      "int8, int16, int32 or float32"));
  return CheckSizeSplits(ctx, sizes, input, axis);
}

Status Eval(EvalContext& ctx) { return EvalSplit(ctx, 0); }

}  // namespace

const OpRegistration& Register_SPLIT_V() {
  static constexpr OpRegistration r = {/*builtin_code=*/102,
                                       "SPLIT_V",
                                       InitSplitPlan,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/2,
                                       /*dtypes=*/"int8, int16, int32, "
                                                  "float32"};
  return r;
}

}  // namespace mote
