#include "train/qat.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "train/layers.h"

namespace mote::train {
namespace {

using nlohmann::json;

const char* PaddingName(Padding p) { return p == Padding::kSame ? "same" : "valid"; }

const char* ActivationName(FusedActivation a) {
  switch (a) {
    case FusedActivation::kRelu: return "relu";
    case FusedActivation::kRelu6: return "relu6";
    case FusedActivation::kNone: break;
  }
  return "none";
}

json FakeQuantSpec(const QTensor& t, int32_t qmin, int32_t qmax, const std::string& name,
                   bool pool_mean = false) {
  return {{"type", "fake_quant"}, {"name", name + "/fake_quant"}, {"scale", t.scale},
          {"zero_point", t.zero_point}, {"min", qmin}, {"max", qmax},
          {"pool_mean", pool_mean}};
}

bool HasWeights(OpKind k) {
  return k == OpKind::kConv2D || k == OpKind::kDepthwiseConv2D || k == OpKind::kFullyConnected;
}

}  // namespace

Network BuildQatNetwork(const InferenceGraph& graph, const Calibration& calibration) {
  // The exported tensor parameters (and fused-activation clamps).
  const QuantizedModel q = QuantizeGraph(graph, calibration);
  json layers = json::array();
  layers.push_back(FakeQuantSpec(q.input_tensor(), -128, 127, "input"));
  for (size_t i = 0; i < graph.ops.size(); ++i) {
    const FloatOp& f = graph.ops[i];
    const QOp& op = q.ops[i];
    const QTensor& out = q.tensors[op.output];
    json l;
    switch (f.kind) {
      case OpKind::kConv2D:
        l = {{"type", "conv2d"}, {"filters", f.out.c}, {"kernel", {f.kernel_h, f.kernel_w}},
             {"stride", {f.stride_h, f.stride_w}}, {"padding", PaddingName(f.padding)}};
        break;
      case OpKind::kDepthwiseConv2D:
        l = {{"type", "depthwise_conv2d"}, {"multiplier", f.multiplier},
             {"kernel", {f.kernel_h, f.kernel_w}}, {"stride", {f.stride_h, f.stride_w}},
             {"padding", PaddingName(f.padding)}};
        break;
      case OpKind::kFullyConnected: l = {{"type", "dense"}, {"units", f.out.c}}; break;
      case OpKind::kMaxPool:
      case OpKind::kAvgPool:
        l = {{"type", f.kind == OpKind::kMaxPool ? "max_pool" : "avg_pool"},
             {"size", {f.kernel_h, f.kernel_w}}, {"stride", {f.stride_h, f.stride_w}},
             {"padding", PaddingName(f.padding)}};
        break;
      case OpKind::kReshape: l = {{"type", "flatten"}}; break;
      case OpKind::kSoftmax: continue;  // part of the loss
    }
    l["name"] = f.name;
    if (HasWeights(f.kind)) {
      l["bias"] = true;
      l["activation"] = ActivationName(f.activation);
    }
    layers.push_back(l);
    // Max pooling and reshape keep their input's grid values exactly; the
    // other ops requantize (average pooling rounds its mean).
    if (f.kind != OpKind::kMaxPool && f.kind != OpKind::kReshape) {
      layers.push_back(
          FakeQuantSpec(out, op.act_min, op.act_max, f.name, f.kind == OpKind::kAvgPool));
    }
  }
  const json spec = {{"input", {graph.input.h, graph.input.w, graph.input.c}},
                     {"loss", LossName(graph.loss)},
                     {"layers", layers}};
  Network net = Network::FromSpec(spec, 1);
  // Copy the folded weights in, op by op.
  size_t next = 0;
  for (auto& layer : net.layers()) {
    const bool weighted = dynamic_cast<Conv2D*>(layer.get()) != nullptr ||
                          dynamic_cast<DepthwiseConv2D*>(layer.get()) != nullptr ||
                          dynamic_cast<Dense*>(layer.get()) != nullptr;
    if (!weighted) continue;
    while (next < graph.ops.size() && !HasWeights(graph.ops[next].kind)) ++next;
    const FloatOp& f = graph.ops.at(next++);
    auto& params = layer->params();
    if (params.size() != 2 || params[0].value.size() != f.weights.size() ||
        params[1].value.size() != f.bias.size()) {
      throw std::logic_error(f.name + ": QAT layer does not match the graph");
    }
    params[0].value = f.weights;
    params[1].value = f.bias;
  }
  return net;
}

WeightFakeQuantizer::WeightFakeQuantizer(Network* net, const Calibration& calibration,
                                         const InferenceGraph& graph) {
  const QuantizedModel q = QuantizeGraph(graph, calibration);
  size_t next = 0;
  for (auto& layer : net->layers()) {
    const bool dense = dynamic_cast<Dense*>(layer.get()) != nullptr;
    const bool weighted = dense || dynamic_cast<Conv2D*>(layer.get()) != nullptr ||
                          dynamic_cast<DepthwiseConv2D*>(layer.get()) != nullptr;
    if (!weighted) continue;
    while (next < q.ops.size() && !HasWeights(q.ops[next].kind)) ++next;
    if (next >= q.ops.size()) throw std::logic_error("QAT: more layers than graph ops");
    const QOp& op = q.ops[next++];
    auto& params = layer->params();
    if (params.size() != 2) throw std::logic_error(layer->name() + ": QAT layer needs a bias");
    targets_.push_back({&params[0], &params[1], layer->out_shape().c, !dense,
                        q.tensors[op.input].scale});
  }
}

void WeightFakeQuantizer::Install() {
  saved_.clear();
  for (const Target& t : targets_) {
    saved_.push_back(t.kernel->value);
    saved_.push_back(t.bias->value);
    // QuantizePerChannelS8 / QuantizePerTensorS8: scale max|w| / 127, the
    // quotient rounded half away from zero into [-127, 127].
    std::vector<float>& w = t.kernel->value;
    const int groups = t.per_channel ? t.channels : 1;
    std::vector<float> scales(groups, 0.0f);
    for (size_t i = 0; i < w.size(); ++i) {
      float& m = scales[t.per_channel ? i % t.channels : 0];
      m = std::max(m, std::abs(w[i]));
    }
    for (float& s : scales) s = s > 0.0f ? s / 127.0f : 1.0f;
    for (size_t i = 0; i < w.size(); ++i) {
      const float s = scales[t.per_channel ? i % t.channels : 0];
      const double r = std::round(static_cast<double>(w[i] / s));
      w[i] = static_cast<float>(std::min(127.0, std::max(-127.0, r))) * s;
    }
    // QuantizeBiasS32: scale input x weight (a float product), int32.
    std::vector<float>& b = t.bias->value;
    for (size_t c = 0; c < b.size(); ++c) {
      const float s = t.input_scale * scales[t.per_channel ? c : 0];
      const double r = std::round(static_cast<double>(b[c]) / s);
      b[c] = static_cast<float>(std::min(2147483647.0, std::max(-2147483647.0, r)) * s);
    }
  }
}

void WeightFakeQuantizer::Restore() {
  if (saved_.empty()) return;
  size_t k = 0;
  for (const Target& t : targets_) {
    t.kernel->value = std::move(saved_[k++]);
    t.bias->value = std::move(saved_[k++]);
  }
  saved_.clear();
}

QatRun FineTuneQat(const InferenceGraph& graph, const Calibration& calibration,
                   const QuantizeConfig& config, const TrainConfig& training,
                   const data::Dataset& train, const data::Dataset* val,
                   const Trainer::BatchFn& on_batch, const Trainer::EpochFn& on_epoch) {
  ValidateQuantizeConfig(config);
  if (config.qat_epochs < 1) throw std::invalid_argument("quantization: qat_epochs must be >= 1");
  QatRun run{BuildQatNetwork(graph, calibration), {}};
  TrainConfig c = training;
  c.epochs = config.qat_epochs;
  c.patience = 0;
  c.schedule = ScheduleConfig{};
  c.schedule.type = "cosine";
  c.schedule.learning_rate = config.qat_learning_rate;
  WeightFakeQuantizer weights(&run.net, calibration, graph);
  Trainer trainer(&run.net, c);
  trainer.set_weight_hooks([&] { weights.Install(); }, [&] { weights.Restore(); });
  run.result = trainer.Fit(train, val, on_batch, on_epoch);
  return run;
}

}  // namespace mote::train
