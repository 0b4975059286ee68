#include "kernels/ref/pooling.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "kernels/quant_math.h"

namespace mote {
namespace {

using ref::PoolParams;

struct Geometry {
  int batches, in_h, in_w, depth;
  int filter_h, filter_w, stride_h, stride_w;
  Padding padding;
};

// Fills the geometry of `p` from `g` and returns the output shape.
Shape MakeGeometry(const Geometry& g, PoolParams* p) {
  p->filter_height = g.filter_h;
  p->filter_width = g.filter_w;
  p->stride_height = g.stride_h;
  p->stride_width = g.stride_w;
  int32_t out_h = 0, out_w = 0;
  ref::ComputePoolPadding(g.padding, g.in_h, g.filter_h, g.stride_h, &out_h,
                          &p->padding_height);
  ref::ComputePoolPadding(g.padding, g.in_w, g.filter_w, g.stride_w, &out_w,
                          &p->padding_width);
  return MakeShape({g.batches, out_h, out_w, g.depth});
}

Shape InputShape(const Geometry& g) {
  return MakeShape({g.batches, g.in_h, g.in_w, g.depth});
}

// The clipped window of output (oy, ox), written independently of the
// kernel: every filter tap whose input position is inside the input.
template <typename Fn>
void ForEachTap(const Geometry& g, const PoolParams& p, int oy, int ox, Fn fn) {
  for (int fy = 0; fy < g.filter_h; ++fy) {
    for (int fx = 0; fx < g.filter_w; ++fx) {
      const int y = oy * g.stride_h - p.padding_height + fy;
      const int x = ox * g.stride_w - p.padding_width + fx;
      if (y >= 0 && y < g.in_h && x >= 0 && x < g.in_w) fn(y, x);
    }
  }
}

// 1x4x4x1 holding 1..16 (or its negation).
std::vector<int8_t> Ramp16(int sign) {
  std::vector<int8_t> v(16);
  for (int i = 0; i < 16; ++i) v[i] = static_cast<int8_t>(sign * (i + 1));
  return v;
}

// AveragePoolS8 over Ramp16(sign) (a 1x4x4x1 geometry g); its output
// shape in *out_shape.
std::vector<int8_t> AverageOfRamp(const Geometry& g, int sign,
                                  Shape* out_shape) {
  PoolParams p;
  *out_shape = MakeGeometry(g, &p);
  std::vector<int8_t> out(static_cast<size_t>(out_shape->FlatSize()));
  EXPECT_TRUE(ref::AveragePoolS8(p, InputShape(g), Ramp16(sign).data(),
                                 *out_shape, out.data()));
  return out;
}

TEST(PoolPaddingTest, MatchesTfliteFormula) {
  struct Case {
    Padding padding;
    int32_t in, filter, stride, out, pad;
  };
  const Case cases[] = {
      {Padding::kSame, 5, 3, 2, 3, 1},
      // Total padding 1 is odd: the extra row goes after the input.
      {Padding::kSame, 4, 3, 2, 2, 0},
      {Padding::kSame, 4, 3, 1, 4, 1},
      {Padding::kSame, 3, 5, 1, 3, 2},
      {Padding::kValid, 5, 3, 2, 2, 0},
      {Padding::kValid, 8, 8, 8, 1, 0},
      {Padding::kValid, 7, 3, 3, 2, 0},
  };
  int32_t out = 0, pad = 0;
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::Message() << "in " << c.in << " filter " << c.filter
                                    << " stride " << c.stride);
    ref::ComputePoolPadding(c.padding, c.in, c.filter, c.stride, &out, &pad);
    EXPECT_EQ(out, c.out);
    EXPECT_EQ(pad, c.pad);
  }
  ref::ComputePoolPadding(Padding::kSame, 7, 3, 0, &out, &pad);
  EXPECT_EQ(out, 0);
}

