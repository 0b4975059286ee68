// MAXIMUM and MINIMUM through the interpreter: float32 and int32 against
// double over every broadcast shape pair, int8/int16/int64 raw values, and
// Prepare's rejections.
#include <limits>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

BinaryCase Case(BuiltinOp op, std::vector<int32_t> a, std::vector<int32_t> b) {
  BinaryCase c;
  c.op = op;
  c.a = std::move(a);
  c.b = std::move(b);
  return c;
}

TEST(MaximumMinimumOp, BroadcastShapesF32S32) {
  uint32_t seed = 1;
  for (const auto& [a, b] : BroadcastShapePairs()) {
    SCOPED_TRACE(testing::Message() << "ranks " << a.size() << " and " << b.size());
    RunBinaryF32(Case(BuiltinOp::kMaximum, a, b), [](double x, double y) { return std::max(x, y); }, seed++);
    RunBinaryF32(Case(BuiltinOp::kMinimum, a, b), [](double x, double y) { return std::min(x, y); }, seed++);
    RunBinaryS32(Case(BuiltinOp::kMaximum, a, b), [](int64_t x, int64_t y) { return std::max(x, y); }, seed++);
    RunBinaryS32(Case(BuiltinOp::kMinimum, a, b), [](int64_t x, int64_t y) { return std::min(x, y); }, seed++);
  }
}

// Quantized inputs are compared raw (one quantization for all three, as a
// converter writes them).
TEST(MaximumMinimumOp, Int8Int16Int64Raw) {
  for (BuiltinOp op : {BuiltinOp::kMaximum, BuiltinOp::kMinimum}) {
    const bool max = op == BuiltinOp::kMaximum;
    {
      OpTester t;
      t.Input("a", kS8, {2, 2}, Q(0.1f, -3));
      t.Input("b", kS8, {2}, Q(0.1f, -3));
      t.Output("y", kS8, {2, 2}, Q(0.1f, -3));
      t.Op(op, {0, 1}, {2}, {}, 2);
      ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
      t.SetInput<int8_t>(0, {-128, 5, 127, -7});
      t.SetInput<int8_t>(1, {0, 0});
      ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
      EXPECT_EQ(t.GetOutput<int8_t>(0),
                (max ? std::vector<int8_t>{0, 5, 127, 0} : std::vector<int8_t>{-128, 0, 0, -7}));
    }
    {
      OpTester t;
      t.Input("a", kS16, {3}, Q(1.0f / 32768, 0));
      t.Input("b", kS16, {}, Q(1.0f / 32768, 0));
      t.Output("y", kS16, {3}, Q(1.0f / 32768, 0));
      t.Op(op, {0, 1}, {2}, {}, 4);
      ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
      t.SetInput<int16_t>(0, {-32768, 100, 32767});
      t.SetInput<int16_t>(1, {99});
      ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
      EXPECT_EQ(t.GetOutput<int16_t>(0),
                (max ? std::vector<int16_t>{99, 100, 32767} : std::vector<int16_t>{-32768, 99, 99}));
    }
    {
      OpTester t;
      t.Input("a", kS64, {2});
      t.Input("b", kS64, {2});
      t.Output("y", kS64, {2});
      t.Op(op, {0, 1}, {2});
      ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
      t.SetInput<int64_t>(0, {int64_t{1} << 50, -1});
      t.SetInput<int64_t>(1, {(int64_t{1} << 50) + 1, std::numeric_limits<int64_t>::min()});
      ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
      const std::vector<int64_t> want =
          max ? std::vector<int64_t>{(int64_t{1} << 50) + 1, -1}
              : std::vector<int64_t>{int64_t{1} << 50, std::numeric_limits<int64_t>::min()};
      EXPECT_EQ(t.GetOutput<int64_t>(0), want);
    }
  }
}

TEST(MaximumMinimumOp, ZeroSizeTensorsGiveEmptyOutputs) {
  OpTester t;
  t.Input("a", kF32, {0, 3});
  t.Input("b", kF32, {3});
  t.Output("y", kF32, {0, 3});
  t.Op(BuiltinOp::kMaximum, {0, 1}, {2});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<float>(1, {1, 2, 3});
  EXPECT_EQ(t.Invoke(), Status::kOk) << t.message();
  EXPECT_TRUE(t.GetOutput<float>(0).empty());
}

TEST(MaximumMinimumOp, Rejections) {
  {
    OpTester t;
    t.Input("a", kU8, {2});
    t.Input("b", kU8, {2});
    t.Output("y", kU8, {2});
    t.Op(BuiltinOp::kMaximum, {0, 1}, {2});
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "input 'a': expected float32, int8, int16, int32 or int64, got uint8"));
  }
  {
    OpTester t;
    t.Input("a", kF32, {2});
    t.Input("b", kS32, {2});
    t.Output("y", kF32, {2});
    t.Op(BuiltinOp::kMinimum, {0, 1}, {2});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "input 'b': expected float32, got int32"));
  }
  {
    OpTester t;
    t.Input("a", kF32, {2, 3});
    t.Input("b", kF32, {2});
    t.Output("y", kF32, {2, 3});
    t.Op(BuiltinOp::kMinimum, {0, 1}, {2});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "inputs 'a' and 'b' have shapes that do not broadcast"));
  }
  {
    OpTester t;
    t.Input("a", kF32, {2, 3});
    t.Input("b", kF32, {3});
    t.Output("y", kF32, {3, 2});
    t.Op(BuiltinOp::kMaximum, {0, 1}, {2});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "output 'y': shape is not the broadcast shape of the inputs"));
  }
  {
    OpTester t;
    t.Input("a", kF32, {2});
    t.Output("y", kF32, {2});
    t.Op(BuiltinOp::kMaximum, {0}, {1});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "expected 2 inputs, got 1"));
  }
  {
    OpTester t;
    t.Input("a", kF32, {2});
    t.Input("b", kF32, {2});
    t.Output("y", kF32, {2});
    t.Op(BuiltinOp::kMaximum, {0, 1}, {2}, {}, 5);
    EXPECT_EQ(t.Prepare(), Status::kUnsupported) << t.message();
    EXPECT_NE(t.message().find("version 5"), std::string::npos) << t.message();
  }
}

}  // namespace
}  // namespace mote::optest
