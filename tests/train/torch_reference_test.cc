// Forward and backward of a fixed small network against PyTorch (float64
// reference computed by gen_torch_vectors.py, vectors committed): logits,
// loss, every parameter gradient, the input gradient, and one AdamW / SGD
// step, within 1e-5 relative.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include <nlohmann/json.hpp>

#include "train/loss.h"
#include "train/network.h"
#include "train/optimizer.h"

namespace mote::train {
namespace {

using nlohmann::json;

json Vectors() {
  std::ifstream in(MOTE_SOURCE_DIR "/tests/train/torch_vectors.json");
  EXPECT_TRUE(in.good());
  return json::parse(in);
}

// Every element within 1e-5 of the reference, relative to the element or,
// for elements near zero, to 1% of the tensor's largest magnitude (float32
// cannot carry a relative error to values that cancel to ~0).
constexpr double kFloor = 0.01;
void ExpectClose(const std::vector<float>& got, const std::vector<double>& want,
                 const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  double peak = 0;
  for (double v : want) peak = std::max(peak, std::fabs(v));
  double worst = 0;
  for (size_t i = 0; i < got.size(); ++i) {
    const double scale = std::max(std::fabs(want[i]), kFloor * peak);
    const double rel = scale > 0 ? std::fabs(got[i] - want[i]) / scale : std::fabs(got[i]);
    worst = std::max(worst, rel);
    EXPECT_LE(rel, 1e-5) << what << "[" << i << "]: " << got[i] << " vs " << want[i];
  }
  ::testing::Test::RecordProperty(what, std::to_string(worst));
}

struct Pass {
  Network net;
  std::vector<float> logits;
  double loss = 0;
  std::vector<std::vector<float>> grads;  // in params() order
  std::vector<float> input_grad;
};

Pass ForwardBackward(const json& v) {
  Pass p;
  p.net = Network::FromSpec(v["spec"], 1);
  for (Param* param : p.net.params()) {
    EXPECT_TRUE(v["params"].contains(param->name)) << param->name;
    param->value = v["params"][param->name].get<std::vector<float>>();
  }
  const int n = v["batch"];
  Network::Workspace ws = p.net.NewWorkspace();
  ws.input().Resize(n, p.net.input_shape());
  ws.input().data = v["input"].get<std::vector<float>>();
  p.net.Forward(&ws, /*training=*/true, 0);
  p.logits = ws.output().data;
  const std::vector<int32_t> labels = v["labels"].get<std::vector<int32_t>>();
  const int k = static_cast<int>(p.net.output_shape().size());
  Batch grad;
  grad.Resize(n, p.net.output_shape());
  p.loss = SoftmaxCrossEntropy(p.logits.data(), n, k, labels.data(), nullptr, 1.0f / n,
                               grad.data.data(), nullptr) / n;
  Batch input_grad;
  p.net.Backward(&ws, grad, &input_grad);
  p.input_grad = input_grad.data;
  for (auto& layer : ws.grads) {
    for (auto& g : layer) p.grads.push_back(g);
  }
  return p;
}

TEST(TorchReference, ForwardAndBackward) {
  const json v = Vectors();
  Pass p = ForwardBackward(v);
  ExpectClose(p.logits, v["logits"].get<std::vector<double>>(), "logits");
  ExpectClose({static_cast<float>(p.loss)}, {v["loss"].get<double>()}, "loss");
  const auto params = p.net.params();
  ASSERT_EQ(params.size(), p.grads.size());
  for (size_t i = 0; i < params.size(); ++i) {
    ExpectClose(p.grads[i], v["grads"][params[i]->name].get<std::vector<double>>(),
                "grad " + params[i]->name);
  }
  ExpectClose(p.input_grad, v["input_grad"].get<std::vector<double>>(), "input grad");
}

TEST(TorchReference, OptimizerSteps) {
  const json v = Vectors();
  for (const char* kind : {"adamw", "sgd"}) {
    Pass p = ForwardBackward(v);
    OptimizerConfig c;
    c.type = kind;
    c.weight_decay = v[kind]["weight_decay"].get<float>();
    if (std::string(kind) == "sgd") c.momentum = v[kind]["momentum"].get<float>();
    auto opt = MakeOptimizer(c);
    std::vector<std::vector<float>*> grads;
    for (auto& g : p.grads) grads.push_back(&g);
    opt->Step(p.net.params(), grads, v[kind]["learning_rate"].get<float>());
    for (Param* param : p.net.params()) {
      ExpectClose(param->value, v[kind]["params"][param->name].get<std::vector<double>>(),
                  std::string(kind) + " " + param->name);
    }
  }
}

}  // namespace
}  // namespace mote::train