TEST(AveragePoolS8Test, ValidHalvesRoundAwayFromZero) {
  const Geometry g = {1, 4, 4, 1, 2, 2, 2, 2, Padding::kValid};
  Shape out_shape;
  // Sums 14, 22, 46, 54 over 4: 3.5, 5.5, 11.5, 13.5.
  EXPECT_EQ(AverageOfRamp(g, 1, &out_shape),
            (std::vector<int8_t>{4, 6, 12, 14}));
  EXPECT_EQ(out_shape, MakeShape({1, 2, 2, 1}));
  EXPECT_EQ(AverageOfRamp(g, -1, &out_shape),
            (std::vector<int8_t>{-4, -6, -12, -14}));
}

TEST(AveragePoolS8Test, SameDividesByTheTapsInside) {
  // 3x3 stride 2 on 4x4: padding 0 before, 1 after, so the windows hold
  // 9, 6, 6 and 4 input elements.
  const Geometry g = {1, 4, 4, 1, 3, 3, 2, 2, Padding::kSame};
  Shape out_shape;
  // 54/9 = 6, 45/6 = 7.5, 72/6 = 12, 54/4 = 13.5
  EXPECT_EQ(AverageOfRamp(g, 1, &out_shape),
            (std::vector<int8_t>{6, 8, 12, 14}));
  EXPECT_EQ(out_shape, MakeShape({1, 2, 2, 1}));

  // 3x3 stride 1: one row and column of padding on every side.
  const Geometry g1 = {1, 4, 4, 1, 3, 3, 1, 1, Padding::kSame};
  const std::vector<int8_t> o = AverageOfRamp(g1, 1, &out_shape);
  ASSERT_EQ(out_shape, MakeShape({1, 4, 4, 1}));
  EXPECT_EQ(o[0], 4);    // (1+2+5+6)/4 = 3.5
  EXPECT_EQ(o[1], 4);    // 24/6
  EXPECT_EQ(o[5], 6);    // 54/9
  EXPECT_EQ(o[15], 14);  // 54/4 = 13.5
}

TEST(AveragePoolS8Test, ActivationClamp) {
  // Output scale 0.05, zero point -128: RELU6 caps at -128 + 120 = -8.
  const Geometry g = {1, 2, 2, 1, 2, 2, 2, 2, Padding::kValid};
  PoolParams p;
  const Shape out_shape = MakeGeometry(g, &p);
  ASSERT_TRUE(ActivationRangeQuantizedChecked(
      static_cast<int>(Activation::kRelu6), 0.05f, -128, -128, 127, &p.act_min,
      &p.act_max));
  EXPECT_EQ(p.act_max, -8);
  const int8_t in[4] = {100, 100, 100, 101};
  int8_t out = 0;
  ASSERT_TRUE(ref::AveragePoolS8(p, InputShape(g), in, out_shape, &out));
  EXPECT_EQ(out, -8);
  // RELU with zero point 127: everything is clamped to 127.
  ASSERT_TRUE(ActivationRangeQuantizedChecked(
      static_cast<int>(Activation::kRelu), 0.05f, 127, -128, 127, &p.act_min,
      &p.act_max));
  const int8_t low[4] = {-128, -128, -128, -128};
  ASSERT_TRUE(ref::AveragePoolS8(p, InputShape(g), low, out_shape, &out));
  EXPECT_EQ(out, 127);
}

