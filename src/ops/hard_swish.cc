// HARD_SWISH: x * relu6(x + 3) / 6, int8 (TFLite's int16 fixed-point
// reference) and float32.
#include <new>

#include "kernels/ref/activations.h"
#include "ops/ops.h"
#include "ops/unary_common.h"

namespace mote {
namespace {

struct OpData {
  int32_t size = 0;
  ref::HardSwishParamsS8 params;
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
  // TFLite Micro fails the same way: the output rescale must not need a
  // left shift, i.e. the output scale must exceed input scale / 128.
  MOTE_ENSURE(
      ctx,
      ref::PrepareHardSwishS8(input.quant.scale(0), input.quant.zero_point(0),
                              output.quant.scale(0), output.quant.zero_point(0),
                              &data->params),
      "output '%s': scale %g is too small for input '%s' scale %g", output.name,
      static_cast<double>(output.quant.scale(0)), input.name,
      static_cast<double>(input.quant.scale(0)));
  return Status::kOk;
}

Status Eval(EvalContext& ctx) {
  const OpData* data = ctx.user_data<OpData>();
  const EvalTensor* input = ctx.input(0);
  EvalTensor* output = ctx.output(0);
  if (input->type == DataType::kInt8) {
    ref::HardSwishS8(data->params, data->size, input->as<int8_t>(),
                     output->as<int8_t>());
  } else {
    ref::HardSwishF32(data->size, input->as<float>(), output->as<float>());
  }
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_HARD_SWISH() {
  static constexpr OpRegistration r = {/*builtin_code=*/117,
                                       "HARD_SWISH",
                                       Init,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/1,
      /*dtypes=*/"int8, float32"};
  return r;
}

}  // namespace mote
