// MUL through the interpreter: float32, int8 (one rescale by
// s1 * s2 / s_out, which may exceed 1) and int32, NumPy broadcasting up to
// rank 6, fused activations, and Prepare's rejections.
#include <limits>
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

using Act = tflite::ActivationFunctionType;

double MulFn(double a, double b) { return a * b; }

BinaryCase Case(std::vector<int32_t> a, std::vector<int32_t> b, Act act = tflite::ActivationFunctionType_NONE) {
  BinaryCase c;
  c.op = BuiltinOp::kMul;
  c.version = 2;
  c.a = std::move(a);
  c.b = std::move(b);
  c.act = act;
  c.options = host::MulOptions(act);
  return c;
}

TEST(MulOp, BroadcastShapesF32S8S32) {
  uint32_t seed = 1;
  for (const auto& [a, b] : BroadcastShapePairs()) {
    SCOPED_TRACE(testing::Message() << "ranks " << a.size() << " and " << b.size() << ", seed " << seed);
    const BinaryCase c = Case(a, b);
    RunBinaryF32(c, MulFn, seed++);
    RunBinaryS8(c, MulFn, seed++, 0.03f, 9, 0.07f, -60);
    RunBinaryS32(c, [](int64_t x, int64_t y) { return x * y; }, seed++);
  }
}

TEST(MulOp, FusedActivationsAllTypes) {
  struct {
    Act act;
    int64_t lo, hi;
  } const cases[] = {
      {tflite::ActivationFunctionType_NONE, INT32_MIN, INT32_MAX},
      {tflite::ActivationFunctionType_RELU, 0, INT32_MAX},
      {tflite::ActivationFunctionType_RELU_N1_TO_1, -1, 1},
      {tflite::ActivationFunctionType_RELU6, 0, 6},
  };
  for (const auto& k : cases) {
    SCOPED_TRACE(testing::Message() << "activation " << k.act);
    const BinaryCase c = Case({2, 5}, {2, 1}, k.act);
    RunBinaryF32(c, MulFn, 40 + k.act);
    RunBinaryS8(c, MulFn, 50 + k.act, 0.05f, 0, 0.05f, 0);
    RunBinaryS8(c, MulFn, 60 + k.act, 0.1f, -128, 0.02f, 127);
    RunBinaryS32(c, [](int64_t x, int64_t y) { return x * y; }, 70 + k.act, k.lo, k.hi);
  }
}

// s1 * s2 / s_out = 4 (> 1: MUL version 3's case) and 1: exact products.
TEST(MulOp, PowerOfTwoRescaleS8IsExact) {
  for (float out_scale : {0.25f, 1.0f / 16}) {
    OpTester t;
    t.Input("a", kS8, {5}, Q(0.5f, 2));
    t.Input("b", kS8, {5}, Q(0.5f, -3));
    t.Output("y", kS8, {5}, Q(out_scale, 1));
    t.Op(BuiltinOp::kMul, {0, 1}, {2}, host::MulOptions(), 3);
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    t.SetInput<int8_t>(0, {3, 2, -1, 12, -128});
    t.SetInput<int8_t>(1, {-1, 100, 0, 7, -128});
    ASSERT_EQ(t.Invoke(), Status::kOk);
    const int m = out_scale == 0.25f ? 1 : 4;
    std::vector<int8_t> want;
    const int a[] = {3, 2, -1, 12, -128}, b[] = {-1, 100, 0, 7, -128};
    for (int i = 0; i < 5; ++i) want.push_back(static_cast<int8_t>(std::clamp((a[i] - 2) * (b[i] + 3) * m + 1, -128, 127)));
    EXPECT_EQ(t.GetOutput<int8_t>(0), want) << "output scale " << out_scale;
  }
}