// Random inputs on many geometries: the int8 average is exactly TFLite's
// rounding of sum / count (half away from zero), and within 1 LSB of the
// float-math result with any zero point.
TEST(AveragePoolS8Test, CrossCheckOnManyGeometries) {
  const Geometry geometries[] = {
      {2, 5, 7, 3, 3, 3, 2, 2, Padding::kSame},
      {1, 6, 6, 2, 2, 3, 1, 2, Padding::kSame},
      {1, 6, 6, 2, 2, 3, 2, 1, Padding::kValid},
      {1, 7, 5, 1, 3, 2, 3, 3, Padding::kSame},
      {1, 3, 3, 4, 5, 5, 1, 1, Padding::kSame},
      {1, 8, 8, 16, 8, 8, 8, 8, Padding::kValid},
      {3, 4, 9, 2, 1, 4, 1, 3, Padding::kValid},
  };
  const int zero_points[] = {-128, 0, 127};
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> dist(-128, 127);
  for (const Geometry& g : geometries) {
    PoolParams p;
    const Shape out_shape = MakeGeometry(g, &p);
    std::vector<int8_t> in(static_cast<size_t>(InputShape(g).FlatSize()));
    for (auto& v : in) v = static_cast<int8_t>(dist(rng));
    std::vector<int8_t> out(static_cast<size_t>(out_shape.FlatSize()));
    ASSERT_TRUE(
        ref::AveragePoolS8(p, InputShape(g), in.data(), out_shape, out.data()));
    const int out_h = out_shape.dims[1], out_w = out_shape.dims[2];
    for (int b = 0; b < g.batches; ++b) {
      for (int oy = 0; oy < out_h; ++oy) {
        for (int ox = 0; ox < out_w; ++ox) {
          for (int c = 0; c < g.depth; ++c) {
            long sum = 0;
            int count = 0;
            ForEachTap(g, p, oy, ox, [&](int y, int x) {
              sum += in[((b * g.in_h + y) * g.in_w + x) * g.depth + c];
              ++count;
            });
            ASSERT_GT(count, 0);
            const int got = out[((b * out_h + oy) * out_w + ox) * g.depth + c];
            EXPECT_EQ(got, static_cast<int>(
                               std::round(static_cast<double>(sum) / count)));
            for (int zp : zero_points) {
              // Dequantize (scale cancels), average, requantize.
              const double real = static_cast<double>(sum) / count - zp;
              const int q = static_cast<int>(std::round(real)) + zp;
              EXPECT_LE(std::abs(got - q), 1);
            }
          }
        }
      }
    }
  }
}

TEST(MaxPoolS8Test, PaddingNeverWins) {
  const Geometry g = {1, 4, 4, 1, 3, 3, 2, 2, Padding::kSame};
  PoolParams p;
  const Shape out_shape = MakeGeometry(g, &p);
  int8_t out[4];
  ref::MaxPoolS8(p, InputShape(g), Ramp16(1).data(), out_shape, out);
  EXPECT_EQ(std::vector<int8_t>(out, out + 4),
            (std::vector<int8_t>{11, 12, 15, 16}));
  // All inputs negative: a padded zero would win if it were read.
  ref::MaxPoolS8(p, InputShape(g), Ramp16(-1).data(), out_shape, out);
  EXPECT_EQ(std::vector<int8_t>(out, out + 4),
            (std::vector<int8_t>{-1, -3, -9, -11}));
  // The activation clamps after the max.
  p.act_min = -5;
  p.act_max = 12;
  ref::MaxPoolS8(p, InputShape(g), Ramp16(1).data(), out_shape, out);
  EXPECT_EQ(std::vector<int8_t>(out, out + 4),
            (std::vector<int8_t>{11, 12, 12, 12}));
  ref::MaxPoolS8(p, InputShape(g), Ramp16(-1).data(), out_shape, out);
  EXPECT_EQ(std::vector<int8_t>(out, out + 4),
            (std::vector<int8_t>{-1, -3, -5, -5}));
}

TEST(MaxPoolS8Test, MatchesIndependentMaxOnManyGeometries) {
  const Geometry geometries[] = {
      {2, 5, 7, 3, 3, 3, 2, 2, Padding::kSame},
      {1, 6, 6, 2, 2, 3, 1, 2, Padding::kValid},
      {1, 3, 3, 4, 5, 5, 1, 1, Padding::kSame},
      {1, 9, 4, 1, 2, 2, 3, 1, Padding::kSame},
  };
  std::mt19937 rng(9);
  std::uniform_int_distribution<int> dist(-128, 127);
  for (const Geometry& g : geometries) {
    PoolParams p;
    const Shape out_shape = MakeGeometry(g, &p);
    std::vector<int8_t> in(static_cast<size_t>(InputShape(g).FlatSize()));
    for (auto& v : in) v = static_cast<int8_t>(dist(rng));
    std::vector<int8_t> out(static_cast<size_t>(out_shape.FlatSize()));
    ref::MaxPoolS8(p, InputShape(g), in.data(), out_shape, out.data());
    const int out_h = out_shape.dims[1], out_w = out_shape.dims[2];
    for (int b = 0; b < g.batches; ++b) {
      for (int oy = 0; oy < out_h; ++oy) {
        for (int ox = 0; ox < out_w; ++ox) {
          for (int c = 0; c < g.depth; ++c) {
            int m = -1000;
            ForEachTap(g, p, oy, ox, [&](int y, int x) {
              m = std::max<int>(
                  m, in[((b * g.in_h + y) * g.in_w + x) * g.depth + c]);
            });
            EXPECT_EQ(out[((b * out_h + oy) * out_w + ox) * g.depth + c], m);
          }
        }
      }
    }
  }
}

