// FULLY_CONNECTED through the interpreter: float32 and int8 (per-tensor and
// per-channel weights) against a double matrix product, keep_num_dims,
// batches from a higher-rank input, fused activations, RESHAPE -> FC
// chains, and Prepare's rejections.
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

using Act = tflite::ActivationFunctionType;

// out[b][u] = bias[u] + sum_d in[b][d] * w[u][d]
std::vector<double> FcRef(const std::vector<double>& in, const std::vector<double>& w,
                          const std::vector<double>& bias, int units, int depth) {
  const int batches = static_cast<int>(in.size()) / depth;
  std::vector<double> out;
  for (int b = 0; b < batches; ++b)
    for (int u = 0; u < units; ++u) {
      double acc = bias.empty() ? 0.0 : bias[u];
      for (int d = 0; d < depth; ++d) acc += in[b * depth + d] * w[u * depth + d];
      out.push_back(acc);
    }
  return out;
}

struct FcCase {
  std::vector<int32_t> input = {2, 5};
  int units = 3;
  std::vector<int32_t> output = {2, 3};
  bool keep_num_dims = false;
  Act act = tflite::ActivationFunctionType_NONE;
  bool bias = true;
  bool per_channel = false;
  int depth() const { return input.back(); }
};

host::OptionsBuilder Options(const FcCase& c) { return host::FullyConnectedOptions(c.act, c.keep_num_dims); }

void RunF32(const FcCase& c, int depth, uint32_t seed) {
  host::Rng rng(seed);
  const std::vector<float> in = rng.Uniform(Count(c.input), -2.0f, 2.0f);
  const std::vector<float> w = rng.Uniform(c.units * depth, -1.0f, 1.0f);
  const std::vector<float> bias = c.bias ? rng.Uniform(c.units, -1.0f, 1.0f) : std::vector<float>{};
  OpTester t;
  const int32_t x = t.Input("x", kF32, c.input);
  const int32_t wt = t.Const<float>("w", {c.units, depth}, w);
  const int32_t b = c.bias ? t.Const<float>("b", {c.units}, bias) : -1;
  const int32_t y = t.Output("y", kF32, c.output);
  t.Op(BuiltinOp::kFullyConnected, {x, wt, b}, {y}, Options(c), 5);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  std::vector<double> want = FcRef(ToDouble(in), ToDouble(w), ToDouble(bias), c.units, depth);
  for (double& v : want) v = ApplyActivation(v, c.act);
  EXPECT_TRUE(NearAll(t.Run<float>(in), want));
}

void RunS8(const FcCase& c, int depth, uint32_t seed) {
  host::Rng rng(seed);
  const float in_scale = 0.023f;
  const int32_t in_zp = -100;
  const std::vector<int8_t> in_q = rng.UniformS8(Count(c.input));
  const std::vector<float> wf = rng.Uniform(c.units * depth, -1.0f, 1.0f);
  const host::QuantizedWeights wq =
      c.per_channel ? host::QuantizePerChannelS8(wf, {c.units, depth}, 0) : host::QuantizePerTensorS8(wf);
  const host::QuantizedBias bq = host::QuantizeBiasS32(rng.Uniform(c.units, -1.0f, 1.0f), in_scale, wq.scales);
  std::vector<double> w_real(wq.values.size());
  for (size_t i = 0; i < w_real.size(); ++i) w_real[i] = double{wq.scales[c.per_channel ? i / depth : 0]} * wq.values[i];
  std::vector<double> bias_real;
  if (c.bias) {
    for (int u = 0; u < c.units; ++u) bias_real.push_back(double{in_scale} * wq.scales[c.per_channel ? u : 0] * bq.values[u]);
  }
  const std::vector<double> real = FcRef(DequantizeAll(in_q, in_scale, in_zp), w_real, bias_real, c.units, depth);
  const host::AffineParams out = RangeParams(real);

  OpTester t;
  const int32_t x = t.Input("x", kS8, c.input, Q(in_scale, in_zp));
  const int32_t wt = t.Const<int8_t>("w", {c.units, depth}, wq.values, wq.quant());
  const int32_t b = c.bias ? t.Const<int32_t>("b", {c.units}, bq.values, bq.quant()) : -1;
  const int32_t y = t.Output("y", kS8, c.output, Q(out.scale, out.zero_point));
  t.Op(BuiltinOp::kFullyConnected, {x, wt, b}, {y}, Options(c), 5);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  std::vector<int8_t> want;
  for (double v : real) want.push_back(static_cast<int8_t>(QuantizeOne(ApplyActivation(v, c.act), out.scale, out.zero_point)));
  EXPECT_TRUE(WithinLsb(t.Run<int8_t>(in_q), want));
}

