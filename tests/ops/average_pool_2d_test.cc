// AVERAGE_POOL_2D through the interpreter: float32 and int8 against a double
// average over the in-image part of each window, every padding, stride and
// filter size, fused activations, conv -> pool, and Prepare's rejections.
#include <string>
#include <vector>

#include "pool_test_util.h"

namespace mote::optest {
namespace {

using Act = tflite::ActivationFunctionType;

void RunF32(const PoolCase& c, uint32_t seed) {
  host::Rng rng(seed);
  const std::vector<float> in = rng.Uniform(Count(c.input), -8.0f, 8.0f);
  OpTester t;
  const int32_t x = t.Input("x", kF32, c.input);
  const int32_t y = t.Output("y", kF32, c.output());
  t.Op(BuiltinOp::kAveragePool2D, {x}, {y}, c.options());
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  std::vector<double> want;
  ForEachWindow(c, [&](const std::vector<int>& idx) {
    double sum = 0;
    for (int i : idx) sum += in[i];
    want.push_back(ApplyActivation(sum / idx.size(), c.act));
  });
  EXPECT_TRUE(NearAll(t.Run<float>(in), want));
}

void RunS8(const PoolCase& c, uint32_t seed, float scale = 0.05f, int32_t zp = -20) {
  host::Rng rng(seed);
  const std::vector<int8_t> in = rng.UniformS8(Count(c.input));
  OpTester t;
  const int32_t x = t.Input("x", kS8, c.input, Q(scale, zp));
  const int32_t y = t.Output("y", kS8, c.output(), Q(scale, zp));
  t.Op(BuiltinOp::kAveragePool2D, {x}, {y}, c.options(), 2);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<int8_t> got = t.Run<int8_t>(in);
  // Exact: TFLite averages the raw int8 values, rounding half away from
  // zero, then clamps to the activation range. Within 1 LSB of the real
  // average too.
  std::vector<int8_t> exact, real;
  const int lo = QuantizeOne(ApplyActivation(-1e9, c.act), scale, zp);
  const int hi = QuantizeOne(ApplyActivation(1e9, c.act), scale, zp);
  ForEachWindow(c, [&](const std::vector<int>& idx) {
    int sum = 0;
    double real_sum = 0;
    for (int i : idx) {
      sum += in[i];
      real_sum += double{scale} * (in[i] - zp);
    }
    const int n = static_cast<int>(idx.size());
    const int avg = sum > 0 ? (sum + n / 2) / n : (sum - n / 2) / n;
    exact.push_back(static_cast<int8_t>(std::clamp(avg, lo, hi)));
    real.push_back(static_cast<int8_t>(QuantizeOne(ApplyActivation(real_sum / n, c.act), scale, zp)));
  });
  EXPECT_EQ(got, exact);
  EXPECT_TRUE(WithinLsb(got, real));
}

TEST(AveragePool2DOp, GeometryMatrixF32AndS8) {
  ForEachPoolGeometry({1, 5, 6, 2}, {2, 3}, [](const PoolCase& c, uint32_t seed) {
    RunF32(c, seed);
    RunS8(c, seed + 1);
  });
}

TEST(AveragePool2DOp, FusedActivationsF32AndS8) {
  for (Act act : {tflite::ActivationFunctionType_NONE, tflite::ActivationFunctionType_RELU,
                  tflite::ActivationFunctionType_RELU_N1_TO_1, tflite::ActivationFunctionType_RELU6}) {
    PoolCase c;
    c.input = {2, 4, 4, 3};
    c.act = act;
    SCOPED_TRACE(testing::Message() << "activation " << act);
    RunF32(c, 40 + act);
    RunS8(c, 50 + act, 0.05f, -20);
    RunS8(c, 60 + act, 0.01f, 100);
  }
}

TEST(AveragePool2DOp, ExtremeZeroPointsS8) {
  PoolCase c;
  c.input = {1, 6, 6, 1};
  c.fh = c.fw = 3;
  c.sh = c.sw = 1;
  RunS8(c, 70, 0.1f, -128);
  RunS8(c, 71, 0.1f, 127);
}

// A global average pool (window = image), the end of most CNNs.
TEST(AveragePool2DOp, GlobalPoolS8HandComputed) {
  OpTester t;
  const int32_t x = t.Input("x", kS8, {1, 2, 2, 2}, Q(0.5f, 0));
  const int32_t y = t.Output("y", kS8, {1, 1, 1, 2}, Q(0.5f, 0));
  t.Op(BuiltinOp::kAveragePool2D, {x}, {y}, host::Pool2DOptions(tflite::Padding_VALID, 2, 2, 2, 2));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  // Channel 0: 1 + 2 + 3 + 4 = 10 / 4 = 2.5 -> 3. Channel 1: -10 / 4 -> -3.
  EXPECT_EQ(t.Run<int8_t>({1, -1, 2, -2, 3, -3, 4, -4}), (std::vector<int8_t>{3, -3}));
}

TEST(AveragePool2DOp, ConvThenPoolF32) {
  OpTester t;
  const int32_t x = t.Input("x", kF32, {1, 4, 4, 1});
  const int32_t w = t.Const<float>("w", {1, 1, 1, 1}, {2.0f});
  const int32_t c = t.Temp("c", kF32, {1, 4, 4, 1});
  const int32_t y = t.Output("y", kF32, {1, 2, 2, 1});
  t.Op(BuiltinOp::kConv2D, {x, w}, {c}, host::Conv2DOptions(tflite::Padding_SAME, 1, 1));
  t.Op(BuiltinOp::kAveragePool2D, {c}, {y}, host::Pool2DOptions(tflite::Padding_VALID, 2, 2, 2, 2));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  std::vector<float> in(16);
  for (int i = 0; i < 16; ++i) in[i] = static_cast<float>(i);
  // Top-left window: 0, 1, 4, 5 -> 2.5 * 2.
  EXPECT_EQ(t.Run<float>(in), (std::vector<float>{5, 9, 21, 25}));
}

// --- rejections -------------------------------------------------------------

struct Model {
  OpTester t;
  int32_t x, y;
  explicit Model(tflite::TensorType type = kS8) {
    x = t.Input("x", type, {1, 4, 4, 2}, Q(0.1f, 3));
    y = t.Output("y", type, {1, 2, 2, 2}, Q(0.1f, 3));
  }
  void Op(host::OptionsBuilder options = host::Pool2DOptions(tflite::Padding_VALID, 2, 2, 2, 2)) {
    t.Op(BuiltinOp::kAveragePool2D, {x}, {y}, std::move(options));
  }
};

TEST(AveragePool2DOp, RejectsTypes) {
  {
    Model m(kS16);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'x': expected int8 or float32, got int16"));
  }
  {
    Model m;
    m.t.writer().tensor(m.y).type = kF32;
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': expected int8 like the input, got float32"));
  }
  {
    Model m(kS32);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "got int32"));
  }
}

