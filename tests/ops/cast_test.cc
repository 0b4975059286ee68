// CAST through the interpreter: float32 to int8 (truncation, wrapping of
// out-of-range values as on x86-64), bool to float32, int8 to int32 and
// uint32, and the rejections.
#include <vector>

#include "data_movement_test_util.h"

namespace mote::optest {
namespace {

template <typename From, typename To>
std::vector<To> RunCast(tflite::TensorType from, tflite::TensorType to,
                    const std::vector<From>& in, int version = 1) {
  OpTester t;
  const int32_t n = static_cast<int32_t>(in.size());
  t.Input("x", from, {n});
  t.Output("y", to, {n});
  t.Op(BuiltinOp::kCast, {0}, {1}, {}, version);
  EXPECT_EQ(t.Prepare(), Status::kOk) << t.message();
  return t.Run<From, To>(in);
}

TEST(CastOp, FloatToInt8) {
  EXPECT_EQ((RunCast<float, int8_t>(kF32, kS8, {1.9f, -1.9f, 127.0f, -128.0f, 300.0f}, 3)),
            (std::vector<int8_t>{1, -1, 127, -128, 44}));
}

TEST(CastOp, BoolAndIntegers) {
  EXPECT_EQ((RunCast<uint8_t, float>(kBool, kF32, {0, 1, 1, 0})),
            (std::vector<float>{0, 1, 1, 0}));
  EXPECT_EQ((RunCast<int8_t, int32_t>(kS8, kS32, {-128, 0, 127}, 3)),
            (std::vector<int32_t>{-128, 0, 127}));
  EXPECT_EQ((RunCast<int8_t, uint32_t>(kS8, tflite::TensorType_UINT32, {-1, 2}, 3)),
            (std::vector<uint32_t>{0xFFFFFFFFu, 2u}));
  EXPECT_EQ((RunCast<int32_t, float>(kS32, kF32, {16777217, -3})),
            (std::vector<float>{16777216.0f, -3.0f}));
  EXPECT_EQ((RunCast<int16_t, int16_t>(kS16, kS16, {-32768, 5})),
            (std::vector<int16_t>{-32768, 5}));
}

TEST(CastOp, Rejections) {
  const auto run = [](tflite::TensorType from, tflite::TensorType to,
                      std::vector<int32_t> out_shape, Status status, const char* message) {
    OpTester t;
    t.Input("x", from, {2, 2});
    t.Output("y", to, std::move(out_shape));
    t.Op(BuiltinOp::kCast, {0}, {1});
    EXPECT_TRUE(PrepareFails(t, status, message));
  };
  run(kF32, kBool, {2, 2}, Status::kUnsupported, "output 'y': expected int8, int16, int32, uint32 or float32, got bool");
  run(kS64, kF32, {2, 2}, Status::kUnsupported, "input 'x': expected int8, int16, int32, uint32, float32 or bool, got int64");
  run(kF32, kS32, {4}, Status::kInvalidModel, "output 'y' has rank 1, expected 2");
}

}  // namespace
}  // namespace mote::optest
