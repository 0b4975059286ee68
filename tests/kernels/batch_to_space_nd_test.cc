#include "kernels/ref/batch_to_space_nd.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <numeric>
#include <vector>

namespace mote {
namespace {

// TFLite's BatchToSpaceND test: [4, 2, 2, 1] -> [1, 4, 4, 1], block 2x2.
TEST(BatchToSpaceNDTest, Block2x2) {
  std::vector<float> in(16);
  std::iota(in.begin(), in.end(), 1.0f);
  std::vector<float> out(16);
  ref::SpaceBatchParams p;
  p.block_height = 2;
  p.block_width = 2;
  ref::BatchToSpaceND(p, MakeShape({4, 2, 2, 1}), in.data(),
                      MakeShape({1, 4, 4, 1}), sizeof(float), out.data());
  EXPECT_EQ(out, (std::vector<float>{1, 5, 2, 6, 9, 13, 10, 14, 3, 7, 4, 8, 11,
                                     15, 12, 16}));
}

TEST(BatchToSpaceNDTest, CropsDropEdges) {
  // The same with crops [[0, 1], [1, 0]]: output [1, 3, 3, 1].
  std::vector<int8_t> in(16);
  std::iota(in.begin(), in.end(), int8_t{1});
  std::vector<int8_t> out(10, 99);
  ref::SpaceBatchParams p;
  p.block_height = 2;
  p.block_width = 2;
  p.before_width = 1;
  ref::BatchToSpaceND(p, MakeShape({4, 2, 2, 1}), in.data(),
                      MakeShape({1, 3, 3, 1}), sizeof(int8_t), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{5, 2, 6, 13, 10, 14, 7, 4, 8, 99}));
}

TEST(BatchToSpaceNDTest, ThreeDimensionalAsNH1C) {
  // NHC [4, 2, 1] with block [2] -> [2, 4, 1]: batch b + 2k lands at
  // row 2h + k.
  const std::vector<int32_t> in = {1, 2, 3, 4, 5, 6, 7, 8};
  std::vector<int32_t> out(8);
  ref::SpaceBatchParams p;
  p.block_height = 2;
  ref::BatchToSpaceND(p, MakeShape({4, 2, 1, 1}), in.data(),
                      MakeShape({2, 4, 1, 1}), sizeof(int32_t), out.data());
  EXPECT_EQ(out, (std::vector<int32_t>{1, 5, 2, 6, 3, 7, 4, 8}));
}

}  // namespace
}  // namespace mote