TEST(FullyConnectedOp, ActivationsBiasAndQuantizationModes) {
  uint32_t seed = 1;
  for (Act act : {tflite::ActivationFunctionType_NONE, tflite::ActivationFunctionType_RELU,
                  tflite::ActivationFunctionType_RELU_N1_TO_1, tflite::ActivationFunctionType_RELU6}) {
    for (bool bias : {true, false}) {
      for (bool per_channel : {false, true}) {
        FcCase c;
        c.act = act;
        c.bias = bias;
        c.per_channel = per_channel;
        SCOPED_TRACE(testing::Message() << "act " << act << " bias " << bias << " per_channel " << per_channel);
        RunS8(c, 5, seed++);
        if (!per_channel) RunF32(c, 5, seed++);
      }
    }
  }
}

// A [2, 3, 4] input is 6 batches of 4 values: output [6, 5], or [2, 3, 5]
// with keep_num_dims.
TEST(FullyConnectedOp, HigherRankInputAndKeepNumDims) {
  FcCase c;
  c.input = {2, 3, 4};
  c.units = 5;
  c.output = {6, 5};
  RunF32(c, 4, 10);
  RunS8(c, 4, 11);
  c.keep_num_dims = true;
  c.output = {2, 3, 5};
  RunF32(c, 4, 12);
  c.per_channel = true;
  RunS8(c, 4, 13);
}

// Flattened input: [1, 2, 2, 3] read as 12 values of one batch, or as 2
// batches of 6 (the weights depth decides).
TEST(FullyConnectedOp, DepthDecidesBatches) {
  FcCase c;
  c.input = {1, 2, 2, 3};
  c.units = 2;
  c.output = {1, 2};
  RunF32(c, 12, 20);
  RunS8(c, 12, 21);
  c.output = {2, 2};
  RunF32(c, 6, 22);
  RunS8(c, 6, 23);
}

// 0.5 * 0.5 / 0.25 = 1: the output is the integer sum.
TEST(FullyConnectedOp, HandComputedS8IsExact) {
  OpTester t;
  const int32_t x = t.Input("x", kS8, {1, 3}, Q(0.5f, 2));
  const int32_t w = t.Const<int8_t>("w", {2, 3}, {1, 2, 3, -4, 5, -6}, Q(0.5f));
  const int32_t b = t.Const<int32_t>("b", {2}, {10, -10}, Q(0.25f));
  const int32_t y = t.Output("y", kS8, {1, 2}, Q(0.25f, -3));
  t.Op(BuiltinOp::kFullyConnected, {x, w, b}, {y}, host::FullyConnectedOptions(), 4);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  // Inputs minus 2: {1, 2, 3}. Unit 0: 1 + 4 + 9 + 10 = 24 -> 21.
  // Unit 1: -4 + 10 - 18 - 10 = -22 -> -25.
  EXPECT_EQ(t.Run<int8_t>({3, 4, 5}), (std::vector<int8_t>{21, -25}));
}

