// FILL through the interpreter: a runtime float value, constant int8 and
// int32 values, int64 dims, and the rejections (runtime dims, dims that do
// not match the output, non-scalar value, unsupported type).
#include <vector>

#include "data_movement_test_util.h"

namespace mote::optest {
namespace {

TEST(FillOp, RuntimeFloatValue) {
  OpTester t;
  const int32_t dims = t.Const<int32_t>("dims", {2}, {2, 3});
  const int32_t value = t.Input("value", kF32, {});
  const int32_t y = t.Output("y", kF32, {2, 3});
  t.Op(kFill, {dims, value}, {y});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Run<float>({-1.25f}), std::vector<float>(6, -1.25f));
}

TEST(FillOp, ConstantValues) {
  {
    OpTester t;
    const int32_t dims = t.Const<int64_t>("dims", {3}, {1, 2, 2});
    const int32_t value = t.Const<int8_t>("value", {}, {-100}, Q(0.5f, 3));
    const int32_t y = t.Output("y", kS8, {1, 2, 2}, Q(0.5f, 3));
    t.Op(kFill, {dims, value}, {y}, {}, 3);
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    ASSERT_EQ(t.Invoke(), Status::kOk);
    EXPECT_EQ(t.GetOutput<int8_t>(0), std::vector<int8_t>(4, -100));
  }
  {
    OpTester t;
    const int32_t dims = t.Const<int32_t>("dims", {1}, {5});
    const int32_t value = t.Const<int32_t>("value", {}, {INT32_MIN});
    const int32_t y = t.Output("y", kS32, {5});
    t.Op(kFill, {dims, value}, {y});
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    ASSERT_EQ(t.Invoke(), Status::kOk);
    EXPECT_EQ(t.GetOutput<int32_t>(0), std::vector<int32_t>(5, INT32_MIN));
  }
}

TEST(FillOp, Rejections) {
  {
    OpTester t;
    const int32_t dims = t.Input("dims", kS32, {2});
    const int32_t value = t.Input("value", kF32, {});
    const int32_t y = t.Output("y", kF32, {2, 3});
    t.Op(kFill, {dims, value}, {y});
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "dims tensor 'dims' must be constant"));
  }
  {
    OpTester t;
    const int32_t dims = t.Const<int32_t>("dims", {2}, {3, 2});
    const int32_t value = t.Input("value", kF32, {});
    const int32_t y = t.Output("y", kF32, {2, 3});
    t.Op(kFill, {dims, value}, {y});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "output 'y' dim 0 is 2, expected 3 from the dims tensor"));
  }
  {
    OpTester t;
    const int32_t dims = t.Const<int32_t>("dims", {1}, {2});
    const int32_t value = t.Input("value", kF32, {1});
    const int32_t y = t.Output("y", kF32, {2});
    t.Op(kFill, {dims, value}, {y});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "value tensor 'value' must be a scalar, has rank 1"));
  }
  {
    OpTester t;
    const int32_t dims = t.Const<int32_t>("dims", {1}, {2});
    const int32_t value = t.Input("value", kS16, {}, Q(0.1f));
    const int32_t y = t.Output("y", kS16, {2}, Q(0.1f));
    t.Op(kFill, {dims, value}, {y});
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "value 'value': expected int8, int32 or float32, got int16"));
  }
  {
    OpTester t;
    const int32_t dims = t.Const<int32_t>("dims", {1}, {0});
    const int32_t value = t.Input("value", kF32, {});
    const int32_t y = t.Output("y", kF32, {0});
    t.Op(kFill, {dims, value}, {y});
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "output 'y' has no elements"));
  }
}

}  // namespace
}  // namespace mote::optest
