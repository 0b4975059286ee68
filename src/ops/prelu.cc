// PRELU: float32 and int8 (two multipliers, kernels/ref/prelu.h), alpha
// broadcast against the input (NumPy rules, rank <= 6); the output has the
// broadcast shape. Alpha is usually a constant per-channel vector.
#include "kernels/ref/prelu.h"

#include <new>

#include "mote/op.h"
#include "ops/binary_common.h"
#include "ops/ops.h"

namespace mote {
namespace {

struct OpData {
  ref::PreluParamsS8 params;
};

Status Init(PrepareContext& ctx) {
  void* memory = ctx.AllocatePersistent(sizeof(OpData), alignof(OpData));
  if (memory == nullptr) return Status::kArenaTooSmall;
  ctx.set_user_data(new (memory) OpData());
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  TensorInfo input, alpha, output;
  MOTE_RETURN_IF_ERROR(PrepareBinaryTensors(ctx, &input, &alpha, &output));
  const DataType type = input.type;
  MOTE_ENSURE_SUPPORTED(
      ctx, type == DataType::kFloat32 || type == DataType::kInt8,
      "input '%s': expected float32 or int8, got %s", input.name,
      DataTypeName(type));
  MOTE_RETURN_IF_ERROR(CheckTensorType(ctx, alpha, "alpha", type));
  MOTE_RETURN_IF_ERROR(CheckTensorType(ctx, output, "output", type));
  if (type == DataType::kFloat32) return Status::kOk;

  MOTE_RETURN_IF_ERROR(CheckQuantizedS8(ctx, input, "input"));
  MOTE_RETURN_IF_ERROR(CheckQuantizedS8(ctx, alpha, "alpha"));
  MOTE_RETURN_IF_ERROR(CheckQuantizedS8(ctx, output, "output"));
  data->params = ref::MakePreluParamsS8(
      input.quant.scale(0), input.quant.zero_point(0), alpha.quant.scale(0),
      alpha.quant.zero_point(0), output.quant.scale(0),
      output.quant.zero_point(0));
  MOTE_RETURN_IF_ERROR(CheckLeftShift(ctx, data->params.output_shift_1,
                                      "input", input.name, output.name));
  return CheckLeftShift(ctx, data->params.output_shift_2, "input times alpha",
                        input.name, output.name);
}

Status Eval(EvalContext& ctx) {
  const EvalTensor* input = ctx.input(0);
  const EvalTensor* alpha = ctx.input(1);
  EvalTensor* output = ctx.output(0);
  bool ok = false;
  if (input->type == DataType::kFloat32) {
    ok = ref::PreluF32(input->shape(), input->as<float>(), alpha->shape(),
                       alpha->as<float>(), output->as<float>());
  } else {
    ok = ref::PreluS8(ctx.user_data<OpData>()->params, input->shape(),
                      input->as<int8_t>(), alpha->shape(), alpha->as<int8_t>(),
                      output->as<int8_t>());
  }
  if (!ok) {
    return ctx.Fail(Status::kInternal, MOTE_MSG("input shapes do not broadcast"));
  }
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_PRELU() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/54, "PRELU", Init, Prepare, Eval, nullptr,
      /*max_version=*/1,
      /*dtypes=*/"int8, float32"};
  return r;
}

}  // namespace mote
