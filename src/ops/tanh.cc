// TANH: int8 with TFLite Micro's fixed-point algorithm (output scale 1/128,
// zero point 0) and float32. int16 is not supported yet.
#include "kernels/ref/tanh.h"

#include <new>

#include "ops/ops.h"
#include "ops/unary_common.h"

namespace mote {
namespace {

struct OpData {
  int32_t size = 0;
  ref::TanhParamsS8 params;
};

Status Init(PrepareContext& ctx) {
  void* memory = ctx.AllocatePersistent(sizeof(OpData), alignof(OpData));
  if (memory == nullptr) return Status::kArenaTooSmall;
  ctx.set_user_data(new (memory) OpData());
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  TensorInfo input;
  TensorInfo output;
  MOTE_RETURN_IF_ERROR(PrepareUnaryTensors(ctx, &input, &output, &data->size));
  MOTE_RETURN_IF_ERROR(CheckS8OrF32(ctx, input, output));
  if (input.type == DataType::kFloat32) return Status::kOk;

  MOTE_RETURN_IF_ERROR(CheckQuantS8(ctx, input, "input"));
  MOTE_RETURN_IF_ERROR(CheckQuantS8(ctx, output, "output"));
  // The kernel always writes 1/128 steps around 0 (the converter's fixed
  // output range for tanh). TFLite Micro does not check and would silently
  // mislabel any other output quantization; we refuse instead.
  MOTE_ENSURE_SUPPORTED(
      ctx,
      output.quant.scale(0) == 1.0f / 128 && output.quant.zero_point(0) == 0,
      "output '%s': int8 tanh supports only scale 1/128 and "
      "zero point 0, got %g and %d",
      output.name, static_cast<double>(output.quant.scale(0)),
      static_cast<int>(output.quant.zero_point(0)));
  data->params =
      ref::PrepareTanhS8(input.quant.scale(0), input.quant.zero_point(0));
  return Status::kOk;
}

Status Eval(EvalContext& ctx) {
  const OpData* data = ctx.user_data<OpData>();
  const EvalTensor* input = ctx.input(0);
  EvalTensor* output = ctx.output(0);
  if (input->type == DataType::kInt8) {
    ref::TanhS8(data->params, data->size, input->as<int8_t>(),
                output->as<int8_t>());
  } else {
    ref::TanhF32(data->size, input->as<float>(), output->as<float>());
  }
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_TANH() {
  // Version 3 adds int16, which Prepare rejects by type.
  static constexpr OpRegistration r = {/*builtin_code=*/28,
                                       "TANH",
                                       Init,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/3,
      /*dtypes=*/"int8, float32"};
  return r;
}

}  // namespace mote
