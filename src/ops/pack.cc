// PACK: stacks values_count tensors of one shape along a new axis. float32,
// int8, int16, int32 and int64 as TFLite Micro.
//
// Stacking along a new axis is a concatenation of pieces one row thick, so
// the copy is ref::Concatenation's.
#include "kernels/ref/concatenation.h"
#include "mote/op.h"
#include "ops/data_movement_common.h"
#include "ops/ops.h"
#include "schema/tflite_generated.h"

namespace mote {
namespace {

struct OpData {
  int32_t num_inputs;
  int32_t axis;
  size_t element_size;
  int32_t* ones;             // num_inputs entries of 1 (the rows per input)
  const void** input_data;   // num_inputs entries, refreshed at Eval
};

Status Init(PrepareContext& ctx) {
  OpData* data = ctx.AllocatePersistent<OpData>();
  MOTE_ENSURE(ctx, data != nullptr, "out of persistent memory");
  const int n = ctx.num_inputs();
  MOTE_ENSURE(ctx, n >= 1, "expected at least 1 input, got %d", n);
  data->num_inputs = n;
  data->ones = ctx.AllocatePersistent<int32_t>(n);
  data->input_data = ctx.AllocatePersistent<const void*>(n);
  MOTE_ENSURE(ctx, data->ones != nullptr && data->input_data != nullptr,
              "out of persistent memory");
  for (int i = 0; i < n; ++i) data->ones[i] = 1;
  ctx.set_user_data(data);
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  MOTE_ENSURE(ctx, ctx.num_outputs() == 1, "expected 1 output, got %d",
              ctx.num_outputs());
  MOTE_ENSURE(ctx, ctx.num_inputs() == data->num_inputs,
              "input count changed since Init");
  int32_t values_count = 0;
  int32_t axis = 0;
  if (const tflite::PackOptions* o = ctx.options<tflite::PackOptions>()) {
    values_count = o->values_count();
    axis = o->axis();
  }
  MOTE_ENSURE(ctx, values_count == data->num_inputs,
              "values_count is %d but the op has %d inputs",
              static_cast<int>(values_count), static_cast<int>(data->num_inputs));
  const TensorInfo first = ctx.input(0);
  const TensorInfo output = ctx.output(0);
  MOTE_RETURN_IF_ERROR(CheckTypeIn(
      ctx, first, "input", kTypesS8 | kTypesS16 | kTypesS32 | kTypesS64 |
                               kTypesF32,
      "int8, int16, int32, int64 or float32"));
  MOTE_ENSURE(ctx, output.present(), "the output tensor is missing");
  const int rank = first.shape.rank;
  MOTE_ENSURE_SUPPORTED(ctx, rank < Shape::kMaxRank,
                        "input '%s' already has rank %d, the most mote "
                        "supports",
                        first.name, rank);
  MOTE_RETURN_IF_ERROR(NormalizeAxis(ctx, axis, rank + 1, "axis", &axis));
  for (int i = 0; i < data->num_inputs; ++i) {
    const TensorInfo input = ctx.input(i);
    MOTE_ENSURE(ctx, input.present(), "input %d is missing", i);
    MOTE_ENSURE(ctx, input.shape == first.shape,
                "input '%s' has a different shape from input '%s'",
                input.name, first.name);
    MOTE_RETURN_IF_ERROR(CheckSameTypeAndQuant(ctx, input, output));
    MOTE_RETURN_IF_ERROR(CheckNotEmpty(ctx, input, "input"));
  }
  Shape expected;
  expected.rank = rank + 1;
  for (int d = 0, from = 0; d < expected.rank; ++d) {
    expected.dims[d] = d == axis ? values_count : first.shape.dims[from++];
  }
  MOTE_RETURN_IF_ERROR(
      CheckOutputShape(ctx, output, expected, "values_count and the axis"));
  data->axis = axis;
  data->element_size = DataTypeSize(first.type);
  return Status::kOk;
}

Status Eval(EvalContext& ctx) {
  const OpData* data = ctx.user_data<OpData>();
  for (int i = 0; i < data->num_inputs; ++i) {
    data->input_data[i] = ctx.input(i)->data;
  }
  EvalTensor* output = ctx.output(0);
  ref::Concatenation(output->shape(), data->axis, data->num_inputs, data->ones,
                     data->input_data, data->element_size, output->data);
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_PACK() {
  // Version 2 is int8, 3 int16; 4 (uint32) is refused in Prepare.
  static constexpr OpRegistration r = {/*builtin_code=*/83,
                                       "PACK",
                                       Init,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/3,
                                       /*dtypes=*/"int8, int16, int32, int64, "
                                                  "float32"};
  return r;
}

}  // namespace mote
