#include "kernels/ref/resize_nearest_neighbor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

namespace mote {
namespace {

template <typename T>
std::vector<T> Resize(const ref::ResizeParams& p, const Shape& in,
                      const std::vector<T>& input, const Shape& out) {
  std::vector<T> output(static_cast<size_t>(out.FlatSize()));
  ref::ResizeNearestNeighbor(p, in, input.data(), out, sizeof(T),
                             output.data());
  return output;
}

// TFLite Micro's ResizeNearestNeighbor tests.
TEST(ResizeNearestNeighborTest, TwoDimensional) {
  EXPECT_EQ(Resize<int8_t>({}, MakeShape({1, 2, 2, 1}), {3, -6, 9, 12},
                           MakeShape({1, 3, 3, 1})),
            (std::vector<int8_t>{3, 3, -6, 3, 3, -6, 9, 9, 12}));
}

TEST(ResizeNearestNeighborTest, TwoBatchesTwoChannels) {
  EXPECT_EQ(Resize<int16_t>({}, MakeShape({1, 2, 2, 2}),
                            {3, 4, -6, 10, 10, 12, -14, 16},
                            MakeShape({1, 3, 3, 2})),
            (std::vector<int16_t>{3, 4, 3, 4, -6, 10, 3, 4, 3, 4, -6, 10, 10,
                                  12, 10, 12, -14, 16}));
  EXPECT_EQ(Resize<float>({}, MakeShape({2, 2, 2, 1}),
                          {3, 6, 9, 12, 4, 10, 10, 16},
                          MakeShape({2, 3, 3, 1})),
            (std::vector<float>{3, 3, 6, 3, 3, 6, 9, 9, 12, 4, 4, 10, 4, 4,
                                10, 10, 10, 16}));
}

// TFLite's AlignCorners and HalfPixelCenters tests.
TEST(ResizeNearestNeighborTest, AlignCornersAndHalfPixelCenters) {
  ref::ResizeParams align;
  align.align_corners = true;
  EXPECT_EQ(Resize<float>(align, MakeShape({1, 2, 2, 1}), {3, 6, 9, 12},
                          MakeShape({1, 3, 3, 1})),
            (std::vector<float>{3, 6, 6, 9, 12, 12, 9, 12, 12}));
  ref::ResizeParams half;
  half.half_pixel_centers = true;
  EXPECT_EQ(Resize<float>(half, MakeShape({1, 2, 2, 1}), {1, 2, 3, 4},
                          MakeShape({1, 3, 3, 1})),
            (std::vector<float>{1, 2, 2, 3, 4, 4, 3, 4, 4}));
}

TEST(ResizeNearestNeighborTest, IndexMatchesTheFloatFormula) {
  // Downscaling 7 -> 3 and upscaling 3 -> 8, every option combination:
  // the index is floor/round of (i + offset) * scale in float, clamped.
  for (int mode = 0; mode < 4; ++mode) {
    ref::ResizeParams p;
    p.align_corners = (mode & 1) != 0;
    p.half_pixel_centers = (mode & 2) != 0;
    for (const auto& [in, out] : {std::pair{7, 3}, std::pair{3, 8}}) {
      for (int i = 0; i < out; ++i) {
        const float scale = p.align_corners && out > 1
                                ? static_cast<float>(in - 1) / (out - 1)
                                : static_cast<float>(in) / out;
        const float x = (i + (p.half_pixel_centers ? 0.5f : 0.0f)) * scale;
        int want = p.align_corners ? static_cast<int>(std::round(x))
                                   : static_cast<int>(std::floor(x));
        want = std::min(want, in - 1);
        EXPECT_EQ(ref::NearestNeighborIndex(i, in, out, p), want)
            << "mode " << mode << " " << in << "->" << out << " i " << i;
        EXPECT_GE(ref::NearestNeighborIndex(i, in, out, p), 0);
      }
    }
  }
}

}  // namespace
}  // namespace mote
