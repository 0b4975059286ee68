// RESHAPE through the interpreter: the shape from a constant shape tensor,
// from the new_shape option, or only from the output tensor; -1 and scalar
// shapes; every element type; a RESHAPE between two planned buffers inside
// a graph; and Prepare's rejections.
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

template <typename T>
std::vector<T> Iota(int n, int start = 0) {
  std::vector<T> v;
  for (int i = 0; i < n; ++i) v.push_back(static_cast<T>(start + i));
  return v;
}

TEST(ReshapeOp, ShapeTensorOptionOrOutputOnly) {
  // Shape tensor, with and without a -1.
  for (const std::vector<int32_t>& requested :
       {std::vector<int32_t>{3, 4}, std::vector<int32_t>{-1, 4}, std::vector<int32_t>{3, -1}}) {
    OpTester t;
    const int32_t x = t.Input("x", kF32, {2, 6});
    const int32_t s = t.Const<int32_t>("shape", {2}, requested);
    const int32_t y = t.Output("y", kF32, {3, 4});
    t.Op(BuiltinOp::kReshape, {x, s}, {y});
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    EXPECT_EQ(t.Run<float>(Iota<float>(12)), Iota<float>(12));
    EXPECT_EQ(t.interp().output(0)->shape(), MakeShape({3, 4}));
  }
  {
    OpTester t;
    const int32_t x = t.Input("x", kS8, {1, 2, 2, 3}, Q(0.5f, 1));
    const int32_t y = t.Output("y", kS8, {1, 12}, Q(0.5f, 1));
    t.Op(BuiltinOp::kReshape, {x}, {y}, host::ReshapeOptions({1, -1}));
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    EXPECT_EQ(t.Run<int8_t>(Iota<int8_t>(12, -6)), Iota<int8_t>(12, -6));
  }
  {
    // Neither a shape tensor nor options: the output tensor's shape.
    OpTester t;
    const int32_t x = t.Input("x", kS32, {4, 1});
    const int32_t y = t.Output("y", kS32, {2, 2});
    t.Op(BuiltinOp::kReshape, {x}, {y});
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    EXPECT_EQ(t.Run<int32_t>({1, -2, 3, -4}), (std::vector<int32_t>{1, -2, 3, -4}));
  }
  {
    // int64 shape tensor to a scalar-like [1].
    OpTester t;
    const int32_t x = t.Input("x", kF32, {1, 1, 1});
    const int32_t s = t.Const<int64_t>("shape", {1}, {int64_t{1}});
    const int32_t y = t.Output("y", kF32, {1});
    t.Op(BuiltinOp::kReshape, {x, s}, {y});
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    EXPECT_EQ(t.Run<float>({42.0f}), (std::vector<float>{42.0f}));
  }
  {
    // To a true scalar (empty shape tensor is not constant data; use the
    // option, where the legacy [0] means a scalar).
    OpTester t;
    const int32_t x = t.Input("x", kF32, {1, 1});
    const int32_t y = t.Output("y", kF32, {});
    t.Op(BuiltinOp::kReshape, {x}, {y}, host::ReshapeOptions({0}));
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    EXPECT_EQ(t.Run<float>({-3.0f}), (std::vector<float>{-3.0f}));
  }
}

TEST(ReshapeOp, EveryElementType) {
  {
    OpTester t;
    t.Input("x", kS16, {2, 2}, Q(0.1f, 0));
    t.Output("y", kS16, {4}, Q(0.1f, 0));
    t.Op(BuiltinOp::kReshape, {0}, {1});
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    EXPECT_EQ(t.Run<int16_t>({-30000, 1, 2, 30000}), (std::vector<int16_t>{-30000, 1, 2, 30000}));
  }
  {
    OpTester t;
    t.Input("x", kS64, {2, 1});
    t.Output("y", kS64, {1, 2});
    t.Op(BuiltinOp::kReshape, {0}, {1});
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    EXPECT_EQ(t.Run<int64_t>({int64_t{1} << 40, -7}), (std::vector<int64_t>{int64_t{1} << 40, -7}));
  }
  {
    OpTester t;
    t.Input("x", kBool, {3});
    t.Output("y", kBool, {3, 1});
    t.Op(BuiltinOp::kReshape, {0}, {1});
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    EXPECT_EQ(t.Run<uint8_t>({1, 0, 1}), (std::vector<uint8_t>{1, 0, 1}));
  }
}