// TFLite multiplies int32 tensors as plain integers, whatever quantization
// they carry; overflow wraps (no undefined behaviour here).
TEST(MulOp, Int32IgnoresQuantizationAndWraps) {
  OpTester t;
  t.Input("a", kS32, {3}, Q(0.5f, 3));
  t.Input("b", kS32, {3}, Q(2.0f, 0));
  t.Output("y", kS32, {3}, Q(7.0f, 1));
  t.Op(BuiltinOp::kMul, {0, 1}, {2}, host::MulOptions());
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<int32_t>(0, {-6, 65536, 46341});
  t.SetInput<int32_t>(1, {7, 65536, 46341});
  ASSERT_EQ(t.Invoke(), Status::kOk);
  // 2^32 wraps to 0; 46341^2 = 2147488281 wraps to -2147479015.
  EXPECT_EQ(t.GetOutput<int32_t>(0), (std::vector<int32_t>{-42, 0, -2147479015}));
}

// x * sigmoid(x)-style gating: a per-channel constant scale.
TEST(MulOp, ConstantPerChannelScaleS8) {
  OpTester t;
  const int32_t x = t.Input("x", kS8, {1, 2, 2, 2}, Q(0.1f, 0));
  const int32_t s = t.Const<int8_t>("s", {2}, {127, -127}, Q(1.0f / 127, 0));
  const int32_t y = t.Output("y", kS8, {1, 2, 2, 2}, Q(0.1f, 0));
  t.Op(BuiltinOp::kMul, {x, s}, {y}, host::MulOptions());
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_TRUE(WithinLsb(t.Run<int8_t>({1, 1, -5, -5, 100, 100, -128, -128}),
                        std::vector<int8_t>{1, -1, -5, 5, 100, -100, -128, 127}));
}

// --- rejections -------------------------------------------------------------

struct Model {
  OpTester t;
  int32_t a, b, y;
  explicit Model(tflite::TensorType type = kS8) {
    a = t.Input("a", type, {2, 3}, Q(0.1f, 1));
    b = t.Input("b", type, {2, 1}, Q(0.2f, -1));
    y = t.Output("y", type, {2, 3}, Q(0.3f, 0));
  }
  void Op(host::OptionsBuilder options = host::MulOptions()) { t.Op(BuiltinOp::kMul, {a, b}, {y}, std::move(options)); }
};

TEST(MulOp, ValidBaseModelPrepares) {
  Model m;
  m.Op();
  ASSERT_EQ(m.t.Prepare(), Status::kOk) << m.t.message();
  EXPECT_EQ(m.t.Invoke(), Status::kOk);
}

TEST(MulOp, Rejections) {
  {
    Model m(kS16);
    m.Op();
    // int16 runs as 16x8 (tests/ops/arithmetic_int16_test.cc), with zero points 0 only.
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'a': int16 zero point 1 is not 0"));
  }
  {
    Model m(kS64);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "got int64"));
  }
  {
    Model m;
    m.t.writer().tensor(m.y).type = kF32;
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'a': expected float32, got int8"));
  }
  {
    Model m;
    m.t.writer().tensor(m.y).quant = {};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': int8 needs per-tensor quantization"));
  }
  {
    Model m;
    m.t.writer().tensor(m.a).quant = Q(1e6f, 0);
    m.t.writer().tensor(m.b).quant = Q(1e6f, 0);
    m.t.writer().tensor(m.y).quant = Q(1e-6f, 0);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "output 'y': cannot requantize"));
  }
  {
    Model m;
    m.t.writer().tensor(m.b).shape = {3, 1};
    m.t.writer().tensor(m.b).quant = Q(0.2f, -1);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "inputs 'a' and 'b' have shapes that do not broadcast"));
  }
  {
    Model m;
    m.t.writer().tensor(m.y).shape = {2, 1};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': shape is not the broadcast shape"));
  }
  {
    Model m;
    const int32_t y2 = m.t.Output("y2", kS8, {2, 3}, Q(0.3f));
    m.t.Op(BuiltinOp::kMul, {m.a, m.b}, {m.y, y2}, host::MulOptions());
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 1 output, got 2"));
  }
  {
    Model m;
    m.Op(host::MulOptions(tflite::ActivationFunctionType_TANH));
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "fused activation 4"));
  }
}

}  // namespace
}  // namespace mote::optest
