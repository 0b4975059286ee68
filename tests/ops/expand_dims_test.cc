// EXPAND_DIMS through the interpreter: positive, negative (-1 appends) and
// int64 axes, int8/int16/float32, and the rejections (runtime axis, axis out
// of range, wrong output shape, unsupported type, zero-size input).
#include <vector>

#include "data_movement_test_util.h"

namespace mote::optest {
namespace {

template <typename T>
void RunExpand(tflite::TensorType type, std::vector<int32_t> in_shape, int64_t axis,
         bool axis_is_int64, std::vector<int32_t> out_shape) {
  OpTester t;
  const Quantization q = type == kF32 ? Quantization{} : Q(0.25f);
  const int32_t x = t.Input("x", type, in_shape, q);
  const int32_t a = axis_is_int64
                        ? t.Const<int64_t>("axis", {1}, {axis})
                        : t.Const<int32_t>("axis", {}, {static_cast<int32_t>(axis)});
  const int32_t y = t.Output("y", type, out_shape, q);
  t.Op(BuiltinOp::kExpandDims, {x, a}, {y});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<T> in = Iota<T>(Count(in_shape), -3);
  EXPECT_EQ(t.Run<T>(in), in);
}

TEST(ExpandDimsOp, EveryAxisForm) {
  RunExpand<float>(kF32, {2, 3}, 0, false, {1, 2, 3});
  RunExpand<float>(kF32, {2, 3}, 1, false, {2, 1, 3});
  RunExpand<float>(kF32, {2, 3}, 2, false, {2, 3, 1});
  RunExpand<int8_t>(kS8, {2, 3}, -1, false, {2, 3, 1});
  RunExpand<int8_t>(kS8, {2, 3}, -3, true, {1, 2, 3});
  RunExpand<int16_t>(kS16, {4}, 0, true, {1, 4});
}

TEST(ExpandDimsOp, Rejections) {
  struct Model {
    OpTester t;
    int32_t x, a, y;
    Model(tflite::TensorType type = kF32, std::vector<int32_t> out = {1, 2, 3}) {
      x = t.Input("x", type, {2, 3});
      a = t.Const<int32_t>("axis", {1}, {0});
      y = t.Output("y", type, std::move(out));
    }
    void Op() { t.Op(BuiltinOp::kExpandDims, {x, a}, {y}); }
  };
  {
    Model m;
    m.a = m.t.Input("runtime_axis", kS32, {1});
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "axis tensor 'runtime_axis' must be constant"));
  }
  {
    Model m;
    m.a = m.t.Const<int32_t>("far_axis", {1}, {3});
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "axis 3 is out of range for rank 3"));
  }
  {
    Model m;
    m.a = m.t.Const<int32_t>("two_axes", {2}, {0, 1});
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "at most 1 are allowed"));
  }
  {
    Model m(kF32, {2, 1, 3});
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y' dim 0 is 2, expected 1"));
  }
  {
    Model m(kS32);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'x': expected int8, int16 or float32, got int32"));
  }
  {
    OpTester t;
    const int32_t x = t.Input("x", kF32, {0, 3});
    const int32_t a = t.Const<int32_t>("axis", {1}, {0});
    const int32_t y = t.Output("y", kF32, {1, 0, 3});
    t.Op(BuiltinOp::kExpandDims, {x, a}, {y});
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "input 'x' has no elements"));
  }
}

}  // namespace
}  // namespace mote::optest
