// SOFTMAX over the last axis: int8 -> int8 with TFLite's fixed-point
// algorithm (output scale 1/256, zero point -128, as TFLite requires) and
// float32. int16 (and int8 -> int16) are not supported yet.
#include "kernels/ref/softmax.h"

#include <new>

#include "ops/ops.h"
#include "ops/unary_common.h"
#include "schema/tflite_generated.h"

namespace mote {
namespace {

struct OpData {
  float beta = 0.0f;  // the schema's default when SoftmaxOptions is absent
  ref::SoftmaxParamsS8 params;
};

Status Init(PrepareContext& ctx) {
  void* memory = ctx.AllocatePersistent(sizeof(OpData), alignof(OpData));
  if (memory == nullptr) return Status::kArenaTooSmall;
  OpData* data = new (memory) OpData();
  if (const tflite::SoftmaxOptions* opts =
          ctx.op()->builtin_options_as_SoftmaxOptions()) {
    data->beta = opts->beta();
  }
  ctx.set_user_data(data);
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  TensorInfo input;
  TensorInfo output;
  int32_t size = 0;
  MOTE_RETURN_IF_ERROR(PrepareUnaryTensors(ctx, &input, &output, &size));
  MOTE_ENSURE(ctx, input.shape.rank >= 1, "input '%s': needs rank >= 1",
              input.name);
  MOTE_RETURN_IF_ERROR(CheckS8OrF32(ctx, input, output));
  if (input.type == DataType::kFloat32) return Status::kOk;

  MOTE_RETURN_IF_ERROR(CheckQuantS8(ctx, input, "input"));
  MOTE_RETURN_IF_ERROR(CheckQuantS8(ctx, output, "output"));
  // The kernel writes probabilities in 1/256 steps from -128; TFLite
  // requires exactly this quantization.
  MOTE_ENSURE(
      ctx,
      output.quant.scale(0) == 1.0f / 256 && output.quant.zero_point(0) == -128,
      "output '%s': int8 softmax needs scale 1/256 and zero point "
      "-128, got %g and %d",
      output.name, static_cast<double>(output.quant.scale(0)),
      static_cast<int>(output.quant.zero_point(0)));
  MOTE_ENSURE(
      ctx,
      ref::PrepareSoftmaxS8(input.quant.scale(0), data->beta, &data->params),
      "input '%s': beta %g times input scale %g is too small for "
      "int8 softmax",
      input.name, static_cast<double>(data->beta),
      static_cast<double>(input.quant.scale(0)));
  return Status::kOk;
}

Status Eval(EvalContext& ctx) {
  const OpData* data = ctx.user_data<OpData>();
  const EvalTensor* input = ctx.input(0);
  EvalTensor* output = ctx.output(0);
  if (input->type == DataType::kInt8) {
    ref::SoftmaxS8(data->params, input->shape(), input->as<int8_t>(),
                   output->as<int8_t>());
  } else {
    ref::SoftmaxF32(data->beta, input->shape(), input->as<float>(),
                    output->as<float>());
  }
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_SOFTMAX() {
  // Version 3 adds int16, which Prepare rejects by type.
  static constexpr OpRegistration r = {/*builtin_code=*/25,
                                       "SOFTMAX",
                                       Init,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/3,
      /*dtypes=*/"int8, float32"};
  return r;
}

}  // namespace mote
