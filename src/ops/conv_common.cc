#include "ops/conv_common.h"

#include <cmath>

#include "kernels/quant_math.h"

namespace mote {
namespace {

bool IsFinite(float x) { return std::isfinite(x); }

}  // namespace

Status CheckFusedActivation(PrepareContext& ctx, Activation activation) {
  switch (activation) {
    case Activation::kNone:
    case Activation::kRelu:
    case Activation::kReluN1To1:
    case Activation::kRelu6:
      return Status::kOk;
    default:
      return ctx.Fail(Status::kUnsupported,
                      MOTE_MSG("fused activation %d is not supported (only "
                               "NONE, RELU, RELU_N1_TO_1, RELU6)",
                               static_cast<int>(activation)));
  }
}

Status CheckActivationQuantS8(PrepareContext& ctx, const TensorInfo& t,
                              const char* role) {
  MOTE_ENSURE(ctx, t.quant.count == 1,
              "%s '%s': int8 needs per-tensor quantization (1 scale), got %d",
              role, t.name, static_cast<int>(t.quant.count));
  const float scale = t.quant.scale(0);
  MOTE_ENSURE(ctx, scale > 0.0f && IsFinite(scale),
              "%s '%s': scale must be positive and finite, got %g", role,
              t.name, static_cast<double>(scale));
  const int32_t zp = t.quant.zero_point(0);
  MOTE_ENSURE(ctx, zp >= -128 && zp <= 127,
              "%s '%s': int8 zero point %d is outside [-128, 127]", role,
              t.name, static_cast<int>(zp));
  return Status::kOk;
}

Status CheckFilterQuantS8(PrepareContext& ctx, const TensorInfo& filter,
                          int32_t channels) {
  const QuantParams& q = filter.quant;
  MOTE_ENSURE(ctx, q.count == 1 || q.count == channels,
              "filter '%s': expected 1 scale or %d (one per output channel), "
              "got %d",
              filter.name, static_cast<int>(channels),
              static_cast<int>(q.count));
  if (q.count > 1) {
    // TFLite only checks that the quantized dimension has `channels`
    // entries; the scales are then applied per output channel.
    const int32_t dim = q.quantized_dimension;
    MOTE_ENSURE(ctx, dim >= 0 && dim < filter.shape.rank &&
                         filter.shape.dims[dim] == channels,
                "filter '%s': per-channel quantized_dimension %d does not "
                "have %d entries",
                filter.name, static_cast<int>(dim), static_cast<int>(channels));
  }
  for (int32_t c = 0; c < q.count; ++c) {
    const float scale = q.scale(c);
    MOTE_ENSURE(ctx, scale >= 0.0f && IsFinite(scale),
                "filter '%s': scale %d is %g (must be finite and >= 0)",
                filter.name, static_cast<int>(c), static_cast<double>(scale));
    // TFLite's int8 conv kernels never read the filter zero point, so a
    // non-zero one would be silently wrong.
    MOTE_ENSURE_SUPPORTED(ctx, q.zero_point(c) == 0,
                          "filter '%s': zero point %d of channel %d is not 0 "
                          "(int8 weights must be symmetric)",
                          filter.name, static_cast<int>(q.zero_point(c)),
                          static_cast<int>(c));
  }
  return Status::kOk;
}

Status CheckBias(PrepareContext& ctx, const TensorInfo& bias, DataType type,
                 int32_t channels) {
  if (!bias.present()) return Status::kOk;
  MOTE_ENSURE(ctx, bias.type == type, "bias '%s': expected %s, got %s",
              bias.name, DataTypeName(type), DataTypeName(bias.type));
  MOTE_ENSURE(ctx, bias.shape.FlatSize() == channels,
              "bias '%s': expected %d elements (one per output channel), "
              "got %lld",
              bias.name, static_cast<int>(channels),
              static_cast<long long>(bias.shape.FlatSize()));
  return Status::kOk;
}

Status CheckMultiplierShift(PrepareContext& ctx, int shift, const char* what) {
  MOTE_ENSURE_SUPPORTED(ctx, shift <= 31,
                        "%s: requantization scale 2^%d is too large", what,
                        shift);
  return Status::kOk;
}

Status PopulatePerChannelMultipliers(PrepareContext& ctx,
                                     const TensorInfo& input,
                                     const TensorInfo& filter,
                                     const TensorInfo& output,
                                     int32_t channels, int32_t* multipliers,
                                     int32_t* shifts) {
  const bool per_channel = filter.quant.count > 1;
  const double input_scale = static_cast<double>(input.quant.scale(0));
  const double output_scale = static_cast<double>(output.quant.scale(0));
  for (int32_t c = 0; c < channels; ++c) {
    const double filter_scale =
        static_cast<double>(filter.quant.scale(per_channel ? c : 0));
    // The order matters for the last bit: (input * filter) / output.
    const double effective = input_scale * filter_scale / output_scale;
    int shift = 0;
    QuantizeMultiplier(effective, &multipliers[c], &shift);
    MOTE_RETURN_IF_ERROR(CheckMultiplierShift(ctx, shift, filter.name));
    shifts[c] = shift;
  }
  return Status::kOk;
}

Status ActivationRangeS8(PrepareContext& ctx, Activation activation,
                         const TensorInfo& output, int32_t* act_min,
                         int32_t* act_max) {
  const float scale = output.quant.scale(0);
  MOTE_ENSURE(ctx,
              ActivationRangeQuantizedChecked(static_cast<int>(activation),
                                              scale, output.quant.zero_point(0),
                                              -128, 127, act_min, act_max),
              "output '%s': a bound of the fused activation does not fit "
              "int32 at scale %g",
              output.name, static_cast<double>(scale));
  return Status::kOk;
}

Status CheckConvTypes(PrepareContext& ctx, const TensorInfo& input,
                      const TensorInfo& filter, const TensorInfo& output) {
  MOTE_ENSURE_SUPPORTED(
      ctx, input.type == DataType::kInt8 || input.type == DataType::kFloat32,
      "input '%s': expected int8 or float32, got %s", input.name,
      DataTypeName(input.type));
  MOTE_ENSURE(ctx, output.type == input.type,
              "output '%s': expected %s like the input, got %s", output.name,
              DataTypeName(input.type), DataTypeName(output.type));
  MOTE_ENSURE_SUPPORTED(
      ctx, !(input.type == DataType::kFloat32 && filter.type == DataType::kInt8),
      "filter '%s': int8 weights with float32 activations (hybrid "
      "quantization) are not supported",
      filter.name);
  MOTE_ENSURE_SUPPORTED(ctx, filter.type == input.type,
                        "filter '%s': expected %s like the input, got %s",
                        filter.name, DataTypeName(input.type),
                        DataTypeName(filter.type));
  return Status::kOk;
}

Status CheckRankAndDims(PrepareContext& ctx, const TensorInfo& t, int rank,
                        const char* role) {
  MOTE_ENSURE(ctx, t.shape.rank == rank, "%s '%s': expected rank %d, got %d",
              role, t.name, rank, static_cast<int>(t.shape.rank));
  for (int i = 0; i < rank; ++i) {
    MOTE_ENSURE(ctx, t.shape.dims[i] >= 1,
                "%s '%s': dimension %d is %d (must be >= 1)", role, t.name, i,
                static_cast<int>(t.shape.dims[i]));
  }
  return Status::kOk;
}

Status PrepareConvGeometry(PrepareContext& ctx, const TensorInfo& input,
                           int32_t filter_height, int32_t filter_width,
                           const TensorInfo& output, Padding padding,
                           int32_t stride_height, int32_t stride_width,
                           int32_t dilation_height, int32_t dilation_width,
                           ConvParams* params) {
  MOTE_ENSURE(ctx, stride_height >= 1 && stride_width >= 1,
              "stride %dx%d (h x w) must be >= 1", static_cast<int>(stride_height),
              static_cast<int>(stride_width));
  MOTE_ENSURE(ctx, dilation_height >= 1 && dilation_width >= 1,
              "dilation %dx%d (h x w) must be >= 1",
              static_cast<int>(dilation_height),
              static_cast<int>(dilation_width));
  const ConvAxis rows = ComputeConvAxis(padding, input.shape.dims[1],
                                        filter_height, stride_height,
                                        dilation_height);
  const ConvAxis cols = ComputeConvAxis(padding, input.shape.dims[2],
                                        filter_width, stride_width,
                                        dilation_width);
  MOTE_ENSURE(ctx, rows.out_size >= 1 && cols.out_size >= 1,
              "input '%s': a %dx%d filter (dilation %dx%d) does not fit a "
              "%dx%d image with VALID padding",
              input.name, static_cast<int>(filter_height),
              static_cast<int>(filter_width), static_cast<int>(dilation_height),
              static_cast<int>(dilation_width),
              static_cast<int>(input.shape.dims[1]),
              static_cast<int>(input.shape.dims[2]));
  MOTE_ENSURE(ctx, output.shape.dims[1] == rows.out_size &&
                       output.shape.dims[2] == cols.out_size,
              "output '%s': expected height x width %dx%d from the padding, "
              "strides and dilations, got %dx%d",
              output.name, static_cast<int>(rows.out_size),
              static_cast<int>(cols.out_size),
              static_cast<int>(output.shape.dims[1]),
              static_cast<int>(output.shape.dims[2]));
  params->stride_height = stride_height;
  params->stride_width = stride_width;
  params->dilation_height = dilation_height;
  params->dilation_width = dilation_width;
  params->pad_height = rows.pad;
  params->pad_width = cols.pad;
  params->pad_height_offset = rows.pad_offset;
  params->pad_width_offset = cols.pad_offset;
  return Status::kOk;
}

Status PrepareConvQuantS8(PrepareContext& ctx, const TensorInfo& input,
                          const TensorInfo& filter, const TensorInfo& output,
                          Activation activation, int32_t channels,
                          ConvParams* params, int32_t** multipliers,
                          int32_t** shifts) {
  MOTE_RETURN_IF_ERROR(CheckActivationQuantS8(ctx, input, "input"));
  MOTE_RETURN_IF_ERROR(CheckActivationQuantS8(ctx, output, "output"));
  MOTE_RETURN_IF_ERROR(CheckFilterQuantS8(ctx, filter, channels));
  // Prepare may run again on the same op: keep the first arrays.
  if (*multipliers == nullptr) {
    *multipliers = ctx.AllocatePersistent<int32_t>(channels);
    if (*multipliers == nullptr) return Status::kArenaTooSmall;
  }
  if (*shifts == nullptr) {
    *shifts = ctx.AllocatePersistent<int32_t>(channels);
    if (*shifts == nullptr) return Status::kArenaTooSmall;
  }
  MOTE_RETURN_IF_ERROR(PopulatePerChannelMultipliers(
      ctx, input, filter, output, channels, *multipliers, *shifts));
  params->input_offset = -input.quant.zero_point(0);
  params->output_offset = output.quant.zero_point(0);
  return ActivationRangeS8(ctx, activation, output, &params->act_min,
                           &params->act_max);
}

}  // namespace mote
