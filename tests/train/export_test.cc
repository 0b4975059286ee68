// Post-training quantization and export: the exported .tflite run by mote's
// interpreter equals the trainer's int8 simulation bit for bit.
#include <gtest/gtest.h>

#include <cstring>

#include "host/model_file.h"
#include "mote/interpreter.h"
#include "mote/model.h"
#include "ops/ops.h"
#include "train/export.h"
#include "train/inference_graph.h"
#include "train/loss.h"
#include "train/qat.h"
#include "train/quantize.h"
#include "train/trainer.h"

namespace mote::train {
namespace {

using nlohmann::json;

data::Dataset Toy(int n, int h, int w, int c, int classes, uint64_t seed) {
  data::Dataset d;
  d.h = h;
  d.w = w;
  d.c = c;
  for (int k = 0; k < classes; ++k) d.classes.push_back("c" + std::to_string(k));
  Random rng(seed);
  for (int i = 0; i < n; ++i) {
    const int label = i % classes;
    d.labels.push_back(label);
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        for (int ch = 0; ch < c; ++ch) {
          const bool on = ((y * classes) / h == label) || ((x + ch) % classes == label);
          d.x.push_back((on ? 0.8f : 0.1f) + rng.Uniform(-0.1f, 0.1f));
        }
      }
    }
  }
  return d;
}

struct Exported {
  QuantizedModel q;
  std::vector<uint8_t> bytes;
};

Exported TrainAndExport(const json& spec, const data::Dataset& d, const QuantizeConfig& qc) {
  Network net = Network::FromSpec(spec, 2);
  TrainConfig c;
  c.epochs = 2;
  c.batch_size = 16;
  c.schedule.learning_rate = 0.01f;
  Trainer(&net, c).Fit(d, nullptr, nullptr, nullptr);
  const InferenceGraph g = BuildInferenceGraph(net);
  const Calibration cal = Calibrate(net, g, d, qc, 2);
  Exported e;
  e.q = QuantizeGraph(g, cal);
  e.bytes = ExportTflite(e.q, json{{"classes", d.classes}}, "test");
  return e;
}

// Every sample through the runtime and the simulation.
void ExpectBitExact(const Exported& e, const data::Dataset& d) {
  host::AlignedBytes bytes(e.bytes.size());
  std::memcpy(bytes.data(), e.bytes.data(), e.bytes.size());
  Model model;
  ErrorReporter errors;
  ASSERT_EQ(Model::Load(bytes.data(), bytes.size(), &model, &errors), Status::kOk)
      << errors.message();
  MutableOpResolver<kNumBuiltinOps> resolver;
  ASSERT_EQ(RegisterAllOps(&resolver), Status::kOk);
  host::AlignedBytes arena(1 << 20);
  Interpreter interp(model, resolver, arena.data(), arena.size());
  ASSERT_EQ(interp.Prepare(), Status::kOk) << interp.errors().message();
  const size_t in_bytes = interp.input_bytes(0);
  const size_t out_bytes = interp.output_bytes(0);
  ASSERT_EQ(in_bytes, static_cast<size_t>(e.q.input_tensor().shape.size()));
  ASSERT_EQ(out_bytes, static_cast<size_t>(e.q.output_tensor().shape.size()));
  std::vector<int8_t> q(in_bytes), sim(out_bytes);
  // The logits (softmax input) too: softmax could hide small differences.
  const int logits = e.q.ops.back().input;
  int logits_tensor = -1;
  for (int t = 0; t < model.num_tensors(); ++t) {
    if (e.q.tensors[logits].name == model.tensor(t).name) logits_tensor = t;
  }
  ASSERT_GE(logits_tensor, 0);
  std::vector<std::vector<int8_t>> sim_tensors;
  int differing = 0;
  for (size_t i = 0; i < d.size(); ++i) {
    QuantizeInput(e.q, d.sample(i), q.data());
    std::memcpy(interp.input(0)->data, q.data(), in_bytes);
    ASSERT_EQ(interp.Invoke(), Status::kOk) << interp.errors().message();
    RunInt8(e.q, q.data(), sim.data(), &sim_tensors);
    if (std::memcmp(interp.output(0)->data, sim.data(), out_bytes) != 0) ++differing;
    if (std::memcmp(interp.tensor(logits_tensor)->data, sim_tensors[logits].data(),
                    sim_tensors[logits].size()) != 0) {
      ++differing;
    }
  }
  EXPECT_EQ(differing, 0) << "of " << d.size() << " samples";
}

