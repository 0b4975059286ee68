// DEQUANTIZE through the interpreter: int8 -> float32, exactly
// float(double(scale) * (q - zero_point)) as TFLite computes it, and
// Prepare's rejections.
#include <limits>
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

std::vector<int8_t> AllInt8() {
  std::vector<int8_t> v;
  for (int q = -128; q <= 127; ++q) v.push_back(static_cast<int8_t>(q));
  return v;
}

TEST(DequantizeOp, EveryInt8ValueAtSeveralQuantizations) {
  const struct {
    float scale;
    int32_t zp;
  } cases[] = {{0.1f, 0}, {0.0039215689f, -128}, {1.0f / 3, 127}, {12.5f, -7}, {1e-6f, 5}};
  for (const auto& k : cases) {
    OpTester t;
    t.Input("x", kS8, {2, 128}, Q(k.scale, k.zp));
    t.Output("y", kF32, {2, 128});
    t.Op(BuiltinOp::kDequantize, {0}, {1}, {}, 2);
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    const std::vector<int8_t> in = AllInt8();
    const std::vector<float> got = t.Run<int8_t, float>(in);
    ASSERT_EQ(got.size(), in.size());
    for (size_t i = 0; i < in.size(); ++i) {
      const float want = static_cast<float>(static_cast<double>(k.scale) * (in[i] - k.zp));
      ASSERT_EQ(got[i], want) << "q " << int{in[i]} << " scale " << k.scale << " zp " << k.zp;
    }
  }
}

// QUANTIZE then DEQUANTIZE: within half a step of the original value
// inside the representable range, saturated outside it.
TEST(DequantizeOp, RoundTripThroughQuantize) {
  host::Rng rng(3);
  const std::vector<float> x = rng.Uniform(64, -3.0f, 3.0f);
  OpTester t;
  const int32_t in = t.Input("x", kF32, {64});
  const int32_t q = t.Temp("q", kS8, {64}, Q(0.02f, 10));
  const int32_t y = t.Output("y", kF32, {64});
  t.Op(BuiltinOp::kQuantize, {in}, {q});
  t.Op(BuiltinOp::kDequantize, {q}, {y});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<float> got = t.Run<float>(x);
  for (size_t i = 0; i < x.size(); ++i) {
    const double clamped = std::clamp(double{x[i]}, 0.02 * (-128 - 10), 0.02 * (127 - 10));
    EXPECT_NEAR(got[i], clamped, 0.01 + 1e-6) << x[i];
  }
}

struct Model {
  OpTester t;
  int32_t x, y;
  Model() {
    x = t.Input("x", kS8, {2, 3}, Q(0.5f, 1));
    y = t.Output("y", kF32, {2, 3});
  }
  void Op() { t.Op(BuiltinOp::kDequantize, {x}, {y}); }
};

TEST(DequantizeOp, Rejections) {
  {
    Model m;
    m.t.writer().tensor(m.x).type = kS32;
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'x': expected int8 or int16, got int32"));
  }
  {
    Model m;
    m.t.writer().tensor(m.x).type = kU8;
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'x': expected int8 or int16, got uint8"));
  }
  {
    Model m;
    m.t.writer().tensor(m.y).type = kS32;
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "output 'y': expected float32, got int32"));
  }
  {
    Model m;
    m.t.writer().tensor(m.y).shape = {3, 2};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': shape differs from input 'x'"));
  }
  {
    Model m;
    m.t.writer().tensor(m.x).quant = {};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'x': only per-tensor quantization (1 scale) is supported, got 0"));
  }
  {
    Model m;
    m.t.writer().tensor(m.x).quant = Quantization::PerChannel({0.1f, 0.2f, 0.3f}, 1);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'x': only per-tensor quantization (1 scale) is supported, got 3"));
  }
  {
    Model m;
    m.t.writer().tensor(m.x).quant = Q(0.0f, 0);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x': scale must be positive and finite, got 0"));
  }
  {
    Model m;
    m.t.writer().tensor(m.x).quant = Q(0.5f, 128);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x': zero point 128 is outside the int8 range"));
  }
  {
    Model m;
    const int32_t x2 = m.t.Input("x2", kS8, {2, 3}, Q(0.5f, 1));
    m.t.Op(BuiltinOp::kDequantize, {m.x, x2}, {m.y});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 1 input, got 2"));
  }
  {
    Model m;
    const int32_t y2 = m.t.Output("y2", kF32, {2, 3});
    m.t.Op(BuiltinOp::kDequantize, {m.x}, {m.y, y2});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 1 output, got 2"));
  }
}

TEST(DequantizeOp, ZeroSizeTensorsRun) {
  OpTester t;
  t.Input("x", kS8, {3, 0}, Q(0.1f));
  t.Output("y", kF32, {3, 0});
  t.Op(BuiltinOp::kDequantize, {0}, {1});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Invoke(), Status::kOk);
}

}  // namespace
}  // namespace mote::optest
