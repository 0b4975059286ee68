#include "kernels/ref/space_to_depth.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace mote {
namespace {

// TFLite's SpaceToDepth tests.
TEST(SpaceToDepthTest, BlockToOnePixel) {
  const std::vector<int8_t> in = {1, 2, 3, 4};
  std::vector<int8_t> out(4);
  ref::SpaceToDepth(2, MakeShape({1, 2, 2, 1}), in.data(),
                    MakeShape({1, 1, 1, 4}), sizeof(int8_t), out.data());
  EXPECT_EQ(out, in);
}

TEST(SpaceToDepthTest, FourByFourWithTwoChannels) {
  // Value 10 * (row) + column, two channels (second + 100).
  std::vector<float> in;
  for (int h = 0; h < 4; ++h) {
    for (int w = 0; w < 4; ++w) {
      in.push_back(10.0f * h + w);
      in.push_back(100.0f + 10.0f * h + w);
    }
  }
  std::vector<float> out(in.size() + 1, -1.0f);
  ref::SpaceToDepth(2, MakeShape({1, 4, 4, 2}), in.data(),
                    MakeShape({1, 2, 2, 8}), sizeof(float), out.data());
  // Output pixel (0, 1) gathers rows 0-1, columns 2-3.
  const std::vector<float> pixel01(out.begin() + 8, out.begin() + 16);
  EXPECT_EQ(pixel01,
            (std::vector<float>{2, 102, 3, 103, 12, 112, 13, 113}));
  EXPECT_EQ(out.back(), -1.0f);
}

}  // namespace
}  // namespace mote
