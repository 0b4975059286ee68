// TRANSPOSE_CONV: int8 (per-channel or per-tensor int8 filter, int32 bias)
// and float32, NHWC, SAME/VALID padding, strides. Inputs: output_shape,
// filter [O, KH, KW, I], input, optional bias.
//
// As in TFLite Micro the output_shape tensor is not needed (the output's
// static shape is used); when it is constant it must agree. The padding is
// TFLite's, computed from the output size, and the input must be the size a
// forward convolution of the output would give (TensorFlow requires that).
// TFLite Micro's float kernel applies the fused activation; its int8 kernel
// ignores it (the clamp is the full int8 range) while TFLite applies it, so
// mote refuses an int8 op with a fused activation rather than pick one.
// int8 accumulates in an int32 scratch buffer of one entry per output
// element, requested here.
#include <new>

#include "kernels/quant_math.h"
#include "kernels/ref/transpose_conv.h"
#include "ops/const_tensor_util.h"
#include "ops/conv_common.h"
#include "ops/ops.h"
#include "ops/quant_common.h"
#include "schema/tflite_generated.h"

namespace mote {
namespace {

constexpr int kOutputShape = 0;
constexpr int kFilter = 1;
constexpr int kInput = 2;
constexpr int kBias = 3;

struct OpData {
  Padding padding = Padding::kSame;
  Activation activation = Activation::kNone;
  int32_t stride_height = 0;
  int32_t stride_width = 0;
  ConvParams params;
  int32_t* multipliers = nullptr;  // int8: one per output channel
  int32_t* shifts = nullptr;
  int scratch = -1;
};

Status Init(PrepareContext& ctx) {
  void* memory = ctx.AllocatePersistent(sizeof(OpData), alignof(OpData));
  if (memory == nullptr) return Status::kArenaTooSmall;
  OpData* data = new (memory) OpData();
  // Without an options table TFLite zero-fills: stride 0, refused below.
  if (const tflite::TransposeConvOptions* o =
          ctx.options<tflite::TransposeConvOptions>()) {
    data->padding =
        o->padding() == tflite::Padding_VALID ? Padding::kValid : Padding::kSame;
    data->stride_height = o->stride_h();
    data->stride_width = o->stride_w();
    data->activation = static_cast<Activation>(o->fused_activation_function());
  }
  ctx.set_user_data(data);
  return Status::kOk;
}

// The optional output_shape tensor, when constant, must be the output's.
Status CheckOutputShapeTensor(PrepareContext& ctx, const TensorInfo& output) {
  const TensorInfo t = ctx.input(kOutputShape);
  if (!t.present() || !t.is_const()) return Status::kOk;
  int32_t dims[4] = {};
  int count = 0;
  MOTE_RETURN_IF_ERROR(
      ReadConstInt32Vector(ctx, t, "output_shape", false, dims, 4, &count));
  bool same = count == 4;
  for (int i = 0; same && i < 4; ++i) same = dims[i] == output.shape.dims[i];
  MOTE_ENSURE(ctx, same,
              "output_shape tensor '%s' does not match the shape of output "
              "'%s'",
              t.name, output.name);
  return Status::kOk;
}

// Padding from the output size (TFLite's ComputePaddingHeightWidth on the
// output), and the input size a forward convolution of the output gives.
Status PrepareGeometry(PrepareContext& ctx, OpData* data,
                       const TensorInfo& input, const TensorInfo& filter,
                       const TensorInfo& output) {
  MOTE_ENSURE(ctx, data->stride_height >= 1 && data->stride_width >= 1,
              "stride %dx%d (h x w) must be >= 1",
              static_cast<int>(data->stride_height),
              static_cast<int>(data->stride_width));
  const ConvAxis rows =
      ComputeConvAxis(data->padding, output.shape.dims[1],
                      filter.shape.dims[1], data->stride_height, 1);
  const ConvAxis cols =
      ComputeConvAxis(data->padding, output.shape.dims[2],
                      filter.shape.dims[2], data->stride_width, 1);
  MOTE_ENSURE(ctx,
              rows.out_size == input.shape.dims[1] &&
                  cols.out_size == input.shape.dims[2],
              "input '%s' is %dx%d (h x w), but output '%s' with this "
              "filter, padding and stride corresponds to %dx%d",
              input.name, static_cast<int>(input.shape.dims[1]),
              static_cast<int>(input.shape.dims[2]), output.name,
              static_cast<int>(rows.out_size), static_cast<int>(cols.out_size));
  ConvParams& p = data->params;
  p.stride_height = data->stride_height;
  p.stride_width = data->stride_width;
  p.pad_height = rows.pad;
  p.pad_width = cols.pad;
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  MOTE_ENSURE(ctx, ctx.num_inputs() == 3 || ctx.num_inputs() == 4,
              "expected 3 or 4 inputs (output_shape, filter, input, optional "
              "bias), got %d",
              ctx.num_inputs());
  MOTE_ENSURE(ctx, ctx.num_outputs() == 1, "expected 1 output, got %d",
              ctx.num_outputs());
  const TensorInfo filter = ctx.input(kFilter);
  const TensorInfo input = ctx.input(kInput);
  const TensorInfo bias = ctx.input(kBias);
  const TensorInfo output = ctx.output(0);
  MOTE_ENSURE(ctx, input.present() && filter.present() && output.present(),
              "input, filter and output are required");
  MOTE_RETURN_IF_ERROR(CheckFusedActivation(ctx, data->activation));
  MOTE_RETURN_IF_ERROR(CheckConvTypes(ctx, input, filter, output));
  MOTE_RETURN_IF_ERROR(CheckRankAndDims(ctx, input, 4, "input"));
  MOTE_RETURN_IF_ERROR(CheckRankAndDims(ctx, filter, 4, "filter"));
  MOTE_RETURN_IF_ERROR(CheckRankAndDims(ctx, output, 4, "output"));
  const int32_t out_channels = filter.shape.dims[0];
  MOTE_ENSURE(ctx, filter.shape.dims[3] == input.shape.dims[3],
              "filter '%s' has %d input channels, input '%s' has %d",
              filter.name, static_cast<int>(filter.shape.dims[3]), input.name,
              static_cast<int>(input.shape.dims[3]));
  MOTE_ENSURE(ctx, output.shape.dims[3] == out_channels,
              "output '%s' has %d channels, filter '%s' has %d", output.name,
              static_cast<int>(output.shape.dims[3]), filter.name,
              static_cast<int>(out_channels));
  MOTE_ENSURE(ctx, output.shape.dims[0] == input.shape.dims[0],
              "output '%s': batch %d differs from input '%s' batch %d",
              output.name, static_cast<int>(output.shape.dims[0]), input.name,
              static_cast<int>(input.shape.dims[0]));
  MOTE_RETURN_IF_ERROR(CheckOutputShapeTensor(ctx, output));
  MOTE_RETURN_IF_ERROR(PrepareGeometry(ctx, data, input, filter, output));

  if (input.type == DataType::kFloat32) {
    MOTE_RETURN_IF_ERROR(
        CheckBias(ctx, bias, DataType::kFloat32, out_channels));
    ActivationRangeFloat(static_cast<int>(data->activation),
                         &data->params.float_act_min,
                         &data->params.float_act_max);
    return Status::kOk;
  }

  MOTE_ENSURE_SUPPORTED(ctx, data->activation == Activation::kNone,
                        "int8 with fused activation %d: TFLite Micro ignores "
                        "it and TFLite applies it",
                        static_cast<int>(data->activation));
  MOTE_RETURN_IF_ERROR(CheckBias(ctx, bias, DataType::kInt32, out_channels));
  // Every output sums at most KH * KW * I products.
  MOTE_ENSURE_SUPPORTED(ctx,
                        filter.shape.FlatSize(1, 4) <= kMaxAccumulationDepthS8,
                        "filter '%s': %lld products per output overflow an "
                        "int32 accumulator",
                        filter.name,
                        static_cast<long long>(filter.shape.FlatSize(1, 4)));
  // TFLite Micro clamps int8 to the full range (it passes kTfLiteActNone).
  MOTE_RETURN_IF_ERROR(PrepareConvQuantS8(
      ctx, input, filter, output, Activation::kNone, out_channels,
      &data->params, &data->multipliers, &data->shifts));
  const int64_t scratch_bytes =
      output.shape.FlatSize() * static_cast<int64_t>(sizeof(int32_t));
  return ctx.RequestScratch(static_cast<size_t>(scratch_bytes),
                            &data->scratch);
}

Status Eval(EvalContext& ctx) {
  const OpData& data = *ctx.user_data<OpData>();
  const EvalTensor* input = ctx.input(kInput);
  const EvalTensor* filter = ctx.input(kFilter);
  const EvalTensor* bias = ctx.num_inputs() > kBias ? ctx.input(kBias) : nullptr;
  EvalTensor* output = ctx.output(0);
  if (input->type == DataType::kInt8) {
    ref::TransposeConvPerChannelS8(
        data.params, data.multipliers, data.shifts, input->shape(),
        input->as<const int8_t>(), filter->shape(), filter->as<const int8_t>(),
        bias != nullptr ? bias->as<const int32_t>() : nullptr, output->shape(),
        output->as<int8_t>(), static_cast<int32_t*>(ctx.scratch(data.scratch)));
  } else {
    ref::TransposeConvF32(
        data.params, input->shape(), input->as<const float>(), filter->shape(),
        filter->as<const float>(),
        bias != nullptr ? bias->as<const float>() : nullptr, output->shape(),
        output->as<float>());
  }
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_TRANSPOSE_CONV() {
  // Version 2 is int8, 3 the bias input, 4 a fused activation (float32
  // only); 5 (int16x8 with a bias type) is refused in Prepare.
  static constexpr OpRegistration r = {/*builtin_code=*/67,
                                       "TRANSPOSE_CONV",
                                       Init,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/4,
                                       /*dtypes=*/"int8 (per-channel), "
                                                  "float32"};
  return r;
}

}  // namespace mote