TEST(AveragePoolF32Test, SumsInTfliteOrder) {
  const Geometry geometries[] = {
      {2, 5, 7, 3, 3, 3, 2, 2, Padding::kSame},
      {1, 6, 6, 2, 2, 3, 2, 1, Padding::kValid},
      {1, 3, 3, 1, 5, 5, 1, 1, Padding::kSame},
  };
  std::mt19937 rng(13);
  std::normal_distribution<float> dist(0.0f, 10.0f);
  for (const Geometry& g : geometries) {
    PoolParams p;
    const Shape out_shape = MakeGeometry(g, &p);
    std::vector<float> in(static_cast<size_t>(InputShape(g).FlatSize()));
    for (auto& v : in) v = dist(rng);
    std::vector<float> out(static_cast<size_t>(out_shape.FlatSize()));
    ASSERT_TRUE(ref::AveragePoolF32(p, InputShape(g), in.data(), out_shape,
                                    out.data()));
    const int out_h = out_shape.dims[1], out_w = out_shape.dims[2];
    for (int b = 0; b < g.batches; ++b) {
      for (int oy = 0; oy < out_h; ++oy) {
        for (int ox = 0; ox < out_w; ++ox) {
          for (int c = 0; c < g.depth; ++c) {
            float sum = 0.0f;
            double exact = 0.0;
            int count = 0;
            // Rows then columns, one float addition each: TFLite's order.
            ForEachTap(g, p, oy, ox, [&](int y, int x) {
              const float v = in[((b * g.in_h + y) * g.in_w + x) * g.depth + c];
              sum += v;
              exact += v;
              ++count;
            });
            const float got =
                out[((b * out_h + oy) * out_w + ox) * g.depth + c];
            EXPECT_EQ(got, sum / static_cast<float>(count));
            EXPECT_NEAR(got, exact / count, 1e-4);
          }
        }
      }
    }
  }
}

TEST(AveragePoolF32Test, Activation) {
  const Geometry g = {1, 2, 2, 1, 1, 1, 1, 1, Padding::kValid};
  PoolParams p;
  const Shape out_shape = MakeGeometry(g, &p);
  ActivationRangeFloat(static_cast<int>(Activation::kReluN1To1), &p.act_min_f,
                       &p.act_max_f);
  const float in[4] = {-3.0f, -0.5f, 0.25f, 7.0f};
  float out[4];
  ASSERT_TRUE(ref::AveragePoolF32(p, InputShape(g), in, out_shape, out));
  EXPECT_EQ(out[0], -1.0f);
  EXPECT_EQ(out[1], -0.5f);
  EXPECT_EQ(out[2], 0.25f);
  EXPECT_EQ(out[3], 1.0f);
}

TEST(MaxPoolF32Test, MaxAndActivation) {
  const Geometry g = {1, 4, 4, 1, 3, 3, 2, 2, Padding::kSame};
  PoolParams p;
  const Shape out_shape = MakeGeometry(g, &p);
  std::vector<float> in(16);
  for (int i = 0; i < 16; ++i) in[i] = -0.5f * static_cast<float>(i + 1);
  float out[4];
  ref::MaxPoolF32(p, InputShape(g), in.data(), out_shape, out);
  EXPECT_EQ(out[0], -0.5f);
  EXPECT_EQ(out[1], -1.5f);
  EXPECT_EQ(out[2], -4.5f);
  EXPECT_EQ(out[3], -5.5f);
  ActivationRangeFloat(static_cast<int>(Activation::kRelu), &p.act_min_f,
                       &p.act_max_f);
  ref::MaxPoolF32(p, InputShape(g), in.data(), out_shape, out);
  for (float v : out) EXPECT_EQ(v, 0.0f);
}

}  // namespace
}  // namespace mote
