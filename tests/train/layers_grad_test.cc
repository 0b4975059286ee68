// Every layer's backward pass against central finite differences.
#include <gtest/gtest.h>

#include "grad_check.h"
#include "train/layers.h"
#include "train/network.h"

namespace mote::train {
namespace {

using testing::CheckLayerGradients;
using testing::GradCheckOptions;

TEST(LayerGradients, Conv2DSame) {
  ConvConfig c;
  c.filters = 3;
  Conv2D layer(c);
  layer.set_name("conv");
  CheckLayerGradients(layer, {5, 4, 2});
}

TEST(LayerGradients, Conv2DValidStride2NoBias) {
  ConvConfig c;
  c.filters = 2;
  c.kernel_h = 3;
  c.kernel_w = 2;
  c.stride_h = 2;
  c.stride_w = 2;
  c.padding = Padding::kValid;
  c.use_bias = false;
  Conv2D layer(c);
  CheckLayerGradients(layer, {7, 6, 3});
}

TEST(LayerGradients, Conv2DSameStride2OddPadding) {
  ConvConfig c;
  c.filters = 2;
  c.kernel_h = 4;
  c.kernel_w = 3;
  c.stride_h = 2;
  c.stride_w = 3;
  Conv2D layer(c);
  CheckLayerGradients(layer, {6, 7, 2});
}

TEST(LayerGradients, Conv2DPointwise) {
  ConvConfig c;
  c.filters = 4;
  c.kernel_h = c.kernel_w = 1;
  Conv2D layer(c);
  CheckLayerGradients(layer, {3, 3, 3});
}

// conv1d in a spec is a 1 x k kernel sliding over time (1 x t x c data).
TEST(LayerGradients, Conv1DFromSpec) {
  const Network net = Network::FromSpec(
      nlohmann::json::parse(R"({"input": [1, 16, 3], "layers": [
        {"type": "conv1d", "filters": 2, "kernel": 5, "stride": 2, "padding": "same"},
        {"type": "flatten"}, {"type": "dense", "units": 2}]})"),
      1);
  const auto* conv = dynamic_cast<const Conv2D*>(net.layers()[0].get());
  ASSERT_NE(conv, nullptr);
  EXPECT_EQ(conv->config().kernel_h, 1);
  EXPECT_EQ(conv->config().kernel_w, 5);
  EXPECT_EQ(conv->config().stride_w, 2);
  EXPECT_EQ(conv->out_shape(), (SampleShape{1, 8, 2}));
  Conv2D layer(conv->config());
  layer.set_name("conv1d");
  CheckLayerGradients(layer, {1, 16, 3});
}

TEST(LayerGradients, DepthwiseMultiplier1) {
  DepthwiseConfig c;
  DepthwiseConv2D layer(c);
  CheckLayerGradients(layer, {5, 5, 3});
}

TEST(LayerGradients, DepthwiseMultiplier2Stride2Valid) {
  DepthwiseConfig c;
  c.multiplier = 2;
  c.stride_h = c.stride_w = 2;
  c.padding = Padding::kValid;
  DepthwiseConv2D layer(c);
  CheckLayerGradients(layer, {6, 5, 2});
}

TEST(LayerGradients, Dense) {
  Dense layer(4, true);
  CheckLayerGradients(layer, {2, 2, 3}, {.samples = 3});
}

TEST(LayerGradients, MaxPool) {
  Pool2D layer(true, {2, 2, 2, 2, Padding::kValid});
  CheckLayerGradients(layer, {4, 5, 2});
}

TEST(LayerGradients, MaxPoolSameOverlapping) {
  Pool2D layer(true, {3, 3, 2, 2, Padding::kSame});
  CheckLayerGradients(layer, {5, 5, 2});
}

TEST(LayerGradients, AvgPoolSame) {
  Pool2D layer(false, {3, 2, 2, 2, Padding::kSame});
  CheckLayerGradients(layer, {5, 5, 2});
}

TEST(LayerGradients, GlobalAvgPool) {
  GlobalAvgPool layer;
  CheckLayerGradients(layer, {3, 4, 3});
}

