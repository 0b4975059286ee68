// CONV_2D: int8 (per-channel or per-tensor int8 filter, int32 bias), int16x8
// (int16 activations, int8 filter, int64 or int32 bias) and float32, NHWC,
// SAME/VALID padding, strides, dilations, fused RELU/RELU6/RELU_N1_TO_1.
// Grouped convolution is not supported.
#include "kernels/ref/conv_2d.h"
#include "kernels/scratch_plan.h"
#include "kernels/select.h"
#include "ops/conv_common.h"
#include "ops/ops.h"
#include "ops/per_type_registration.h"

namespace mote {
namespace {

struct OpData {
  ConvOptions options;  // parsed in Init
  // Computed in Prepare.
  ConvParams params;
  ConvQuant quant;
};

Status Init(PrepareContext& ctx) {
  return InitConvLike<OpData>(ctx,
                              ctx.options<tflite::Conv2DOptions>());
}

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  ConvTensors t;
  MOTE_RETURN_IF_ERROR(
      GetConvTensors(ctx, data->options.activation, "filter", 4, &t));

  // input [N, H, W, C], filter [O, KH, KW, C], output [N, OH, OW, O].
  const TensorInfo& filter = t.filter;
  const int32_t in_channels = t.input.shape.dims[3];
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
              filter.name, static_cast<int>(filter_channels), t.input.name,
              static_cast<int>(in_channels));
  MOTE_RETURN_IF_ERROR(CheckConvOutputDims(ctx, t, out_channels));
  MOTE_RETURN_IF_ERROR(PrepareConvGeometry(
      ctx, t.input, filter.shape.dims[1], filter.shape.dims[2], t.output,
      data->options, &data->params));
  MOTE_RETURN_IF_ERROR(PrepareConvArithmetic(
      ctx, t, data->options.activation, out_channels,
      filter.shape.FlatSize(1, 4), S16Bias::kS64OrS32, &data->params,
      &data->quant));
  size_t scratch = 0;
  if (data->quant.kind == ConvKind::kS8) {
    scratch = opt::PlannedConvPerChannelS8_ScratchBytes(
        data->params, t.input.shape, filter.shape, t.output.shape);
  } else if (data->quant.kind != ConvKind::kF32) {
    scratch = opt::PlannedConvPerChannelS16_ScratchBytes(
        data->params, t.input.shape, filter.shape, t.output.shape);
  }
  return RequestKernelScratch(ctx, scratch, &data->quant.scratch_index);
}

constexpr ConvKernels<ConvParams> kKernels = {
    opt::ConvPerChannelS8, opt::ConvPerChannelS16, opt::ConvPerChannelS16,
    ref::ConvF32};
// The per-type registrations' kernels: one type each, so that a firmware
// registering only those links no other.
constexpr ConvKernels<ConvParams> kKernelsS8 = {opt::ConvPerChannelS8,
                                                nullptr, nullptr, nullptr};
constexpr ConvKernels<ConvParams> kKernelsS16 = {
    nullptr, opt::ConvPerChannelS16, opt::ConvPerChannelS16, nullptr};

template <const ConvKernels<ConvParams>& kUsing>
Status Eval(EvalContext& ctx) {
  const OpData& data = *ctx.user_data<OpData>();
  return EvalConvLike(ctx, data.params, data.quant, kUsing);
}

}  // namespace

const OpRegistration& Register_CONV_2D() {
  // Versions 1 (float32), 3 (int8), 4 (int16x8) and 8 (int16x8 with an
  // int32 bias). 2 and 5 are hybrid, 6 grouped and 7 int4, which Prepare
  // rejects anyway.
  static constexpr OpRegistration r = {/*builtin_code=*/3, "CONV_2D", Init,
                                       Prepare, Eval<kKernels>, nullptr,
                                       /*max_version=*/8,
      /*dtypes=*/"int8 (per-channel), int16x8 (per-channel), float32"};
  return r;
}

const OpRegistration& Register_CONV_2D_INT8() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/3, "CONV_2D", Init,
      PrepareInputType<Prepare, DataType::kInt8>, Eval<kKernelsS8>, nullptr,
      /*max_version=*/8, /*dtypes=*/"int8 (per-channel) only"};
  return r;
}

const OpRegistration& Register_CONV_2D_INT16() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/3, "CONV_2D", Init,
      PrepareInputType<Prepare, DataType::kInt16>, Eval<kKernelsS16>, nullptr,
      /*max_version=*/8, /*dtypes=*/"int16x8 (per-channel) only"};
  return r;
}

}  // namespace mote
