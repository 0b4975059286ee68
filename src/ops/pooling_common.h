// Init and Prepare shared by AVERAGE_POOL_2D and MAX_POOL_2D: both read
// Pool2DOptions, accept int8 or float32 NHWC tensors and compute the same
// window geometry, as TFLite's PoolingPrepare. Only Eval differs.
#ifndef MOTE_OPS_POOLING_COMMON_H_
#define MOTE_OPS_POOLING_COMMON_H_

#include <cmath>
#include <new>

#include "kernels/quant_math.h"
#include "kernels/ref/pooling.h"
#include "mote/op.h"
#include "schema/tflite_generated.h"

namespace mote {
namespace pooling {

struct OpData {
  // Options, parsed in Init.
  Padding padding = Padding::kSame;
  Activation activation = Activation::kNone;
  // Computed in Prepare: geometry and the activation clamp.
  ref::PoolParams params;
  int scratch_index = -1;  // int8 kernel scratch (kernels/select.h), or -1
};

inline Status Init(PrepareContext& ctx) {
  void* memory = ctx.AllocatePersistent(sizeof(OpData), alignof(OpData));
  if (memory == nullptr) return Status::kArenaTooSmall;
  OpData* data = new (memory) OpData();
  // Without an options table TFLite zero-fills its parameters: a 0 filter
  // and stride, which Prepare rejects.
  data->params.filter_height = 0;
  data->params.filter_width = 0;
  data->params.stride_height = 0;
  data->params.stride_width = 0;
  if (const tflite::Pool2DOptions* opts =
          ctx.options<tflite::Pool2DOptions>()) {
    data->padding = opts->padding() == tflite::Padding_VALID ? Padding::kValid
                                                             : Padding::kSame;
    data->activation =
        static_cast<Activation>(opts->fused_activation_function());
    data->params.filter_height = opts->filter_height();
    data->params.filter_width = opts->filter_width();
    data->params.stride_height = opts->stride_h();
    data->params.stride_width = opts->stride_w();
  }
  ctx.set_user_data(data);
  return Status::kOk;
}

// Per-tensor int8 quantization with a usable scale and zero point.
inline Status CheckQuantS8(PrepareContext& ctx, const TensorInfo& t,
                           const char* role) {
  MOTE_ENSURE(ctx, t.quant.count == 1,
              "%s '%s': int8 needs per-tensor quantization (1 scale), got %d",
              role, t.name, static_cast<int>(t.quant.count));
  const float scale = t.quant.scale(0);
  MOTE_ENSURE(ctx, scale > 0.0f && std::isfinite(scale),
              "%s '%s': scale must be positive and finite, got %g", role,
              t.name, static_cast<double>(scale));
  const int32_t zp = t.quant.zero_point(0);
  MOTE_ENSURE(ctx, zp >= -128 && zp <= 127,
              "%s '%s': int8 zero point %d is outside [-128, 127]", role,
              t.name, static_cast<int>(zp));
  return Status::kOk;
}

inline Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  ref::PoolParams& p = data->params;
  MOTE_ENSURE(ctx, ctx.num_inputs() == 1, "expected 1 input, got %d",
              ctx.num_inputs());
  MOTE_ENSURE(ctx, ctx.num_outputs() == 1, "expected 1 output, got %d",
              ctx.num_outputs());
  const TensorInfo input = ctx.input(0);
  const TensorInfo output = ctx.output(0);
  MOTE_ENSURE(ctx, input.present() && output.present(),
              "input and output are required");

  MOTE_ENSURE_SUPPORTED(
      ctx, input.type == DataType::kInt8 || input.type == DataType::kFloat32,
      "input '%s': expected int8 or float32, got %s", input.name,
      DataTypeName(input.type));
  MOTE_ENSURE(ctx, output.type == input.type,
              "output '%s': expected %s like the input, got %s", output.name,
              DataTypeName(input.type), DataTypeName(output.type));
  // TFLite clamps only these; it would silently ignore TANH or SIGN_BIT.
  MOTE_ENSURE_SUPPORTED(ctx,
                        data->activation == Activation::kNone ||
                            data->activation == Activation::kRelu ||
                            data->activation == Activation::kReluN1To1 ||
                            data->activation == Activation::kRelu6,
                        "fused activation %d is not supported (only NONE, "
                        "RELU, RELU_N1_TO_1, RELU6)",
                        static_cast<int>(data->activation));

