// BATCH_TO_SPACE_ND through the interpreter: 4-D with crops, 3-D, the round
// trip with SPACE_TO_BATCH_ND, and the rejections.
#include <vector>

#include "data_movement_test_util.h"

namespace mote::optest {
namespace {

TEST(BatchToSpaceNDOp, CropsDropEdges) {
  OpTester t;
  const int32_t x = t.Input("x", kS8, {4, 2, 2, 1}, Q(0.1f, 3));
  const int32_t block = t.Const<int32_t>("block", {2}, {2, 2});
  const int32_t crops = t.Const<int32_t>("crops", {2, 2}, {0, 1, 1, 0});
  const int32_t y = t.Output("y", kS8, {1, 3, 3, 1}, Q(0.1f, 3));
  t.Op(kBatchToSpaceND, {x, block, crops}, {y}, {}, 2);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Run<int8_t>(Iota<int8_t>(16, 1)),
            (std::vector<int8_t>{5, 2, 6, 13, 10, 14, 7, 4, 8}));
}

TEST(BatchToSpaceNDOp, ThreeDimensional) {
  OpTester t;
  const int32_t x = t.Input("x", kF32, {4, 2, 1});
  const int32_t block = t.Const<int32_t>("block", {1}, {2});
  const int32_t crops = t.Const<int32_t>("crops", {1, 2}, {0, 0});
  const int32_t y = t.Output("y", kF32, {2, 4, 1});
  t.Op(kBatchToSpaceND, {x, block, crops}, {y}, {}, 3);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Run<float>(Iota<float>(8, 1)),
            (std::vector<float>{1, 5, 2, 6, 3, 7, 4, 8}));
}

TEST(BatchToSpaceNDOp, UndoesSpaceToBatchND) {
  // [2, 5, 4, 3] padded to 6 rows, block [3, 2], then cropped back.
  OpTester t;
  const int32_t x = t.Input("x", kF32, {2, 5, 4, 3});
  const int32_t block = t.Const<int32_t>("block", {2}, {3, 2});
  const int32_t pads = t.Const<int32_t>("pads", {2, 2}, {1, 0, 0, 0});
  const int32_t mid = t.Temp("mid", kF32, {12, 2, 2, 3});
  const int32_t y = t.Output("y", kF32, {2, 5, 4, 3});
  t.Op(kSpaceToBatchND, {x, block, pads}, {mid});
  t.Op(kBatchToSpaceND, {mid, block, pads}, {y});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<float> in = Iota<float>(120, -60);
  EXPECT_EQ(t.Run<float>(in), in);
}

TEST(BatchToSpaceNDOp, Rejections) {
  const auto run = [](std::vector<int32_t> crops, std::vector<int32_t> out,
                      bool runtime_crops, Status status, const char* message) {
    OpTester t;
    const int32_t x = t.Input("x", kF32, {4, 2, 2, 1});
    const int32_t b = t.Const<int32_t>("block", {2}, {2, 2});
    const int32_t c = runtime_crops ? t.Input("crops", kS32, {2, 2})
                                    : t.Const<int32_t>("crops", {2, 2}, crops);
    const int32_t y = t.Output("y", kF32, std::move(out));
    t.Op(kBatchToSpaceND, {x, b, c}, {y});
    EXPECT_TRUE(PrepareFails(t, status, message));
  };
  run({0, 0, 0, 0}, {1, 4, 4, 1}, true, Status::kUnsupported, "crops tensor 'crops' must be constant");
  run({0, 0, 0, -1}, {1, 4, 5, 1}, false, Status::kInvalidModel, "crops tensor 'crops': entry 3 is -1");
  run({4, 0, 0, 0}, {1, 1, 4, 1}, false, Status::kInvalidModel, "crops tensor 'crops' removes all of spatial dim 0");
  run({0, 0, 0, 0}, {1, 4, 3, 1}, false, Status::kInvalidModel, "output 'y' dim 2 is 3, expected 4");
  {
    OpTester t;
    const int32_t x = t.Input("x", kF32, {3, 2, 2, 1});
    const int32_t b = t.Const<int32_t>("block", {2}, {2, 2});
    const int32_t c = t.Const<int32_t>("crops", {2, 2}, {0, 0, 0, 0});
    const int32_t y = t.Output("y", kF32, {1, 4, 4, 1});
    t.Op(kBatchToSpaceND, {x, b, c}, {y});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "batch 3 is not a multiple of the block count 4"));
  }
  {
    OpTester t;
    const int32_t x = t.Input("x", kS16, {4, 2, 2, 1}, Q(0.1f));
    const int32_t b = t.Const<int32_t>("block", {2}, {2, 2});
    const int32_t c = t.Const<int32_t>("crops", {2, 2}, {0, 0, 0, 0});
    const int32_t y = t.Output("y", kS16, {1, 4, 4, 1}, Q(0.1f));
    t.Op(kBatchToSpaceND, {x, b, c}, {y});
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "input 'x': expected int8 or float32, got int16"));
  }
}

}  // namespace
}  // namespace mote::optest
