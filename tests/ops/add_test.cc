// ADD through the interpreter: float32, int8 (inputs with different
// scales) and int32, NumPy broadcasting up to rank 6, fused activations,
// and Prepare's rejections.
#include <limits>
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

using Act = tflite::ActivationFunctionType;

double AddFn(double a, double b) { return a + b; }

BinaryCase Case(std::vector<int32_t> a, std::vector<int32_t> b, Act act = tflite::ActivationFunctionType_NONE) {
  BinaryCase c;
  c.op = BuiltinOp::kAdd;
  c.a = std::move(a);
  c.b = std::move(b);
  c.act = act;
  c.options = host::AddOptions(act);
  return c;
}

TEST(AddOp, BroadcastShapesF32S8S32) {
  uint32_t seed = 1;
  for (const auto& [a, b] : BroadcastShapePairs()) {
    SCOPED_TRACE(testing::Message() << "ranks " << a.size() << " and " << b.size() << ", seed " << seed);
    const BinaryCase c = Case(a, b);
    RunBinaryF32(c, AddFn, seed++);
    RunBinaryS8(c, AddFn, seed++, 0.05f, -3, 0.02f, 17);
    RunBinaryS32(c, [](int64_t x, int64_t y) { return x + y; }, seed++);
  }
}

TEST(AddOp, FusedActivationsF32AndS8) {
  for (Act act : {tflite::ActivationFunctionType_NONE, tflite::ActivationFunctionType_RELU,
                  tflite::ActivationFunctionType_RELU_N1_TO_1, tflite::ActivationFunctionType_RELU6}) {
    SCOPED_TRACE(testing::Message() << "activation " << act);
    const BinaryCase c = Case({2, 3, 4}, {3, 1}, act);
    RunBinaryF32(c, AddFn, 40 + act);
    RunBinaryS8(c, AddFn, 50 + act, 0.05f, 0, 0.05f, 0);
    RunBinaryS8(c, AddFn, 60 + act, 0.1f, -128, 0.003f, 127);
  }
}

TEST(AddOp, QuantizationExtremes) {
  const BinaryCase c = Case({4, 8}, {4, 8});
  RunBinaryS8(c, AddFn, 70, 1e-3f, -128, 1e-3f, -128);
  RunBinaryS8(c, AddFn, 71, 10.0f, 127, 0.01f, 0);
  RunBinaryS8(c, AddFn, 72, 0.5f, 0, 0.5f, 0);
}

// All scales equal: the int8 sum is exactly (a - za) + (b - zb) + zo,
// saturated.
TEST(AddOp, EqualScalesS8IsExact) {
  OpTester t;
  t.Input("a", kS8, {4}, Q(0.5f, 1));
  t.Input("b", kS8, {4}, Q(0.5f, -2));
  t.Output("y", kS8, {4}, Q(0.5f, 3));
  t.Op(BuiltinOp::kAdd, {0, 1}, {2}, host::AddOptions(), 2);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<int8_t>(0, {10, -20, 127, -128});
  t.SetInput<int8_t>(1, {5, 6, -100, -128});
  ASSERT_EQ(t.Invoke(), Status::kOk);
  EXPECT_EQ(t.GetOutput<int8_t>(0), (std::vector<int8_t>{19, -10, 31, -128}));
}

// TFLite Micro ignores the fused activation of an int32 ADD, and wraps on
// overflow like the hardware does (without undefined behaviour here).
TEST(AddOp, Int32IgnoresActivationAndWraps) {
  OpTester t;
  t.Input("a", kS32, {3});
  t.Input("b", kS32, {3});
  t.Output("y", kS32, {3});
  t.Op(BuiltinOp::kAdd, {0, 1}, {2}, host::AddOptions(tflite::ActivationFunctionType_RELU));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<int32_t>(0, {-5, std::numeric_limits<int32_t>::max(), 7});
  t.SetInput<int32_t>(1, {2, 1, 8});
  ASSERT_EQ(t.Invoke(), Status::kOk);
  EXPECT_EQ(t.GetOutput<int32_t>(0), (std::vector<int32_t>{-3, std::numeric_limits<int32_t>::min(), 15}));
}

// A constant second operand (a learned offset), as converters emit.
TEST(AddOp, ConstantOperandF32) {
  OpTester t;
  const int32_t x = t.Input("x", kF32, {2, 2});
  const int32_t c = t.Const<float>("c", {2}, {10.0f, -10.0f});
  const int32_t y = t.Output("y", kF32, {2, 2});
  t.Op(BuiltinOp::kAdd, {x, c}, {y}, host::AddOptions());
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Run<float>({1, 2, 3, 4}), (std::vector<float>{11, -8, 13, -6}));
}

