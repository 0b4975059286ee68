// Network specs, whole-network gradients and small training runs.
#include <gtest/gtest.h>

#include <cmath>

#include "train/loss.h"
#include "train/network.h"
#include "train/trainer.h"

namespace mote::train {
namespace {

using nlohmann::json;

json SmallCnn() {
  return json::parse(R"({
    "input": [6, 6, 1],
    "layers": [
      {"type": "conv2d", "filters": 3, "kernel": 3, "batch_norm": true, "activation": "relu"},
      {"type": "max_pool", "size": 2},
      {"type": "depthwise_conv2d", "kernel": 3, "activation": "relu6"},
      {"type": "flatten"},
      {"type": "dense", "units": 3}
    ]})");
}

TEST(NetworkSpec, ExpandsShorthandAndNamesLayers) {
  Network net = Network::FromSpec(SmallCnn(), 1);
  std::vector<std::string> kinds;
  for (auto& l : net.layers()) kinds.push_back(l->kind());
  EXPECT_EQ(kinds, (std::vector<std::string>{"conv2d", "batch_norm", "relu", "max_pool2d",
                                             "depthwise_conv2d", "relu6", "flatten", "dense"}));
  EXPECT_EQ(net.layers()[0]->name(), "conv2d_0");
  EXPECT_EQ(net.layers()[1]->name(), "conv2d_0/bn");
  EXPECT_EQ(net.output_shape(), (SampleShape{1, 1, 3}));
  // conv 3*9+3, bn 3+3, depthwise 3*9+3, dense 27*3+3
  EXPECT_EQ(net.num_params(), 30 + 6 + 30 + 84);
}

TEST(NetworkSpec, ErrorsSayWhatAndWhere) {
  auto error_of = [](const char* text) {
    try {
      Network::FromSpec(json::parse(text), 1);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(error_of(R"({"input":[4,4,1],"layers":[{"type":"conv2d","filter":3}]})")
                .find("unknown key 'filter'"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"input":[4,4,1],"layers":[{"type":"convolution"}]})")
                .find("unknown type 'convolution'"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"input":[4,4,1],"layers":[{"type":"dense","units":0}]})")
                .find("units"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"input":[4,4,1],"layers":[]})").find("layers"), std::string::npos);
  EXPECT_NE(error_of(R"({"input":[2,2,1],"layers":[{"type":"max_pool","size":3}]})")
                .find("max_pool_0"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"input":[4,4,1],"loss":"hinge","layers":[{"type":"flatten"}]})")
                .find("loss"),
            std::string::npos);
}

TEST(NetworkSpec, SameSeedSameWeights) {
  Network a = Network::FromSpec(SmallCnn(), 7);
  Network b = Network::FromSpec(SmallCnn(), 7);
  Network c = Network::FromSpec(SmallCnn(), 8);
  EXPECT_EQ(a.params()[0]->value, b.params()[0]->value);
  EXPECT_NE(a.params()[0]->value, c.params()[0]->value);
}

// Softmax cross-entropy through the whole network against finite
// differences of every parameter.
TEST(NetworkGradients, CrossEntropyThroughEveryLayer) {
  Network net = Network::FromSpec(SmallCnn(), 3);
  Network::Workspace ws = net.NewWorkspace();
  Random rng(11);
  const int n = 4;
  ws.input().Resize(n, net.input_shape());
  for (float& v : ws.input().data) v = rng.Uniform(-1, 1);
  std::vector<int32_t> labels = {0, 2, 1, 2};
  auto loss = [&](Batch* grad) {
    net.Forward(&ws, true, 1);
    if (grad != nullptr) grad->Resize(n, net.output_shape());
    return SoftmaxCrossEntropy(ws.output().data.data(), n, 3, labels.data(), nullptr,
                               1.0f / n, grad != nullptr ? grad->data.data() : nullptr,
                               nullptr) / n;
  };
  Batch grad;
  loss(&grad);
  Network::ZeroGrads(&ws);
  net.Backward(&ws, grad);
  size_t layer = 0;
  for (auto& l : net.layers()) {
    for (size_t p = 0; p < l->params().size(); ++p) {
      std::vector<float>& value = l->params()[p].value;
      for (size_t k = 0; k < value.size(); ++k) {
        const float saved = value[k];
        const float eps = 2e-3f;
        value[k] = saved + eps;
        const double plus = loss(nullptr);
        value[k] = saved - eps;
        const double minus = loss(nullptr);
        value[k] = saved;
        const double numeric = (plus - minus) / (2 * eps);
        EXPECT_NEAR(ws.grads[layer][p][k], numeric, 1e-3 + 2e-2 * std::fabs(numeric))
            << l->params()[p].name << "[" << k << "]";
      }
    }
    ++layer;
  }
}

