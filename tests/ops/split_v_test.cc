// SPLIT_V through the interpreter: sizes with a -1 entry, a negative axis,
// sizes computed at run time (ignored, as TFLite Micro), and the rejections.
#include <vector>

#include "data_movement_test_util.h"

namespace mote::optest {
namespace {

host::OptionsBuilder SplitVOptions(int n) {
  return host::MakeOptions(
      [n](auto& fbb) { return tflite::CreateSplitVOptions(fbb, n); });
}

TEST(SplitVOp, SizesWithInferredEntryAlongNegativeAxis) {
  OpTester t;
  const int32_t x = t.Input("x", kS8, {3, 5}, Q(0.1f, 1));
  const int32_t sizes = t.Const<int32_t>("sizes", {3}, {1, -1, 2});
  const int32_t axis = t.Const<int32_t>("axis", {}, {-1});
  const int32_t a = t.Output("a", kS8, {3, 1}, Q(0.1f, 1));
  const int32_t b = t.Output("b", kS8, {3, 2}, Q(0.1f, 1));
  const int32_t c = t.Output("c", kS8, {3, 2}, Q(0.1f, 1));
  t.Op(BuiltinOp::kSplitV, {x, sizes, axis}, {a, b, c}, SplitVOptions(3), 2);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<int8_t>(0, Iota<int8_t>(15));
  ASSERT_EQ(t.Invoke(), Status::kOk);
  EXPECT_EQ(t.GetOutput<int8_t>(0), (std::vector<int8_t>{0, 5, 10}));
  EXPECT_EQ(t.GetOutput<int8_t>(1), (std::vector<int8_t>{1, 2, 6, 7, 11, 12}));
  EXPECT_EQ(t.GetOutput<int8_t>(2), (std::vector<int8_t>{3, 4, 8, 9, 13, 14}));
}

TEST(SplitVOp, RuntimeSizesFollowTheOutputs) {
  OpTester t;
  const int32_t x = t.Input("x", kS16, {4, 2}, Q(0.1f));
  const int32_t sizes = t.Input("sizes", kS32, {2});
  const int32_t axis = t.Const<int64_t>("axis", {1}, {0});
  const int32_t a = t.Output("a", kS16, {3, 2}, Q(0.1f));
  const int32_t b = t.Output("b", kS16, {1, 2}, Q(0.1f));
  t.Op(BuiltinOp::kSplitV, {x, sizes, axis}, {a, b}, SplitVOptions(2));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<int16_t>(0, Iota<int16_t>(8, 100));
  t.SetInput<int32_t>(1, {3, 1});
  ASSERT_EQ(t.Invoke(), Status::kOk);
  EXPECT_EQ(t.GetOutput<int16_t>(0), Iota<int16_t>(6, 100));
  EXPECT_EQ(t.GetOutput<int16_t>(1), Iota<int16_t>(2, 106));
}

TEST(SplitVOp, Rejections) {
  const auto run = [](std::vector<int32_t> size_values, bool runtime_axis,
                      Status status, const char* message) {
    OpTester t;
    const int32_t x = t.Input("x", kF32, {4, 3});
    const int32_t sizes = t.Const<int32_t>("sizes", {2}, size_values);
    const int32_t axis = runtime_axis ? t.Input("axis", kS32, {})
                                      : t.Const<int32_t>("axis", {}, {0});
    const int32_t a = t.Output("a", kF32, {1, 3});
    const int32_t b = t.Output("b", kF32, {3, 3});
    t.Op(BuiltinOp::kSplitV, {x, sizes, axis}, {a, b}, SplitVOptions(2));
    EXPECT_TRUE(PrepareFails(t, status, message));
  };
  run({2, 2}, false, Status::kInvalidModel,
      "size_splits tensor 'sizes': entry 0 is 2, output 0 has 1 along axis 0");
  run({-1, -1}, false, Status::kInvalidModel, "entry 1 is -1");
  run({1, 3}, true, Status::kUnsupported, "axis tensor 'axis' must be constant");
}

}  // namespace
}  // namespace mote::optest
