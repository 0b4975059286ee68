// HARD_SWISH: x * relu6(x + 3) / 6, int8 (TFLite's int16 fixed-point
// reference) and float32.
#include "kernels/ref/activations.h"
#include "ops/op_common.h"
#include "ops/ops.h"
#include "ops/unary_common.h"

namespace mote {
namespace {

struct OpData {
  int32_t size = 0;
  ref::HardSwishParamsS8 params;
};

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  TensorInfo input;
  TensorInfo output;
  MOTE_RETURN_IF_ERROR(PrepareActivation(ctx, /*allow_int16=*/false, &input,
                                         &output, &data->size));
  if (input.type == DataType::kFloat32) return Status::kOk;
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
                                       InitOpData<OpData>,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/1,
      /*dtypes=*/"int8, float32"};
  return r;
}

}  // namespace mote