// Two-class toy images: a bright top half or a bright bottom half.
data::Dataset ToyImages(int n, uint64_t seed) {
  data::Dataset d;
  d.h = d.w = 6;
  d.c = 1;
  d.classes = {"top", "bottom"};
  Random rng(seed);
  for (int i = 0; i < n; ++i) {
    const int label = i % 2;
    d.labels.push_back(label);
    for (int y = 0; y < 6; ++y) {
      for (int x = 0; x < 6; ++x) {
        const bool bright = (y < 3) == (label == 0);
        d.x.push_back((bright ? 0.7f : 0.2f) + rng.Uniform(-0.2f, 0.2f));
      }
    }
  }
  return d;
}

json ToyNet() {
  return json::parse(R"({
    "input": [6, 6, 1],
    "layers": [
      {"type": "conv2d", "filters": 4, "kernel": 3, "activation": "relu"},
      {"type": "max_pool", "size": 2},
      {"type": "flatten"},
      {"type": "dense", "units": 2}
    ]})");
}

TEST(Trainer, LearnsToyImagesWithEachOptimizer) {
  for (const char* opt : {"sgd", "adamw"}) {
    Network net = Network::FromSpec(ToyNet(), 1);
    TrainConfig c;
    c.epochs = 4;
    c.batch_size = 16;
    c.optimizer.type = opt;
    c.schedule.learning_rate = std::string(opt) == "sgd" ? 0.1f : 0.01f;
    c.schedule.type = "cosine";
    const data::Dataset train = ToyImages(256, 1), val = ToyImages(64, 2);
    Trainer trainer(&net, c);
    int batches = 0;
    TrainResult r = trainer.Fit(train, &val, [&](const BatchProgress&) { ++batches; },
                                nullptr);
    EXPECT_EQ(batches, 4 * 16);
    ASSERT_EQ(r.history.size(), 4u);
    EXPECT_GT(r.history.back().val_accuracy, 0.95) << opt;
    EXPECT_LT(r.history.back().train_loss, r.history.front().train_loss) << opt;
  }
}

TEST(Trainer, DeterministicForASeedAndShardCount) {
  auto run = [](int threads) {
    Network net = Network::FromSpec(ToyNet(), 5);
    TrainConfig c;
    c.epochs = 2;
    c.batch_size = 10;
    c.threads = threads;
    c.augment.shift_w = 1;
    c.augment.noise = 0.05f;
    const data::Dataset train = ToyImages(64, 3);
    Trainer(&net, c).Fit(train, nullptr, nullptr, nullptr);
    return net.params()[0]->value;
  };
  const auto a = run(2);
  EXPECT_EQ(a, run(2));
  EXPECT_EQ(run(1), run(1));
}

