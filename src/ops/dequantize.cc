// DEQUANTIZE: int8 or int16 -> float32, per-tensor, computed as TFLite does
// so the floats are identical.
#include "kernels/ref/dequantize.h"
#include "ops/op_common.h"
#include "ops/ops.h"
#include "ops/quantize_common.h"

namespace mote {
namespace {

struct OpData {
  float scale = 1.0f;
  int32_t zero_point = 0;
};

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  TensorInfo input;
  TensorInfo output;
  MOTE_RETURN_IF_ERROR(GetSingleInputOutput(ctx, &input, &output));
  MOTE_ENSURE_SUPPORTED(
      ctx, input.type == DataType::kInt8 || input.type == DataType::kInt16,
      "input '%s': expected int8 or int16, got %s", input.name,
      DataTypeName(input.type));
  MOTE_ENSURE_SUPPORTED(ctx, output.type == DataType::kFloat32,
                        "output '%s': expected float32, got %s", output.name,
                        DataTypeName(output.type));
  MOTE_RETURN_IF_ERROR(CheckSameShape(ctx, input, output));
  MOTE_RETURN_IF_ERROR(CheckQuantizedTensor(ctx, input, "input"));
  data->scale = input.quant.scale(0);
  data->zero_point = input.quant.zero_point(0);
  return Status::kOk;
}

Status Eval(EvalContext& ctx) {
  const OpData* data = ctx.user_data<OpData>();
  const EvalTensor* in = ctx.input(0);
  const size_t n = static_cast<size_t>(in->shape().FlatSize());
  float* out = ctx.output(0)->as<float>();
  if (in->type == DataType::kInt16) {
    ref::DequantizeToF32(in->as<int16_t>(), n, data->scale, data->zero_point,
                         out);
  } else {
    ref::DequantizeToF32(in->as<int8_t>(), n, data->scale, data->zero_point,
                         out);
  }
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_DEQUANTIZE() {
  // Versions 1 and 2 (int8) and 3 (int16); 4 to 6 add float16,
  // per-channel and int4, which Prepare rejects.
  static constexpr OpRegistration r = {/*builtin_code=*/6,
                                       "DEQUANTIZE",
                                       InitOpData<OpData>,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/6,
      /*dtypes=*/"int8, int16 -> float32"};
  return r;
}

}  // namespace mote
