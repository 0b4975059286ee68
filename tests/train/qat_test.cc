// FakeQuant (quantization-aware fine-tuning) and the MSE range choice.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "train/inference_graph.h"
#include "train/layers.h"
#include "train/network.h"
#include "train/quantize.h"

namespace mote::train {
namespace {

TEST(FakeQuant, RoundsOntoTheGridAndPassesGradientsInsideTheRange) {
  // scale 0.1, zero point -28, clamp [-28, 127] (a fused ReLU): reals
  // [0, 15.5].
  FakeQuant fq(0.1f, -28, -28, 127);
  fq.set_name("fq");
  Random rng(1);
  fq.Build({1, 1, 6}, rng);
  Batch x, y, dx, dy;
  x.Resize(1, {1, 1, 6});
  x.data = {-0.3f, 0.04f, 0.06f, 1.25f, 15.54f, 20.0f};
  PassContext ctx;
  fq.Forward(x, &y, ctx);
  const std::vector<float> want = {0.0f, 0.0f, 0.1f, 1.3f, 15.5f, 15.5f};
  for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(y.data[i], want[i], 1e-6f) << i;
  dy.Resize(1, {1, 1, 6});
  dy.data = {1, 2, 3, 4, 5, 6};
  fq.Backward(x, y, dy, &dx, ctx);
  // -0.3 and 20 were clamped: no gradient; 15.54 rounds to the top value.
  EXPECT_EQ(dx.data, (std::vector<float>{0, 2, 3, 4, 5, 0}));
}

TEST(FakeQuant, SpecChecksItsParameters) {
  const auto build = [](const char* layer) {
    return Network::FromSpec(nlohmann::json::parse(std::string(R"({"input": [4], "layers": [)") +
                                                   layer + "]}"),
                             1);
  };
  EXPECT_NO_THROW(build(R"({"type": "fake_quant", "scale": 0.5, "zero_point": 3})"));
  EXPECT_THROW(build(R"({"type": "fake_quant", "scale": 0})"), std::invalid_argument);
  EXPECT_THROW(build(R"({"type": "fake_quant", "scale": 1, "min": 5, "max": 5})"),
               std::invalid_argument);
  EXPECT_THROW(build(R"({"type": "fake_quant"})"), std::invalid_argument);
}

// Squared error of int8 grid [min, max] (as exported) on the values.
double GridError(const std::vector<float>& v, float min, float max) {
  float scale = 0;
  int32_t zp = 0;
  ActivationParams(min, max, &scale, &zp);
  double e = 0;
  for (float x : v) {
    const float q = std::min(std::max(std::round(x / scale) + zp, -128.0f), 127.0f);
    e += std::pow(static_cast<double>((q - zp) * scale) - x, 2);
  }
  return e;
}

TEST(Calibration, MseClipsLongTailsButKeepsUniformRanges) {
  // A network whose first tensor is its input: calibrate that tensor.
  const nlohmann::json spec = nlohmann::json::parse(
      R"({"input": [1, 1, 64], "layers": [{"type": "flatten"}, {"type": "dense", "units": 2}]})");
  const Network net = Network::FromSpec(spec, 1);
  const InferenceGraph g = BuildInferenceGraph(net);
  data::Dataset d;
  d.h = 1;
  d.w = 1;
  d.c = 64;
  d.classes = {"a", "b"};
  Random rng(3);
  for (int i = 0; i < 200; ++i) {
    for (int k = 0; k < 64; ++k) d.x.push_back(rng.Uniform(0.0f, 1.0f));
    d.labels.push_back(i % 2);
  }
  QuantizeConfig mse;
  mse.method = "mse";
  mse.calibration_samples = 200;
  QuantizeConfig minmax = mse;
  minmax.method = "minmax";
  EXPECT_GT(Calibrate(net, g, d, mse, 1).max[0], 0.98f);  // uniform: the whole range
  // Exponential values (a ReLU-like long tail): MSE clips the tail, and its
  // grid has the smaller error.
  for (float& v : d.x) v = -std::log(1.0f - 0.9999f * v);
  const Calibration a = Calibrate(net, g, d, minmax, 1);
  const Calibration b = Calibrate(net, g, d, mse, 1);
  EXPECT_LT(b.max[0], a.max[0]);
  EXPECT_GT(b.max[0], 0.5f * a.max[0]);
  EXPECT_LT(GridError(d.x, b.min[0], b.max[0]), GridError(d.x, a.min[0], a.max[0]));
  QuantizeConfig bad;
  bad.method = "kl";
  EXPECT_THROW(ValidateQuantizeConfig(bad), std::invalid_argument);
  bad.method = "mse";
  bad.qat_epochs = -1;
  EXPECT_THROW(ValidateQuantizeConfig(bad), std::invalid_argument);
}

}  // namespace
}  // namespace mote::train