TEST(AveragePool2DOp, RejectsQuantization) {
  {
    Model m;
    m.t.writer().tensor(m.x).quant = {};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x': int8 needs per-tensor quantization"));
  }
  {
    Model m;
    m.t.writer().tensor(m.y).quant = Q(0.2f, 3);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': scale 0.2 differs from the input scale 0.1"));
  }
  {
    Model m;
    m.t.writer().tensor(m.y).quant = Q(0.1f, 4);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': zero point 4 differs from the input zero point 3"));
  }
}

TEST(AveragePool2DOp, RejectsShapesAndOptions) {
  {
    Model m;
    m.t.writer().tensor(m.y).shape = {1, 2, 3, 2};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': expected shape [1, 2, 2, 2], got [1, 2, 3, 2]"));
  }
  {
    Model m;
    m.t.writer().tensor(m.x).shape = {4, 4, 2};
    m.t.writer().tensor(m.y).shape = {2, 2, 2};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x': expected rank 4 (NHWC), got 3"));
  }
  {
    Model m;
    m.t.writer().tensor(m.x).shape = {1, 0, 4, 2};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x': dimension 1 is 0"));
  }
  {
    Model m;
    m.Op({});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "filter size 0x0"));
  }
  {
    Model m;
    m.Op(host::Pool2DOptions(tflite::Padding_VALID, 0, 2, 2, 2));
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "strides 2x0"));
  }
  {
    Model m;
    m.Op(host::Pool2DOptions(tflite::Padding_VALID, 1, 1, 5, 2));
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "a 2x5 VALID window does not fit the 4x4 input"));
  }
  {
    Model m;
    m.Op(host::Pool2DOptions(tflite::Padding_VALID, 2, 2, 2, 2, tflite::ActivationFunctionType_TANH));
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "fused activation 4"));
  }
}

TEST(AveragePool2DOp, RejectsCounts) {
  {
    Model m;
    const int32_t x2 = m.t.Input("x2", kS8, {1, 4, 4, 2}, Q(0.1f, 3));
    m.t.Op(BuiltinOp::kAveragePool2D, {m.x, x2}, {m.y}, host::Pool2DOptions(tflite::Padding_VALID, 2, 2, 2, 2));
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 1 input, got 2"));
  }
  {
    Model m;
    const int32_t y2 = m.t.Output("y2", kS8, {1, 2, 2, 2}, Q(0.1f, 3));
    m.t.Op(BuiltinOp::kAveragePool2D, {m.x}, {m.y, y2}, host::Pool2DOptions(tflite::Padding_VALID, 2, 2, 2, 2));
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 1 output, got 2"));
  }
}

}  // namespace
}  // namespace mote::optest