TEST(LayerGradients, BatchNormTraining) {
  BatchNorm layer(0.1f, 1e-3f);
  CheckLayerGradients(layer, {2, 3, 3}, {.samples = 3});
}

TEST(LayerGradients, BatchNormInference) {
  BatchNorm layer(0.1f, 1e-3f);
  // Only gamma and beta have gradients at inference in this engine's use
  // (running statistics are constants): dx = gamma / sqrt(var + eps).
  Random rng(1);
  layer.Build({1, 1, 2}, rng);
  layer.params()[0].value = {2.0f, -1.0f};
  layer.state()[1].value = {4.0f - 1e-3f, 1.0f - 1e-3f};
  Batch x, y, dy, dx;
  x.Resize(1, {1, 1, 2});
  x.data = {1.0f, 1.0f};
  PassContext ctx;
  layer.Forward(x, &y, ctx);
  EXPECT_NEAR(y.data[0], 1.0f, 1e-5f);  // 2 * (1 - 0) / 2
  EXPECT_NEAR(y.data[1], -1.0f, 1e-5f);
}

TEST(LayerGradients, ReLU) {
  ReLU layer(false);
  CheckLayerGradients(layer, {2, 3, 2}, {.min_abs_input = 0.05f});
}

TEST(LayerGradients, ReLU6) {
  ReLU layer(true);
  GradCheckOptions o;
  o.min_abs_input = 0.05f;
  CheckLayerGradients(layer, {2, 3, 2}, o);
  // Above 6 the gradient is cut.
  Random rng(1);
  layer.Build({1, 1, 3}, rng);
  Batch x, y, dy, dx;
  x.Resize(1, {1, 1, 3});
  x.data = {7.0f, 3.0f, -1.0f};
  dy.Resize(1, {1, 1, 3});
  dy.data = {1.0f, 1.0f, 1.0f};
  PassContext ctx;
  layer.Forward(x, &y, ctx);
  EXPECT_EQ(y.data, (std::vector<float>{6.0f, 3.0f, 0.0f}));
  layer.Backward(x, y, dy, &dx, ctx);
  EXPECT_EQ(dx.data, (std::vector<float>{0.0f, 1.0f, 0.0f}));
}

TEST(LayerGradients, Dropout) {
  Dropout layer(0.3f);
  CheckLayerGradients(layer, {3, 3, 4});
  // Some values dropped, the rest scaled by 1 / 0.7; identity at inference.
  Random rng(1);
  layer.Build({1, 1, 1000}, rng);
  auto cache = layer.NewCache();
  Batch x, y;
  x.Resize(1, {1, 1, 1000});
  std::fill(x.data.begin(), x.data.end(), 1.0f);
  PassContext ctx;
  ctx.training = true;
  ctx.seed = 5;
  ctx.cache = cache.get();
  layer.Forward(x, &y, ctx);
  int dropped = 0;
  for (float v : y.data) {
    if (v == 0.0f) {
      ++dropped;
    } else {
      EXPECT_FLOAT_EQ(v, 1.0f / 0.7f);
    }
  }
  EXPECT_GT(dropped, 240);
  EXPECT_LT(dropped, 360);
  ctx.training = false;
  layer.Forward(x, &y, ctx);
  EXPECT_EQ(y.data, x.data);
}

TEST(LayerGradients, Flatten) {
  Flatten layer;
  CheckLayerGradients(layer, {2, 3, 2});
}

TEST(LayerShapes, BadConfigsNameTheLayer) {
  ConvConfig c;
  c.filters = 2;
  c.kernel_h = c.kernel_w = 5;
  c.padding = Padding::kValid;
  Conv2D conv(c);
  conv.set_name("conv_big");
  Random rng(1);
  try {
    conv.Build({3, 3, 1}, rng);
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("conv_big"), std::string::npos) << e.what();
  }
  Dropout bad(1.0f);
  EXPECT_THROW(bad.Build({1, 1, 1}, rng), std::invalid_argument);
}

}  // namespace
}  // namespace mote::train
