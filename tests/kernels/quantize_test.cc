#include "kernels/ref/quantize.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "kernels/quant_math.h"

namespace mote {
namespace {

std::vector<int8_t> Quantize(const std::vector<float>& in, float scale,
                             int zero_point) {
  std::vector<int8_t> out(in.size(), 0x55);
  ref::QuantizeF32(in.data(), in.size(), scale, zero_point, out.data());
  return out;
}

TEST(QuantizeF32ToS8Test, RoundsHalfAwayFromZeroAndClamps) {
  // Scale 0.5: x / 0.5 is exact, so the halves are real ties.
  const std::vector<float> in = {0.25f,  -0.25f, 0.75f, -0.75f, 0.74f,
                                 -0.74f, 0.0f,   -0.0f, 63.5f,  -64.0f};
  EXPECT_EQ(Quantize(in, 0.5f, 0),
            (std::vector<int8_t>{1, -1, 2, -2, 1, -1, 0, 0, 127, -128}));
  // 100 / 0.5 = 200 saturates, as does -200.
  EXPECT_EQ(Quantize({100.0f, -100.0f}, 0.5f, 0),
            (std::vector<int8_t>{127, -128}));
}

TEST(QuantizeF32ToS8Test, ExtremeZeroPoints) {
  // The zero point is added after rounding.
  EXPECT_EQ(Quantize({0.0f, 0.25f, 1.0f, -0.25f, 200.0f}, 0.5f, -128),
            (std::vector<int8_t>{-128, -127, -126, -128, 127}));
  EXPECT_EQ(Quantize({0.0f, -0.25f, -1.0f, 0.25f, -200.0f}, 0.5f, 127),
            (std::vector<int8_t>{127, 126, 125, 127, -128}));
}

TEST(QuantizeF32ToS8Test, NonFiniteInputs) {
  const float inf = std::numeric_limits<float>::infinity();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  EXPECT_EQ(Quantize({inf, -inf, 1e30f, -1e30f, nan}, 0.01f, 3),
            (std::vector<int8_t>{127, -128, 127, -128, 3}));
  // A tiny scale sends ordinary values far past int32: still saturates.
  EXPECT_EQ(Quantize({1.0f, -1.0f}, 1e-30f, 0),
            (std::vector<int8_t>{127, -128}));
}

TEST(QuantizeF32ToS8Test, DividesInFloat) {
  // TFLite divides in float: 0.07f / 0.004f is 17.4999992 exactly, but the
  // float quotient rounds to 17.5, which then rounds away to 18 (a double
  // division would give 17).
  const float x = 0.07f, s = 0.004f;
  ASSERT_EQ(x / s, 17.5f);
  ASSERT_LT(static_cast<double>(x) / static_cast<double>(s), 17.5);
  EXPECT_EQ(Quantize({x, -x}, s, 0), (std::vector<int8_t>{18, -18}));
}

TEST(QuantizeF32ToS8Test, FloatCrossCheck) {
  std::mt19937 rng(17);
  std::uniform_real_distribution<float> dist(-40.0f, 40.0f);
  const float scales[] = {0.1f, 0.3137f, 0.0039215686f, 1.0f};
  const int zero_points[] = {-128, -3, 0, 127};
  for (float scale : scales) {
    for (int zp : zero_points) {
      std::vector<float> in(500);
      for (auto& v : in) v = dist(rng);
      const auto out = Quantize(in, scale, zp);
      for (size_t i = 0; i < in.size(); ++i) {
        const double q = static_cast<double>(in[i]) / scale;
        const double expected =
            std::fmin(127.0, std::fmax(-128.0, std::round(q) + zp));
        ASSERT_LE(std::fabs(out[i] - expected), 1.0) << in[i];
        // Away from a tie the float and double quotients round alike.
        if (std::fabs(std::fabs(q - std::trunc(q)) - 0.5) > 1e-3) {
          EXPECT_EQ(out[i], expected) << in[i] << " / " << scale;
        }
      }
    }
  }
}

TEST(RequantizeTest, MultiplierOfAScaleRatio) {
  int32_t m = 0;
  int shift = 0;
  ref::RequantizeMultiplier(0.5f, 0.5f, &m, &shift);
  EXPECT_EQ(m, 1 << 30);  // 1.0 = 0.5 * 2^1
  EXPECT_EQ(shift, 1);
  ref::RequantizeMultiplier(0.1f, 0.4f, &m, &shift);
  int32_t expected_m = 0;
  int expected_shift = 0;
  QuantizeMultiplier(static_cast<double>(0.1f) / static_cast<double>(0.4f),
                     &expected_m, &expected_shift);
  EXPECT_EQ(m, expected_m);
  EXPECT_EQ(shift, expected_shift);
}

TEST(RequantizeTest, SameScaleShiftsTheZeroPoint) {
  int32_t m = 0;
  int shift = 0;
  ref::RequantizeMultiplier(0.25f, 0.25f, &m, &shift);
  const int8_t in[5] = {-128, -1, 0, 100, 127};
  int8_t out[5];
  ref::Requantize(in, 5, -10, m, shift, 20, out);
  // q - (-10) + 20, clamped.
  EXPECT_EQ(std::vector<int8_t>(out, out + 5),
            (std::vector<int8_t>{-98, 29, 30, 127, 127}));
}

TEST(RequantizeTest, HalvingRoundsLikeTflite) {
  // Ratio 0.5 is (2^30, shift 0): only the doubling high multiply rounds,
  // and its nudge takes +1.5 to 2 but -1.5 to -1. Ratio 0.25 adds a
  // rounding right shift, which takes -1.5 to -2.
  int32_t m = 0;
  int shift = 0;
  ref::RequantizeMultiplier(0.5f, 1.0f, &m, &shift);
  EXPECT_EQ(shift, 0);
  const int8_t in[4] = {3, -3, 5, -5};
  int8_t out[4];
  ref::Requantize(in, 4, 0, m, shift, 0, out);
  EXPECT_EQ(std::vector<int8_t>(out, out + 4),
            (std::vector<int8_t>{2, -1, 3, -2}));
  ref::RequantizeMultiplier(0.25f, 1.0f, &m, &shift);
  EXPECT_EQ(shift, -1);
  const int8_t in2[4] = {6, -6, 2, -2};
  ref::Requantize(in2, 4, 0, m, shift, 0, out);
  EXPECT_EQ(std::vector<int8_t>(out, out + 4),
            (std::vector<int8_t>{2, -2, 1, -1}));
}

TEST(RequantizeTest, FloatCrossCheckAllInputs) {
  struct Case {
    float in_scale;
    int in_zp;
    float out_scale;
    int out_zp;
  };
  const Case cases[] = {
      {0.02f, -128, 0.05f, 127}, {0.05f, 127, 0.02f, -128},
      {0.1f, 3, 0.1f, -7},       {1.0f, 0, 0.0039215686f, -128},
      {0.3f, -20, 2.5f, 10},
  };
  for (const Case& c : cases) {
    int32_t m = 0;
    int shift = 0;
    ref::RequantizeMultiplier(c.in_scale, c.out_scale, &m, &shift);
    int8_t in[256];
    int8_t out[256];
    for (int i = 0; i < 256; ++i) in[i] = static_cast<int8_t>(i - 128);
    ref::Requantize(in, 256, c.in_zp, m, shift, c.out_zp, out);
    for (int i = 0; i < 256; ++i) {
      const double real = (in[i] - c.in_zp) * static_cast<double>(c.in_scale);
      const double expected = std::fmin(
          127.0, std::fmax(-128.0, std::round(real / c.out_scale) + c.out_zp));
      EXPECT_LE(std::fabs(out[i] - expected), 1.0) << int{in[i]};
    }
  }
  // A ratio of exactly 1 with equal zero points is the identity.
  int32_t m = 0;
  int shift = 0;
  ref::RequantizeMultiplier(0.1f, 0.1f, &m, &shift);
  int8_t in[256], out[256];
  for (int i = 0; i < 256; ++i) in[i] = static_cast<int8_t>(i - 128);
  ref::Requantize(in, 256, 5, m, shift, 5, out);
  for (int i = 0; i < 256; ++i) EXPECT_EQ(out[i], in[i]);
}

TEST(RequantizeTest, Uint8AndInt8Conversions) {
  int32_t m = 0;
  int shift = 0;
  ref::RequantizeMultiplier(1.0f / 255.0f, 1.0f / 255.0f, &m, &shift);
  // Same scale, zero points 128 apart: TFLite's xor-0x80 fast path.
  uint8_t u[256];
  int8_t s[256];
  uint8_t back[256];
  for (int i = 0; i < 256; ++i) u[i] = static_cast<uint8_t>(i);
  ref::Requantize(u, 256, 0, m, shift, -128, s);
  ref::Requantize(s, 256, -128, m, shift, 0, back);
  for (int i = 0; i < 256; ++i) {
    EXPECT_EQ(static_cast<uint8_t>(s[i]), static_cast<uint8_t>(u[i] ^ 0x80));
    EXPECT_EQ(back[i], u[i]);
  }
  // uint8 saturates at 0 and 255.
  const int8_t x[3] = {-128, 0, 127};
  uint8_t y[3];
  ref::Requantize(x, 3, 0, m, shift, 100, y);
  EXPECT_EQ(y[0], 0);
  EXPECT_EQ(y[1], 100);
  EXPECT_EQ(y[2], 227);
}

TEST(RequantizeTest, Int32Conversions) {
  int32_t m = 0;
  int shift = 0;
  // int8 scale 0.5 -> int32 scale 0.001: x 500.
  ref::RequantizeMultiplier(0.5f, 0.001f, &m, &shift);
  const int8_t a[3] = {-128, 0, 127};
  int32_t b[3];
  ref::Requantize(a, 3, 1, m, shift, 0, b);
  EXPECT_EQ(b[0], -64500);
  EXPECT_EQ(b[1], -500);
  EXPECT_EQ(b[2], 63000);
  // And back, with saturation at the int8 range.
  ref::RequantizeMultiplier(0.001f, 0.5f, &m, &shift);
  const int32_t c[4] = {-64500, 1000, 1000000, -1000000};
  int8_t d[4];
  ref::Requantize(c, 4, 0, m, shift, 1, d);
  EXPECT_EQ(d[0], -128);
  EXPECT_EQ(d[1], 3);
  EXPECT_EQ(d[2], 127);
  EXPECT_EQ(d[3], -128);
}

}  // namespace
}  // namespace mote
