// QUANTIZE through the interpreter: float32 -> int8 (round half away from
// zero, saturating), and the integer requantizations int8 -> int8/uint8/
// int32, uint8 -> int8, int32 -> int8; a float-in/float-out quantized model;
// and Prepare's rejections.
#include <limits>
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

TEST(QuantizeOp, FloatToInt8MatchesFormula) {
  host::Rng rng(1);
  std::vector<float> x = rng.Uniform(200, -10.0f, 10.0f);
  // Exact ties (x / scale = k + 0.5) round away from zero; far values saturate.
  x.insert(x.end(), {0.25f, -0.25f, 0.75f, -0.75f, 0.0f, -0.0f, 1e9f, -1e9f,
                     std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity(),
                     std::numeric_limits<float>::max(), std::numeric_limits<float>::denorm_min()});
  for (const auto& [scale, zp] : std::vector<std::pair<float, int32_t>>{{0.5f, 0}, {0.05f, -128}, {0.1f, 127}, {0.07f, 13}}) {
    OpTester t;
    t.Input("x", kF32, {static_cast<int32_t>(x.size())});
    t.Output("y", kS8, {static_cast<int32_t>(x.size())}, Q(scale, zp));
    t.Op(BuiltinOp::kQuantize, {0}, {1});
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    const std::vector<int8_t> got = t.Run<float, int8_t>(x);
    ASSERT_EQ(got.size(), x.size());
    for (size_t i = 0; i < x.size(); ++i) {
      // TFLite divides in float, then rounds half away from zero.
      const double q = std::round(double{x[i] / scale}) + zp;
      const int want = static_cast<int>(std::clamp(q, -128.0, 127.0));
      ASSERT_EQ(int{got[i]}, want) << "x " << x[i] << " scale " << scale << " zp " << zp;
    }
  }
}

TEST(QuantizeOp, HandComputedTies) {
  OpTester t;
  t.Input("x", kF32, {6});
  t.Output("y", kS8, {6}, Q(0.5f, -1));
  t.Op(BuiltinOp::kQuantize, {0}, {1});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  // 0.25 / 0.5 = 0.5 -> 1; -0.25 -> -1; 0.75 -> 1.5 -> 2.
  EXPECT_EQ((t.Run<float, int8_t>({0.25f, -0.25f, 0.75f, -0.75f, 100.0f, -100.0f})),
            (std::vector<int8_t>{0, -2, 1, -3, 127, -128}));
}

// NaN has no integer value; it must not crash (or trip UBSan).
TEST(QuantizeOp, NanDoesNotCrash) {
  OpTester t;
  t.Input("x", kF32, {2});
  t.Output("y", kS8, {2}, Q(0.5f, 4));
  t.Op(BuiltinOp::kQuantize, {0}, {1});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<int8_t> got = t.Run<float, int8_t>({std::numeric_limits<float>::quiet_NaN(), 1.0f});
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1], 6);
}

// Requantization int8 -> int8: within 1 LSB of the real rescale, and exact
// when only the zero point changes.
TEST(QuantizeOp, Int8ToInt8) {
  const std::vector<int8_t> in = [] {
    std::vector<int8_t> v;
    for (int q = -128; q <= 127; ++q) v.push_back(static_cast<int8_t>(q));
    return v;
  }();
  const struct {
    float si;
    int32_t zi;
    float so;
    int32_t zo;
  } cases[] = {{0.1f, 0, 0.1f, 5}, {0.1f, -3, 0.2f, 7}, {0.2f, 10, 0.05f, -20}, {0.013f, -128, 0.031f, 127}};
  for (const auto& k : cases) {
    OpTester t;
    t.Input("x", kS8, {256}, Q(k.si, k.zi));
    t.Output("y", kS8, {256}, Q(k.so, k.zo));
    t.Op(BuiltinOp::kQuantize, {0}, {1}, {}, 2);
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    const std::vector<int8_t> got = t.Run<int8_t>(in);
    const std::vector<int8_t> want = QuantizeAll(DequantizeAll(in, k.si, k.zi), k.so, k.zo);
    if (k.si == k.so) {
      EXPECT_EQ(got, want);
    } else {
      EXPECT_TRUE(WithinLsb(got, want)) << k.si << " -> " << k.so;
    }
  }
}

// The uint8 <-> int8 shift by 128 at one scale is exact.
TEST(QuantizeOp, Uint8AndInt8ShiftBy128) {
  std::vector<int8_t> s8;
  std::vector<uint8_t> u8;
  for (int q = -128; q <= 127; ++q) {
    s8.push_back(static_cast<int8_t>(q));
    u8.push_back(static_cast<uint8_t>(q + 128));
  }
  {
    OpTester t;
    t.Input("x", kS8, {256}, Q(0.1f, -3));
    t.Output("y", kU8, {256}, Q(0.1f, 125));
    t.Op(BuiltinOp::kQuantize, {0}, {1});
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    EXPECT_EQ((t.Run<int8_t, uint8_t>(s8)), u8);
  }
  {
    OpTester t;
    t.Input("x", kU8, {256}, Q(0.1f, 125));
    t.Output("y", kS8, {256}, Q(0.1f, -3));
    t.Op(BuiltinOp::kQuantize, {0}, {1});
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    EXPECT_EQ((t.Run<uint8_t, int8_t>(u8)), s8);
  }
}

