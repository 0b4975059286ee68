// NEG: float32 (TFLite Micro), plus int32 and int64 as TFLite runs them
// (negation wraps at the type's minimum, as two's complement hardware does).
#include "kernels/ref/elementwise.h"
#include "mote/op.h"
#include "ops/math_unary_common.h"
#include "ops/ops.h"

namespace mote {
namespace {

Status Prepare(PrepareContext& ctx) {
  TensorInfo input, output;
  return PrepareSameTypeUnary(
      ctx,
      TypeBit(DataType::kFloat32) | TypeBit(DataType::kInt32) |
          TypeBit(DataType::kInt64),
      "float32, int32 or int64", &input, &output);
}

Status Eval(EvalContext& ctx) {
  const EvalTensor* input = ctx.input(0);
  EvalTensor* output = ctx.output(0);
  const int64_t size = input->shape().FlatSize();
  switch (input->type) {
    case DataType::kFloat32:
      ref::NegF32(size, input->as<const float>(), output->as<float>());
      break;
    case DataType::kInt32:
      ref::NegS32(size, input->as<const int32_t>(), output->as<int32_t>());
      break;
    default:
      ref::NegS64(size, input->as<const int64_t>(), output->as<int64_t>());
      break;
  }
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_NEG() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/59, "NEG", nullptr, Prepare, Eval, nullptr,
      /*max_version=*/1,
      /*dtypes=*/"int32, int64, float32"};
  return r;
}

}  // namespace mote
