// DEPTH_TO_SPACE through the interpreter: int8 and float32, the round trip
// with SPACE_TO_DEPTH, and the rejections.
#include <vector>

#include "data_movement_test_util.h"

namespace mote::optest {
namespace {

host::OptionsBuilder BlockSize(int bs) {
  return host::MakeOptions(
      [bs](auto& fbb) { return tflite::CreateDepthToSpaceOptions(fbb, bs); });
}

TEST(DepthToSpaceOp, Int8TwoByTwo) {
  OpTester t;
  t.Input("x", kS8, {1, 2, 2, 4}, Q(0.3f, 9));
  t.Output("y", kS8, {1, 4, 4, 1}, Q(0.3f, 9));
  t.Op(BuiltinOp::kDepthToSpace, {0}, {1}, BlockSize(2), 2);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Run<int8_t>(Iota<int8_t>(16, 1)),
            (std::vector<int8_t>{1, 2, 5, 6, 3, 4, 7, 8, 9, 10, 13, 14, 11, 12,
                                 15, 16}));
}

TEST(DepthToSpaceOp, UndoesSpaceToDepth) {
  OpTester t;
  const int32_t x = t.Input("x", kF32, {2, 6, 3, 2});
  const int32_t mid = t.Temp("mid", kF32, {2, 2, 1, 18});
  const int32_t y = t.Output("y", kF32, {2, 6, 3, 2});
  t.Op(BuiltinOp::kSpaceToDepth, {x}, {mid}, host::MakeOptions([](auto& fbb) {
         return tflite::CreateSpaceToDepthOptions(fbb, 3);
       }));
  t.Op(BuiltinOp::kDepthToSpace, {mid}, {y}, BlockSize(3));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<float> in = Iota<float>(72, -30);
  EXPECT_EQ(t.Run<float>(in), in);
}

TEST(DepthToSpaceOp, Rejections) {
  const auto run = [](std::vector<int32_t> in, std::vector<int32_t> out, int bs,
                      Status status, const char* message) {
    OpTester t;
    t.Input("x", kF32, std::move(in));
    t.Output("y", kF32, std::move(out));
    t.Op(BuiltinOp::kDepthToSpace, {0}, {1}, BlockSize(bs));
    EXPECT_TRUE(PrepareFails(t, status, message));
  };
  run({1, 1, 1, 8}, {1, 2, 2, 2}, 0, Status::kInvalidModel, "block_size 0 is out of range");
  run({1, 1, 1, 6}, {1, 2, 2, 1}, 2, Status::kInvalidModel, "depth 6 is not a multiple of block_size^2 = 4");
  run({1, 1, 1, 8}, {1, 2, 2, 1}, 2, Status::kInvalidModel, "output 'y' dim 3 is 1, expected 2");
  run({1, 8}, {1, 8}, 2, Status::kInvalidModel, "input 'x' has rank 2, expected 4 (NHWC)");
  run({1, 0, 1, 8}, {1, 0, 2, 2}, 2, Status::kUnsupported, "input 'x' has no elements");
}

}  // namespace
}  // namespace mote::optest
