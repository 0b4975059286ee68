// DEPTHWISE_CONV_2D: int8 (per-channel or per-tensor int8 filter along
// dimension 3, int32 bias), int16x8 (int16 activations, int8 filter, int64
// bias) and float32, NHWC, any depth multiplier, SAME/VALID padding,
// strides, dilations, fused RELU/RELU6/RELU_N1_TO_1.
#include "kernels/ref/depthwise_conv_2d.h"
#include "kernels/scratch_plan.h"
#include "kernels/select.h"
#include "ops/conv_common.h"
#include "ops/ops.h"
#include "ops/per_type_registration.h"

namespace mote {
namespace {

struct OpData {
  // Parsed in Init. The depth_multiplier option is not read: like TFLite,
  // the multiplier is output channels / input channels.
  ConvOptions options;
  // Computed in Prepare.
  DepthwiseConvParams params;
  ConvQuant quant;
};

Status Init(PrepareContext& ctx) {
  return InitConvLike<OpData>(
      ctx, ctx.options<tflite::DepthwiseConv2DOptions>());
}

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  ConvTensors t;
  MOTE_RETURN_IF_ERROR(
      GetConvTensors(ctx, data->options.activation, "filter", 4, &t));

  // input [N, H, W, C], filter [1, KH, KW, C * M], output [N, OH, OW, C * M].
  const TensorInfo& filter = t.filter;
  const int32_t in_channels = t.input.shape.dims[3];
  const int32_t out_channels = filter.shape.dims[3];
  MOTE_ENSURE(ctx, filter.shape.dims[0] == 1,
              "filter '%s': expected shape [1, height, width, channels], "
              "dimension 0 is %d",
              filter.name, static_cast<int>(filter.shape.dims[0]));
  MOTE_ENSURE(ctx, out_channels % in_channels == 0,
              "filter '%s': %d output channels are not a multiple of the %d "
              "channels of input '%s'",
              filter.name, static_cast<int>(out_channels),
              static_cast<int>(in_channels), t.input.name);
  MOTE_RETURN_IF_ERROR(CheckConvOutputDims(ctx, t, out_channels));
  data->params.depth_multiplier = out_channels / in_channels;
  MOTE_RETURN_IF_ERROR(PrepareConvGeometry(
      ctx, t.input, filter.shape.dims[1], filter.shape.dims[2], t.output,
      data->options, &data->params));
  MOTE_RETURN_IF_ERROR(PrepareConvArithmetic(
      ctx, t, data->options.activation, out_channels,
      filter.shape.FlatSize(1, 3), S16Bias::kS64Only, &data->params,
      &data->quant));
  const size_t scratch =
      data->quant.kind == ConvKind::kS8
          ? opt::PlannedDepthwiseConvPerChannelS8_ScratchBytes(
                data->params, t.input.shape, filter.shape, t.output.shape)
          : 0;
  return RequestKernelScratch(ctx, scratch, &data->quant.scratch_index);
}

// int16x8 depthwise has no optimised variant: the reference, which needs
// no scratch.
void DepthwiseConvPerChannelS16(
    const DepthwiseConvParams& params, const int32_t* output_multiplier,
    const int32_t* output_shift, const Shape& input_shape,
    const int16_t* input, const Shape& filter_shape, const int8_t* filter,
    const int64_t* bias, const Shape& output_shape, int16_t* output, void*) {
  ref::DepthwiseConvPerChannelS16(params, output_multiplier, output_shift,
                                  input_shape, input, filter_shape, filter,
                                  bias, output_shape, output);
}

constexpr ConvKernels<DepthwiseConvParams> kKernels = {
    opt::DepthwiseConvPerChannelS8, DepthwiseConvPerChannelS16, nullptr,
    ref::DepthwiseConvF32};
// The per-type registrations' kernels: one type each, so that a firmware
// registering only those links no other.
constexpr ConvKernels<DepthwiseConvParams> kKernelsS8 = {
    opt::DepthwiseConvPerChannelS8, nullptr, nullptr, nullptr};
constexpr ConvKernels<DepthwiseConvParams> kKernelsS16 = {
    nullptr, DepthwiseConvPerChannelS16, nullptr, nullptr};

template <const ConvKernels<DepthwiseConvParams>& kUsing>
Status Eval(EvalContext& ctx) {
  const OpData& data = *ctx.user_data<OpData>();
  return EvalConvLike(ctx, data.params, data.quant, kUsing);
}

}  // namespace

const OpRegistration& Register_DEPTHWISE_CONV_2D() {
  // Versions 1 (float32), 2 (dilation), 3 (int8) and 5 (int16x8); 4 and 6
  // are hybrid and 7 int4, which Prepare rejects anyway.
  static constexpr OpRegistration r = {/*builtin_code=*/4,
                                       "DEPTHWISE_CONV_2D",
                                       Init,
                                       Prepare,
                                       Eval<kKernels>,
                                       nullptr,
                                       /*max_version=*/5,
      /*dtypes=*/"int8 (per-channel), int16x8 (per-channel), float32"};
  return r;
}

const OpRegistration& Register_DEPTHWISE_CONV_2D_INT8() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/4, "DEPTHWISE_CONV_2D", Init,
      PrepareInputType<Prepare, DataType::kInt8>, Eval<kKernelsS8>, nullptr,
      /*max_version=*/5, /*dtypes=*/"int8 (per-channel) only"};
  return r;
}

const OpRegistration& Register_DEPTHWISE_CONV_2D_INT16() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/4, "DEPTHWISE_CONV_2D", Init,
      PrepareInputType<Prepare, DataType::kInt16>, Eval<kKernelsS16>, nullptr,
      /*max_version=*/5, /*dtypes=*/"int16x8 (per-channel) only"};
  return r;
}

}  // namespace mote