// x -> ADD -> a [2, 6] -> RESHAPE -> b [3, 4] -> MUL -> y. a and b are live
// at the same time, so they get different buffers: the bytes must move.
TEST(ReshapeOp, BetweenTwoPlannedBuffers) {
  OpTester t;
  const int32_t x = t.Input("x", kF32, {2, 6});
  const int32_t one = t.Const<float>("one", {}, {1.0f});
  const int32_t a = t.Temp("a", kF32, {2, 6});
  const int32_t shape = t.Const<int32_t>("shape", {2}, {3, 4});
  const int32_t b = t.Temp("b", kF32, {3, 4});
  const int32_t two = t.Const<float>("two", {4}, {1, 2, 3, 4});
  const int32_t y = t.Output("y", kF32, {3, 4});
  t.Op(BuiltinOp::kAdd, {x, one}, {a}, host::AddOptions());
  t.Op(BuiltinOp::kReshape, {a, shape}, {b});
  t.Op(BuiltinOp::kMul, {b, two}, {y}, host::MulOptions());
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  ASSERT_GE(t.interp().planned_offset(a), 0);
  ASSERT_GE(t.interp().planned_offset(b), 0);
  EXPECT_NE(t.interp().planned_offset(a), t.interp().planned_offset(b));
  const std::vector<float> got = t.Run<float>(Iota<float>(12));
  std::vector<float> want;
  for (int i = 0; i < 12; ++i) want.push_back(static_cast<float>((i + 1) * (i % 4 + 1)));
  EXPECT_EQ(got, want);
  // Twice: the second Invoke sees the same data (no stale aliasing).
  EXPECT_EQ(t.Run<float>(Iota<float>(12)), want);
}

// Graph input straight to graph output through RESHAPE, int8.
TEST(ReshapeOp, InputToOutputS8) {
  OpTester t;
  const int32_t x = t.Input("x", kS8, {2, 3}, Q(0.1f, -5));
  const int32_t s = t.Const<int32_t>("shape", {3}, {3, 1, 2});
  const int32_t y = t.Output("y", kS8, {3, 1, 2}, Q(0.1f, -5));
  t.Op(BuiltinOp::kReshape, {x, s}, {y});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Run<int8_t>({-128, -1, 0, 1, 2, 127}), (std::vector<int8_t>{-128, -1, 0, 1, 2, 127}));
}

// Zero elements in, zero out: nothing to copy, nothing to crash.
TEST(ReshapeOp, ZeroSizeTensors) {
  OpTester t;
  t.Input("x", kF32, {0, 3});
  t.Output("y", kF32, {3, 0});
  t.Op(BuiltinOp::kReshape, {0}, {1});
  const Status s = t.Prepare();
  if (s == Status::kOk) {
    EXPECT_EQ(t.Invoke(), Status::kOk);
  } else {
    EXPECT_FALSE(t.message().empty());
  }
}

// --- rejections -------------------------------------------------------------

