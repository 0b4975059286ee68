// SLICE through the interpreter: constant begin/size (with -1 and int64),
// bool and int16 inputs, begin/size computed at run time (checked in Eval as
// TFLite Micro does), and the rejections.
#include <vector>

#include "data_movement_test_util.h"

namespace mote::optest {
namespace {

TEST(SliceOp, ConstantBeginAndSize) {
  OpTester t;
  const int32_t x = t.Input("x", kF32, {3, 4});
  const int32_t b = t.Const<int32_t>("begin", {2}, {1, 1});
  const int32_t s = t.Const<int32_t>("size", {2}, {2, -1});
  const int32_t y = t.Output("y", kF32, {2, 3});
  t.Op(BuiltinOp::kSlice, {x, b, s}, {y});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Run<float>(Iota<float>(12)), (std::vector<float>{5, 6, 7, 9, 10, 11}));
}

TEST(SliceOp, Int64IndicesInt16Rank5) {
  OpTester t;
  const int32_t x = t.Input("x", kS16, {2, 1, 3, 1, 2}, Q(0.1f));
  const int32_t b = t.Const<int64_t>("begin", {5}, {1, 0, 1, 0, 1});
  const int32_t s = t.Const<int64_t>("size", {5}, {1, 1, 2, 1, 1});
  const int32_t y = t.Output("y", kS16, {1, 1, 2, 1, 1}, Q(0.1f));
  t.Op(BuiltinOp::kSlice, {x, b, s}, {y}, {}, 5);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Run<int16_t>(Iota<int16_t>(12)), (std::vector<int16_t>{9, 11}));
}

TEST(SliceOp, Bool) {
  OpTester t;
  const int32_t x = t.Input("x", kBool, {4});
  const int32_t b = t.Const<int32_t>("begin", {1}, {2});
  const int32_t s = t.Const<int32_t>("size", {1}, {-1});
  const int32_t y = t.Output("y", kBool, {2});
  t.Op(BuiltinOp::kSlice, {x, b, s}, {y});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Run<uint8_t>({1, 0, 0, 1}), (std::vector<uint8_t>{0, 1}));
}

struct RuntimeModel {
  OpTester t;
  RuntimeModel() {
    const int32_t x = t.Input("x", kS8, {3, 4}, Q(0.5f));
    const int32_t b = t.Input("begin", kS32, {2});
    const int32_t s = t.Input("size", kS32, {2});
    const int32_t y = t.Output("y", kS8, {2, 2}, Q(0.5f));
    t.Op(BuiltinOp::kSlice, {x, b, s}, {y});
  }
};

TEST(SliceOp, RuntimeBeginAndSize) {
  RuntimeModel m;
  ASSERT_EQ(m.t.Prepare(), Status::kOk) << m.t.message();
  m.t.SetInput<int8_t>(0, Iota<int8_t>(12));
  m.t.SetInput<int32_t>(1, {1, 2});
  m.t.SetInput<int32_t>(2, {2, -1});
  ASSERT_EQ(m.t.Invoke(), Status::kOk) << m.t.message();
  EXPECT_EQ(m.t.GetOutput<int8_t>(0), (std::vector<int8_t>{6, 7, 10, 11}));
  // Same element count, another shape: the slab in row-major order (as
  // TFLite Micro, which checks only the count).
  m.t.SetInput<int32_t>(1, {2, 0});
  m.t.SetInput<int32_t>(2, {1, -1});
  ASSERT_EQ(m.t.Invoke(), Status::kOk) << m.t.message();
  EXPECT_EQ(m.t.GetOutput<int8_t>(0), (std::vector<int8_t>{8, 9, 10, 11}));
}

TEST(SliceOp, RuntimeOutOfRangeFailsInvoke) {
  {
    RuntimeModel m;
    ASSERT_EQ(m.t.Prepare(), Status::kOk);
    m.t.SetInput<int8_t>(0, Iota<int8_t>(12));
    m.t.SetInput<int32_t>(1, {2, 3});
    m.t.SetInput<int32_t>(2, {2, 2});
    EXPECT_TRUE(InvokeFails(m.t, Status::kInvalidArgument, "begin/size of dim 0 are out of range"));
  }
  {
    RuntimeModel m;
    ASSERT_EQ(m.t.Prepare(), Status::kOk);
    m.t.SetInput<int8_t>(0, Iota<int8_t>(12));
    m.t.SetInput<int32_t>(1, {-1, 0});
    m.t.SetInput<int32_t>(2, {1, 1});
    EXPECT_TRUE(InvokeFails(m.t, Status::kInvalidArgument, "begin/size of dim 0 are out of range"));
  }
  {
    RuntimeModel m;
    ASSERT_EQ(m.t.Prepare(), Status::kOk);
    m.t.SetInput<int8_t>(0, Iota<int8_t>(12));
    m.t.SetInput<int32_t>(1, {0, 0});
    m.t.SetInput<int32_t>(2, {3, 3});
    EXPECT_TRUE(InvokeFails(m.t, Status::kInvalidArgument, "begin/size select 9 elements, the output holds 4"));
  }
}

TEST(SliceOp, Rejections) {
  const auto run = [](std::vector<int32_t> begin, std::vector<int32_t> size,
                      std::vector<int32_t> out, Status status, const char* message) {
    OpTester t;
    const int32_t x = t.Input("x", kF32, {3, 4});
    const int32_t b = t.Const<int32_t>("begin", {static_cast<int32_t>(begin.size())}, begin);
    const int32_t s = t.Const<int32_t>("size", {static_cast<int32_t>(size.size())}, size);
    const int32_t y = t.Output("y", kF32, std::move(out));
    t.Op(BuiltinOp::kSlice, {x, b, s}, {y});
    EXPECT_TRUE(PrepareFails(t, status, message));
  };
  run({0, 4}, {1, 1}, {1, 1}, Status::kInvalidModel, "dim 1 is out of range for input 'x'");
  run({1, 0}, {3, 1}, {3, 1}, Status::kInvalidModel, "dim 0 is out of range");
  run({0, 0}, {1, -2}, {1, 1}, Status::kInvalidModel, "dim 1 is out of range");
  run({0, 0}, {2, 2}, {2, 3}, Status::kInvalidModel, "output 'y' dim 1 is 3, expected 2");
  run({0}, {1}, {1, 4}, Status::kInvalidModel, "expected a vector of 2 entries");
  run({0, 0}, {0, 4}, {0, 4}, Status::kUnsupported, "output 'y' has no elements");
}

}  // namespace
}  // namespace mote::optest
