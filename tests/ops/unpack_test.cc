// UNPACK through the interpreter: along the first, a middle and a negative
// axis, and the rejections (num vs outputs and the axis dim).
#include <vector>

#include "data_movement_test_util.h"

namespace mote::optest {
namespace {

host::OptionsBuilder UnpackOptions(int num, int axis) {
  return host::MakeOptions([num, axis](auto& fbb) {
    return tflite::CreateUnpackOptions(fbb, num, axis);
  });
}

TEST(UnpackOp, MiddleAxis) {
  OpTester t;
  const int32_t x = t.Input("x", kF32, {3, 2, 2});
  const int32_t a = t.Output("a", kF32, {3, 2});
  const int32_t b = t.Output("b", kF32, {3, 2});
  t.Op(BuiltinOp::kUnpack, {x}, {a, b}, UnpackOptions(2, 1));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<float>(0, Iota<float>(12));
  ASSERT_EQ(t.Invoke(), Status::kOk);
  EXPECT_EQ(t.GetOutput<float>(0), (std::vector<float>{0, 1, 4, 5, 8, 9}));
  EXPECT_EQ(t.GetOutput<float>(1), (std::vector<float>{2, 3, 6, 7, 10, 11}));
}

TEST(UnpackOp, FirstAndNegativeAxis) {
  {
    OpTester t;
    const int32_t x = t.Input("x", kS8, {2, 3}, Q(1.0f, -1));
    const int32_t a = t.Output("a", kS8, {3}, Q(1.0f, -1));
    const int32_t b = t.Output("b", kS8, {3}, Q(1.0f, -1));
    t.Op(BuiltinOp::kUnpack, {x}, {a, b}, UnpackOptions(2, 0), 2);
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    t.SetInput<int8_t>(0, {1, 2, 3, 4, 5, 6});
    ASSERT_EQ(t.Invoke(), Status::kOk);
    EXPECT_EQ(t.GetOutput<int8_t>(0), (std::vector<int8_t>{1, 2, 3}));
    EXPECT_EQ(t.GetOutput<int8_t>(1), (std::vector<int8_t>{4, 5, 6}));
  }
  {
    OpTester t;
    const int32_t x = t.Input("x", kS32, {2, 3});
    std::vector<int32_t> outs;
    for (int i = 0; i < 3; ++i) outs.push_back(t.Output("o" + std::to_string(i), kS32, {2}));
    t.Op(BuiltinOp::kUnpack, {x}, outs, UnpackOptions(3, -1));
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    t.SetInput<int32_t>(0, {1, 2, 3, 4, 5, 6});
    ASSERT_EQ(t.Invoke(), Status::kOk);
    EXPECT_EQ(t.GetOutput<int32_t>(0), (std::vector<int32_t>{1, 4}));
    EXPECT_EQ(t.GetOutput<int32_t>(2), (std::vector<int32_t>{3, 6}));
  }
}

TEST(UnpackOp, Rejections) {
  const auto run = [](int num, int axis, std::vector<int32_t> out_shape,
                      Status status, const char* message) {
    OpTester t;
    const int32_t x = t.Input("x", kF32, {2, 3});
    const int32_t a = t.Output("a", kF32, out_shape);
    const int32_t b = t.Output("b", kF32, out_shape);
    t.Op(BuiltinOp::kUnpack, {x}, {a, b}, UnpackOptions(num, axis));
    EXPECT_TRUE(PrepareFails(t, status, message));
  };
  run(3, 0, {3}, Status::kInvalidModel, "num is 3 but the op has 2 outputs");
  run(2, 1, {2}, Status::kInvalidModel, "input 'x': dim 1 is 3, not num (2)");
  run(2, 0, {1, 3}, Status::kInvalidModel, "output 'a' has rank 2, expected 1");
  run(2, 2, {3}, Status::kInvalidModel, "axis 2 is out of range for rank 2");
}

}  // namespace
}  // namespace mote::optest
