// SQUARED_DIFFERENCE through the interpreter: float32, int8 and int32 over
// every broadcast shape pair, int16, and Prepare's rejections.
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

// Not in host::BuiltinOp (the writer takes any code).
constexpr BuiltinOp kSquaredDifference = static_cast<BuiltinOp>(99);

BinaryCase Case(std::vector<int32_t> a, std::vector<int32_t> b) {
  BinaryCase c;
  c.op = kSquaredDifference;
  c.version = 2;
  c.a = std::move(a);
  c.b = std::move(b);
  return c;
}

double SquaredDifference(double a, double b) { return (a - b) * (a - b); }

TEST(SquaredDifferenceOp, BroadcastShapesF32S8S32) {
  uint32_t seed = 1;
  for (const auto& [a, b] : BroadcastShapePairs()) {
    SCOPED_TRACE(testing::Message() << "ranks " << a.size() << " and " << b.size());
    const BinaryCase c = Case(a, b);
    RunBinaryF32(c, SquaredDifference, seed++);
    RunBinaryS8(c, SquaredDifference, seed++, 0.05f, -3, 0.02f, 17);
    // int32 squares wrap like the hardware's (the inputs reach 80000^2).
    RunBinaryS32(c, [](int64_t x, int64_t y) {
      const uint32_t d = static_cast<uint32_t>(x - y);
      return int64_t{static_cast<int32_t>(d * d)};
    }, seed++);
  }
}

TEST(SquaredDifferenceOp, Int16) {
  OpTester t;
  t.Input("a", kS16, {4}, Q(0.01f, 0));
  t.Input("b", kS16, {1}, Q(0.01f, 0));
  t.Output("y", kS16, {4}, Q(0.05f, 0));
  t.Op(kSquaredDifference, {0, 1}, {2});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<int16_t>(0, {100, 200, -300, 32767});
  t.SetInput<int16_t>(1, {100});
  ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
  // Reals (a - 1)^2 / 0.05: 0, 1 / 0.05 = 20, 16 / 0.05 = 320, saturated.
  EXPECT_EQ(t.GetOutput<int16_t>(0), (std::vector<int16_t>{0, 20, 320, 32767}));
}

TEST(SquaredDifferenceOp, Rejections) {
  {
    OpTester t;
    t.Input("a", kS16, {2}, Q(0.1f, 3));
    t.Input("b", kS16, {2}, Q(0.1f, 0));
    t.Output("y", kS16, {2}, Q(0.1f, 0));
    t.Op(kSquaredDifference, {0, 1}, {2});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "input 'a': int16 zero point 3 is outside [0, 0]"));
  }
  {
    OpTester t;
    t.Input("a", kS8, {2}, Q(0.1f, 0));
    t.Input("b", kS8, {2}, Q(0.1f, 0));
    t.Output("y", kS8, {2});
    t.Op(kSquaredDifference, {0, 1}, {2});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "output 'y': int8 needs per-tensor quantization (1 scale), got 0"));
  }
  {
    OpTester t;
    t.Input("a", kS8, {2}, Q(100.0f, 0));
    t.Input("b", kS8, {2}, Q(100.0f, 0));
    t.Output("y", kS8, {2}, Q(1e-12f, 0));
    t.Op(kSquaredDifference, {0, 1}, {2});
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "is too large"));
  }
  {
    OpTester t;
    t.Input("a", kBool, {2});
    t.Input("b", kBool, {2});
    t.Output("y", kBool, {2});
    t.Op(kSquaredDifference, {0, 1}, {2});
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "got bool"));
  }
}

}  // namespace
}  // namespace mote::optest