TEST(FullyConnectedOp, SaturatesAtBothEnds) {
  OpTester t;
  const int32_t x = t.Input("x", kS8, {1, 2}, Q(1.0f, 0));
  const int32_t w = t.Const<int8_t>("w", {2, 2}, {127, 127, -127, -127}, Q(1.0f));
  const int32_t y = t.Output("y", kS8, {1, 2}, Q(1.0f, 0));
  t.Op(BuiltinOp::kFullyConnected, {x, w}, {y}, host::FullyConnectedOptions(), 6);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Run<int8_t>({100, 100}), (std::vector<int8_t>{127, -128}));
  EXPECT_EQ(t.Run<int8_t>({-128, -128}), (std::vector<int8_t>{-128, 127}));
}

// RESHAPE between two buffers, then FC: the reshaped data must arrive intact.
TEST(FullyConnectedOp, ReshapeThenFullyConnectedF32) {
  host::Rng rng(30);
  const std::vector<float> in = rng.Uniform(2 * 3 * 4, -1.0f, 1.0f);
  const std::vector<float> w = rng.Uniform(3 * 12, -1.0f, 1.0f);
  OpTester t;
  const int32_t x = t.Input("x", kF32, {2, 3, 4});
  const int32_t shape = t.Const<int32_t>("shape", {2}, {2, 12});
  const int32_t flat = t.Temp("flat", kF32, {2, 12});
  const int32_t wt = t.Const<float>("w", {3, 12}, w);
  const int32_t y = t.Output("y", kF32, {2, 3});
  t.Op(BuiltinOp::kReshape, {x, shape}, {flat});
  t.Op(BuiltinOp::kFullyConnected, {flat, wt}, {y}, host::FullyConnectedOptions());
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_TRUE(NearAll(t.Run<float>(in), FcRef(ToDouble(in), ToDouble(w), {}, 3, 12)));
}

// Two FC layers with an int8 RELU between: the classic MLP.
TEST(FullyConnectedOp, TwoLayerMlpS8) {
  host::Rng rng(31);
  const std::vector<int8_t> in = rng.UniformS8(8);
  const host::QuantizedWeights w1 = host::QuantizePerChannelS8(rng.Uniform(6 * 8, -1.0f, 1.0f), {6, 8}, 0);
  const host::QuantizedWeights w2 = host::QuantizePerChannelS8(rng.Uniform(3 * 6, -1.0f, 1.0f), {3, 6}, 0);
  const float xs = 0.05f, hs = 0.1f, ys = 0.08f;
  OpTester t;
  const int32_t x = t.Input("x", kS8, {1, 8}, Q(xs, 3));
  const int32_t a = t.Const<int8_t>("w1", {6, 8}, w1.values, w1.quant());
  const int32_t h = t.Output("h", kS8, {1, 6}, Q(hs, -128));
  const int32_t c = t.Const<int8_t>("w2", {3, 6}, w2.values, w2.quant());
  const int32_t y = t.Output("y", kS8, {1, 3}, Q(ys, 0));
  t.Op(BuiltinOp::kFullyConnected, {x, a}, {h}, host::FullyConnectedOptions(tflite::ActivationFunctionType_RELU), 6);
  t.Op(BuiltinOp::kFullyConnected, {h, c}, {y}, host::FullyConnectedOptions(), 6);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<int8_t>(0, in);
  ASSERT_EQ(t.Invoke(), Status::kOk);
  const std::vector<int8_t> hq = t.GetOutput<int8_t>(0);
  const std::vector<int8_t> yq = t.GetOutput<int8_t>(1);
  auto real_w = [](const host::QuantizedWeights& q, int depth) {
    std::vector<double> r(q.values.size());
    for (size_t i = 0; i < r.size(); ++i) r[i] = double{q.scales[i / depth]} * q.values[i];
    return r;
  };
  std::vector<double> h_real = FcRef(DequantizeAll(in, xs, 3), real_w(w1, 8), {}, 6, 8);
  for (double& v : h_real) v = std::max(v, 0.0);
  EXPECT_TRUE(WithinLsb(hq, QuantizeAll(h_real, hs, -128)));
  const std::vector<double> y_real = FcRef(DequantizeAll(hq, hs, -128), real_w(w2, 6), {}, 3, 6);
  EXPECT_TRUE(WithinLsb(yq, QuantizeAll(y_real, ys, 0)));
}

