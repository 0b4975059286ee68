// ZEROS_LIKE through the interpreter: every supported type, the raw 0 for
// int8 whatever its zero point, and the rejections.
#include <vector>

#include "data_movement_test_util.h"

namespace mote::optest {
namespace {

template <typename T>
void RunZeros(tflite::TensorType type, Quantization q = {}) {
  OpTester t;
  t.Input("x", type, {2, 3}, q);
  t.Output("y", type, {2, 3}, q);
  t.Op(kZerosLike, {0}, {1});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Run<T>(Iota<T>(6, 1)), std::vector<T>(6, T{0}));
}

TEST(ZerosLikeOp, EveryType) {
  RunZeros<float>(kF32);
  RunZeros<int32_t>(kS32);
  RunZeros<int64_t>(kS64);
  RunZeros<int8_t>(kS8, Q(0.1f, 5));  // stored 0, as TFLite (not the zero point)
}

TEST(ZerosLikeOp, Rejections) {
  {
    OpTester t;
    t.Input("x", kS16, {2}, Q(0.1f));
    t.Output("y", kS16, {2}, Q(0.1f));
    t.Op(kZerosLike, {0}, {1});
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "input 'x': expected int8, int32, int64 or float32, got int16"));
  }
  {
    OpTester t;
    t.Input("x", kF32, {2});
    t.Output("y", kS32, {2});
    t.Op(kZerosLike, {0}, {1});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "output 'y' must have the type of input 'x' (float32)"));
  }
  {
    OpTester t;
    t.Input("x", kF32, {0, 2});
    t.Output("y", kF32, {0, 2});
    t.Op(kZerosLike, {0}, {1});
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "input 'x' has no elements"));
  }
}

}  // namespace
}  // namespace mote::optest
