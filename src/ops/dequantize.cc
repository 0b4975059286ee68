// DEQUANTIZE: int8 -> float32, per-tensor, computed as TFLite does so the
// floats are identical. int16 is not supported yet.
#include "kernels/ref/dequantize.h"

#include <cmath>
#include <new>

#include "ops/ops.h"

namespace mote {
namespace {

struct OpData {
  float scale = 1.0f;
  int32_t zero_point = 0;
};

Status Init(PrepareContext& ctx) {
  void* memory = ctx.AllocatePersistent(sizeof(OpData), alignof(OpData));
  if (memory == nullptr) return Status::kArenaTooSmall;
  ctx.set_user_data(new (memory) OpData());
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  MOTE_ENSURE(ctx, ctx.num_inputs() == 1, "expected 1 input, got %d",
              ctx.num_inputs());
  MOTE_ENSURE(ctx, ctx.num_outputs() == 1, "expected 1 output, got %d",
              ctx.num_outputs());
  const TensorInfo input = ctx.input(0);
  const TensorInfo output = ctx.output(0);
  MOTE_ENSURE(ctx, input.present() && output.present(),
              "input and output are required");
  MOTE_ENSURE_SUPPORTED(ctx, input.type == DataType::kInt8,
                        "input '%s': expected int8, got %s", input.name,
                        DataTypeName(input.type));
  MOTE_ENSURE_SUPPORTED(ctx, output.type == DataType::kFloat32,
                        "output '%s': expected float32, got %s", output.name,
                        DataTypeName(output.type));
  MOTE_ENSURE(ctx, output.shape == input.shape,
              "output '%s': shape differs from input '%s'", output.name,
              input.name);
  // TFLite Micro would silently use the first scale of a per-channel tensor.
  MOTE_ENSURE_SUPPORTED(ctx, input.quant.count == 1,
                        "input '%s': only per-tensor quantization (1 scale) "
                        "is supported, got %d",
                        input.name, static_cast<int>(input.quant.count));
  const float scale = input.quant.scale(0);
  MOTE_ENSURE(ctx, std::isfinite(scale) && scale > 0.0f,
              "input '%s': scale must be positive and finite, got %g",
              input.name, static_cast<double>(scale));
  const int32_t zp = input.quant.zero_point(0);
  MOTE_ENSURE(ctx, zp >= -128 && zp <= 127,
              "input '%s': int8 zero point %d is outside [-128, 127]",
              input.name, static_cast<int>(zp));
  data->scale = scale;
  data->zero_point = zp;
  return Status::kOk;
}

Status Eval(EvalContext& ctx) {
  const OpData* data = ctx.user_data<OpData>();
  const EvalTensor* in = ctx.input(0);
  ref::DequantizeS8ToF32(
      in->as<int8_t>(), static_cast<size_t>(in->shape().FlatSize()),
      data->scale, data->zero_point, ctx.output(0)->as<float>());
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_DEQUANTIZE() {
  // Versions 3 to 6 add int16/float16, per-channel and int4, which Prepare
  // rejects.
  static constexpr OpRegistration r = {/*builtin_code=*/6,
                                       "DEQUANTIZE",
                                       Init,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/6,
      /*dtypes=*/"int8 -> float32"};
  return r;
}

}  // namespace mote