TEST(ReshapeOp, RejectsElementCounts) {
  {
    OpTester t;
    t.Input("x", kF32, {2, 3});
    t.Output("y", kF32, {5});
    t.Op(BuiltinOp::kReshape, {0}, {1});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "output 'y' has 5 elements, input 'x' has 6"));
  }
  {
    OpTester t;
    const int32_t x = t.Input("x", kF32, {2, 3});
    const int32_t s = t.Const<int32_t>("shape", {2}, {4, 2});
    const int32_t y = t.Output("y", kF32, {6});
    t.Op(BuiltinOp::kReshape, {x, s}, {y});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "shape tensor asks for 8 elements, the input has 6"));
  }
  {
    OpTester t;
    const int32_t x = t.Input("x", kF32, {2, 3});
    const int32_t s = t.Const<int32_t>("shape", {2}, {-1, -1});
    const int32_t y = t.Output("y", kF32, {6});
    t.Op(BuiltinOp::kReshape, {x, s}, {y});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "shape tensor has more than one -1 dimension"));
  }
  {
    OpTester t;
    const int32_t x = t.Input("x", kF32, {2, 3});
    const int32_t s = t.Const<int32_t>("shape", {2}, {-1, 4});
    const int32_t y = t.Output("y", kF32, {6});
    t.Op(BuiltinOp::kReshape, {x, s}, {y});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "shape tensor: the -1 dimension cannot hold 6 input elements"));
  }
  {
    OpTester t;
    const int32_t x = t.Input("x", kF32, {2, 3});
    const int32_t s = t.Const<int32_t>("shape", {2}, {-2, -3});
    const int32_t y = t.Output("y", kF32, {6});
    t.Op(BuiltinOp::kReshape, {x, s}, {y});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "shape tensor: dimension 0 is -2"));
  }
  {
    OpTester t;
    t.Input("x", kF32, {2, 3});
    t.Output("y", kF32, {6});
    t.Op(BuiltinOp::kReshape, {0}, {1}, host::ReshapeOptions({7}));
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "new_shape option asks for 7 elements, the input has 6"));
  }
  {
    OpTester t;
    const int32_t x = t.Input("x", kF32, {1});
    const int32_t y = t.Output("y", kF32, {0});
    t.Op(BuiltinOp::kReshape, {x}, {y});
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "output 'y' has the legacy shape [0] for a scalar"));
  }
}

TEST(ReshapeOp, RejectsTypesAndCounts) {
  {
    OpTester t;
    t.Input("x", kF32, {2, 3});
    t.Output("y", kS32, {6});
    t.Op(BuiltinOp::kReshape, {0}, {1});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "input 'x' is float32 but output 'y' is int32"));
  }
  {
    OpTester t;
    const int32_t x = t.Input("x", kF32, {2, 3});
    const int32_t s = t.Const<float>("shape", {2}, {3.0f, 2.0f});
    const int32_t y = t.Output("y", kF32, {3, 2});
    t.Op(BuiltinOp::kReshape, {x, s}, {y});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "shape tensor 'shape': expected int32 or int64, got float32"));
  }
  {
    OpTester t;
    const int32_t x = t.Input("x", kF32, {2, 3});
    const int32_t s = t.Const<int32_t>("shape", {2}, {3, 2});
    const int32_t y = t.Output("y", kF32, {3, 2});
    t.Op(BuiltinOp::kReshape, {x, s, s}, {y});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "expected 1 or 2 inputs, got 3"));
  }
  {
    OpTester t;
    const int32_t x = t.Input("x", kF32, {2, 3});
    const int32_t y = t.Output("y", kF32, {3, 2});
    const int32_t y2 = t.Output("y2", kF32, {3, 2});
    t.Op(BuiltinOp::kReshape, {x}, {y, y2});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "expected 1 output, got 2"));
  }
  {
    OpTester t;
    const int32_t x = t.Input("x", kF32, {2, 3});
    const int32_t y = t.Output("y", kF32, {3, 2});
    t.Op(BuiltinOp::kReshape, {x}, {y}, {}, 2);
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "RESHAPE version 2"));
  }
}

// RESHAPE copies bytes; an int8 output quantized differently from its input
// would silently relabel the values (TFLite Micro does not check either,
// but mote's CONCATENATION and LOGISTIC refuse such silent mislabelling).
TEST(ReshapeOp, RejectsInt8QuantizationChange) {
  OpTester t;
  t.Input("x", kS8, {2, 3}, Q(0.1f, 0));
  t.Output("y", kS8, {6}, Q(0.2f, 0));
  t.Op(BuiltinOp::kReshape, {0}, {1});
  const Status s = t.Prepare();
  EXPECT_NE(s, Status::kOk);
  EXPECT_NE(t.message().find("'y'"), std::string::npos) << t.message();
}

}  // namespace
}  // namespace mote::optest