TEST(Trainer, EarlyStoppingRestoresTheBestEpoch) {
  Network net = Network::FromSpec(ToyNet(), 1);
  TrainConfig c;
  c.epochs = 30;
  c.batch_size = 32;
  c.patience = 2;
  c.monitor = "val_loss";
  c.schedule.type = "constant";
  c.schedule.learning_rate = 0.05f;
  const data::Dataset train = ToyImages(64, 1), val = ToyImages(32, 2);
  std::vector<std::vector<float>> weights_at;
  TrainResult r = Trainer(&net, c).Fit(train, &val, nullptr, [&](const EpochResult&,
                                                                  const Network& n) {
    weights_at.push_back(n.layers()[0]->params()[0].value);
  });
  ASSERT_GE(r.best_epoch, 1);
  if (r.stopped_early) {
    EXPECT_EQ(static_cast<int>(r.history.size()), r.best_epoch + c.patience);
  }
  EXPECT_EQ(net.layers()[0]->params()[0].value, weights_at[r.best_epoch - 1]);
}

TEST(Trainer, ClassWeightsAndBadConfigs) {
  Network net = Network::FromSpec(ToyNet(), 1);
  TrainConfig c;
  c.epochs = 1;
  c.class_weights = {1.0f, 2.0f, 3.0f};
  const data::Dataset train = ToyImages(32, 1);
  EXPECT_THROW(Trainer(&net, c).Fit(train, nullptr, nullptr, nullptr), std::invalid_argument);
  c.class_weights = {1.0f, 3.0f};
  EXPECT_NO_THROW(Trainer(&net, c).Fit(train, nullptr, nullptr, nullptr));
  c.batch_size = 0;
  EXPECT_THROW(Trainer(&net, c), std::invalid_argument);
  c.batch_size = 8;
  c.optimizer.type = "lbfgs";
  EXPECT_THROW(Trainer(&net, c), std::invalid_argument);
  // Data that does not fit the model.
  TrainConfig ok;
  data::Dataset wrong = ToyImages(8, 1);
  wrong.h = 3;
  wrong.w = 12;
  EXPECT_THROW(Trainer(&net, ok).Fit(wrong, nullptr, nullptr, nullptr), std::invalid_argument);
}

TEST(Trainer, AutoencoderWithMse) {
  json spec = json::parse(R"({
    "input": [8], "loss": "mse",
    "layers": [{"type": "dense", "units": 3, "activation": "relu"},
               {"type": "dense", "units": 8}]})");
  Network net = Network::FromSpec(spec, 1);
  data::Dataset d;
  d.h = d.w = 1;
  d.c = 8;
  d.classes = {"normal", "other"};
  Random rng(1);
  for (int i = 0; i < 128; ++i) {
    const float a = rng.Uniform(0, 1);
    for (int k = 0; k < 8; ++k) d.x.push_back(a * (k % 3));
    d.labels.push_back(0);
  }
  TrainConfig c;
  c.epochs = 20;
  c.batch_size = 16;
  c.schedule.learning_rate = 0.01f;
  TrainResult r = Trainer(&net, c).Fit(d, nullptr, nullptr, nullptr);
  EXPECT_LT(r.history.back().train_loss, 0.2 * r.history.front().train_loss);
}

TEST(Schedules, CosineStepWarmup) {
  ScheduleConfig s;
  s.learning_rate = 1.0f;
  s.type = "cosine";
  EXPECT_FLOAT_EQ(LearningRate(s, 0, 10), 1.0f);
  EXPECT_NEAR(LearningRate(s, 5, 10), 0.5f, 1e-6);
  EXPECT_NEAR(LearningRate(s, 10, 10), 0.0f, 1e-6);
  s.type = "step";
  s.step_epochs = 3;
  s.gamma = 0.5f;
  EXPECT_FLOAT_EQ(LearningRate(s, 2.9, 10), 1.0f);
  EXPECT_FLOAT_EQ(LearningRate(s, 3.0, 10), 0.5f);
  EXPECT_FLOAT_EQ(LearningRate(s, 6.5, 10), 0.25f);
  s.type = "constant";
  s.warmup_epochs = 2;
  EXPECT_FLOAT_EQ(LearningRate(s, 1.0, 10), 0.5f);
  EXPECT_FLOAT_EQ(LearningRate(s, 3.0, 10), 1.0f);
}

}  // namespace
}  // namespace mote::train
