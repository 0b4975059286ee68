#include "kernels/ref/depth_to_space.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <numeric>
#include <vector>

#include "kernels/ref/space_to_depth.h"

namespace mote {
namespace {

// TFLite's DepthToSpace tests.
TEST(DepthToSpaceTest, OnePixelToBlock) {
  const std::vector<float> in = {1.4f, 2.3f, 3.2f, 4.1f,
                                 5.4f, 6.3f, 7.2f, 8.1f};
  std::vector<float> out(8);
  ref::DepthToSpace(2, MakeShape({1, 1, 1, 8}), in.data(),
                    MakeShape({1, 2, 2, 2}), sizeof(float), out.data());
  EXPECT_EQ(out, in);
}

TEST(DepthToSpaceTest, TwoByTwoPixels) {
  std::vector<int8_t> in(16);
  std::iota(in.begin(), in.end(), int8_t{1});
  std::vector<int8_t> out(17, 99);
  ref::DepthToSpace(2, MakeShape({1, 2, 2, 4}), in.data(),
                    MakeShape({1, 4, 4, 1}), sizeof(int8_t), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{1, 2, 5, 6, 3, 4, 7, 8, 9, 10, 13, 14,
                                      11, 12, 15, 16, 99}));
}

TEST(DepthToSpaceTest, InverseOfSpaceToDepth) {
  const Shape space = MakeShape({2, 6, 9, 2});
  const Shape depth = MakeShape({2, 2, 3, 18});
  std::vector<float> in(static_cast<size_t>(space.FlatSize()));
  std::iota(in.begin(), in.end(), -100.0f);
  std::vector<float> mid(in.size());
  std::vector<float> back(in.size());
  ref::SpaceToDepth(3, space, in.data(), depth, sizeof(float), mid.data());
  EXPECT_NE(mid, in);
  ref::DepthToSpace(3, depth, mid.data(), space, sizeof(float), back.data());
  EXPECT_EQ(back, in);
}

}  // namespace
}  // namespace mote
