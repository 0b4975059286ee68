#include "kernels/ref/resize_bilinear.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace mote {
namespace {

std::vector<float> ResizeF32(const ref::ResizeParams& p, const Shape& in,
                             const std::vector<float>& input,
                             const Shape& out) {
  std::vector<float> output(static_cast<size_t>(out.FlatSize()));
  ref::ResizeBilinearF32(p, in, input.data(), out, output.data());
  return output;
}

std::vector<int8_t> ResizeS8(const ref::ResizeParams& p, const Shape& in,
                             const std::vector<int8_t>& input,
                             const Shape& out) {
  std::vector<int8_t> output(static_cast<size_t>(out.FlatSize()));
  ref::ResizeBilinearS8(p, in, input.data(), out, output.data());
  return output;
}

void ExpectNear(const std::vector<float>& got, const std::vector<float>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_NEAR(got[i], want[i], 1e-5) << "element " << i;
  }
}

// TFLite Micro's ResizeBilinear tests. Their int8 goldens allow 1 LSB; the
// values here are the exact results of TFLite's integer arithmetic (checked
// by hand, e.g. batch 2 at (2, 1): (12 * 341 + 16 * 683) * 1024 / 2^20 =
// 14.67 -> 15 where the golden says 14), each within 1 of those goldens.
TEST(ResizeBilinearTest, TwoDimensional) {
  const Shape in = MakeShape({1, 2, 2, 1});
  const Shape out = MakeShape({1, 3, 3, 1});
  ExpectNear(ResizeF32({}, in, {3, 6, 9, 12}, out),
             {3, 5, 6, 7, 9, 10, 9, 11, 12});
  EXPECT_EQ(ResizeS8({}, in, {3, 6, 9, 12}, out),
            (std::vector<int8_t>{3, 5, 6, 7, 9, 10, 9, 11, 12}));
}

TEST(ResizeBilinearTest, TwoBatchesInt8) {
  EXPECT_EQ(ResizeS8({}, MakeShape({2, 2, 2, 1}),
                     {3, 6, 9, 12, 4, 10, 12, 16}, MakeShape({2, 3, 3, 1})),
            (std::vector<int8_t>{3, 5, 6, 7, 9, 10, 9, 11, 12, 4, 8, 10, 9,
                                 12, 14, 12, 15, 16}));
}

TEST(ResizeBilinearTest, TwoChannels) {
  const Shape in = MakeShape({1, 2, 2, 2});
  const Shape out = MakeShape({1, 3, 3, 2});
  ExpectNear(ResizeF32({}, in, {3, 4, 6, 10, 9, 10, 12, 16}, out),
             {3, 4, 5, 8, 6, 10, 7, 8, 9, 12, 10, 14, 9, 10, 11, 14, 12, 16});
  EXPECT_EQ(ResizeS8({}, in, {3, 4, 6, 10, 10, 12, 14, 16}, out),
            (std::vector<int8_t>{3, 4, 5, 8, 6, 10, 8, 9, 10, 12, 11, 14, 10,
                                 12, 13, 15, 14, 16}));
}

// A transcription of TFLite's ResizeBilinearInteger for one element.
int8_t IntegerReference(const std::vector<int8_t>& in, int in_h, int in_w,
                        int out_h, int out_w, int y, int x, bool align,
                        bool half) {
  auto scale = [&](int i, int o) {
    return align && o > 1 ? ((1 << 10) * (i - 1) + (o - 1) / 2) / (o - 1)
                          : ((1 << 10) * i + o / 2) / o;
  };
  auto source = [&](int v, int s, int size, int* scaled, int* lo, int* hi) {
    *scaled = half ? v * s + s / 2 - (1 << 9) : v * s;
    *lo = std::max(*scaled / (1 << 10), 0);
    *hi = std::min((*scaled + (1 << 10) - 1) / (1 << 10), size - 1);
  };
  int sy, y0, y1, sx, x0, x1;
  source(y, scale(in_h, out_h), in_h, &sy, &y0, &y1);
  source(x, scale(in_w, out_w), in_w, &sx, &x0, &x1);
  auto at = [&](int yy, int xx) { return int64_t{in[yy * in_w + xx]}; };
  const int64_t wy = sy - (1 << 10) * y0;
  const int64_t wx = sx - (1 << 10) * x0;
  const int64_t sum = at(y0, x0) * ((1 << 10) - wy) * ((1 << 10) - wx) +
                      at(y1, x0) * wy * ((1 << 10) - wx) +
                      at(y0, x1) * ((1 << 10) - wy) * wx +
                      at(y1, x1) * wy * wx;
  const int64_t round = sum > 0 ? (1 << 19) : -(1 << 19);
  return static_cast<int8_t>((sum + round) / (1 << 20));
}

