// DIV through the interpreter: float32 over every broadcast shape pair,
// int8 against the real quotient, int32, fused activations, division by
// zero (float: IEEE then the clamp; int8/int32: the Invoke fails), and
// Prepare's rejections.
#include <cfloat>
#include <limits>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

using Act = tflite::ActivationFunctionType;

host::OptionsBuilder DivOptions(Act act = tflite::ActivationFunctionType_NONE) {
  return host::MakeOptions([act](auto& fbb) { return tflite::CreateDivOptions(fbb, act); });
}

TEST(DivOp, BroadcastShapesF32) {
  uint32_t seed = 1;
  for (const auto& [a, b] : BroadcastShapePairs()) {
    SCOPED_TRACE(testing::Message() << "ranks " << a.size() << " and " << b.size());
    BinaryCase c;
    c.op = BuiltinOp::kDiv;
    c.a = a;
    c.b = b;
    c.options = DivOptions();
    // Divisors in [-4, 4) may come close to 0; relative tolerance copes.
    RunBinaryF32(c, [](double x, double y) { return static_cast<double>(static_cast<float>(x) / static_cast<float>(y)); }, seed++);
  }
}

// Every int8 numerator against a few divisors, within 1 LSB of the real
// quotient, with broadcasting of the divisor row.
TEST(DivOp, Int8WithinOneLsb) {
  for (Act act : {tflite::ActivationFunctionType_NONE, tflite::ActivationFunctionType_RELU}) {
    const float s1 = 0.05f, s2 = 0.1f, so = 0.08f;
    const int32_t z1 = 4, z2 = -3, zo = -10;
    OpTester t;
    t.Input("a", kS8, {256, 1}, Q(s1, z1));
    t.Input("b", kS8, {5}, Q(s2, z2));
    t.Output("y", kS8, {256, 5}, Q(so, zo));
    t.Op(BuiltinOp::kDiv, {0, 1}, {2}, DivOptions(act));
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    const std::vector<int8_t> a = AllInt8Values();
    const std::vector<int8_t> b = {-128, -4, -2, 7, 127};
    t.SetInput<int8_t>(0, a);
    t.SetInput<int8_t>(1, b);
    ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
    std::vector<int8_t> want;
    for (int8_t x : a) {
      for (int8_t y : b) {
        const double q = (s1 * (x - z1)) / (s2 * (y - z2));
        want.push_back(static_cast<int8_t>(QuantizeOne(ApplyActivation(q, act), so, zo)));
      }
    }
    EXPECT_TRUE(WithinLsb(t.GetOutput<int8_t>(0), want));
  }
}

TEST(DivOp, Int32AndActivation) {
  OpTester t;
  t.Input("a", kS32, {5});
  t.Input("b", kS32, {5});
  t.Output("y", kS32, {5});
  t.Op(BuiltinOp::kDiv, {0, 1}, {2}, DivOptions(tflite::ActivationFunctionType_RELU6));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<int32_t>(0, {7, -7, 100, 13, std::numeric_limits<int32_t>::min()});
  t.SetInput<int32_t>(1, {2, 2, 3, 13, -1});
  ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
  // 3, -3 -> 0, 33 -> 6, 1, INT32_MIN / -1 wraps to INT32_MIN -> 0.
  EXPECT_EQ(t.GetOutput<int32_t>(0), (std::vector<int32_t>{3, 0, 6, 1, 0}));
}

TEST(DivOp, FloatDivisionByZeroClampsLikeTflite) {
  OpTester t;
  t.Input("a", kF32, {3});
  t.Input("b", kF32, {});
  t.Output("y", kF32, {3});
  t.Op(BuiltinOp::kDiv, {0, 1}, {2}, DivOptions());
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<float>(0, {1.0f, -2.0f, 0.0f});
  t.SetInput<float>(1, {0.0f});
  ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
  const std::vector<float> out = t.GetOutput<float>(0);
  EXPECT_EQ(out[0], FLT_MAX);
  EXPECT_EQ(out[1], -FLT_MAX);
  EXPECT_TRUE(std::isnan(out[2]));
}