// The same tensor on both sides: x + x.
TEST(AddOp, SameTensorTwiceS8) {
  OpTester t;
  const int32_t x = t.Input("x", kS8, {3}, Q(0.1f, 0));
  const int32_t y = t.Output("y", kS8, {3}, Q(0.2f, 0));
  t.Op(BuiltinOp::kAdd, {x, x}, {y}, host::AddOptions());
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Run<int8_t>({10, -33, 127}), (std::vector<int8_t>{10, -33, 127}));
}

// Empty tensors have no elements to add: either refused cleanly or a no-op.
TEST(AddOp, ZeroSizeTensorsDoNotCrash) {
  OpTester t;
  t.Input("a", kF32, {0, 3});
  t.Input("b", kF32, {3});
  t.Output("y", kF32, {0, 3});
  t.Op(BuiltinOp::kAdd, {0, 1}, {2}, host::AddOptions());
  const Status s = t.Prepare();
  if (s == Status::kOk) {
    t.SetInput<float>(1, {1, 2, 3});
    EXPECT_EQ(t.Invoke(), Status::kOk) << t.message();
    EXPECT_TRUE(t.GetOutput<float>(0).empty());
  } else {
    EXPECT_FALSE(t.message().empty());
  }
}

// --- rejections -------------------------------------------------------------

struct Model {
  OpTester t;
  int32_t a, b, y;
  explicit Model(tflite::TensorType type = kS8) {
    a = t.Input("a", type, {2, 3}, Q(0.1f, 1));
    b = t.Input("b", type, {2, 3}, Q(0.2f, -1));
    y = t.Output("y", type, {2, 3}, Q(0.3f, 0));
  }
  void Op(host::OptionsBuilder options = host::AddOptions()) {
    t.Op(BuiltinOp::kAdd, {a, b}, {y}, std::move(options));
  }
};

TEST(AddOp, ValidBaseModelPrepares) {
  Model m;
  m.Op();
  ASSERT_EQ(m.t.Prepare(), Status::kOk) << m.t.message();
  EXPECT_EQ(m.t.Invoke(), Status::kOk);
}

TEST(AddOp, RejectsTypes) {
  {
    Model m(kS16);
    m.Op();
    // int16 runs as 16x8 (tests/ops/arithmetic_int16_test.cc), with zero points 0 only.
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'a': int16 zero point 1 is not 0"));
  }
  {
    Model m;
    m.t.writer().tensor(m.b).type = kF32;
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'b': expected int8, got float32"));
  }
  {
    Model m(kU8);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "got uint8"));
  }
  {
    // Quantized int32 would need rescaling TFLite does not do.
    Model m(kS32);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "int32 inputs 'a' and 'b' must not be quantized"));
  }
}

TEST(AddOp, RejectsQuantization) {
  {
    Model m;
    m.t.writer().tensor(m.a).quant = {};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'a': int8 needs per-tensor quantization (1 scale), got 0"));
  }
  {
    Model m;
    m.t.writer().tensor(m.y).quant = {};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': int8 needs per-tensor quantization"));
  }
  {
    Model m;
    m.t.writer().tensor(m.b).quant = Quantization::PerChannel({0.1f, 0.2f, 0.3f}, 1);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'b': int8 needs per-tensor quantization (1 scale), got 3"));
  }
  {
    Model m;
    m.t.writer().tensor(m.y).quant = Q(1e-9f, 0);
    m.t.writer().tensor(m.a).quant = Q(1e3f, 0);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "output 'y': cannot requantize"));
  }
}

TEST(AddOp, RejectsShapes) {
  {
    Model m;
    m.t.writer().tensor(m.b).shape = {2, 4};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "inputs 'a' and 'b' have shapes that do not broadcast"));
  }
  {
    Model m;
    m.t.writer().tensor(m.y).shape = {3, 2};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': shape is not the broadcast shape"));
  }
  {
    Model m;
    m.t.writer().tensor(m.b).shape = {3};
    m.t.writer().tensor(m.y).shape = {1, 2, 3};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': shape is not the broadcast shape"));
  }
}

TEST(AddOp, RejectsCountsAndActivation) {
  {
    Model m;
    m.t.Op(BuiltinOp::kAdd, {m.a}, {m.y}, host::AddOptions());
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 2 inputs, got 1"));
  }
  {
    Model m;
    m.t.Op(BuiltinOp::kAdd, {m.a, m.b, m.a}, {m.y}, host::AddOptions());
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 2 inputs, got 3"));
  }
  {
    Model m;
    const int32_t y2 = m.t.Output("y2", kS8, {2, 3}, Q(0.3f));
    m.t.Op(BuiltinOp::kAdd, {m.a, m.b}, {m.y, y2}, host::AddOptions());
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 1 output, got 2"));
  }
  {
    Model m;
    m.Op(host::AddOptions(tflite::ActivationFunctionType_TANH));
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "fused activation 4"));
  }
}

}  // namespace
}  // namespace mote::optest