  MOTE_ENSURE(ctx, input.shape.rank == 4,
              "input '%s': expected rank 4 (NHWC), got %d", input.name,
              static_cast<int>(input.shape.rank));
  MOTE_ENSURE(ctx, output.shape.rank == 4,
              "output '%s': expected rank 4 (NHWC), got %d", output.name,
              static_cast<int>(output.shape.rank));
  for (int i = 0; i < 4; ++i) {
    MOTE_ENSURE(ctx, input.shape.dims[i] >= 1, "input '%s': dimension %d is %d",
                input.name, i, static_cast<int>(input.shape.dims[i]));
  }
  MOTE_ENSURE(ctx, p.filter_height >= 1 && p.filter_width >= 1,
              "filter size %dx%d must be at least 1x1",
              static_cast<int>(p.filter_height),
              static_cast<int>(p.filter_width));
  MOTE_ENSURE(ctx, p.stride_height >= 1 && p.stride_width >= 1,
              "strides %dx%d must be at least 1",
              static_cast<int>(p.stride_height),
              static_cast<int>(p.stride_width));

  int32_t out_height = 0;
  int32_t out_width = 0;
  ref::ComputePoolPadding(data->padding, input.shape.dims[1], p.filter_height,
                          p.stride_height, &out_height, &p.padding_height);
  ref::ComputePoolPadding(data->padding, input.shape.dims[2], p.filter_width,
                          p.stride_width, &out_width, &p.padding_width);
  MOTE_ENSURE(ctx, out_height >= 1 && out_width >= 1,
              "a %dx%d VALID window does not fit the %dx%d input",
              static_cast<int>(p.filter_height),
              static_cast<int>(p.filter_width),
              static_cast<int>(input.shape.dims[1]),
              static_cast<int>(input.shape.dims[2]));
  const Shape& out = output.shape;
  MOTE_ENSURE(ctx,
              out.dims[0] == input.shape.dims[0] && out.dims[1] == out_height &&
                  out.dims[2] == out_width &&
                  out.dims[3] == input.shape.dims[3],
              "output '%s': expected shape [%d, %d, %d, %d], got [%d, %d, "
              "%d, %d]",
              output.name, static_cast<int>(input.shape.dims[0]),
              static_cast<int>(out_height), static_cast<int>(out_width),
              static_cast<int>(input.shape.dims[3]),
              static_cast<int>(out.dims[0]), static_cast<int>(out.dims[1]),
              static_cast<int>(out.dims[2]), static_cast<int>(out.dims[3]));

  if (input.type == DataType::kFloat32) {
    ActivationRangeFloat(static_cast<int>(data->activation), &p.act_min_f,
                         &p.act_max_f);
    return Status::kOk;
  }
  // The int32 window sum of up to 128 per element must not overflow; TFLite
  // assumes it does not, mote refuses such a window instead.
  const int64_t window =
      int64_t{p.filter_height < input.shape.dims[1] ? p.filter_height
                                                    : input.shape.dims[1]} *
      (p.filter_width < input.shape.dims[2] ? p.filter_width
                                            : input.shape.dims[2]);
  MOTE_ENSURE_SUPPORTED(ctx, window <= (int64_t{1} << 24),
                        "a window of %lld elements could overflow the int32 "
                        "sum",
                        static_cast<long long>(window));
  MOTE_RETURN_IF_ERROR(CheckQuantS8(ctx, input, "input"));
  MOTE_RETURN_IF_ERROR(CheckQuantS8(ctx, output, "output"));
  // Pooling never rescales: TFLite requires the same quantization (scales
  // equal to within 1e-6) on both sides.
  const double scale_diff =
      std::fabs(static_cast<double>(input.quant.scale(0)) -
                static_cast<double>(output.quant.scale(0)));
  MOTE_ENSURE(ctx, scale_diff <= 1.0e-6,
              "output '%s': scale %g differs from the input scale %g",
              output.name, static_cast<double>(output.quant.scale(0)),
              static_cast<double>(input.quant.scale(0)));
  MOTE_ENSURE(ctx, output.quant.zero_point(0) == input.quant.zero_point(0),
              "output '%s': zero point %d differs from the input zero point "
              "%d",
              output.name, static_cast<int>(output.quant.zero_point(0)),
              static_cast<int>(input.quant.zero_point(0)));
  MOTE_ENSURE(
      ctx,
      ActivationRangeQuantizedChecked(
          static_cast<int>(data->activation), output.quant.scale(0),
          output.quant.zero_point(0), -128, 127, &p.act_min, &p.act_max),
      "output '%s': the activation bounds overflow int32 at scale %g",
      output.name, static_cast<double>(output.quant.scale(0)));
  return Status::kOk;
}

}  // namespace pooling
}  // namespace mote

#endif  // MOTE_OPS_POOLING_COMMON_H_
