// RELU and RELU6: int8 and float32. int16 is not supported yet.
//
// int8 RELU requantizes to the output's scale (TFLite Micro). int8 RELU6
// clamps in the input's quantization when the output shares it, which is
// all TFLite Micro does; an output quantized differently is requantized as
// TFLite does, where TFLite Micro would mislabel its result.
#include <new>

#include "kernels/ref/activations.h"
#include "ops/ops.h"
#include "ops/unary_common.h"

namespace mote {
namespace {

struct OpData {
  int32_t size = 0;
  bool requantize = false;  // RELU6: false for the plain clamp
  ref::ReluParamsS8 relu;
  ref::Relu6ParamsS8 relu6;
};

Status Init(PrepareContext& ctx) {
  void* memory = ctx.AllocatePersistent(sizeof(OpData), alignof(OpData));
  if (memory == nullptr) return Status::kArenaTooSmall;
  ctx.set_user_data(new (memory) OpData());
  return Status::kOk;
}

// Common checks; `*quantized` tells whether the op runs on int8.
Status PrepareCommon(PrepareContext& ctx, TensorInfo* input, TensorInfo* output,
                     bool* quantized) {
  OpData* data = ctx.user_data<OpData>();
  MOTE_RETURN_IF_ERROR(PrepareUnaryTensors(ctx, input, output, &data->size));
  MOTE_RETURN_IF_ERROR(CheckS8OrF32(ctx, *input, *output));
  *quantized = input->type == DataType::kInt8;
  if (*quantized) {
    MOTE_RETURN_IF_ERROR(CheckQuantS8(ctx, *input, "input"));
    MOTE_RETURN_IF_ERROR(CheckQuantS8(ctx, *output, "output"));
    MOTE_RETURN_IF_ERROR(CheckRescaleFactor(
        ctx,
        static_cast<double>(input->quant.scale(0)) / output->quant.scale(0),
        *input, *output));
  }
  return Status::kOk;
}

Status PrepareRelu(PrepareContext& ctx) {
  TensorInfo input;
  TensorInfo output;
  bool quantized = false;
  MOTE_RETURN_IF_ERROR(PrepareCommon(ctx, &input, &output, &quantized));
  if (quantized) {
    ctx.user_data<OpData>()->relu =
        ref::PrepareReluS8(input.quant.scale(0), input.quant.zero_point(0),
                           output.quant.scale(0), output.quant.zero_point(0));
  }
  return Status::kOk;
}

Status EvalRelu(EvalContext& ctx) {
  const OpData* data = ctx.user_data<OpData>();
  const EvalTensor* input = ctx.input(0);
  EvalTensor* output = ctx.output(0);
  if (input->type == DataType::kInt8) {
    ref::ReluS8(data->relu, data->size, input->as<int8_t>(),
                output->as<int8_t>());
  } else {
    ref::ReluF32(data->size, input->as<float>(), output->as<float>());
  }
  return Status::kOk;
}

Status PrepareRelu6(PrepareContext& ctx) {
  TensorInfo input;
  TensorInfo output;
  bool quantized = false;
  MOTE_RETURN_IF_ERROR(PrepareCommon(ctx, &input, &output, &quantized));
  if (!quantized) return Status::kOk;
  OpData* data = ctx.user_data<OpData>();
  const float in_scale = input.quant.scale(0);
  const int32_t in_zp = input.quant.zero_point(0);
  const float out_scale = output.quant.scale(0);
  const int32_t out_zp = output.quant.zero_point(0);
  data->requantize = in_scale != out_scale || in_zp != out_zp;
  if (data->requantize) {
    data->relu =
        ref::PrepareRelu6RequantizingS8(in_scale, in_zp, out_scale, out_zp);
  } else {
    data->relu6 = ref::PrepareRelu6S8(in_scale, in_zp);
  }
  return Status::kOk;
}

Status EvalRelu6(EvalContext& ctx) {
  const OpData* data = ctx.user_data<OpData>();
  const EvalTensor* input = ctx.input(0);
  EvalTensor* output = ctx.output(0);
  if (input->type != DataType::kInt8) {
    ref::Relu6F32(data->size, input->as<float>(), output->as<float>());
  } else if (data->requantize) {
    ref::ReluS8(data->relu, data->size, input->as<int8_t>(),
                output->as<int8_t>());
  } else {
    ref::Relu6S8(data->relu6, data->size, input->as<int8_t>(),
                 output->as<int8_t>());
  }
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_RELU() {
  // Version 3 adds int16, which Prepare rejects by type.
  static constexpr OpRegistration r = {
      /*builtin_code=*/19, "RELU",   Init,
      PrepareRelu,         EvalRelu, nullptr,
      /*max_version=*/3,
      /*dtypes=*/"int8, float32"};
  return r;
}

const OpRegistration& Register_RELU6() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/21, "RELU6",   Init,
      PrepareRelu6,        EvalRelu6, nullptr,
      /*max_version=*/3,
      /*dtypes=*/"int8, float32"};
  return r;
}

}  // namespace mote
