// LOGICAL_AND, LOGICAL_OR (NumPy broadcasting up to rank 6) and LOGICAL_NOT:
// bool tensors only, as TFLite Micro (logical.cc, elementwise.cc).
#include "kernels/ref/logical.h"

#include "mote/op.h"
#include "ops/binary_common.h"
#include "ops/math_unary_common.h"
#include "ops/ops.h"

namespace mote {
namespace {

Status PrepareBinary(PrepareContext& ctx) {
  TensorInfo input1, input2, output;
  MOTE_RETURN_IF_ERROR(PrepareBinaryTensors(ctx, &input1, &input2, &output));
  MOTE_ENSURE_SUPPORTED(ctx, input1.type == DataType::kBool,
                        "input '%s': expected bool, got %s", input1.name,
                        DataTypeName(input1.type));
  MOTE_RETURN_IF_ERROR(CheckTensorType(ctx, input2, "input", DataType::kBool));
  return CheckTensorType(ctx, output, "output", DataType::kBool);
}

template <bool kAnd>
Status EvalBinary(EvalContext& ctx) {
  const EvalTensor* a = ctx.input(0);
  const EvalTensor* b = ctx.input(1);
  bool* out = ctx.output(0)->as<bool>();
  const bool ok =
      kAnd ? ref::LogicalAnd(a->shape(), a->as<uint8_t>(), b->shape(),
                             b->as<uint8_t>(), out)
           : ref::LogicalOr(a->shape(), a->as<uint8_t>(), b->shape(),
                            b->as<uint8_t>(), out);
  if (!ok) {
    return ctx.Fail(Status::kInternal, MOTE_MSG("input shapes do not broadcast"));
  }
  return Status::kOk;
}

Status PrepareNot(PrepareContext& ctx) {
  TensorInfo input, output;
  return PrepareSameTypeUnary(ctx, TypeBit(DataType::kBool), "bool", &input,
                              &output);
}

Status EvalNot(EvalContext& ctx) {
  const EvalTensor* input = ctx.input(0);
  ref::LogicalNot(input->shape().FlatSize(), input->as<uint8_t>(),
                  ctx.output(0)->as<bool>());
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_LOGICAL_AND() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/86, "LOGICAL_AND", nullptr, PrepareBinary,
      EvalBinary<true>, nullptr,
      /*max_version=*/1,
      /*dtypes=*/"bool"};
  return r;
}

const OpRegistration& Register_LOGICAL_OR() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/84, "LOGICAL_OR", nullptr, PrepareBinary,
      EvalBinary<false>, nullptr,
      /*max_version=*/1,
      /*dtypes=*/"bool"};
  return r;
}

const OpRegistration& Register_LOGICAL_NOT() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/87, "LOGICAL_NOT", nullptr, PrepareNot, EvalNot, nullptr,
      /*max_version=*/1,
      /*dtypes=*/"bool"};
  return r;
}

}  // namespace mote
