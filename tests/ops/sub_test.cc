// SUB through the interpreter: float32, int8 (inputs with different
// scales) and int32 (with its fused activation, unlike ADD), NumPy
// broadcasting up to rank 6, and Prepare's rejections.
#include <limits>
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

using Act = tflite::ActivationFunctionType;

double SubFn(double a, double b) { return a - b; }

BinaryCase Case(std::vector<int32_t> a, std::vector<int32_t> b, Act act = tflite::ActivationFunctionType_NONE) {
  BinaryCase c;
  c.op = BuiltinOp::kSub;
  c.version = 3;
  c.a = std::move(a);
  c.b = std::move(b);
  c.act = act;
  c.options = host::SubOptions(act);
  return c;
}

TEST(SubOp, BroadcastShapesF32S8S32) {
  uint32_t seed = 1;
  for (const auto& [a, b] : BroadcastShapePairs()) {
    SCOPED_TRACE(testing::Message() << "ranks " << a.size() << " and " << b.size() << ", seed " << seed);
    const BinaryCase c = Case(a, b);
    RunBinaryF32(c, SubFn, seed++);
    RunBinaryS8(c, SubFn, seed++, 0.03f, 9, 0.07f, -60);
    RunBinaryS32(c, [](int64_t x, int64_t y) { return x - y; }, seed++);
  }
}

TEST(SubOp, FusedActivationsAllTypes) {
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
    const BinaryCase c = Case({3, 4}, {4}, k.act);
    RunBinaryF32(c, SubFn, 40 + k.act);
    RunBinaryS8(c, SubFn, 50 + k.act, 0.05f, 0, 0.05f, 0);
    RunBinaryS8(c, SubFn, 60 + k.act, 0.2f, 127, 0.01f, -128);
    RunBinaryS32(c, [](int64_t x, int64_t y) { return x - y; }, 70 + k.act, k.lo, k.hi);
  }
}

// Equal scales: exactly (a - za) - (b - zb) + zo, saturated.
TEST(SubOp, EqualScalesS8IsExact) {
  OpTester t;
  t.Input("a", kS8, {4}, Q(0.25f, 0));
  t.Input("b", kS8, {4}, Q(0.25f, 4));
  t.Output("y", kS8, {4}, Q(0.25f, -1));
  t.Op(BuiltinOp::kSub, {0, 1}, {2}, host::SubOptions(), 2);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<int8_t>(0, {10, -20, 127, -128});
  t.SetInput<int8_t>(1, {5, 6, -100, 127});
  ASSERT_EQ(t.Invoke(), Status::kOk);
  // 10 - 1 - 1 = 8; -20 - 2 - 1 = -23; 127 + 104 - 1 -> 127; -128 - 123 - 1 -> -128.
  EXPECT_EQ(t.GetOutput<int8_t>(0), (std::vector<int8_t>{8, -23, 127, -128}));
}

TEST(SubOp, Int32WrapsWithoutUndefinedBehaviour) {
  OpTester t;
  t.Input("a", kS32, {2});
  t.Input("b", kS32, {2});
  t.Output("y", kS32, {2});
  t.Op(BuiltinOp::kSub, {0, 1}, {2}, host::SubOptions());
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<int32_t>(0, {std::numeric_limits<int32_t>::min(), 3});
  t.SetInput<int32_t>(1, {1, 5});
  ASSERT_EQ(t.Invoke(), Status::kOk);
  EXPECT_EQ(t.GetOutput<int32_t>(0), (std::vector<int32_t>{std::numeric_limits<int32_t>::max(), -2}));
}

// Subtracting a constant mean, a common preprocessing step.
TEST(SubOp, ConstantFirstOperandF32) {
  OpTester t;
  const int32_t c = t.Const<float>("c", {}, {1.5f});
  const int32_t x = t.Input("x", kF32, {3});
  const int32_t y = t.Output("y", kF32, {3});
  t.Op(BuiltinOp::kSub, {c, x}, {y}, host::SubOptions());
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Run<float>({1, 2, -3}), (std::vector<float>{0.5f, -0.5f, 4.5f}));
}

// --- rejections -------------------------------------------------------------

struct Model {
  OpTester t;
  int32_t a, b, y;
  explicit Model(tflite::TensorType type = kS8) {
    a = t.Input("a", type, {2, 3}, Q(0.1f, 1));
    b = t.Input("b", type, {3}, Q(0.2f, -1));
    y = t.Output("y", type, {2, 3}, Q(0.3f, 0));
  }
  void Op(host::OptionsBuilder options = host::SubOptions()) { t.Op(BuiltinOp::kSub, {a, b}, {y}, std::move(options)); }
};

TEST(SubOp, ValidBaseModelPrepares) {
  Model m;
  m.Op();
  ASSERT_EQ(m.t.Prepare(), Status::kOk) << m.t.message();
  EXPECT_EQ(m.t.Invoke(), Status::kOk);
}

TEST(SubOp, Rejections) {
  {
    Model m(kS16);
    m.Op();
    // int16 runs as 16x8 (tests/ops/arithmetic_int16_test.cc), with zero points 0 only.
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'a': int16 zero point 1 is not 0"));
  }
  {
    Model m;
    m.t.writer().tensor(m.a).type = kS32;
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'a': expected int8, got int32"));
  }
  {
    Model m(kS32);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "int32 tensors 'a', 'b' and 'y' must not be quantized"));
  }
  {
    Model m;
    m.t.writer().tensor(m.b).quant = {};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'b': int8 needs per-tensor quantization"));
  }
  {
    Model m;
    m.t.writer().tensor(m.a).quant = Q(0.1f, -129);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'a': int8 zero point -129"));
  }
  {
    Model m;
    m.t.writer().tensor(m.b).shape = {2};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "do not broadcast"));
  }
  {
    Model m;
    m.t.writer().tensor(m.y).shape = {6};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': shape is not the broadcast shape"));
  }
  {
    Model m;
    m.t.Op(BuiltinOp::kSub, {m.a}, {m.y}, host::SubOptions());
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 2 inputs, got 1"));
  }
  {
    Model m;
    m.Op(host::SubOptions(tflite::ActivationFunctionType_SIGN_BIT));
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "fused activation 5"));
  }
  {
    Model m;
    m.t.Op(BuiltinOp::kSub, {m.a, m.b}, {m.y}, host::SubOptions(), 6);
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "SUB version 6"));
  }
}

}  // namespace
}  // namespace mote::optest
