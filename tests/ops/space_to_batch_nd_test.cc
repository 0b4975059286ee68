// SPACE_TO_BATCH_ND through the interpreter: 4-D with padding (int8 pads
// with the zero point, float32 with 0), 3-D, and the rejections (runtime
// block_shape, bad paddings, shapes that do not divide, wrong rank).
#include <vector>

#include "data_movement_test_util.h"

namespace mote::optest {
namespace {

TEST(SpaceToBatchNDOp, Int8PadsWithTheZeroPoint) {
  // TFLite's SimplePaddingTest: [1, 5, 2, 1], block [3, 2], paddings
  // [[1, 0], [2, 0]] -> [6, 2, 2, 1].
  OpTester t;
  const int32_t x = t.Input("x", kS8, {1, 5, 2, 1}, Q(0.5f, -7));
  const int32_t block = t.Const<int32_t>("block", {2}, {3, 2});
  const int32_t pads = t.Const<int32_t>("pads", {2, 2}, {1, 0, 2, 0});
  const int32_t y = t.Output("y", kS8, {6, 2, 2, 1}, Q(0.5f, -7));
  t.Op(kSpaceToBatchND, {x, block, pads}, {y}, {}, 2);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const int8_t z = -7;
  EXPECT_EQ(t.Run<int8_t>(Iota<int8_t>(10, 1)),
            (std::vector<int8_t>{z, z, z, 5, z, z, z, 6, z, 1, z, 7, z, 2, z, 8,
                                 z, 3, z, 9, z, 4, z, 10}));
}

TEST(SpaceToBatchNDOp, Float4DAnd3D) {
  {
    OpTester t;
    const int32_t x = t.Input("x", kF32, {1, 4, 4, 1});
    const int32_t block = t.Const<int32_t>("block", {2}, {2, 2});
    const int32_t pads = t.Const<int64_t>("pads", {2, 2}, {0, 0, 0, 0});
    const int32_t y = t.Output("y", kF32, {4, 2, 2, 1});
    t.Op(kSpaceToBatchND, {x, block, pads}, {y});
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    EXPECT_EQ(t.Run<float>(Iota<float>(16, 1)),
              (std::vector<float>{1, 3, 9, 11, 2, 4, 10, 12, 5, 7, 13, 15, 6, 8,
                                  14, 16}));
  }
  {
    // NHC [1, 3, 2], block [2], paddings [[0, 1]] -> [2, 2, 2].
    OpTester t;
    const int32_t x = t.Input("x", kF32, {1, 3, 2});
    const int32_t block = t.Const<int32_t>("block", {1}, {2});
    const int32_t pads = t.Const<int32_t>("pads", {1, 2}, {0, 1});
    const int32_t y = t.Output("y", kF32, {2, 2, 2});
    t.Op(kSpaceToBatchND, {x, block, pads}, {y}, {}, 3);
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    EXPECT_EQ(t.Run<float>({1, 2, 3, 4, 5, 6}),
              (std::vector<float>{1, 2, 5, 6, 3, 4, 0, 0}));
  }
}

TEST(SpaceToBatchNDOp, Rejections) {
  const auto run = [](std::vector<int32_t> in, std::vector<int32_t> block,
                      std::vector<int32_t> pads, std::vector<int32_t> out,
                      bool runtime_block, Status status, const char* message) {
    OpTester t;
    const int32_t x = t.Input("x", kF32, in);
    const int32_t spatial = static_cast<int32_t>(in.size()) - 2;
    const int32_t b = runtime_block
                          ? t.Input("block", kS32, {spatial})
                          : t.Const<int32_t>("block", {static_cast<int32_t>(block.size())}, block);
    const int32_t p = t.Const<int32_t>("pads", {static_cast<int32_t>(pads.size() / 2), 2}, pads);
    const int32_t y = t.Output("y", kF32, std::move(out));
    t.Op(kSpaceToBatchND, {x, b, p}, {y});
    EXPECT_TRUE(PrepareFails(t, status, message));
  };
  run({1, 4, 4, 1}, {2, 2}, {0, 0, 0, 0}, {4, 2, 2, 1}, true, Status::kUnsupported,
      "block_shape tensor 'block' must be constant");
  run({1, 4, 4, 1}, {2, 0}, {0, 0, 0, 0}, {4, 2, 2, 1}, false, Status::kInvalidModel,
      "block_shape tensor 'block': entry 1 is 0");
  run({1, 4, 4, 1}, {2, 2}, {0, -1, 0, 0}, {4, 2, 2, 1}, false, Status::kInvalidModel,
      "paddings tensor 'pads': entry 1 is -1");
  run({1, 4, 4, 1}, {3, 2}, {0, 0, 0, 0}, {6, 1, 2, 1}, false, Status::kInvalidModel,
      "padded to 4 is not a multiple of block size 3");
  run({1, 4, 4, 1}, {2, 2}, {0, 0, 0, 0}, {2, 2, 4, 1}, false, Status::kInvalidModel,
      "output 'y' dim 0 is 2, expected 4");
  run({1, 4, 4, 1}, {2}, {0, 0}, {2, 2, 4, 1}, false, Status::kInvalidModel,
      "has 1 entries, input 'x' has 2 spatial dims");
  run({1, 4, 4, 1, 1}, {2, 2, 1}, {0, 0, 0, 0, 0, 0}, {4, 2, 2, 1, 1}, false,
      Status::kUnsupported, "input 'x' has rank 5; only 3 (NHC) and 4 (NHWC)");
}

}  // namespace
}  // namespace mote::optest