TEST(Export, ConvNetRuntimeEqualsSimulationBitForBit) {
  const json spec = json::parse(R"({
    "input": [8, 8, 2],
    "layers": [
      {"type": "conv2d", "filters": 6, "kernel": 3, "batch_norm": true, "activation": "relu"},
      {"type": "max_pool", "size": 2},
      {"type": "depthwise_conv2d", "kernel": 3, "multiplier": 2, "activation": "relu6"},
      {"type": "avg_pool", "size": 3, "stride": 2, "padding": "same"},
      {"type": "conv2d", "filters": 5, "kernel": [1, 2], "stride": [1, 2], "padding": "valid",
       "activation": "relu"},
      {"type": "global_avg_pool"},
      {"type": "dense", "units": 4}
    ]})");
  const data::Dataset d = Toy(96, 8, 8, 2, 4, 1);
  for (const char* method : {"minmax", "percentile", "mse"}) {
    QuantizeConfig qc;
    qc.method = method;
    qc.percentile = 99.9;
    const Exported e = TrainAndExport(spec, d, qc);
    EXPECT_EQ(e.q.ops.back().kind, OpKind::kSoftmax);
    ExpectBitExact(e, d);
  }
}

TEST(Export, DenseNetWithFlattenAndDropout) {
  const json spec = json::parse(R"({
    "input": [4, 5, 1],
    "layers": [
      {"type": "conv2d", "filters": 3, "kernel": 3, "stride": 2, "activation": "relu"},
      {"type": "flatten"},
      {"type": "dense", "units": 12, "batch_norm": true, "activation": "relu"},
      {"type": "dropout", "rate": 0.2},
      {"type": "dense", "units": 3}
    ]})");
  const data::Dataset d = Toy(60, 4, 5, 1, 3, 2);
  const Exported e = TrainAndExport(spec, d, {});
  std::vector<OpKind> kinds;
  for (const QOp& op : e.q.ops) kinds.push_back(op.kind);
  EXPECT_EQ(kinds, (std::vector<OpKind>{OpKind::kConv2D, OpKind::kReshape,
                                        OpKind::kFullyConnected, OpKind::kFullyConnected,
                                        OpKind::kSoftmax}));
  ExpectBitExact(e, d);
  const json meta = ReadTrainMetadata(e.bytes.data(), e.bytes.size());
  ASSERT_TRUE(meta.is_object());
  EXPECT_EQ(meta["classes"][2], "c2");
}

TEST(Export, Int8TracksFloat) {
  const json spec = json::parse(R"({
    "input": [8, 8, 1],
    "layers": [
      {"type": "conv2d", "filters": 8, "kernel": 3, "batch_norm": true, "activation": "relu"},
      {"type": "max_pool", "size": 2},
      {"type": "flatten"},
      {"type": "dense", "units": 4}
    ]})");
  const data::Dataset d = Toy(200, 8, 8, 1, 4, 3);
  Network net = Network::FromSpec(spec, 2);
  TrainConfig c;
  c.epochs = 3;
  c.batch_size = 16;
  c.schedule.learning_rate = 0.01f;
  Trainer(&net, c).Fit(d, nullptr, nullptr, nullptr);
  const InferenceGraph g = BuildInferenceGraph(net);
  const QuantizedModel q = QuantizeGraph(g, Calibrate(net, g, d, {}, 2));
  const std::vector<float> f = Predict(net, d, 2);
  const std::vector<float> i8 = PredictInt8(q, d, 2);
  int agree = 0;
  for (size_t i = 0; i < d.size(); ++i) {
    agree += ArgMax(f.data() + i * 4, 4) == ArgMax(i8.data() + i * 4, 4);
  }
  EXPECT_GE(agree, static_cast<int>(d.size()) * 95 / 100);
}

