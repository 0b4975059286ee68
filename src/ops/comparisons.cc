// EQUAL, NOT_EQUAL, GREATER, GREATER_EQUAL, LESS, LESS_EQUAL: float32,
// int32, int64 and int8 (rescaled as TFLite Micro, see
// kernels/ref/comparisons.h), plus bool for EQUAL and NOT_EQUAL; NumPy
// broadcasting up to rank 6; the output is bool.
#include "kernels/ref/comparisons.h"

#include <new>

#include "mote/op.h"
#include "ops/binary_common.h"
#include "ops/ops.h"

namespace mote {
namespace {

using ref::Comparison;

struct OpData {
  ref::ComparisonParamsS8 params;
};

Status Init(PrepareContext& ctx) {
  void* memory = ctx.AllocatePersistent(sizeof(OpData), alignof(OpData));
  if (memory == nullptr) return Status::kArenaTooSmall;
  ctx.set_user_data(new (memory) OpData());
  return Status::kOk;
}

constexpr bool IsEquality(Comparison op) {
  return op == Comparison::kEqual || op == Comparison::kNotEqual;
}

template <Comparison kOp>
Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  TensorInfo input1, input2, output;
  MOTE_RETURN_IF_ERROR(PrepareBinaryTensors(ctx, &input1, &input2, &output));
  const DataType type = input1.type;
  if (IsEquality(kOp)) {
    MOTE_ENSURE_SUPPORTED(
        ctx,
        type == DataType::kFloat32 || type == DataType::kInt32 ||
            type == DataType::kInt64 || type == DataType::kInt8 ||
            type == DataType::kBool,
        "input '%s': expected float32, int32, int64, int8 or bool, got %s",
        input1.name, DataTypeName(type));
  } else {
    MOTE_ENSURE_SUPPORTED(
        ctx,
        type == DataType::kFloat32 || type == DataType::kInt32 ||
            type == DataType::kInt64 || type == DataType::kInt8,
        "input '%s': expected float32, int32, int64 or int8, got %s",
        input1.name, DataTypeName(type));
  }
  MOTE_RETURN_IF_ERROR(CheckTensorType(ctx, input2, "input", type));
  MOTE_RETURN_IF_ERROR(
      CheckTensorType(ctx, output, "output", DataType::kBool));
  if (type != DataType::kInt8) return Status::kOk;

  MOTE_RETURN_IF_ERROR(CheckQuantizedS8(ctx, input1, "input"));
  MOTE_RETURN_IF_ERROR(CheckQuantizedS8(ctx, input2, "input"));
  MOTE_ENSURE_SUPPORTED(
      ctx,
      ref::MakeComparisonParamsS8(
          input1.quant.scale(0), input1.quant.zero_point(0),
          input2.quant.scale(0), input2.quant.zero_point(0), &data->params),
      "inputs '%s' and '%s': int8 comparison needs scales below 1, got %g "
      "and %g",
      input1.name, input2.name, static_cast<double>(input1.quant.scale(0)),
      static_cast<double>(input2.quant.scale(0)));
  return Status::kOk;
}

template <Comparison kOp>
Status Eval(EvalContext& ctx) {
  const EvalTensor* a = ctx.input(0);
  const EvalTensor* b = ctx.input(1);
  bool* out = ctx.output(0)->as<bool>();
  const Shape sa = a->shape();
  const Shape sb = b->shape();
  bool ok = false;
  switch (a->type) {
    case DataType::kFloat32:
      ok = ref::CompareF32(kOp, sa, a->as<float>(), sb, b->as<float>(), out);
      break;
    case DataType::kInt32:
      ok = ref::CompareS32(kOp, sa, a->as<int32_t>(), sb, b->as<int32_t>(),
                           out);
      break;
    case DataType::kInt64:
      ok = ref::CompareS64(kOp, sa, a->as<int64_t>(), sb, b->as<int64_t>(),
                           out);
      break;
    case DataType::kBool:
      ok = ref::CompareBool(kOp, sa, a->as<uint8_t>(), sb, b->as<uint8_t>(),
                            out);
      break;
    default:
      ok = ref::CompareS8(kOp, ctx.user_data<OpData>()->params, sa,
                          a->as<int8_t>(), sb, b->as<int8_t>(), out);
      break;
  }
  if (!ok) {
    return ctx.Fail(Status::kInternal, MOTE_MSG("input shapes do not broadcast"));
  }
  return Status::kOk;
}

}  // namespace

// Versions: 2 adds int8; EQUAL 3 string and 4 int16, NOT_EQUAL 3 string,
// LESS/GREATER_EQUAL 3 int16. Prepare rejects string and int16 by type.
const OpRegistration& Register_EQUAL() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/71, "EQUAL", Init, Prepare<Comparison::kEqual>,
      Eval<Comparison::kEqual>, nullptr,
      /*max_version=*/4,
      /*dtypes=*/"int8, int32, int64, float32, bool"};
  return r;
}

const OpRegistration& Register_NOT_EQUAL() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/72, "NOT_EQUAL", Init, Prepare<Comparison::kNotEqual>,
      Eval<Comparison::kNotEqual>, nullptr,
      /*max_version=*/3,
      /*dtypes=*/"int8, int32, int64, float32, bool"};
  return r;
}

const OpRegistration& Register_GREATER() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/61, "GREATER", Init, Prepare<Comparison::kGreater>,
      Eval<Comparison::kGreater>, nullptr,
      /*max_version=*/2,
      /*dtypes=*/"int8, int32, int64, float32"};
  return r;
}

const OpRegistration& Register_GREATER_EQUAL() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/62, "GREATER_EQUAL", Init,
      Prepare<Comparison::kGreaterEqual>, Eval<Comparison::kGreaterEqual>,
      nullptr,
      /*max_version=*/3,
      /*dtypes=*/"int8, int32, int64, float32"};
  return r;
}

const OpRegistration& Register_LESS() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/58, "LESS", Init, Prepare<Comparison::kLess>,
      Eval<Comparison::kLess>, nullptr,
      /*max_version=*/3,
      /*dtypes=*/"int8, int32, int64, float32"};
  return r;
}

const OpRegistration& Register_LESS_EQUAL() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/63, "LESS_EQUAL", Init, Prepare<Comparison::kLessEqual>,
      Eval<Comparison::kLessEqual>, nullptr,
      /*max_version=*/2,
      /*dtypes=*/"int8, int32, int64, float32"};
  return r;
}

}  // namespace mote
