// SPACE_TO_DEPTH through the interpreter: float32 and int8, and the
// rejections.
#include <vector>

#include "data_movement_test_util.h"

namespace mote::optest {
namespace {

host::OptionsBuilder BlockSize(int bs) {
  return host::MakeOptions(
      [bs](auto& fbb) { return tflite::CreateSpaceToDepthOptions(fbb, bs); });
}

TEST(SpaceToDepthOp, FloatAndInt8) {
  {
    OpTester t;
    t.Input("x", kF32, {1, 2, 2, 2});
    t.Output("y", kF32, {1, 1, 1, 8});
    t.Op(BuiltinOp::kSpaceToDepth, {0}, {1}, BlockSize(2));
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    const std::vector<float> in = {1.4f, 2.3f, 3.2f, 4.1f, 5.4f, 6.3f, 7.2f, 8.1f};
    EXPECT_EQ(t.Run<float>(in), in);
  }
  {
    OpTester t;
    t.Input("x", kS8, {1, 4, 4, 1}, Q(1.0f));
    t.Output("y", kS8, {1, 2, 2, 4}, Q(1.0f));
    t.Op(BuiltinOp::kSpaceToDepth, {0}, {1}, BlockSize(2), 2);
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    EXPECT_EQ(t.Run<int8_t>(Iota<int8_t>(16, 1)),
              (std::vector<int8_t>{1, 2, 5, 6, 3, 4, 7, 8, 9, 10, 13, 14, 11, 12,
                                   15, 16}));
  }
}

TEST(SpaceToDepthOp, Rejections) {
  const auto run = [](std::vector<int32_t> in, std::vector<int32_t> out, int bs,
                      Status status, const char* message) {
    OpTester t;
    t.Input("x", kF32, std::move(in));
    t.Output("y", kF32, std::move(out));
    t.Op(BuiltinOp::kSpaceToDepth, {0}, {1}, BlockSize(bs));
    EXPECT_TRUE(PrepareFails(t, status, message));
  };
  run({1, 2, 2, 1}, {1, 1, 1, 4}, -1, Status::kInvalidModel, "block_size -1 is out of range");
  run({1, 3, 2, 1}, {1, 1, 1, 4}, 2, Status::kInvalidModel, "height 3 and width 2 must be multiples of block_size 2");
  run({1, 2, 2, 1}, {1, 1, 4, 1}, 2, Status::kInvalidModel, "output 'y' dim 2 is 4, expected 1");
}

}  // namespace
}  // namespace mote::optest
