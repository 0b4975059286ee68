// MAXIMUM and MINIMUM: float32, int8, int16, int32 and int64, with NumPy
// broadcasting up to rank 6 (TFLite Micro's MaximumMinimumBroadcastSlow).
// Quantized inputs are compared raw, as TFLite does; both inputs and the
// output must have the same type.
#include "kernels/ref/maximum_minimum.h"

#include "mote/op.h"
#include "ops/binary_common.h"
#include "ops/ops.h"

namespace mote {
namespace {

Status Prepare(PrepareContext& ctx) {
  TensorInfo input1, input2, output;
  MOTE_RETURN_IF_ERROR(PrepareBinaryTensors(ctx, &input1, &input2, &output));
  const DataType type = input1.type;
  MOTE_ENSURE_SUPPORTED(
      ctx,
      type == DataType::kFloat32 || type == DataType::kInt8 ||
          type == DataType::kInt16 || type == DataType::kInt32 ||
          type == DataType::kInt64,
      "input '%s': expected float32, int8, int16, int32 or int64, got %s",
      input1.name, DataTypeName(type));
  MOTE_RETURN_IF_ERROR(CheckTensorType(ctx, input2, "input", type));
  MOTE_RETURN_IF_ERROR(CheckTensorType(ctx, output, "output", type));
  return Status::kOk;
}

template <bool kMax>
Status Eval(EvalContext& ctx) {
  const EvalTensor* a = ctx.input(0);
  const EvalTensor* b = ctx.input(1);
  EvalTensor* out = ctx.output(0);
  const Shape sa = a->shape();
  const Shape sb = b->shape();
  bool ok = false;
  switch (out->type) {
    case DataType::kFloat32:
      ok = kMax ? ref::MaximumF32(sa, a->as<float>(), sb, b->as<float>(),
                                  out->as<float>())
                : ref::MinimumF32(sa, a->as<float>(), sb, b->as<float>(),
                                  out->as<float>());
      break;
    case DataType::kInt8:
      ok = kMax ? ref::MaximumS8(sa, a->as<int8_t>(), sb, b->as<int8_t>(),
                                 out->as<int8_t>())
                : ref::MinimumS8(sa, a->as<int8_t>(), sb, b->as<int8_t>(),
                                 out->as<int8_t>());
      break;
    case DataType::kInt16:
      ok = kMax ? ref::MaximumS16(sa, a->as<int16_t>(), sb, b->as<int16_t>(),
                                  out->as<int16_t>())
                : ref::MinimumS16(sa, a->as<int16_t>(), sb, b->as<int16_t>(),
                                  out->as<int16_t>());
      break;
    case DataType::kInt32:
      ok = kMax ? ref::MaximumS32(sa, a->as<int32_t>(), sb, b->as<int32_t>(),
                                  out->as<int32_t>())
                : ref::MinimumS32(sa, a->as<int32_t>(), sb, b->as<int32_t>(),
                                  out->as<int32_t>());
      break;
    default:
      ok = kMax ? ref::MaximumS64(sa, a->as<int64_t>(), sb, b->as<int64_t>(),
                                  out->as<int64_t>())
                : ref::MinimumS64(sa, a->as<int64_t>(), sb, b->as<int64_t>(),
                                  out->as<int64_t>());
      break;
  }
  if (!ok) {
    return ctx.Fail(Status::kInternal, MOTE_MSG("input shapes do not broadcast"));
  }
  return Status::kOk;
}

}  // namespace

// Version 2 is int8, 3 broadcasting above rank 4, 4 int16.
const OpRegistration& Register_MAXIMUM() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/55, "MAXIMUM", nullptr, Prepare, Eval<true>, nullptr,
      /*max_version=*/4,
      /*dtypes=*/"int8, int16, int32, int64, float32"};
  return r;
}

const OpRegistration& Register_MINIMUM() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/57, "MINIMUM", nullptr, Prepare, Eval<false>, nullptr,
      /*max_version=*/4,
      /*dtypes=*/"int8, int16, int32, int64, float32"};
  return r;
}

}  // namespace mote
