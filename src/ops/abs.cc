// ABS: float32, int8 and int16, as TFLite Micro's elementwise.cc.
// int8 (and quantized int16, zero points 0) requantize when the scales
// differ (kernels/ref/abs.h); an int16 tensor without quantization takes
// the plain std::abs. Version 5 adds int32, which Prepare rejects by type.
#include "kernels/ref/abs.h"

#include <new>

#include "kernels/ref/elementwise.h"
#include "mote/op.h"
#include "ops/math_unary_common.h"
#include "ops/ops.h"

namespace mote {
namespace {

struct OpData {
  bool quantized = false;
  ref::AbsParamsQ params;
};

Status Init(PrepareContext& ctx) {
  void* memory = ctx.AllocatePersistent(sizeof(OpData), alignof(OpData));
  if (memory == nullptr) return Status::kArenaTooSmall;
  ctx.set_user_data(new (memory) OpData());
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  TensorInfo input, output;
  MOTE_RETURN_IF_ERROR(PrepareSameTypeUnary(
      ctx,
      TypeBit(DataType::kFloat32) | TypeBit(DataType::kInt8) |
          TypeBit(DataType::kInt16),
      "float32, int8 or int16", &input, &output));
  data->quantized = input.type == DataType::kInt8 ||
                    (input.type == DataType::kInt16 && input.is_quantized());
  if (!data->quantized) return Status::kOk;
  MOTE_RETURN_IF_ERROR(CheckQuantS8Or16(ctx, input, "input"));
  MOTE_RETURN_IF_ERROR(CheckQuantS8Or16(ctx, output, "output"));
  MOTE_RETURN_IF_ERROR(CheckRescaleFactor(
      ctx,
      static_cast<double>(input.quant.scale(0)) / output.quant.scale(0),
      input, output));
  data->params =
      ref::MakeAbsParams(input.quant.scale(0), input.quant.zero_point(0),
                         output.quant.scale(0), output.quant.zero_point(0));
  return Status::kOk;
}

Status Eval(EvalContext& ctx) {
  const OpData* data = ctx.user_data<OpData>();
  const EvalTensor* input = ctx.input(0);
  EvalTensor* output = ctx.output(0);
  const int64_t size = input->shape().FlatSize();
  switch (input->type) {
    case DataType::kFloat32:
      ref::AbsF32(size, input->as<const float>(), output->as<float>());
      break;
    case DataType::kInt8:
      ref::AbsS8(data->params, size, input->as<const int8_t>(),
                 output->as<int8_t>());
      break;
    default:
      if (data->quantized) {
        ref::AbsS16(data->params, size, input->as<const int16_t>(),
                    output->as<int16_t>());
      } else {
        ref::AbsS16Unquantized(size, input->as<const int16_t>(),
                               output->as<int16_t>());
      }
      break;
  }
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_ABS() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/101, "ABS", Init, Prepare, Eval, nullptr,
      /*max_version=*/5,
      /*dtypes=*/"int8, int16, float32"};
  return r;
}

}  // namespace mote