// Every option, up- and downscaling, against the transcription (exact) and
// a real-valued bilinear interpolation (within 1 LSB where TFLite's source
// coordinate is exact enough; here always).
TEST(ResizeBilinearTest, Int8MatchesTheIntegerFormulaEverywhere) {
  const int in_h = 5, in_w = 4;
  std::vector<int8_t> input;
  for (int i = 0; i < in_h * in_w; ++i) {
    input.push_back(static_cast<int8_t>((i * 53) % 256 - 128));
  }
  for (int mode = 0; mode < 3; ++mode) {
    ref::ResizeParams p;
    p.align_corners = mode == 1;
    p.half_pixel_centers = mode == 2;
    for (const auto& [out_h, out_w] :
         {std::pair{9, 7}, std::pair{3, 2}, std::pair{1, 1}, std::pair{5, 4}}) {
      const std::vector<int8_t> got =
          ResizeS8(p, MakeShape({1, in_h, in_w, 1}), input,
                   MakeShape({1, out_h, out_w, 1}));
      for (int y = 0; y < out_h; ++y) {
        for (int x = 0; x < out_w; ++x) {
          ASSERT_EQ(got[y * out_w + x],
                    IntegerReference(input, in_h, in_w, out_h, out_w, y, x,
                                     p.align_corners, p.half_pixel_centers))
              << "mode " << mode << " " << out_h << "x" << out_w << " at "
              << y << "," << x;
        }
      }
    }
  }
}

TEST(ResizeBilinearTest, FloatIsBilinearInterpolation) {
  // Real-valued reference in double: half-pixel sampling of a 3x4 ramp.
  const int in_h = 3, in_w = 4, out_h = 5, out_w = 7;
  std::vector<float> input;
  for (int i = 0; i < in_h * in_w; ++i) input.push_back(0.37f * i * i - 2.0f);
  ref::ResizeParams p;
  p.half_pixel_centers = true;
  const std::vector<float> got = ResizeF32(p, MakeShape({1, in_h, in_w, 1}),
                                           input,
                                           MakeShape({1, out_h, out_w, 1}));
  for (int y = 0; y < out_h; ++y) {
    for (int x = 0; x < out_w; ++x) {
      const double sy = std::max((y + 0.5) * in_h / out_h - 0.5, 0.0);
      const double sx = std::max((x + 0.5) * in_w / out_w - 0.5, 0.0);
      const int y0 = static_cast<int>(sy), x0 = static_cast<int>(sx);
      const int y1 = std::min(y0 + 1, in_h - 1), x1 = std::min(x0 + 1, in_w - 1);
      const double dy = sy - y0, dx = sx - x0;
      const double want =
          input[y0 * in_w + x0] * (1 - dy) * (1 - dx) +
          input[y1 * in_w + x0] * dy * (1 - dx) +
          input[y0 * in_w + x1] * (1 - dy) * dx + input[y1 * in_w + x1] * dy * dx;
      EXPECT_NEAR(got[y * out_w + x], want, 1e-4) << y << "," << x;
    }
  }
}

TEST(ResizeBilinearTest, NegativeZeroBecomesPositiveZero) {
  // TFLite adds a rounding offset of +0.0f to every float result.
  const std::vector<float> out =
      ResizeF32({}, MakeShape({1, 1, 1, 1}), {-0.0f}, MakeShape({1, 1, 2, 1}));
  EXPECT_FALSE(std::signbit(out[0]));
  EXPECT_FALSE(std::signbit(out[1]));
}

TEST(ResizeBilinearTest, AxisRangeRefusesExtremeUpscaling) {
  const ref::ResizeParams none;
  EXPECT_TRUE(ref::BilinearAxisInRange(2, 3, none, true));
  EXPECT_TRUE(ref::BilinearAxisInRange(7, 1, none, true));
  EXPECT_TRUE(ref::BilinearAxisInRange(1, 1000, none, true));
  // scale_10 rounds up to 1 while the input is one pixel: row 1499 would
  // read input row 1.
  EXPECT_FALSE(ref::BilinearAxisInRange(1, 1500, none, true));
  // (2^25 - 1) * 2^-25 rounds to 1.0f in float.
  EXPECT_FALSE(ref::BilinearAxisInRange(1, 1 << 25, none, false));
  EXPECT_TRUE(ref::BilinearAxisInRange(1, 1 << 20, none, false));
}

}  // namespace
}  // namespace mote
