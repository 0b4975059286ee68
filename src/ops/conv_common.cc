#include "ops/conv_common.h"

#include <cmath>

#include "kernels/quant_math.h"

namespace mote {

Status GetConvTensors(PrepareContext& ctx, Activation activation,
                      const char* filter_role, int rank, ConvTensors* t) {
  MOTE_ENSURE(ctx, ctx.num_inputs() == 2 || ctx.num_inputs() == 3,
              "expected 2 or 3 inputs (input, %s, optional bias), got %d",
              filter_role, ctx.num_inputs());
  MOTE_ENSURE(ctx, ctx.num_outputs() == 1, "expected 1 output, got %d",
              ctx.num_outputs());
  t->input = ctx.input(0);
  t->filter = ctx.input(1);
  t->bias = ctx.input(2);  // !present() when absent
  t->output = ctx.output(0);
  MOTE_ENSURE(ctx,
              t->input.present() && t->filter.present() && t->output.present(),
              "input, %s and output are required", filter_role);
  MOTE_RETURN_IF_ERROR(CheckFusedActivation(ctx, activation));
  MOTE_RETURN_IF_ERROR(CheckConvTypes(ctx, t->input, t->filter, t->output,
                                      /*allow_int16=*/true));
  if (rank == 0) return Status::kOk;
  MOTE_RETURN_IF_ERROR(CheckRankAndDims(ctx, t->input, rank, "input"));
  MOTE_RETURN_IF_ERROR(CheckRankAndDims(ctx, t->filter, rank, filter_role));
  return CheckRankAndDims(ctx, t->output, rank, "output");
}

Status CheckConvTypes(PrepareContext& ctx, const TensorInfo& input,
                      const TensorInfo& filter, const TensorInfo& output,
                      bool allow_int16) {
  const bool supported =
      input.type == DataType::kInt8 || input.type == DataType::kFloat32 ||
      (allow_int16 && input.type == DataType::kInt16);
  MOTE_ENSURE_SUPPORTED(ctx, supported, "input '%s': expected int8%s or "
                        "float32, got %s",
                        input.name, allow_int16 ? ", int16" : "",
                        DataTypeName(input.type));
  MOTE_ENSURE(ctx, output.type == input.type,
              "output '%s': expected %s like the input, got %s", output.name,
              DataTypeName(input.type), DataTypeName(output.type));
  MOTE_ENSURE_SUPPORTED(
      ctx, !(input.type == DataType::kFloat32 && filter.type == DataType::kInt8),
      "filter '%s': int8 weights with float32 activations (hybrid "
      "quantization) are not supported",
      filter.name);
  if (input.type == DataType::kInt16) {
    // TFLite's 16x8 scheme: int16 activations, int8 weights.
    MOTE_ENSURE_SUPPORTED(ctx, filter.type == DataType::kInt8,
                          "filter '%s': int16 activations need int8 weights "
                          "(16x8 quantization), got %s",
                          filter.name, DataTypeName(filter.type));
    return Status::kOk;
  }
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

Status CheckConvOutputDims(PrepareContext& ctx, const ConvTensors& t,
                           int32_t out_channels) {
  const TensorInfo& input = t.input;
  const TensorInfo& output = t.output;
  MOTE_ENSURE(ctx, output.shape.dims[0] == input.shape.dims[0],
              "output '%s': batch %d differs from input '%s' batch %d",
              output.name, static_cast<int>(output.shape.dims[0]), input.name,
              static_cast<int>(input.shape.dims[0]));
  const int32_t channels = output.shape.dims[output.shape.rank - 1];
  MOTE_ENSURE(ctx, channels == out_channels,
              "output '%s': has %d channels, filter '%s' has %d", output.name,
              static_cast<int>(channels), t.filter.name,
              static_cast<int>(out_channels));
  return Status::kOk;
}

Status PrepareConvGeometry(PrepareContext& ctx, const TensorInfo& input,
                           int32_t filter_height, int32_t filter_width,
                           const TensorInfo& output, const ConvOptions& options,
                           ConvParams* params) {
  const ConvOptions& o = options;
  MOTE_ENSURE(ctx, o.stride_height >= 1 && o.stride_width >= 1,
              "stride %dx%d (h x w) must be >= 1",
              static_cast<int>(o.stride_height),
              static_cast<int>(o.stride_width));
  MOTE_ENSURE(ctx, o.dilation_height >= 1 && o.dilation_width >= 1,
              "dilation %dx%d (h x w) must be >= 1",
              static_cast<int>(o.dilation_height),
              static_cast<int>(o.dilation_width));
  const ConvAxis rows = ComputeConvAxis(o.padding, input.shape.dims[1],
                                        filter_height, o.stride_height,
                                        o.dilation_height);
  const ConvAxis cols = ComputeConvAxis(o.padding, input.shape.dims[2],
                                        filter_width, o.stride_width,
                                        o.dilation_width);
  MOTE_ENSURE(ctx, rows.out_size >= 1 && cols.out_size >= 1,
              "input '%s': a %dx%d filter (dilation %dx%d) does not fit a "
              "%dx%d image with VALID padding",
              input.name, static_cast<int>(filter_height),
              static_cast<int>(filter_width),
              static_cast<int>(o.dilation_height),
              static_cast<int>(o.dilation_width),
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
  // The kernels compute input coordinates (out * stride - pad + dilation *
  // tap) in int: the window's whole span must fit.
  const auto span = [](const ConvAxis& a, int32_t filter, int32_t stride,
                       int32_t dilation) {
    return (int64_t{a.out_size} - 1) * stride +
           (int64_t{filter} - 1) * dilation + a.pad;
  };
  MOTE_ENSURE_SUPPORTED(
      ctx,
      span(rows, filter_height, o.stride_height, o.dilation_height) <=
              INT32_MAX &&
          span(cols, filter_width, o.stride_width, o.dilation_width) <=
              INT32_MAX,
      "strides %dx%d and dilation %dx%d make the filter window span more "
      "than int32 can index",
      static_cast<int>(o.stride_height), static_cast<int>(o.stride_width),
      static_cast<int>(o.dilation_height), static_cast<int>(o.dilation_width));
  params->stride_height = o.stride_height;
  params->stride_width = o.stride_width;
  params->dilation_height = o.dilation_height;
  params->dilation_width = o.dilation_width;
  params->pad_height = rows.pad;
  params->pad_width = cols.pad;
  params->pad_height_offset = rows.pad_offset;
  params->pad_width_offset = cols.pad_offset;
  return Status::kOk;
}

namespace {

}  // namespace

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

namespace {

// The arithmetic of int16 activations, from the bias type.
Status SelectS16Kind(PrepareContext& ctx, const TensorInfo& bias,
                     S16Bias s16_bias, ConvKind* kind) {
  const bool s32_allowed = s16_bias == S16Bias::kS64OrS32;
  if (!bias.present()) {
    // TFLite Micro's CONV_2D runs its int32-accumulator kernel without a
    // bias; the other ops their int64 one.
    *kind = s32_allowed ? ConvKind::kS16BiasS32 : ConvKind::kS16BiasS64;
    return Status::kOk;
  }
  if (bias.type == DataType::kInt64) {
    *kind = ConvKind::kS16BiasS64;
    return Status::kOk;
  }
  MOTE_ENSURE_SUPPORTED(ctx, !(bias.type == DataType::kInt32 && !s32_allowed),
                        "bias '%s': an int32 bias with int16 activations is "
                        "not supported by this op (TFLite Micro needs int64)",
                        bias.name);
  MOTE_ENSURE(ctx, bias.type == DataType::kInt32,
              "bias '%s': expected int64%s for int16 activations, got %s",
              bias.name, s32_allowed ? " or int32" : "",
              DataTypeName(bias.type));
  *kind = ConvKind::kS16BiasS32;
  return Status::kOk;
}

// The bias type of int8 or float32 activations.
DataType BiasTypeOf(ConvKind kind) {
  return kind == ConvKind::kS8 ? DataType::kInt32 : DataType::kFloat32;
}

}  // namespace

Status SelectConvKind(PrepareContext& ctx, const ConvTensors& t,
                      int32_t channels, S16Bias s16_bias, ConvKind* kind) {
  if (t.input.type != DataType::kInt16) {
    *kind = t.input.type == DataType::kInt8 ? ConvKind::kS8 : ConvKind::kF32;
    return CheckBias(ctx, t.bias, BiasTypeOf(*kind), channels);
  }
  MOTE_RETURN_IF_ERROR(SelectS16Kind(ctx, t.bias, s16_bias, kind));
  return t.bias.present() ? CheckBias(ctx, t.bias, t.bias.type, channels)
                          : Status::kOk;
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
    MOTE_ENSURE(ctx, scale >= 0.0f && std::isfinite(scale),
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

Status CheckMultiplierShift(PrepareContext& ctx, int shift, int max_shift,
                            const char* what) {
  MOTE_ENSURE_SUPPORTED(ctx, shift <= max_shift,
                        "%s: requantization scale 2^%d is too large", what,
                        shift);
  return Status::kOk;
}

int MaxShiftOf(ConvKind kind) {
  return kind == ConvKind::kS16BiasS64 ? kMaxShiftS64 : 31;
}

Status PopulatePerChannelMultipliers(PrepareContext& ctx,
                                     const ConvTensors& t, int32_t channels,
                                     int max_shift, int32_t** multipliers,
                                     int32_t** shifts) {
  // Prepare may run again on the same op: keep the first arrays.
  if (*multipliers == nullptr) {
    *multipliers = ctx.AllocatePersistent<int32_t>(channels);
    if (*multipliers == nullptr) return Status::kArenaTooSmall;
  }
  if (*shifts == nullptr) {
    *shifts = ctx.AllocatePersistent<int32_t>(channels);
    if (*shifts == nullptr) return Status::kArenaTooSmall;
  }
  const QuantParams& fq = t.filter.quant;
  const bool per_channel = fq.count > 1;
  const double input_scale = static_cast<double>(t.input.quant.scale(0));
  const double output_scale = static_cast<double>(t.output.quant.scale(0));
  for (int32_t c = 0; c < channels; ++c) {
    const double filter_scale =
        static_cast<double>(fq.scale(per_channel ? c : 0));
    // The order matters for the last bit: (input * filter) / output.
    const double effective = input_scale * filter_scale / output_scale;
    int shift = 0;
    QuantizeMultiplier(effective, &(*multipliers)[c], &shift);
    MOTE_RETURN_IF_ERROR(
        CheckMultiplierShift(ctx, shift, max_shift, t.filter.name));
    (*shifts)[c] = shift;
  }
  return Status::kOk;
}

Status PrepareConvArithmetic(PrepareContext& ctx, const ConvTensors& t,
                             Activation activation, int32_t channels,
                             int64_t accumulation_depth, S16Bias s16_bias,
                             ConvParams* params, ConvQuant* quant) {
  MOTE_RETURN_IF_ERROR(
      SelectConvKind(ctx, t, channels, s16_bias, &quant->kind));
  if (quant->kind == ConvKind::kF32) {
    ActivationRangeFloat(static_cast<int>(activation), &params->float_act_min,
                         &params->float_act_max);
    return Status::kOk;
  }
  MOTE_ENSURE_SUPPORTED(ctx,
                        quant->kind != ConvKind::kS8 ||
                            accumulation_depth <= kMaxAccumulationDepthS8,
                        "filter '%s': %lld products per output overflow an "
                        "int32 accumulator",
                        t.filter.name,
                        static_cast<long long>(accumulation_depth));
  MOTE_RETURN_IF_ERROR(CheckActivationQuant(ctx, t.input, "input"));
  MOTE_RETURN_IF_ERROR(CheckActivationQuant(ctx, t.output, "output"));
  MOTE_RETURN_IF_ERROR(CheckFilterQuantS8(ctx, t.filter, channels));
  MOTE_RETURN_IF_ERROR(PopulatePerChannelMultipliers(
      ctx, t, channels, MaxShiftOf(quant->kind), &quant->multipliers,
      &quant->shifts));
  params->input_offset = -t.input.quant.zero_point(0);
  params->output_offset = t.output.quant.zero_point(0);
  return ActivationRangeQuant(ctx, activation, t.output, &params->act_min,
                              &params->act_max);
}

Status RequestKernelScratch(PrepareContext& ctx, size_t bytes, int* index) {
  *index = -1;
  return bytes > 0 ? ctx.RequestScratch(bytes, index) : Status::kOk;
}

Status CheckActivationQuantS8(PrepareContext& ctx, const TensorInfo& t,
                              const char* role) {
  return CheckActivationQuantAs(ctx, t, role, DataType::kInt8);
}

Status ActivationRangeS8(PrepareContext& ctx, Activation activation,
                         const TensorInfo& output, int32_t* act_min,
                         int32_t* act_max) {
  return ActivationRangeQuantAs(ctx, activation, output, DataType::kInt8,
                                act_min, act_max);
}

Status PrepareConvQuantS8(PrepareContext& ctx, const TensorInfo& input,
                          const TensorInfo& filter, const TensorInfo& output,
                          Activation activation, int32_t channels,
                          ConvParams* params, int32_t** multipliers,
                          int32_t** shifts) {
  MOTE_RETURN_IF_ERROR(CheckActivationQuantS8(ctx, input, "input"));
  MOTE_RETURN_IF_ERROR(CheckActivationQuantS8(ctx, output, "output"));
  MOTE_RETURN_IF_ERROR(CheckFilterQuantS8(ctx, filter, channels));
  ConvTensors t;
  t.input = input;
  t.filter = filter;
  t.output = output;
  MOTE_RETURN_IF_ERROR(PopulatePerChannelMultipliers(ctx, t, channels, 31,
                                                     multipliers, shifts));
  params->input_offset = -input.quant.zero_point(0);
  params->output_offset = output.quant.zero_point(0);
  return ActivationRangeS8(ctx, activation, output, &params->act_min,
                           &params->act_max);
}

}  // namespace mote