// Quantization-aware fine-tuning: the fine-tuned graph, exported with the
// calibration ranges it was trained on, still runs bit for bit as simulated,
// and the fake-quant network's logits are the int8 model's (the same grid,
// up to float rounding at a few grid points).
TEST(Export, QatFineTunedModelMirrorsTheRuntime) {
  const json spec = json::parse(R"({
    "input": [8, 8, 2],
    "layers": [
      {"type": "conv2d", "filters": 6, "kernel": 3, "batch_norm": true, "activation": "relu"},
      {"type": "max_pool", "size": 2},
      {"type": "depthwise_conv2d", "kernel": 3, "activation": "relu6"},
      {"type": "avg_pool", "size": 2},
      {"type": "flatten"},
      {"type": "dense", "units": 4}
    ]})");
  const data::Dataset d = Toy(96, 8, 8, 2, 4, 5);
  Network net = Network::FromSpec(spec, 2);
  TrainConfig c;
  c.epochs = 2;
  c.batch_size = 16;
  c.schedule.learning_rate = 0.01f;
  Trainer(&net, c).Fit(d, nullptr, nullptr, nullptr);
  const InferenceGraph g = BuildInferenceGraph(net);
  QuantizeConfig qc;
  qc.qat_epochs = 1;
  qc.qat_learning_rate = 1e-3f;
  const Calibration cal = Calibrate(net, g, d, qc, 2);

  // Before fine-tuning: fake-quant forward vs the int8 simulation.
  Network qnet = BuildQatNetwork(g, cal);
  const QuantizedModel ptq = QuantizeGraph(g, cal);
  {
    WeightFakeQuantizer w(&qnet, cal, g);
    w.Install();
    const std::vector<float> fq = Predict(qnet, d, 1);
    w.Restore();
    const QTensor& logits = ptq.tensors[ptq.ops.back().input];
    std::vector<int8_t> in(ptq.input_tensor().shape.size()), out(4);
    std::vector<std::vector<int8_t>> t;
    int exact = 0, total = 0;
    for (size_t i = 0; i < d.size(); ++i) {
      QuantizeInput(ptq, d.sample(i), in.data());
      RunInt8(ptq, in.data(), out.data(), &t);
      for (int k = 0; k < 4; ++k, ++total) {
        const float v = logits.scale * static_cast<float>(t[ptq.ops.back().input][k] -
                                                          logits.zero_point);
        EXPECT_NEAR(fq[i * 4 + k], v, 2.01f * logits.scale) << "sample " << i;
        exact += std::abs(fq[i * 4 + k] - v) < 0.5f * logits.scale;
      }
    }
    EXPECT_GE(exact, total * 9 / 10);
    // Tensor by tensor (the QAT layers that end on an exported tensor):
    // the same grid value but for rare float roundings at a grid midpoint.
    Network::Workspace ws = qnet.NewWorkspace();
    std::vector<int> ends;
    for (size_t l = 0; l < qnet.layers().size(); ++l) {
      const std::string kind = qnet.layers()[l]->kind();
      if (kind == "fake_quant" || kind == "max_pool2d" || kind == "flatten") ends.push_back(l);
    }
    ASSERT_EQ(ends.size(), ptq.tensors.size() - 1);  // all but the softmax output
    std::vector<int> off(ends.size(), 0), count(ends.size(), 0);
    w.Install();
    for (size_t i = 0; i < d.size(); ++i) {
      ws.input().Resize(1, qnet.input_shape());
      std::memcpy(ws.input().data.data(), d.sample(i), qnet.input_shape().size() * 4);
      qnet.Forward(&ws, false, 0);
      QuantizeInput(ptq, d.sample(i), in.data());
      RunInt8(ptq, in.data(), out.data(), &t);
      for (size_t j = 0; j < ends.size(); ++j) {
        const Batch& b = ws.acts[ends[j] + 1];
        const QTensor& qt = ptq.tensors[j];
        for (size_t e = 0; e < t[j].size(); ++e, ++count[j]) {
          const float v = qt.scale * static_cast<float>(t[j][e] - qt.zero_point);
          off[j] += std::abs(b.data[e] - v) > 0.5f * qt.scale;
        }
      }
    }
    w.Restore();
    for (size_t j = 0; j + 1 < ends.size(); ++j) {
      EXPECT_LE(off[j], count[j] / 50) << ptq.tensors[j].name;
    }
  }

  const QatRun qat = FineTuneQat(g, cal, qc, c, d, nullptr, nullptr, nullptr);
  ASSERT_EQ(qat.result.history.size(), 1u);
  const InferenceGraph g2 = BuildInferenceGraph(qat.net);
  ASSERT_EQ(g2.ops.size(), g.ops.size());
  for (size_t i = 0; i < g.ops.size(); ++i) EXPECT_EQ(g2.ops[i].kind, g.ops[i].kind);
  Exported e;
  e.q = QuantizeGraph(g2, cal);
  e.bytes = ExportTflite(e.q, json{{"classes", d.classes}}, "test");
  ExpectBitExact(e, d);
  // Same activation grids as the post-training model.
  for (size_t t = 0; t < e.q.tensors.size(); ++t) {
    EXPECT_EQ(e.q.tensors[t].scale, ptq.tensors[t].scale);
    EXPECT_EQ(e.q.tensors[t].zero_point, ptq.tensors[t].zero_point);
  }
}

TEST(Export, LayersThatCannotBeFoldedAreErrors) {
  const json spec = json::parse(R"({
    "input": [4, 4, 1],
    "layers": [{"type": "max_pool", "size": 2}, {"type": "relu"}, {"type": "flatten"},
               {"type": "dense", "units": 2}]})");
  Network net = Network::FromSpec(spec, 1);
  try {
    BuildInferenceGraph(net);
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("relu_1"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace mote::train