TEST(QuantizeOp, Int8ToInt32AndBack) {
  {
    OpTester t;
    t.Input("x", kS8, {4}, Q(0.5f, 2));
    t.Output("y", kS32, {4}, Q(0.125f, -1000));
    t.Op(BuiltinOp::kQuantize, {0}, {1});
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    // (q - 2) * 4 - 1000
    EXPECT_EQ((t.Run<int8_t, int32_t>({2, 3, -128, 127})), (std::vector<int32_t>{-1000, -996, -1520, -500}));
  }
  {
    OpTester t;
    t.Input("x", kS32, {5}, Q(0.125f, -1000));
    t.Output("y", kS8, {5}, Q(0.5f, 2));
    t.Op(BuiltinOp::kQuantize, {0}, {1});
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    // (q + 1000) / 4 + 2, TFLite rounding (ties up), saturated.
    EXPECT_EQ((t.Run<int32_t, int8_t>({-1000, -996, -994, 0, -2000000})), (std::vector<int8_t>{2, 3, 4, 127, -128}));
  }
}

// The usual shape of a converted model with float I/O:
// QUANTIZE -> FULLY_CONNECTED (int8) -> DEQUANTIZE.
TEST(QuantizeOp, FloatInFloatOutQuantizedModel) {
  OpTester t;
  const int32_t x = t.Input("x", kF32, {1, 3});
  const int32_t xq = t.Temp("xq", kS8, {1, 3}, Q(0.5f, 0));
  const int32_t w = t.Const<int8_t>("w", {2, 3}, {1, 2, 3, -1, -1, -1}, Q(0.5f));
  const int32_t yq = t.Temp("yq", kS8, {1, 2}, Q(0.25f, 0));
  const int32_t y = t.Output("y", kF32, {1, 2});
  t.Op(BuiltinOp::kQuantize, {x}, {xq});
  t.Op(BuiltinOp::kFullyConnected, {xq, w}, {yq}, host::FullyConnectedOptions(), 4);
  t.Op(BuiltinOp::kDequantize, {yq}, {y}, {}, 2);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  // x = {1, 2, 3}; w = {0.5, 1, 1.5; -0.5, -0.5, -0.5}: {7, -3}.
  EXPECT_EQ(t.Run<float>({1.0f, 2.0f, 3.0f}), (std::vector<float>{7.0f, -3.0f}));
}

struct Model {
  OpTester t;
  int32_t x, y;
  Model(tflite::TensorType in, tflite::TensorType out) {
    x = t.Input("x", in, {2, 3}, in == kF32 ? Quantization{} : Q(0.5f, 1));
    y = t.Output("y", out, {2, 3}, Q(0.25f, -1));
  }
  void Op() { t.Op(BuiltinOp::kQuantize, {x}, {y}); }
};

TEST(QuantizeOp, RejectsTypePairs) {
  const std::pair<tflite::TensorType, tflite::TensorType> pairs[] = {
      {kS16, kU8}, {kU8, kS16}, {kS32, kS32}, {kF32, kU8}, {kF32, kF32}, {kU8, kU8}, {kS8, kF32}};
  for (const auto& [in, out] : pairs) {
    Model m(in, out);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'x' (")) << in << " -> " << out;
  }
}

TEST(QuantizeOp, RejectsShapesAndQuantization) {
  {
    Model m(kF32, kS8);
    m.t.writer().tensor(m.y).shape = {6};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': shape differs from input 'x'"));
  }
  {
    Model m(kF32, kS8);
    m.t.writer().tensor(m.y).quant = {};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "output 'y': only per-tensor quantization (1 scale) is supported, got 0"));
  }
  {
    Model m(kF32, kS8);
    m.t.writer().tensor(m.y).quant = Quantization::PerChannel({0.1f, 0.2f}, 0);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "output 'y': only per-tensor quantization"));
  }
  {
    Model m(kS8, kS8);
    m.t.writer().tensor(m.x).quant = {};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'x': only per-tensor quantization"));
  }
  {
    Model m(kF32, kS8);
    m.t.writer().tensor(m.y).quant = Q(0.0f, 0);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': scale must be positive and finite"));
  }
  {
    Model m(kS8, kU8);
    m.t.writer().tensor(m.y).quant = Q(0.25f, 300);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': zero point 300 is outside the uint8 range"));
  }
  {
    Model m(kS8, kS8);
    m.t.writer().tensor(m.x).quant = Q(1e6f, 0);
    m.t.writer().tensor(m.y).quant = Q(1e-6f, 0);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "output 'y': rescale 2^"));
  }
  {
    Model m(kF32, kS8);
    const int32_t y2 = m.t.Output("y2", kS8, {2, 3}, Q(0.25f));
    m.t.Op(BuiltinOp::kQuantize, {m.x}, {m.y, y2});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 1 output, got 2"));
  }
}

TEST(QuantizeOp, ZeroSizeTensorsRun) {
  OpTester t;
  t.Input("x", kF32, {0, 3});
  t.Output("y", kS8, {0, 3}, Q(0.1f));
  t.Op(BuiltinOp::kQuantize, {0}, {1});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Invoke(), Status::kOk);
}

}  // namespace
}  // namespace mote::optest