// --- rejections -------------------------------------------------------------

struct S8Model : WeightedOpModel {
  S8Model() : WeightedOpModel(BuiltinOp::kFullyConnected, host::FullyConnectedOptions(), 4) {
    x = t.Input("x", kS8, {2, 4}, Q(0.1f, 1));
    w = t.Const<int8_t>("w", {3, 4}, std::vector<int8_t>(12, 2), Q(0.2f));
    b = t.Const<int32_t>("b", {3}, {1, 2, 3}, Q(0.02f));
    y = t.Output("y", kS8, {2, 3}, Q(0.5f, -1));
  }
};

TEST(FullyConnectedOp, ValidBaseModelPrepares) {
  S8Model m;
  m.Op({m.x, m.w, m.b});
  ASSERT_EQ(m.t.Prepare(), Status::kOk) << m.t.message();
  // Inputs minus 1 all 0 -> bias only: 0.02 * {1, 2, 3} / 0.5 rounds to 0.
  EXPECT_EQ(m.t.Run<int8_t>(std::vector<int8_t>(8, 1)), std::vector<int8_t>(6, -1));
}

TEST(FullyConnectedOp, RejectsTypes) {
  {
    S8Model m;
    m.t.writer().tensor(m.x).type = kS16;
    m.t.writer().tensor(m.y).type = kS16;
    m.Op({m.x, m.w, m.b});
    // int16x8 needs an int64 bias here (TFLite Micro has no int32 one).
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "bias 'b': an int32 bias with int16 activations"));
  }
  {
    S8Model m;
    m.t.writer().tensor(m.x).type = kF32;
    m.t.writer().tensor(m.y).type = kF32;
    m.Op({m.x, m.w});
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "hybrid"));
  }
  {
    S8Model m;
    m.t.writer().tensor(m.y).type = kF32;
    m.Op({m.x, m.w, m.b});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': expected int8 like the input, got float32"));
  }
  {
    S8Model m;
    const int32_t fb = m.t.Const<float>("fb", {3}, {1, 2, 3});
    m.Op({m.x, m.w, fb});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "bias 'fb': expected int32, got float32"));
  }
}

TEST(FullyConnectedOp, RejectsQuantization) {
  {
    S8Model m;
    m.t.writer().tensor(m.x).quant = {};
    m.Op({m.x, m.w, m.b});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x': int8 needs per-tensor quantization"));
  }
  {
    S8Model m;
    m.t.writer().tensor(m.w).quant = {};
    m.Op({m.x, m.w, m.b});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "'w': expected 1 scale or 3"));
  }
  {
    // Four scales along the depth axis instead of three along the units.
    S8Model m;
    m.t.writer().tensor(m.w).quant = Quantization::PerChannel({0.1f, 0.1f, 0.1f, 0.1f}, 1);
    m.Op({m.x, m.w, m.b});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 1 scale or 3 (one per output channel), got 4"));
  }
  {
    // Per-tensor: TFLite refuses a bias scale far from input * weights.
    S8Model m;
    m.t.writer().tensor(m.b).quant = Q(0.5f);
    m.Op({m.x, m.w, m.b});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "bias 'b': scale 0.5 differs from input scale * weights scale"));
  }
}

