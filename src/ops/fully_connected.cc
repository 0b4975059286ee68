// FULLY_CONNECTED: int8 (per-tensor or per-channel int8 weights, optional
// int32 bias), int16x8 (int16 activations, per-tensor int8 weights, optional
// int64 bias) and float32 (optional float32 bias), weights [units, depth],
// the input read as [batches, depth], keep_num_dims, fused
// RELU/RELU6/RELU_N1_TO_1. Shuffled and sparse weights are not supported.
#include <cmath>

#include "kernels/quant_math.h"
#include "kernels/ref/fully_connected.h"
#include "kernels/scratch_plan.h"
#include "kernels/select.h"
#include "ops/conv_common.h"
#include "ops/ops.h"
#include "ops/per_type_registration.h"

namespace mote {
namespace {

struct OpData {
  // Options, parsed in Init (TFLite's defaults when the table is absent).
  Activation activation = Activation::kNone;
  bool keep_num_dims = false;
  bool default_weights_format = true;
  // Computed in Prepare.
  FullyConnectedParams params;
  ConvKind kind = ConvKind::kF32;
  bool per_channel = false;
  int32_t* multipliers = nullptr;  // per-channel int8: one per unit
  int32_t* shifts = nullptr;
  int scratch_index = -1;  // the int8/int16x8 kernel's (kernels/select.h)
};

Status Init(PrepareContext& ctx) {
  OpData* data = NewOpData<OpData>(ctx);
  if (data == nullptr) return Status::kArenaTooSmall;
  if (const tflite::FullyConnectedOptions* opts =
          ctx.options<tflite::FullyConnectedOptions>()) {
    data->activation =
        static_cast<Activation>(opts->fused_activation_function());
    data->keep_num_dims = opts->keep_num_dims();
    data->default_weights_format =
        opts->weights_format() == tflite::FullyConnectedOptionsWeightsFormat_DEFAULT;
  }
  return Status::kOk;
}

// Output shape: TFLite produces [batches, units], or with keep_num_dims the
// input shape with its last dimension replaced by units. TFLite Micro runs
// whatever the model declares, reading units from the last dimension and
// batches from the others, so accept any shape that has that layout.
Status CheckShapes(PrepareContext& ctx, const OpData& data,
                   const TensorInfo& input, const TensorInfo& weights,
                   const TensorInfo& output) {
  MOTE_RETURN_IF_ERROR(CheckRankAndDims(ctx, weights, 2, "weights"));
  const int32_t units = weights.shape.dims[0];
  const int32_t depth = weights.shape.dims[1];
  MOTE_ENSURE(ctx, input.shape.rank >= 1, "input '%s': must not be a scalar",
              input.name);
  MOTE_RETURN_IF_ERROR(
      CheckRankAndDims(ctx, input, input.shape.rank, "input"));
  MOTE_ENSURE(ctx, output.shape.rank >= 1, "output '%s': must not be a scalar",
              output.name);
  MOTE_RETURN_IF_ERROR(
      CheckRankAndDims(ctx, output, output.shape.rank, "output"));

  const int64_t input_size = input.shape.FlatSize();
  MOTE_ENSURE(ctx, input_size % depth == 0,
              "input '%s': %lld elements are not a multiple of the weights "
              "depth %d",
              input.name, static_cast<long long>(input_size),
              static_cast<int>(depth));
  const int64_t batches = input_size / depth;
  MOTE_ENSURE(ctx, output.shape.dims[output.shape.rank - 1] == units,
              "output '%s': last dimension is %d, weights '%s' have %d units",
              output.name,
              static_cast<int>(output.shape.dims[output.shape.rank - 1]),
              weights.name, static_cast<int>(units));
  MOTE_ENSURE(ctx, output.shape.FlatSize() == batches * units,
              "output '%s': expected %lld x %d elements, got %lld",
              output.name, static_cast<long long>(batches),
              static_cast<int>(units),
              static_cast<long long>(output.shape.FlatSize()));
  if (data.keep_num_dims) {
    const int rank = input.shape.rank;
    MOTE_ENSURE(ctx, input.shape.dims[rank - 1] == depth,
                "input '%s': keep_num_dims needs the last dimension (%d) to "
                "equal the weights depth %d",
                input.name, static_cast<int>(input.shape.dims[rank - 1]),
                static_cast<int>(depth));
    bool same_leading = output.shape.rank == rank;
    for (int i = 0; same_leading && i < rank - 1; ++i) {
      same_leading = output.shape.dims[i] == input.shape.dims[i];
    }
    MOTE_ENSURE(ctx, same_leading,
                "output '%s': keep_num_dims needs the input '%s' shape with "
                "the last dimension replaced by %d",
                output.name, input.name, static_cast<int>(units));
  }
  return Status::kOk;
}

// Per-tensor int8 requantization as TFLite's GetQuantizedConvolutionMultipler
// (the FC path differs from conv: the scale product is taken in float).
Status PreparePerTensor(PrepareContext& ctx, const ConvTensors& t,
                        OpData* data) {
  const TensorInfo& input = t.input;
  const TensorInfo& weights = t.filter;
  const TensorInfo& bias = t.bias;
  const TensorInfo& output = t.output;
  const float input_scale = input.quant.scale(0);
  const float weights_scale = weights.quant.scale(0);
  const float output_scale = output.quant.scale(0);
  if (bias.present()) {
    // TFLite refuses a bias whose scale strays from input * weights scale;
    // a bias without quantization counts as scale 0, as in TFLite.
    const double product = static_cast<double>(input_scale) *
                           static_cast<double>(weights_scale);
    const double bias_scale =
        bias.quant.count > 0 ? static_cast<double>(bias.quant.scale(0)) : 0.0;
    const double diff = std::fabs(product - bias_scale);
    MOTE_ENSURE(ctx, diff / static_cast<double>(output_scale) <= 0.02,
                "bias '%s': scale %g differs from input scale * weights "
                "scale %g",
                bias.name, bias_scale, product);
  }
  const double real_multiplier =
      static_cast<double>(input_scale * weights_scale) /
      static_cast<double>(output_scale);
  int shift = 0;
  QuantizeMultiplier(real_multiplier, &data->params.output_multiplier, &shift);
  MOTE_RETURN_IF_ERROR(
      CheckMultiplierShift(ctx, shift, MaxShiftOf(data->kind), weights.name));
  data->params.output_shift = shift;
  return Status::kOk;
}

// The quantized part of Prepare (int8 or int16x8).
Status PrepareQuantized(PrepareContext& ctx, const ConvTensors& t,
                        OpData* data) {
  const TensorInfo& weights = t.filter;
  const int32_t units = weights.shape.dims[0];
  MOTE_ENSURE_SUPPORTED(ctx,
                        data->kind != ConvKind::kS8 ||
                            weights.shape.dims[1] <= kMaxAccumulationDepthS8,
                        "weights '%s': depth %d overflows an int32 "
                        "accumulator",
                        weights.name, static_cast<int>(weights.shape.dims[1]));
  MOTE_RETURN_IF_ERROR(CheckActivationQuant(ctx, t.input, "input"));
  MOTE_RETURN_IF_ERROR(CheckActivationQuant(ctx, t.output, "output"));
  MOTE_RETURN_IF_ERROR(CheckFilterQuantS8(ctx, weights, units));

  data->params.input_offset = -t.input.quant.zero_point(0);
  data->params.filter_offset = 0;  // CheckFilterQuantS8: symmetric weights
  data->params.output_offset = t.output.quant.zero_point(0);
  data->per_channel = weights.quant.count > 1;
  if (data->per_channel) {
    MOTE_ENSURE_SUPPORTED(ctx, data->kind == ConvKind::kS8,
                          "weights '%s': per-channel weights with int16 "
                          "activations are not supported (TFLite Micro's "
                          "16x8 kernel is per-tensor)",
                          weights.name);
    MOTE_RETURN_IF_ERROR(PopulatePerChannelMultipliers(
        ctx, t, units, MaxShiftOf(data->kind), &data->multipliers,
        &data->shifts));
  } else {
    MOTE_RETURN_IF_ERROR(PreparePerTensor(ctx, t, data));
  }
  MOTE_RETURN_IF_ERROR(ActivationRangeQuant(ctx, data->activation, t.output,
                                            &data->params.act_min,
                                            &data->params.act_max));
  if (data->kind == ConvKind::kS16BiasS64) {
    return RequestKernelScratch(
        ctx,
        opt::PlannedFullyConnectedS16_ScratchBytes(
            data->params, t.input.shape, weights.shape, t.output.shape),
        &data->scratch_index);
  }
  if (data->kind != ConvKind::kS8) return Status::kOk;
  const size_t scratch =
      data->per_channel
          ? opt::PlannedFullyConnectedPerChannelS8_ScratchBytes(
                data->params, t.input.shape, weights.shape, t.output.shape)
          : opt::PlannedFullyConnectedS8_ScratchBytes(
                data->params, t.input.shape, weights.shape, t.output.shape);
  return RequestKernelScratch(ctx, scratch, &data->scratch_index);
}

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  ConvTensors t;
  MOTE_RETURN_IF_ERROR(GetConvTensors(ctx, data->activation, "weights", 0, &t));
  MOTE_ENSURE_SUPPORTED(ctx, data->default_weights_format,
                        "weights '%s': shuffled weights format is not "
                        "supported",
                        t.filter.name);
  MOTE_RETURN_IF_ERROR(CheckShapes(ctx, *data, t.input, t.filter, t.output));
  MOTE_RETURN_IF_ERROR(SelectConvKind(ctx, t, t.filter.shape.dims[0],
                                      S16Bias::kS64Only, &data->kind));
  if (data->kind == ConvKind::kF32) {
    ActivationRangeFloat(static_cast<int>(data->activation),
                         &data->params.float_act_min,
                         &data->params.float_act_max);
    return Status::kOk;
  }
  return PrepareQuantized(ctx, t, data);
}

template <typename T>
const T* BiasData(const EvalTensor* bias) {
  return bias != nullptr ? bias->as<const T>() : nullptr;
}

// One function per arithmetic, so that a per-type registration's Eval
// references only its own kernel.
struct EvalTensors {
  const EvalTensor* input;
  const EvalTensor* weights;
  const EvalTensor* bias;  // null when absent
  EvalTensor* output;
};

EvalTensors GetEvalTensors(EvalContext& ctx) {
  return {ctx.input(0), ctx.input(1),
          ctx.num_inputs() > 2 ? ctx.input(2) : nullptr, ctx.output(0)};
}

void EvalS8(EvalContext& ctx, const OpData& data, const EvalTensors& t) {
  if (data.per_channel) {
    opt::FullyConnectedPerChannelS8(
        data.params, data.multipliers, data.shifts, t.input->shape(),
        t.input->as<const int8_t>(), t.weights->shape(),
        t.weights->as<const int8_t>(), BiasData<int32_t>(t.bias),
        t.output->shape(), t.output->as<int8_t>(),
        KernelScratch(ctx, data.scratch_index));
  } else {
    opt::FullyConnectedS8(data.params, t.input->shape(),
                          t.input->as<const int8_t>(), t.weights->shape(),
                          t.weights->as<const int8_t>(),
                          BiasData<int32_t>(t.bias), t.output->shape(),
                          t.output->as<int8_t>(),
                          KernelScratch(ctx, data.scratch_index));
  }
}

void EvalS16(EvalContext& ctx, const OpData& data, const EvalTensors& t) {
  opt::FullyConnectedS16(data.params, t.input->shape(),
                         t.input->as<const int16_t>(), t.weights->shape(),
                         t.weights->as<const int8_t>(),
                         BiasData<int64_t>(t.bias), t.output->shape(),
                         t.output->as<int16_t>(),
                         KernelScratch(ctx, data.scratch_index));
}

void EvalF32(const OpData& data, const EvalTensors& t) {
  ref::FullyConnectedF32(data.params, t.input->shape(),
                         t.input->as<const float>(), t.weights->shape(),
                         t.weights->as<const float>(), BiasData<float>(t.bias),
                         t.output->shape(), t.output->as<float>());
}

Status FailKind(EvalContext& ctx, ConvKind kind) {
  static_cast<void>(kind);  // unused when messages are stripped
  return ctx.Fail(Status::kInternal,
                  MOTE_MSG("arithmetic %d reached Eval",
                           static_cast<int>(kind)));
}

Status Eval(EvalContext& ctx) {
  const OpData& data = *ctx.user_data<OpData>();
  const EvalTensors t = GetEvalTensors(ctx);
  switch (data.kind) {
    case ConvKind::kS8:
      EvalS8(ctx, data, t);
      return Status::kOk;
    case ConvKind::kS16BiasS64:
      EvalS16(ctx, data, t);
      return Status::kOk;
    case ConvKind::kF32:
      EvalF32(data, t);
      return Status::kOk;
    case ConvKind::kS16BiasS32:
      break;
  }
  return FailKind(ctx, data.kind);
}

// The per-type registrations' Eval: Prepare (PrepareInputType) has made
// data.kind this type's.
Status EvalOnlyS8(EvalContext& ctx) {
  const OpData& data = *ctx.user_data<OpData>();
  if (data.kind != ConvKind::kS8) return FailKind(ctx, data.kind);
  EvalS8(ctx, data, GetEvalTensors(ctx));
  return Status::kOk;
}

Status EvalOnlyS16(EvalContext& ctx) {
  const OpData& data = *ctx.user_data<OpData>();
  if (data.kind != ConvKind::kS16BiasS64) return FailKind(ctx, data.kind);
  EvalS16(ctx, data, GetEvalTensors(ctx));
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_FULLY_CONNECTED() {
  // Versions 1 (float32), 4 (int8), 5 (keep_num_dims), 6 (no bias) and 7
  // (int16x8). 2 (shuffled weights) and 3 (hybrid) are rejected by Prepare;
  // 8 and later add sparse, int4 and hybrid variants.
  static constexpr OpRegistration r = {/*builtin_code=*/9,
                                       "FULLY_CONNECTED",
                                       Init,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/7,
      /*dtypes=*/"int8 (per-tensor/per-channel), int16x8 (per-tensor), "
                 "float32"};
  return r;
}

const OpRegistration& Register_FULLY_CONNECTED_INT8() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/9, "FULLY_CONNECTED", Init,
      PrepareInputType<Prepare, DataType::kInt8>, EvalOnlyS8, nullptr,
      /*max_version=*/7, /*dtypes=*/"int8 (per-tensor/per-channel) only"};
  return r;
}

const OpRegistration& Register_FULLY_CONNECTED_INT16() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/9, "FULLY_CONNECTED", Init,
      PrepareInputType<Prepare, DataType::kInt16>, EvalOnlyS16, nullptr,
      /*max_version=*/7, /*dtypes=*/"int16x8 (per-tensor) only"};
  return r;
}

}  // namespace mote
