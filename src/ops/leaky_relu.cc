// LEAKY_RELU: int8 (requantizing, one multiplier for x >= 0 and one for
// alpha * x, as TFLite Micro) and float32. int16 is not supported yet.
#include <cmath>
#include <new>

#include "kernels/ref/activations.h"
#include "ops/ops.h"
#include "ops/unary_common.h"
#include "schema/tflite_generated.h"

namespace mote {
namespace {

struct OpData {
  float alpha = 0.0f;  // the schema's default when LeakyReluOptions is absent
  int32_t size = 0;
  ref::LeakyReluParamsS8 params;
};

Status Init(PrepareContext& ctx) {
  void* memory = ctx.AllocatePersistent(sizeof(OpData), alignof(OpData));
  if (memory == nullptr) return Status::kArenaTooSmall;
  OpData* data = new (memory) OpData();
  if (const tflite::LeakyReluOptions* opts =
          ctx.options<tflite::LeakyReluOptions>()) {
    data->alpha = opts->alpha();
  }
  ctx.set_user_data(data);
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
  MOTE_ENSURE(ctx, std::isfinite(data->alpha), "alpha must be finite, got %g",
              static_cast<double>(data->alpha));
  const double identity_factor =
      static_cast<double>(input.quant.scale(0)) / output.quant.scale(0);
  MOTE_RETURN_IF_ERROR(CheckRescaleFactor(ctx, identity_factor, input, output));
  MOTE_RETURN_IF_ERROR(CheckRescaleFactor(
      ctx, identity_factor * static_cast<double>(data->alpha), input, output));
  data->params = ref::PrepareLeakyReluS8(
      input.quant.scale(0), input.quant.zero_point(0), output.quant.scale(0),
      output.quant.zero_point(0), data->alpha);
  return Status::kOk;
}

Status Eval(EvalContext& ctx) {
  const OpData* data = ctx.user_data<OpData>();
  const EvalTensor* input = ctx.input(0);
  EvalTensor* output = ctx.output(0);
  if (input->type == DataType::kInt8) {
    ref::LeakyReluS8(data->params, data->size, input->as<int8_t>(),
                     output->as<int8_t>());
  } else {
    ref::LeakyReluF32(data->alpha, data->size, input->as<float>(),
                      output->as<float>());
  }
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_LEAKY_RELU() {
  // Version 2 adds int16, which Prepare rejects by type.
  static constexpr OpRegistration r = {/*builtin_code=*/98,
                                       "LEAKY_RELU",
                                       Init,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/2,
      /*dtypes=*/"int8, float32"};
  return r;
}

}  // namespace mote
