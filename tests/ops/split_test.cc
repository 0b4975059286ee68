// SPLIT through the interpreter: equal pieces along positive and negative
// constant axes, every supported type, and the rejections (runtime axis,
// num_splits vs outputs, uneven split, wrong output shape).
#include <vector>

#include "data_movement_test_util.h"

namespace mote::optest {
namespace {

host::OptionsBuilder SplitOptions(int n) {
  return host::MakeOptions(
      [n](auto& fbb) { return tflite::CreateSplitOptions(fbb, n); });
}

TEST(SplitOp, ThreePiecesAlongTheLastAxis) {
  OpTester t;
  const int32_t axis = t.Const<int32_t>("axis", {}, {1});
  const int32_t x = t.Input("x", kF32, {2, 6});
  const int32_t a = t.Output("a", kF32, {2, 2});
  const int32_t b = t.Output("b", kF32, {2, 2});
  const int32_t c = t.Output("c", kF32, {2, 2});
  t.Op(BuiltinOp::kSplit, {axis, x}, {a, b, c}, SplitOptions(3));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<float>(0, Iota<float>(12));
  ASSERT_EQ(t.Invoke(), Status::kOk);
  EXPECT_EQ(t.GetOutput<float>(0), (std::vector<float>{0, 1, 6, 7}));
  EXPECT_EQ(t.GetOutput<float>(1), (std::vector<float>{2, 3, 8, 9}));
  EXPECT_EQ(t.GetOutput<float>(2), (std::vector<float>{4, 5, 10, 11}));
}

template <typename T>
void NegativeAxis(tflite::TensorType type) {
  OpTester t;
  const Quantization q = type == kS8 || type == kS16 ? Q(0.5f) : Quantization{};
  const int32_t axis = t.Const<int32_t>("axis", {1}, {-3});
  const int32_t x = t.Input("x", type, {4, 1, 2}, q);
  const int32_t a = t.Output("a", type, {2, 1, 2}, q);
  const int32_t b = t.Output("b", type, {2, 1, 2}, q);
  t.Op(BuiltinOp::kSplit, {axis, x}, {a, b}, SplitOptions(2));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<T>(0, Iota<T>(8, -4));
  ASSERT_EQ(t.Invoke(), Status::kOk);
  EXPECT_EQ(t.GetOutput<T>(0), Iota<T>(4, -4));
  EXPECT_EQ(t.GetOutput<T>(1), Iota<T>(4, 0));
}

TEST(SplitOp, NegativeAxisEveryType) {
  NegativeAxis<int8_t>(kS8);
  NegativeAxis<int16_t>(kS16);
  NegativeAxis<int32_t>(kS32);
  NegativeAxis<float>(kF32);
}

TEST(SplitOp, Rejections) {
  const auto run = [](bool runtime_axis, int num_splits, std::vector<int32_t> b_shape,
                      Status status, const char* message) {
    OpTester t;
    const int32_t axis = runtime_axis ? t.Input("axis", kS32, {1})
                                      : t.Const<int32_t>("axis", {1}, {0});
    const int32_t x = t.Input("x", kF32, {4, 3});
    const int32_t a = t.Output("a", kF32, {2, 3});
    const int32_t b = t.Output("b", kF32, std::move(b_shape));
    t.Op(BuiltinOp::kSplit, {axis, x}, {a, b}, SplitOptions(num_splits));
    EXPECT_TRUE(PrepareFails(t, status, message));
  };
  run(true, 2, {2, 3}, Status::kUnsupported, "axis tensor 'axis' must be constant");
  run(false, 3, {2, 3}, Status::kInvalidModel, "num_splits is 3 but the op has 2 outputs");
  run(false, 2, {2, 2}, Status::kInvalidModel, "output 'b' dim 1 is 2, expected 3");
  run(false, 2, {1, 3}, Status::kInvalidModel, "add up to 3 along axis 0");
  {
    OpTester t;
    const int32_t axis = t.Const<int32_t>("axis", {1}, {0});
    const int32_t x = t.Input("x", kF32, {3, 3});
    const int32_t a = t.Output("a", kF32, {1, 3});
    const int32_t b = t.Output("b", kF32, {2, 3});
    t.Op(BuiltinOp::kSplit, {axis, x}, {a, b}, SplitOptions(2));
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "does not split into 2 equal pieces"));
  }
}

}  // namespace
}  // namespace mote::optest
