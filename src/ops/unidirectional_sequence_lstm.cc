// UNIDIRECTIONAL_SEQUENCE_LSTM: the standard LSTM as TFLite Micro runs it,
// int8 activations and weights with an int16 cell state ("8x8->16", int32
// biases) and float32. The 24 inputs follow TFLite's order: input; input and
// recurrent weights of the input, forget, cell and output gates (1-8);
// peephole weights (9-11, must be absent); gate biases (12-15); projection
// (16-17, absent); hidden state (18) and cell state (19), both variable
// tensors that keep their values between invokes; layer norm coefficients
// (20-23, absent). The op's "intermediates" tensors are not used.
#include <cfloat>
#include <cmath>
#include <new>

#include "kernels/quant_math.h"
#include "kernels/ref/lstm.h"
#include "ops/conv_common.h"
#include "ops/ops.h"
#include "schema/tflite_generated.h"

namespace mote {
namespace {

constexpr int kNumInputs = 24;
constexpr int kInput = 0;
constexpr int kInputWeights = 1;      // 1..4 by LstmGate
constexpr int kRecurrentWeights = 5;  // 5..8 by LstmGate
constexpr int kBiases = 12;           // 12..15 by LstmGate
constexpr int kHiddenState = 18;
constexpr int kCellState = 19;
constexpr int kOutput = 0;

// Q3.12 gate inputs and Q0.15 gate outputs of the integer LSTM.
constexpr float kGateInputScale = 0.000244140625f;    // 2^-12
constexpr float kGateOutputScale = 0.000030517578125f;  // 2^-15

struct OpData {
  bool has_options = false;
  Activation activation = Activation::kNone;
  float cell_clip = 0.0f;
  bool time_major = false;
  bool diagonal_recurrent = false;
  bool is_float = false;
  LstmDims dims;
  LstmParamsS8 params;
  LstmParamsF32 params_f32;
  int scratch = -1;
};

Status Init(PrepareContext& ctx) {
  void* memory = ctx.AllocatePersistent(sizeof(OpData), alignof(OpData));
  if (memory == nullptr) return Status::kArenaTooSmall;
  OpData* data = new (memory) OpData();
  if (const tflite::UnidirectionalSequenceLSTMOptions* opts =
          ctx.options<tflite::UnidirectionalSequenceLSTMOptions>()) {
    data->has_options = true;
    data->activation = static_cast<Activation>(opts->fused_activation_function());
    data->cell_clip = opts->cell_clip();
    data->time_major = opts->time_major();
    data->diagonal_recurrent = opts->diagonal_recurrent_tensors();
  }
  ctx.set_user_data(data);
  return Status::kOk;
}

// For messages only (stripped with MOTE_STRIP_MESSAGES).
[[maybe_unused]] const char* GateName(int gate) {
  switch (gate) {
    case kLstmInputGate: return "input gate";
    case kLstmForgetGate: return "forget gate";
    case kLstmCellGate: return "cell gate";
    default: return "output gate";
  }
}

// Which inputs a standard LSTM has: the variants (peephole, projection,
// layer norm) are refused, as TFLite Micro refuses them.
Status CheckPresence(PrepareContext& ctx) {
  for (int i = 0; i < kNumInputs; ++i) {
    const bool present = ctx.input(i).present();
    const bool variant = (i >= 9 && i <= 11) || i == 16 || i == 17 || i >= 20;
    if (variant) {
      MOTE_ENSURE_SUPPORTED(ctx, !present,
                            "input %d is set: peephole, projection and layer-norm "
                            "LSTMs are not supported",
                            i);
    } else {
      MOTE_ENSURE_SUPPORTED(ctx, present,
                            "input %d is absent: only the standard LSTM (with input "
                            "gate, no CIFG) is supported",
                            i);
    }
  }
  return Status::kOk;
}

Status CheckShapes(PrepareContext& ctx, const TensorInfo& input, const TensorInfo& hidden,
                   const TensorInfo& cell, const TensorInfo& output, LstmDims* d) {
  MOTE_RETURN_IF_ERROR(CheckRankAndDims(ctx, input, 3, "input"));
  MOTE_RETURN_IF_ERROR(CheckRankAndDims(ctx, hidden, 2, "hidden state"));
  MOTE_RETURN_IF_ERROR(CheckRankAndDims(ctx, output, 3, "output"));
  d->batches = d->time_major ? input.shape.dims[1] : input.shape.dims[0];
  d->time_steps = d->time_major ? input.shape.dims[0] : input.shape.dims[1];
  d->input_size = input.shape.dims[2];
  d->state_size = hidden.shape.dims[1];
  const int64_t state_elements = static_cast<int64_t>(d->batches) * d->state_size;
  MOTE_ENSURE(ctx, hidden.shape.FlatSize() == state_elements,
              "hidden state '%s': expected %d x %d elements (batches x units)",
              hidden.name, static_cast<int>(d->batches), static_cast<int>(d->state_size));
  MOTE_ENSURE(ctx, cell.shape.FlatSize() == state_elements,
              "cell state '%s': expected %d x %d elements (batches x units)", cell.name,
              static_cast<int>(d->batches), static_cast<int>(d->state_size));
  MOTE_ENSURE(ctx,
              output.shape.dims[0] == input.shape.dims[0] &&
                  output.shape.dims[1] == input.shape.dims[1] &&
                  output.shape.dims[2] == d->state_size,
              "output '%s': expected [%d, %d, %d]", output.name,
              static_cast<int>(input.shape.dims[0]), static_cast<int>(input.shape.dims[1]),
              static_cast<int>(d->state_size));
  // The states are written in place: never into the model's constant data.
  MOTE_ENSURE(ctx, hidden.is_variable && !hidden.is_const(),
              "hidden state '%s' must be a variable tensor without constant data",
              hidden.name);
  MOTE_ENSURE(ctx, cell.is_variable && !cell.is_const(),
              "cell state '%s' must be a variable tensor without constant data",
              cell.name);
  for (int g = 0; g < 4; ++g) {
    const TensorInfo w = ctx.input(kInputWeights + g);
    const TensorInfo r = ctx.input(kRecurrentWeights + g);
    const TensorInfo b = ctx.input(kBiases + g);
    MOTE_ENSURE(ctx,
                w.shape.rank == 2 && w.shape.dims[0] == d->state_size &&
                    w.shape.dims[1] == d->input_size,
                "%s input weights '%s': expected [%d, %d]", GateName(g), w.name,
                static_cast<int>(d->state_size), static_cast<int>(d->input_size));
    MOTE_ENSURE(ctx,
                r.shape.rank == 2 && r.shape.dims[0] == d->state_size &&
                    r.shape.dims[1] == d->state_size,
                "%s recurrent weights '%s': expected [%d, %d]", GateName(g), r.name,
                static_cast<int>(d->state_size), static_cast<int>(d->state_size));
    MOTE_ENSURE(ctx, b.shape.rank == 1 && b.shape.dims[0] == d->state_size,
                "%s bias '%s': expected [%d]", GateName(g), b.name,
                static_cast<int>(d->state_size));
  }
  return Status::kOk;
}

// All weights of one type, all biases of another.
Status CheckTypes(PrepareContext& ctx, DataType weight_type, DataType bias_type) {
  for (int g = 0; g < 4; ++g) {
    const TensorInfo ts[] = {ctx.input(kInputWeights + g), ctx.input(kRecurrentWeights + g)};
    for (const TensorInfo& t : ts) {
      MOTE_ENSURE_SUPPORTED(ctx, t.type == weight_type,
                            "%s weights '%s': expected %s, got %s", GateName(g), t.name,
                            DataTypeName(weight_type), DataTypeName(t.type));
    }
    const TensorInfo b = ctx.input(kBiases + g);
    MOTE_ENSURE(ctx, b.type == bias_type, "%s bias '%s': expected %s, got %s",
                GateName(g), b.name, DataTypeName(bias_type), DataTypeName(b.type));
  }
  return Status::kOk;
}

// TFLite's GetQuantizedConvolutionMultipler for a gate's FC: the scale
// product in float, divided in double by the Q3.12 output scale.
Status GateFcParams(PrepareContext& ctx, const TensorInfo& in, const TensorInfo& weights,
                    LstmFcParamsS8* p) {
  MOTE_ENSURE_SUPPORTED(ctx, weights.quant.count == 1,
                        "weights '%s': expected per-tensor quantization (1 scale), got %d",
                        weights.name, static_cast<int>(weights.quant.count));
  const float scale = weights.quant.scale(0);
  MOTE_ENSURE(ctx, scale > 0.0f && std::isfinite(scale),
              "weights '%s': scale must be positive and finite, got %g", weights.name,
              static_cast<double>(scale));
  MOTE_ENSURE_SUPPORTED(ctx, weights.quant.zero_point(0) == 0,
                        "weights '%s': zero point %d (only symmetric weights are "
                        "supported)",
                        weights.name, static_cast<int>(weights.quant.zero_point(0)));
  const double real = static_cast<double>(in.quant.scale(0) * scale) /
                      static_cast<double>(kGateInputScale);
  QuantizeMultiplier(real, &p->multiplier, &p->shift);
  MOTE_RETURN_IF_ERROR(CheckMultiplierShift(ctx, p->shift, weights.name));
  p->input_offset = -in.quant.zero_point(0);
  return Status::kOk;
}

// TFLite Micro's CreateInterGateMulParams: (in1 * in2) / out in double.
Status MulParams(PrepareContext& ctx, float in1, float in2, float out, int32_t zero_point,
                 int32_t act_min, int32_t act_max, const char* what, LstmMulParams* p) {
  const double real = static_cast<double>(in1) * static_cast<double>(in2) /
                      static_cast<double>(out);
  QuantizeMultiplier(real, &p->multiplier, &p->shift);
  MOTE_RETURN_IF_ERROR(CheckMultiplierShift(ctx, p->shift, what));
  p->output_offset = zero_point;
  p->act_min = act_min;
  p->act_max = act_max;
  return Status::kOk;
}

Status PrepareS8(PrepareContext& ctx, const TensorInfo& input, const TensorInfo& hidden,
                 const TensorInfo& cell, const TensorInfo& output, OpData* data) {
  MOTE_RETURN_IF_ERROR(CheckTypes(ctx, DataType::kInt8, DataType::kInt32));
  MOTE_ENSURE(ctx, hidden.type == DataType::kInt8,
              "hidden state '%s': expected int8 like the input, got %s", hidden.name,
              DataTypeName(hidden.type));
  MOTE_ENSURE(ctx, output.type == DataType::kInt8,
              "output '%s': expected int8 like the input, got %s", output.name,
              DataTypeName(output.type));
  MOTE_ENSURE_SUPPORTED(ctx, cell.type == DataType::kInt16,
                        "cell state '%s': expected int16, got %s", cell.name,
                        DataTypeName(cell.type));
  MOTE_RETURN_IF_ERROR(CheckActivationQuantS8(ctx, input, "input"));
  MOTE_RETURN_IF_ERROR(CheckActivationQuantS8(ctx, hidden, "hidden state"));
  MOTE_ENSURE_SUPPORTED(ctx, cell.quant.count == 1,
                        "cell state '%s': expected per-tensor quantization (1 scale), "
                        "got %d",
                        cell.name, static_cast<int>(cell.quant.count));
  const float cell_scale = cell.quant.scale(0);
  MOTE_ENSURE(ctx, cell_scale > 0.0f && std::isfinite(cell_scale),
              "cell state '%s': scale must be positive and finite, got %g", cell.name,
              static_cast<double>(cell_scale));
  const LstmDims& d = data->dims;
  MOTE_ENSURE_SUPPORTED(
      ctx, d.input_size <= kMaxAccumulationDepthS8 && d.state_size <= kMaxAccumulationDepthS8,
      "input size %d or units %d overflow an int32 accumulator",
      static_cast<int>(d.input_size), static_cast<int>(d.state_size));

  LstmParamsS8& p = data->params;
  for (int g = 0; g < 4; ++g) {
    MOTE_RETURN_IF_ERROR(GateFcParams(ctx, input, ctx.input(kInputWeights + g), &p.input_fc[g]));
    MOTE_RETURN_IF_ERROR(
        GateFcParams(ctx, hidden, ctx.input(kRecurrentWeights + g), &p.recurrent_fc[g]));
  }
  MOTE_RETURN_IF_ERROR(MulParams(ctx, kGateOutputScale, cell_scale, cell_scale, 0, -32768,
                                 32767, "forget gate x cell state", &p.forget_times_cell));
  MOTE_RETURN_IF_ERROR(MulParams(ctx, kGateOutputScale, kGateOutputScale, cell_scale, 0,
                                 -32768, 32767, "input gate x cell gate",
                                 &p.input_times_cell_gate));
  MOTE_RETURN_IF_ERROR(MulParams(ctx, kGateOutputScale, kGateOutputScale,
                                 hidden.quant.scale(0), hidden.quant.zero_point(0), -128, 127,
                                 "output gate x tanh(cell)", &p.output_times_tanh));

  // TFLite's CheckedLog2 (in float; a scale that is not a power of two is
  // rounded to the nearest one, as TFLite does without complaint).
  const float log2_scale = std::log(cell_scale) * (1.0f / std::log(2.0f));
  p.cell_scale_power = static_cast<int32_t>(std::round(log2_scale));
  // tanh(c) rescales c by 3 * 2^(power + 12) as an integer multiply and
  // shift; keep both inside int32.
  MOTE_ENSURE_SUPPORTED(ctx, p.cell_scale_power >= -40 && p.cell_scale_power <= 2,
                        "cell state '%s': scale 2^%d is out of the supported range "
                        "[2^-40, 2^2]",
                        cell.name, static_cast<int>(p.cell_scale_power));
  p.clip = data->cell_clip > 0.0f;
  const double clip = static_cast<double>(data->cell_clip) / static_cast<double>(cell_scale);
  p.quantized_cell_clip = static_cast<int16_t>(clip < -32768.0 ? -32768.0
                                               : clip > 32767.0 ? 32767.0
                                                                : clip);
  return Status::kOk;
}

Status PrepareF32(PrepareContext& ctx, const TensorInfo& hidden, const TensorInfo& cell,
                  const TensorInfo& output, OpData* data) {
  const TensorInfo weights = ctx.input(kInputWeights + kLstmForgetGate);
  MOTE_ENSURE_SUPPORTED(ctx, weights.type == DataType::kFloat32,
                        "weights '%s': %s weights with a float32 input (hybrid LSTM) "
                        "are not supported",
                        weights.name, DataTypeName(weights.type));
  MOTE_RETURN_IF_ERROR(CheckTypes(ctx, DataType::kFloat32, DataType::kFloat32));
  const TensorInfo* rest[] = {&hidden, &cell, &output};
  for (const TensorInfo* t : rest) {
    MOTE_ENSURE(ctx, t->type == DataType::kFloat32, "tensor '%s': expected float32, got %s",
                t->name, DataTypeName(t->type));
  }
  data->is_float = true;
  data->params_f32.clip = data->cell_clip > 0.0f;
  data->params_f32.cell_clip = data->cell_clip;
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  MOTE_ENSURE(ctx, ctx.num_inputs() == kNumInputs, "expected %d inputs, got %d", kNumInputs,
              ctx.num_inputs());
  MOTE_ENSURE(ctx, ctx.num_outputs() == 1, "expected 1 output, got %d", ctx.num_outputs());
  MOTE_ENSURE(ctx, data->has_options, "UnidirectionalSequenceLSTMOptions are missing");
  MOTE_ENSURE_SUPPORTED(ctx, data->activation == Activation::kTanh,
                        "cell activation %d is not supported (TFLite Micro runs tanh)",
                        static_cast<int>(data->activation));
  MOTE_ENSURE_SUPPORTED(ctx, !data->diagonal_recurrent,
                        "diagonal recurrent weights are not supported");
  MOTE_ENSURE(ctx, !std::isnan(data->cell_clip), "cell_clip is NaN");
  MOTE_RETURN_IF_ERROR(CheckPresence(ctx));
  const TensorInfo input = ctx.input(kInput);
  const TensorInfo hidden = ctx.input(kHiddenState);
  const TensorInfo cell = ctx.input(kCellState);
  const TensorInfo output = ctx.output(kOutput);
  MOTE_ENSURE(ctx, output.present(), "the output is required");
  data->dims.time_major = data->time_major;
  MOTE_RETURN_IF_ERROR(CheckShapes(ctx, input, hidden, cell, output, &data->dims));

  size_t element = sizeof(int16_t);
  if (input.type == DataType::kInt8) {
    MOTE_RETURN_IF_ERROR(PrepareS8(ctx, input, hidden, cell, output, data));
  } else {
    MOTE_ENSURE_SUPPORTED(ctx, input.type == DataType::kFloat32,
                          "input '%s': expected int8 or float32, got %s", input.name,
                          DataTypeName(input.type));
    MOTE_RETURN_IF_ERROR(PrepareF32(ctx, hidden, cell, output, data));
    element = sizeof(float);
  }
  // The four gate buffers of one step.
  return ctx.RequestScratch(4 * static_cast<size_t>(data->dims.step_rows()) *
                                static_cast<size_t>(data->dims.state_size) * element,
                            &data->scratch);
}

Status Eval(EvalContext& ctx) {
  const OpData& data = *ctx.user_data<OpData>();
  const EvalTensor* input = ctx.input(kInput);
  EvalTensor* hidden = ctx.input(kHiddenState);
  EvalTensor* cell = ctx.input(kCellState);
  EvalTensor* output = ctx.output(kOutput);
  if (data.is_float) {
    LstmWeightsF32 w;
    for (int g = 0; g < 4; ++g) {
      w.input_weights[g] = ctx.input(kInputWeights + g)->as<const float>();
      w.recurrent_weights[g] = ctx.input(kRecurrentWeights + g)->as<const float>();
      w.bias[g] = ctx.input(kBiases + g)->as<const float>();
    }
    ref::UnidirectionalSequenceLstmF32(data.params_f32, data.dims, w,
                                       input->as<const float>(), hidden->as<float>(),
                                       cell->as<float>(), output->as<float>(),
                                       static_cast<float*>(ctx.scratch(data.scratch)));
    return Status::kOk;
  }
  LstmWeightsS8 w;
  for (int g = 0; g < 4; ++g) {
    w.input_weights[g] = ctx.input(kInputWeights + g)->as<const int8_t>();
    w.recurrent_weights[g] = ctx.input(kRecurrentWeights + g)->as<const int8_t>();
    w.bias[g] = ctx.input(kBiases + g)->as<const int32_t>();
  }
  ref::UnidirectionalSequenceLstmS8(data.params, data.dims, w, input->as<const int8_t>(),
                                    hidden->as<int8_t>(), cell->as<int16_t>(),
                                    output->as<int8_t>(),
                                    static_cast<int16_t*>(ctx.scratch(data.scratch)));
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_UNIDIRECTIONAL_SEQUENCE_LSTM() {
  // Version 1 covers float32 and the full-integer model; 2 and 3 are hybrid
  // and refused by Prepare. The states are variable tensors, which the
  // interpreter resets, so the op needs no reset of its own.
  static constexpr OpRegistration r = {/*builtin_code=*/44,
                                       "UNIDIRECTIONAL_SEQUENCE_LSTM",
                                       Init,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/3,
                                       /*dtypes=*/"int8 (int16 cell state), float32"};
  return r;
}

}  // namespace mote