TEST(DivOp, IntegerDivisionByZeroFailsTheInvoke) {
  {
    OpTester t;
    t.Input("a", kS32, {3});
    t.Input("b", kS32, {3});
    t.Output("y", kS32, {3});
    t.Op(BuiltinOp::kDiv, {0, 1}, {2}, DivOptions());
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    t.SetInput<int32_t>(0, {1, 2, 3});
    t.SetInput<int32_t>(1, {1, 0, 3});
    EXPECT_EQ(t.Invoke(), Status::kInvalidArgument);
    EXPECT_NE(t.message().find("division by zero: element 1 of the divisor"), std::string::npos) << t.message();
    // Fixed divisors run again.
    t.SetInput<int32_t>(1, {1, 2, 3});
    ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
    EXPECT_EQ(t.GetOutput<int32_t>(0), (std::vector<int32_t>{1, 1, 1}));
  }
  {
    OpTester t;
    t.Input("a", kS8, {2}, Q(0.1f, 0));
    t.Input("b", kS8, {2}, Q(0.1f, 5));
    t.Output("y", kS8, {2}, Q(0.1f, 0));
    t.Op(BuiltinOp::kDiv, {0, 1}, {2}, DivOptions());
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    t.SetInput<int8_t>(0, {10, 20});
    t.SetInput<int8_t>(1, {15, 5});  // 5 is the zero point: a real 0
    EXPECT_EQ(t.Invoke(), Status::kInvalidArgument);
    EXPECT_NE(t.message().find("division by zero: element 1"), std::string::npos) << t.message();
  }
}

// The int32 DIV of the shared audio preprocessor: [40] / scalar constant.
TEST(DivOp, Int32ByConstantScalar) {
  OpTester t;
  const int32_t x = t.Input("x", kS32, {4});
  const int32_t d = t.Const<int32_t>("d", {}, {-3});
  const int32_t y = t.Output("y", kS32, {4});
  t.Op(BuiltinOp::kDiv, {x, d}, {y}, DivOptions());
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Run<int32_t>({9, 10, -10, 2}), (std::vector<int32_t>{-3, -3, 3, 0}));
}

TEST(DivOp, Rejections) {
  {
    OpTester t;
    t.Input("a", kS16, {2}, Q(0.1f));
    t.Input("b", kS16, {2}, Q(0.1f));
    t.Output("y", kS16, {2}, Q(0.1f));
    t.Op(BuiltinOp::kDiv, {0, 1}, {2}, DivOptions());
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "output 'y': expected int8, int32 or float32, got int16"));
  }
  {
    OpTester t;
    t.Input("a", kF32, {2});
    t.Input("b", kF32, {2});
    t.Output("y", kF32, {2});
    t.Op(BuiltinOp::kDiv, {0, 1}, {2}, DivOptions(tflite::ActivationFunctionType_TANH));
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "fused activation 4 is not supported"));
  }
  {
    OpTester t;
    t.Input("a", kS32, {2}, Q(0.5f));
    t.Input("b", kS32, {2});
    t.Output("y", kS32, {2});
    t.Op(BuiltinOp::kDiv, {0, 1}, {2}, DivOptions());
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "int32 inputs 'a' and 'b' must not be quantized"));
  }
  {
    OpTester t;
    t.Input("a", kS8, {2}, Q(1.0f));
    t.Input("b", kS8, {2}, Q(1.0f));
    t.Output("y", kS8, {2}, Q(1e-9f));
    t.Op(BuiltinOp::kDiv, {0, 1}, {2}, DivOptions());
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "cannot requantize"));
  }
  {
    OpTester t;
    t.Input("a", kS8, {2}, Q(0.1f, -129));
    t.Input("b", kS8, {2}, Q(1.0f));
    t.Output("y", kS8, {2}, Q(1.0f));
    t.Op(BuiltinOp::kDiv, {0, 1}, {2}, DivOptions());
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "input 'a': int8 zero point -129 is outside [-128, 127]"));
  }
}

}  // namespace
}  // namespace mote::optest