TEST(FullyConnectedOp, RejectsShapes) {
  {
    S8Model m;
    m.t.writer().tensor(m.w).shape = {3, 2, 2};
    m.Op({m.x, m.w, m.b});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "weights 'w': expected rank 2, got 3"));
  }
  {
    S8Model m;
    m.t.writer().tensor(m.x).shape = {3, 3};
    m.Op({m.x, m.w, m.b});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x': 9 elements are not a multiple of the weights depth 4"));
  }
  {
    S8Model m;
    m.t.writer().tensor(m.y).shape = {2, 4};
    m.Op({m.x, m.w, m.b});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': last dimension is 4, weights 'w' have 3 units"));
  }
  {
    S8Model m;
    m.t.writer().tensor(m.y).shape = {3, 3};
    m.Op({m.x, m.w, m.b});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': expected 2 x 3 elements, got 9"));
  }
  {
    S8Model m;
    m.t.writer().tensor(m.x).shape = {1, 8};
    m.t.writer().tensor(m.y).shape = {2, 3};
    m.Op({m.x, m.w, m.b}, host::FullyConnectedOptions(tflite::ActivationFunctionType_NONE, true));
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "keep_num_dims needs the last dimension (8) to equal the weights depth 4"));
  }
  {
    S8Model m;
    m.t.writer().tensor(m.y).shape = {1, 2, 3};
    m.Op({m.x, m.w, m.b}, host::FullyConnectedOptions(tflite::ActivationFunctionType_NONE, true));
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "keep_num_dims needs the input 'x' shape"));
  }
  {
    S8Model m;
    const int32_t b2 = m.t.Const<int32_t>("b2", {2}, {1, 2}, Q(0.02f));
    m.Op({m.x, m.w, b2});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "bias 'b2': expected 3 elements"));
  }
  {
    S8Model m;
    m.t.writer().tensor(m.x).shape = {0, 4};
    m.t.writer().tensor(m.y).shape = {0, 3};
    m.Op({m.x, m.w, m.b});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x': dimension 0 is 0"));
  }
}

TEST(FullyConnectedOp, RejectsCountsAndOptions) {
  {
    S8Model m;
    m.Op({m.x});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 2 or 3 inputs"));
  }
  {
    S8Model m;
    const int32_t y2 = m.t.Output("y2", kS8, {2, 3}, Q(0.5f));
    m.t.Op(BuiltinOp::kFullyConnected, {m.x, m.w, m.b}, {m.y, y2}, host::FullyConnectedOptions(), 4);
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 1 output, got 2"));
  }
  {
    S8Model m;
    m.Op({m.x, m.w, m.b}, host::MakeOptions([](auto& fbb) {
           return tflite::CreateFullyConnectedOptions(fbb, tflite::ActivationFunctionType_NONE,
                                                      tflite::FullyConnectedOptionsWeightsFormat_SHUFFLED4x16INT8);
         }));
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "weights 'w': shuffled weights format"));
  }
  {
    S8Model m;
    m.Op({m.x, m.w, m.b}, host::FullyConnectedOptions(tflite::ActivationFunctionType_TANH));
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "fused activation 4"));
  }
  {
    S8Model m;
    m.t.Op(BuiltinOp::kFullyConnected, {m.x, m.w, m.b}, {m.y}, host::FullyConnectedOptions(), 8);
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "FULLY_CONNECTED version 8"));
  }
}

// Without an options table TFLite's defaults apply (no activation, no
// keep_num_dims).
TEST(FullyConnectedOp, NoOptionsTableUsesDefaults) {
  OpTester t;
  const int32_t x = t.Input("x", kF32, {1, 2});
  const int32_t w = t.Const<float>("w", {1, 2}, {1.0f, -1.0f});
  const int32_t y = t.Output("y", kF32, {1, 1});
  t.Op(BuiltinOp::kFullyConnected, {x, w}, {y});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Run<float>({1.0f, 3.5f}), (std::vector<float>{-2.5f}));
}

// Weights computed at run time (a graph input), as TFLite allows.
TEST(FullyConnectedOp, NonConstantWeightsF32) {
  OpTester t;
  const int32_t x = t.Input("x", kF32, {1, 2});
  const int32_t w = t.Input("w", kF32, {2, 2});
  const int32_t y = t.Output("y", kF32, {1, 2});
  t.Op(BuiltinOp::kFullyConnected, {x, w}, {y}, host::FullyConnectedOptions());
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<float>(0, {1, 2});
  t.SetInput<float>(1, {1, 1, -1, 3});
  ASSERT_EQ(t.Invoke(), Status::kOk);
  EXPECT_EQ(t.GetOutput<float>(0), (std::vector<float>{3, 5}));
}

}  // namespace
}  // namespace mote::optest
