// CONV_2D: int8 (per-channel or per-tensor int8 filter, int32 bias) and
// float32, NHWC, SAME/VALID padding, strides, dilations, fused
// RELU/RELU6/RELU_N1_TO_1. Grouped convolution is not supported.
#include <new>

#include "kernels/quant_math.h"
#include "kernels/ref/conv_2d.h"
#include "ops/conv_common.h"
#include "ops/ops.h"
#include "schema/tflite_generated.h"

namespace mote {
namespace {

constexpr int kInput = 0;
constexpr int kFilter = 1;
constexpr int kBias = 2;
constexpr int kOutput = 0;

struct OpData {
  // Options, parsed in Init.
  Padding padding = Padding::kSame;
  Activation activation = Activation::kNone;
  int32_t stride_height = 0;
  int32_t stride_width = 0;
  int32_t dilation_height = 1;
  int32_t dilation_width = 1;
  // Computed in Prepare.
  ConvParams params;
  int32_t* multipliers = nullptr;  // int8: one per output channel
  int32_t* shifts = nullptr;
};

Status Init(PrepareContext& ctx) {
  void* memory = ctx.AllocatePersistent(sizeof(OpData), alignof(OpData));
  if (memory == nullptr) return Status::kArenaTooSmall;
  OpData* data = new (memory) OpData();
  // Without an options table TFLite zero-fills its parameters: stride 0,
  // which Prepare rejects.
  if (const tflite::Conv2DOptions* opts =
          ctx.op()->builtin_options_as_Conv2DOptions()) {
    data->padding = opts->padding() == tflite::Padding_VALID ? Padding::kValid
                                                             : Padding::kSame;
    data->activation =
        static_cast<Activation>(opts->fused_activation_function());
    data->stride_height = opts->stride_h();
    data->stride_width = opts->stride_w();
    data->dilation_height = opts->dilation_h_factor();
    data->dilation_width = opts->dilation_w_factor();
  }
  ctx.set_user_data(data);
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  MOTE_ENSURE(ctx, ctx.num_inputs() == 2 || ctx.num_inputs() == 3,
              "expected 2 or 3 inputs (input, filter, optional bias), got %d",
              ctx.num_inputs());
  MOTE_ENSURE(ctx, ctx.num_outputs() == 1, "expected 1 output, got %d",
              ctx.num_outputs());
  const TensorInfo input = ctx.input(kInput);
  const TensorInfo filter = ctx.input(kFilter);
  const TensorInfo bias = ctx.input(kBias);  // !present() when absent
  const TensorInfo output = ctx.output(kOutput);
  MOTE_ENSURE(ctx, input.present() && filter.present() && output.present(),
              "input, filter and output are required");

  MOTE_RETURN_IF_ERROR(CheckFusedActivation(ctx, data->activation));
  MOTE_RETURN_IF_ERROR(CheckConvTypes(ctx, input, filter, output));
  MOTE_RETURN_IF_ERROR(CheckRankAndDims(ctx, input, 4, "input"));
  MOTE_RETURN_IF_ERROR(CheckRankAndDims(ctx, filter, 4, "filter"));
  MOTE_RETURN_IF_ERROR(CheckRankAndDims(ctx, output, 4, "output"));

  // input [N, H, W, C], filter [O, KH, KW, C], output [N, OH, OW, O].
  const int32_t in_channels = input.shape.dims[3];
  const int32_t out_channels = filter.shape.dims[0];
  const int32_t filter_channels = filter.shape.dims[3];
  MOTE_ENSURE_SUPPORTED(ctx,
                        filter_channels == in_channels ||
                            in_channels % filter_channels != 0,
                        "filter '%s': grouped convolution (%d input channels, "
                        "%d per filter) is not supported",
                        filter.name, static_cast<int>(in_channels),
                        static_cast<int>(filter_channels));
  MOTE_ENSURE(ctx, filter_channels == in_channels,
              "filter '%s': has %d input channels, input '%s' has %d",
              filter.name, static_cast<int>(filter_channels), input.name,
              static_cast<int>(in_channels));
  MOTE_ENSURE(ctx, output.shape.dims[0] == input.shape.dims[0],
              "output '%s': batch %d differs from input '%s' batch %d",
              output.name, static_cast<int>(output.shape.dims[0]), input.name,
              static_cast<int>(input.shape.dims[0]));
  MOTE_ENSURE(ctx, output.shape.dims[3] == out_channels,
              "output '%s': has %d channels, filter '%s' has %d", output.name,
              static_cast<int>(output.shape.dims[3]), filter.name,
              static_cast<int>(out_channels));
  MOTE_RETURN_IF_ERROR(PrepareConvGeometry(
      ctx, input, filter.shape.dims[1], filter.shape.dims[2], output,
      data->padding, data->stride_height, data->stride_width,
      data->dilation_height, data->dilation_width, &data->params));

  if (input.type == DataType::kFloat32) {
    MOTE_RETURN_IF_ERROR(
        CheckBias(ctx, bias, DataType::kFloat32, out_channels));
    ActivationRangeFloat(static_cast<int>(data->activation),
                         &data->params.float_act_min,
                         &data->params.float_act_max);
    return Status::kOk;
  }

  MOTE_RETURN_IF_ERROR(CheckBias(ctx, bias, DataType::kInt32, out_channels));
  MOTE_ENSURE_SUPPORTED(ctx, filter.shape.FlatSize(1, 4) <= kMaxAccumulationDepthS8,
                        "filter '%s': %lld products per output overflow an "
                        "int32 accumulator",
                        filter.name,
                        static_cast<long long>(filter.shape.FlatSize(1, 4)));
  return PrepareConvQuantS8(ctx, input, filter, output, data->activation,
                            out_channels, &data->params, &data->multipliers,
                            &data->shifts);
}

Status Eval(EvalContext& ctx) {
  const OpData& data = *ctx.user_data<OpData>();
  const EvalTensor* input = ctx.input(kInput);
  const EvalTensor* filter = ctx.input(kFilter);
  const EvalTensor* bias = ctx.num_inputs() > kBias ? ctx.input(kBias) : nullptr;
  EvalTensor* output = ctx.output(kOutput);
  switch (input->type) {
    case DataType::kInt8:
      ref::ConvPerChannelS8(
          data.params, data.multipliers, data.shifts, input->shape(),
          input->as<const int8_t>(), filter->shape(),
          filter->as<const int8_t>(),
          bias != nullptr ? bias->as<const int32_t>() : nullptr,
          output->shape(), output->as<int8_t>());
      return Status::kOk;
    case DataType::kFloat32:
      ref::ConvF32(data.params, input->shape(), input->as<const float>(),
                   filter->shape(), filter->as<const float>(),
                   bias != nullptr ? bias->as<const float>() : nullptr,
                   output->shape(), output->as<float>());
      return Status::kOk;
    default:
      return ctx.Fail(Status::kInternal,
                      MOTE_MSG("type %s reached Eval",
                               DataTypeName(input->type)));
  }
}

}  // namespace

const OpRegistration& Register_CONV_2D() {
  // Versions 1 (float32) and 3 (int8); 2 and 5 are hybrid, 4 and 8 int16,
  // 6 grouped and 7 int4, which Prepare rejects anyway.
  static constexpr OpRegistration r = {/*builtin_code=*/3, "CONV_2D", Init,
                                       Prepare, Eval, nullptr,
                                       /*max_version=*/3,
      /*dtypes=*/"int8 (per-channel), float32"};
  return r;
}

}  // namespace mote
