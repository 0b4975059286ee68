// SVDF: int8 input/output with int16 or int8 time weights and activation
// state (TFLite Micro's integer reference), and float32. Inputs: input
// [batches, input_size], weights_feature [filters, input_size], weights_time
// [filters, memory], optional bias [units], activation state [batches,
// memory * filters] (a variable tensor that keeps its value between
// invokes). Output [batches, units], units = filters / rank. Hybrid (float
// input with int8 weights) is not supported, as in TFLite Micro.
#include <cmath>
#include <new>

#include "kernels/quant_math.h"
#include "kernels/ref/svdf.h"
#include "ops/conv_common.h"
#include "ops/ops.h"
#include "schema/tflite_generated.h"

namespace mote {
namespace {

constexpr int kInput = 0;
constexpr int kWeightsFeature = 1;
constexpr int kWeightsTime = 2;
constexpr int kBias = 3;
constexpr int kState = 4;
constexpr int kOutput = 0;

enum class Kind : uint8_t { kS8StateS16, kS8StateS8, kF32 };

struct OpData {
  int32_t rank = 0;  // absent options: 0, refused by Prepare as in TFLite
  Activation activation = Activation::kNone;
  Kind kind = Kind::kF32;
  SvdfDims dims;
  SvdfParamsS8 params;
  int scratch = -1;         // batches * filters (int32 or float)
  int scratch_output = -1;  // batches * units int32 (integer only)
};

Status Init(PrepareContext& ctx) {
  void* memory = ctx.AllocatePersistent(sizeof(OpData), alignof(OpData));
  if (memory == nullptr) return Status::kArenaTooSmall;
  OpData* data = new (memory) OpData();
  if (const tflite::SVDFOptions* opts = ctx.options<tflite::SVDFOptions>()) {
    data->rank = opts->rank();
    data->activation = static_cast<Activation>(opts->fused_activation_function());
  }
  ctx.set_user_data(data);
  return Status::kOk;
}

Status CheckShapes(PrepareContext& ctx, const OpData& data, const TensorInfo& input,
                   const TensorInfo& weights_feature, const TensorInfo& weights_time,
                   const TensorInfo& bias, const TensorInfo& state,
                   const TensorInfo& output, SvdfDims* dims) {
  MOTE_RETURN_IF_ERROR(CheckRankAndDims(ctx, input, 2, "input"));
  MOTE_RETURN_IF_ERROR(CheckRankAndDims(ctx, weights_feature, 2, "weights_feature"));
  MOTE_RETURN_IF_ERROR(CheckRankAndDims(ctx, weights_time, 2, "weights_time"));
  MOTE_RETURN_IF_ERROR(CheckRankAndDims(ctx, state, 2, "activation state"));
  MOTE_RETURN_IF_ERROR(CheckRankAndDims(ctx, output, 2, "output"));
  MOTE_ENSURE(ctx, data.rank >= 1, "rank %d must be >= 1",
              static_cast<int>(data.rank));
  dims->batches = input.shape.dims[0];
  dims->input_size = input.shape.dims[1];
  dims->num_filters = weights_feature.shape.dims[0];
  dims->rank = data.rank;
  dims->memory_size = weights_time.shape.dims[1];
  MOTE_ENSURE(ctx, dims->num_filters % data.rank == 0,
              "weights_feature '%s': %d filters are not a multiple of rank %d",
              weights_feature.name, static_cast<int>(dims->num_filters),
              static_cast<int>(data.rank));
  MOTE_ENSURE(ctx, weights_feature.shape.dims[1] == dims->input_size,
              "weights_feature '%s': depth %d differs from the input size %d",
              weights_feature.name, static_cast<int>(weights_feature.shape.dims[1]),
              static_cast<int>(dims->input_size));
  MOTE_ENSURE(ctx, weights_time.shape.dims[0] == dims->num_filters,
              "weights_time '%s': %d rows, weights_feature has %d filters",
              weights_time.name, static_cast<int>(weights_time.shape.dims[0]),
              static_cast<int>(dims->num_filters));
  MOTE_ENSURE(ctx,
              state.shape.dims[0] == dims->batches &&
                  static_cast<int64_t>(state.shape.dims[1]) ==
                      static_cast<int64_t>(dims->memory_size) * dims->num_filters,
              "activation state '%s': expected [%d, %lld] (batches, memory * "
              "filters), got [%d, %d]",
              state.name, static_cast<int>(dims->batches),
              static_cast<long long>(static_cast<int64_t>(dims->memory_size) *
                                     dims->num_filters),
              static_cast<int>(state.shape.dims[0]),
              static_cast<int>(state.shape.dims[1]));
  MOTE_ENSURE(ctx, state.is_variable && !state.is_const(),
              "activation state '%s' must be a variable tensor without constant "
              "data",
              state.name);
  MOTE_ENSURE(ctx,
              output.shape.dims[0] == dims->batches &&
                  output.shape.dims[1] == dims->units(),
              "output '%s': expected [%d, %d] (batches, units), got [%d, %d]",
              output.name, static_cast<int>(dims->batches),
              static_cast<int>(dims->units()), static_cast<int>(output.shape.dims[0]),
              static_cast<int>(output.shape.dims[1]));
  if (bias.present()) {
    MOTE_ENSURE(ctx, bias.shape.rank == 1 && bias.shape.dims[0] == dims->units(),
                "bias '%s': expected [%d] (one per unit)", bias.name,
                static_cast<int>(dims->units()));
  }
  return Status::kOk;
}

// A per-tensor symmetric weight tensor (TFLite reads only its first scale
// and never its zero point).
Status CheckWeightsQuant(PrepareContext& ctx, const TensorInfo& t, const char* role) {
  MOTE_ENSURE_SUPPORTED(ctx, t.quant.count == 1,
                        "%s '%s': expected per-tensor quantization (1 scale), got %d",
                        role, t.name, static_cast<int>(t.quant.count));
  const float scale = t.quant.scale(0);
  MOTE_ENSURE(ctx, scale > 0.0f && std::isfinite(scale),
              "%s '%s': scale must be positive and finite, got %g", role, t.name,
              static_cast<double>(scale));
  MOTE_ENSURE_SUPPORTED(ctx, t.quant.zero_point(0) == 0,
                        "%s '%s': zero point %d (only symmetric weights are supported)",
                        role, t.name, static_cast<int>(t.quant.zero_point(0)));
  return Status::kOk;
}

Status PrepareS8(PrepareContext& ctx, const TensorInfo& input,
                 const TensorInfo& weights_feature, const TensorInfo& weights_time,
                 const TensorInfo& bias, const TensorInfo& state,
                 const TensorInfo& output, OpData* data) {
  MOTE_ENSURE(ctx, weights_feature.type == DataType::kInt8,
              "weights_feature '%s': expected int8 like the input, got %s",
              weights_feature.name, DataTypeName(weights_feature.type));
  MOTE_ENSURE_SUPPORTED(
      ctx, weights_time.type == DataType::kInt16 || weights_time.type == DataType::kInt8,
      "weights_time '%s': expected int16 or int8, got %s", weights_time.name,
      DataTypeName(weights_time.type));
  MOTE_ENSURE(ctx, state.type == weights_time.type,
              "activation state '%s': expected %s like weights_time '%s', got %s",
              state.name, DataTypeName(weights_time.type), weights_time.name,
              DataTypeName(state.type));
  MOTE_ENSURE(ctx, output.type == DataType::kInt8,
              "output '%s': expected int8 like the input, got %s", output.name,
              DataTypeName(output.type));
  if (bias.present()) {
    MOTE_ENSURE(ctx, bias.type == DataType::kInt32, "bias '%s': expected int32, got %s",
                bias.name, DataTypeName(bias.type));
  }
  MOTE_RETURN_IF_ERROR(CheckActivationQuantS8(ctx, input, "input"));
  MOTE_RETURN_IF_ERROR(CheckActivationQuantS8(ctx, output, "output"));
  MOTE_RETURN_IF_ERROR(CheckWeightsQuant(ctx, weights_feature, "weights_feature"));
  MOTE_RETURN_IF_ERROR(CheckWeightsQuant(ctx, weights_time, "weights_time"));
  MOTE_ENSURE_SUPPORTED(ctx, state.quant.count == 1,
                        "activation state '%s': expected per-tensor quantization "
                        "(1 scale), got %d",
                        state.name, static_cast<int>(state.quant.count));
  const float state_scale = state.quant.scale(0);
  MOTE_ENSURE(ctx, state_scale > 0.0f && std::isfinite(state_scale),
              "activation state '%s': scale must be positive and finite, got %g",
              state.name, static_cast<double>(state_scale));
  const int32_t state_zp = state.quant.zero_point(0);
  const int32_t state_min = state.type == DataType::kInt8 ? -128 : -32768;
  const int32_t state_max = state.type == DataType::kInt8 ? 127 : 32767;
  MOTE_ENSURE(ctx, state_zp >= state_min && state_zp <= state_max,
              "activation state '%s': zero point %d is outside the %s range",
              state.name, static_cast<int>(state_zp), DataTypeName(state.type));
  MOTE_ENSURE_SUPPORTED(ctx, data->dims.input_size <= kMaxAccumulationDepthS8,
                        "input '%s': size %d overflows an int32 accumulator",
                        input.name, static_cast<int>(data->dims.input_size));

  const float input_scale = input.quant.scale(0);
  const float feature_scale = weights_feature.quant.scale(0);
  const float time_scale = weights_time.quant.scale(0);
  const float output_scale = output.quant.scale(0);
  if (bias.present()) {
    // TFLite's check, on the float product; an unquantized bias counts as
    // scale 0.
    const double bias_scale =
        bias.quant.count > 0 ? static_cast<double>(bias.quant.scale(0)) : 0.0;
    const double expected = static_cast<double>(state_scale * time_scale);
    MOTE_ENSURE(ctx, std::fabs(bias_scale - expected) < 1e-5,
                "bias '%s': scale %g differs from state scale * weights_time scale %g",
                bias.name, bias_scale, expected);
  }
  // TFLite computes both products and quotients in float, then widens.
  const double effective_1 =
      static_cast<double>(input_scale * feature_scale / state_scale);
  const double effective_2 =
      static_cast<double>(state_scale * time_scale / output_scale);
  SvdfParamsS8& p = data->params;
  QuantizeMultiplier(effective_1, &p.feature_multiplier, &p.feature_shift);
  MOTE_RETURN_IF_ERROR(CheckMultiplierShift(ctx, p.feature_shift, weights_feature.name));
  QuantizeMultiplier(effective_2, &p.output_multiplier, &p.output_shift);
  MOTE_RETURN_IF_ERROR(CheckMultiplierShift(ctx, p.output_shift, weights_time.name));
  p.input_zero_point = input.quant.zero_point(0);
  p.state_zero_point = state_zp;
  p.output_zero_point = output.quant.zero_point(0);
  data->kind = state.type == DataType::kInt16 ? Kind::kS8StateS16 : Kind::kS8StateS8;

  const size_t batches = static_cast<size_t>(data->dims.batches);
  MOTE_RETURN_IF_ERROR(ctx.RequestScratch(
      batches * static_cast<size_t>(data->dims.num_filters) * sizeof(int32_t),
      &data->scratch));
  return ctx.RequestScratch(
      batches * static_cast<size_t>(data->dims.units()) * sizeof(int32_t),
      &data->scratch_output);
}

Status PrepareF32(PrepareContext& ctx, const TensorInfo& weights_feature,
                  const TensorInfo& weights_time, const TensorInfo& bias,
                  const TensorInfo& state, const TensorInfo& output, OpData* data) {
  MOTE_ENSURE_SUPPORTED(ctx, weights_feature.type == DataType::kFloat32,
                        "weights_feature '%s': %s weights with a float32 input "
                        "(hybrid SVDF) are not supported",
                        weights_feature.name, DataTypeName(weights_feature.type));
  const TensorInfo* rest[] = {&weights_time, &state, &output};
  for (const TensorInfo* t : rest) {
    MOTE_ENSURE(ctx, t->type == DataType::kFloat32, "tensor '%s': expected float32, got %s",
                t->name, DataTypeName(t->type));
  }
  if (bias.present()) {
    MOTE_ENSURE(ctx, bias.type == DataType::kFloat32, "bias '%s': expected float32, got %s",
                bias.name, DataTypeName(bias.type));
  }
  MOTE_ENSURE_SUPPORTED(ctx, static_cast<int>(data->activation) <= 5,
                        "fused activation %d is not supported",
                        static_cast<int>(data->activation));
  data->kind = Kind::kF32;
  return ctx.RequestScratch(static_cast<size_t>(data->dims.batches) *
                                static_cast<size_t>(data->dims.num_filters) *
                                sizeof(float),
                            &data->scratch);
}

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  MOTE_ENSURE(ctx, ctx.num_inputs() == 5,
              "expected 5 inputs (input, weights_feature, weights_time, bias, "
              "activation state), got %d",
              ctx.num_inputs());
  MOTE_ENSURE(ctx, ctx.num_outputs() == 1, "expected 1 output, got %d",
              ctx.num_outputs());
  const TensorInfo input = ctx.input(kInput);
  const TensorInfo weights_feature = ctx.input(kWeightsFeature);
  const TensorInfo weights_time = ctx.input(kWeightsTime);
  const TensorInfo bias = ctx.input(kBias);  // optional
  const TensorInfo state = ctx.input(kState);
  const TensorInfo output = ctx.output(kOutput);
  MOTE_ENSURE(ctx,
              input.present() && weights_feature.present() && weights_time.present() &&
                  state.present() && output.present(),
              "input, weights_feature, weights_time, activation state and output "
              "are required");
  MOTE_RETURN_IF_ERROR(CheckShapes(ctx, *data, input, weights_feature, weights_time,
                                   bias, state, output, &data->dims));
  if (input.type == DataType::kInt8) {
    return PrepareS8(ctx, input, weights_feature, weights_time, bias, state, output,
                     data);
  }
  MOTE_ENSURE_SUPPORTED(ctx, input.type == DataType::kFloat32,
                        "input '%s': expected int8 or float32, got %s", input.name,
                        DataTypeName(input.type));
  return PrepareF32(ctx, weights_feature, weights_time, bias, state, output, data);
}

Status Eval(EvalContext& ctx) {
  const OpData& data = *ctx.user_data<OpData>();
  const EvalTensor* input = ctx.input(kInput);
  const EvalTensor* weights_feature = ctx.input(kWeightsFeature);
  const EvalTensor* weights_time = ctx.input(kWeightsTime);
  const EvalTensor* bias = ctx.input(kBias);
  EvalTensor* state = ctx.input(kState);
  EvalTensor* output = ctx.output(kOutput);
  switch (data.kind) {
    case Kind::kS8StateS16:
    case Kind::kS8StateS8: {
      int32_t* scratch = static_cast<int32_t*>(ctx.scratch(data.scratch));
      int32_t* scratch_output = static_cast<int32_t*>(ctx.scratch(data.scratch_output));
      const int32_t* bias_data = bias != nullptr ? bias->as<const int32_t>() : nullptr;
      if (data.kind == Kind::kS8StateS16) {
        ref::SvdfS8StateS16(data.params, data.dims, input->as<const int8_t>(),
                            weights_feature->as<const int8_t>(),
                            weights_time->as<const int16_t>(), bias_data,
                            state->as<int16_t>(), scratch, scratch_output,
                            output->as<int8_t>());
      } else {
        ref::SvdfS8StateS8(data.params, data.dims, input->as<const int8_t>(),
                           weights_feature->as<const int8_t>(),
                           weights_time->as<const int8_t>(), bias_data,
                           state->as<int8_t>(), scratch, scratch_output,
                           output->as<int8_t>());
      }
      return Status::kOk;
    }
    case Kind::kF32:
      ref::SvdfF32(data.activation, data.dims, input->as<const float>(),
                   weights_feature->as<const float>(), weights_time->as<const float>(),
                   bias != nullptr ? bias->as<const float>() : nullptr,
                   state->as<float>(), static_cast<float*>(ctx.scratch(data.scratch)),
                   output->as<float>());
      return Status::kOk;
  }
  return ctx.Fail(Status::kInternal, MOTE_MSG("unknown kernel kind reached Eval"));
}

}  // namespace

const OpRegistration& Register_SVDF() {
  // Versions 1 (float32) and 3 (int8, int16 or int8 state); 2 and 4 are
  // hybrid variants, which Prepare refuses. The state is a variable tensor,
  // which the interpreter resets, so the op needs no reset of its own.
  static constexpr OpRegistration r = {/*builtin_code=*/27,
                                       "SVDF",
                                       Init,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/4,
                                       /*dtypes=*/"int8 (int16 or int8 state), float32"};
  return r;
}

}  // namespace mote
