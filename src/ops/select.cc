// SELECT and SELECT_V2: out = condition ? x : y for bool, int8, int16,
// int32, int64 and float32 (kernels/ref/select.h). TFLite Micro registers
// only SELECT_V2 (int8, int16, float32); since selecting is copying, the
// other types are bit-exact too. Quantized x and y are copied raw, as
// TFLite does: a converter gives x, y and the output one quantization.
//
// SELECT_V2 broadcasts the three inputs (rank <= 6). SELECT (v1) needs x
// and y of one shape and a condition of that shape, a scalar, or a vector
// along x's first dimension. When every tensor holds a single element,
// their shapes may differ (TFLite's "mixed scalar" case).
#include "kernels/ref/select.h"

#include <new>

#include "mote/op.h"
#include "ops/ops.h"

namespace mote {
namespace {

struct OpData {
  bool rows = false;  // SelectRows (else SelectBroadcast)
  int64_t outer = 0;
  int64_t inner = 0;
  size_t element_size = 0;
};

Status Init(PrepareContext& ctx) {
  void* memory = ctx.AllocatePersistent(sizeof(OpData), alignof(OpData));
  if (memory == nullptr) return Status::kArenaTooSmall;
  ctx.set_user_data(new (memory) OpData());
  return Status::kOk;
}

// The checks both versions share; true in *single when every tensor holds
// exactly one element.
Status PrepareCommon(PrepareContext& ctx, TensorInfo* condition, TensorInfo* x,
                     TensorInfo* y, TensorInfo* output, bool* single) {
  MOTE_ENSURE(ctx, ctx.num_inputs() == 3, "expected 3 inputs, got %d",
              ctx.num_inputs());
  MOTE_ENSURE(ctx, ctx.num_outputs() == 1, "expected 1 output, got %d",
              ctx.num_outputs());
  *condition = ctx.input(0);
  *x = ctx.input(1);
  *y = ctx.input(2);
  *output = ctx.output(0);
  MOTE_ENSURE(ctx,
              condition->present() && x->present() && y->present() &&
                  output->present(),
              "the condition, both inputs and the output are required");
  MOTE_ENSURE(ctx, condition->type == DataType::kBool,
              "condition '%s': expected bool, got %s", condition->name,
              DataTypeName(condition->type));
  const DataType type = x->type;
  MOTE_ENSURE_SUPPORTED(
      ctx,
      type == DataType::kBool || type == DataType::kInt8 ||
          type == DataType::kInt16 || type == DataType::kInt32 ||
          type == DataType::kInt64 || type == DataType::kFloat32,
      "input '%s': expected bool, int8, int16, int32, int64 or float32, got "
      "%s",
      x->name, DataTypeName(type));
  MOTE_ENSURE(ctx, y->type == type && output->type == type,
              "inputs '%s' (%s), '%s' (%s) and output '%s' (%s) must have one "
              "type",
              x->name, DataTypeName(type), y->name, DataTypeName(y->type),
              output->name, DataTypeName(output->type));
  ctx.user_data<OpData>()->element_size = DataTypeSize(type);
  *single = condition->shape.FlatSize() == 1 && x->shape.FlatSize() == 1 &&
            y->shape.FlatSize() == 1 && output->shape.FlatSize() == 1;
  return Status::kOk;
}

Status PrepareV1(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  TensorInfo condition, x, y, output;
  bool single = false;
  MOTE_RETURN_IF_ERROR(
      PrepareCommon(ctx, &condition, &x, &y, &output, &single));
  data->rows = true;
  if (single) {
    data->outer = 1;
    data->inner = 1;
    return Status::kOk;
  }
  MOTE_ENSURE(ctx, x.shape == y.shape && output.shape == x.shape,
              "inputs '%s', '%s' and output '%s' must have one shape (SELECT "
              "does not broadcast; SELECT_V2 does)",
              x.name, y.name, output.name);
  const Shape& c = condition.shape;
  if (c == x.shape) {
    data->outer = x.shape.FlatSize();
    data->inner = 1;
  } else if (c.rank == 0) {
    data->outer = 1;
    data->inner = x.shape.FlatSize();
  } else {
    MOTE_ENSURE(ctx,
                c.rank == 1 && x.shape.rank >= 1 && c.dims[0] == x.shape.dims[0],
                "condition '%s' must have the shape of '%s', be a scalar, or "
                "be a vector of its first dimension",
                condition.name, x.name);
    data->outer = c.dims[0];
    data->inner = x.shape.FlatSize(1, x.shape.rank);
  }
  return Status::kOk;
}

Status PrepareV2(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  TensorInfo condition, x, y, output;
  bool single = false;
  MOTE_RETURN_IF_ERROR(
      PrepareCommon(ctx, &condition, &x, &y, &output, &single));
  if (single) {
    data->rows = true;
    data->outer = 1;
    data->inner = 1;
    return Status::kOk;
  }
  data->rows = false;
  Shape expected;
  MOTE_ENSURE(ctx,
              ref::SelectBroadcastShape(condition.shape, x.shape, y.shape,
                                        &expected),
              "condition '%s' and inputs '%s', '%s' have shapes that do not "
              "broadcast",
              condition.name, x.name, y.name);
  MOTE_ENSURE(ctx, output.shape == expected,
              "output '%s': shape is not the broadcast shape of the inputs",
              output.name);
  return Status::kOk;
}

Status Eval(EvalContext& ctx) {
  const OpData* data = ctx.user_data<OpData>();
  const EvalTensor* condition = ctx.input(0);
  const EvalTensor* x = ctx.input(1);
  const EvalTensor* y = ctx.input(2);
  void* out = ctx.output(0)->data;
  const bool ok =
      data->rows
          ? ref::SelectRows(data->element_size, data->outer, data->inner,
                            condition->as<uint8_t>(), x->data, y->data, out)
          : ref::SelectBroadcast(data->element_size, condition->shape(),
                                 condition->as<uint8_t>(), x->shape(), x->data,
                                 y->shape(), y->data, out);
  if (!ok) {
    return ctx.Fail(Status::kInternal,
                    MOTE_MSG("input shapes do not broadcast"));
  }
  return Status::kOk;
}

}  // namespace

// SELECT versions 2 (int8) and 3 (rank 5) run; 4 (uint32) is rejected by
// type. SELECT_V2 version 2 is uint32, likewise.
const OpRegistration& Register_SELECT() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/64, "SELECT", Init, PrepareV1, Eval, nullptr,
      /*max_version=*/4,
      /*dtypes=*/"bool, int8, int16, int32, int64, float32"};
  return r;
}

const OpRegistration& Register_SELECT_V2() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/123, "SELECT_V2", Init, PrepareV2, Eval, nullptr,
      /*max_version=*/2,
      /*dtypes=*/"bool, int8, int16, int32, int64, float32"};
  return r;
}

}  // namespace mote
