#include "kernels/ref/mul.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "kernels/quant_math.h"
#include "kernels/ref/broadcast.h"
#include "binary_s8_test_util.h"

namespace mote {
namespace {

using ref::MulParams;

MulParams MakeParams(float s1, int z1, float s2, int z2, float so, int zo,
                       Activation act = Activation::kNone) {
  return binary_s8_test::MakeS8Params(&ref::MakeMulParams, s1, z1, s2, z2, so,
                                      zo, act);
}

std::vector<int8_t> MulS8(const MulParams& p, const Shape& s1,
                          const std::vector<int8_t>& a, const Shape& s2,
                          const std::vector<int8_t>& b) {
  return binary_s8_test::RunS8(&ref::MulS8, p, s1, a, s2, b);
}

TEST(MulS8Test, ParamsAreInScaleProductOverOutputScale) {
  // 0.5 * 0.5 / 0.25 = 1.0 = 0.5 * 2^1.
  MulParams p = MakeParams(0.5f, 1, 0.5f, -2, 0.25f, 3);
  EXPECT_EQ(p.output_multiplier, 1 << 30);
  EXPECT_EQ(p.output_shift, 1);
  EXPECT_EQ(p.input1_offset, -1);
  EXPECT_EQ(p.input2_offset, 2);
  EXPECT_EQ(p.output_offset, 3);
  // The product and the division are in double, in that order.
  const float s1 = 0.0123f, s2 = 0.0456f, so = 0.0789f;
  p = MakeParams(s1, 0, s2, 0, so, 0);
  int32_t m = 0;
  int shift = 0;
  QuantizeMultiplier(static_cast<double>(s1) * static_cast<double>(s2) /
                         static_cast<double>(so),
                     &m, &shift);
  EXPECT_EQ(p.output_multiplier, m);
  EXPECT_EQ(p.output_shift, shift);
}

TEST(MulS8Test, UnitRescaleIsExact) {
  const MulParams p = MakeParams(0.5f, 0, 0.5f, 0, 0.25f, 0);
  const Shape s = MakeShape({5});
  const auto out = MulS8(p, s, {3, -4, 12, 12, -128}, s, {5, 6, 11, -11, -1});
  EXPECT_EQ(out, (std::vector<int8_t>{15, -24, 127, -128, 127}));
}

TEST(MulS8Test, RescaleAboveOne) {
  // 1 * 1 / 0.25 = 4: TFLite's MUL version 3 case, a left shift.
  const MulParams p = MakeParams(1.0f, 0, 1.0f, 0, 0.25f, 0);
  EXPECT_EQ(p.output_shift, 3);
  const Shape s = MakeShape({3});
  EXPECT_EQ(MulS8(p, s, {3, -2, 6}, s, {5, 7, 6}),
            (std::vector<int8_t>{60, -56, 127}));
}

TEST(MulS8Test, RoundingOfTheRescale) {
  // 1 * 1 / 2 = 0.5 (2^30, shift 0): the doubling high multiply rounds
  // +7.5 up to 8 but -7.5 up to -7 (gemmlowp's nudge), exactly as TFLite.
  MulParams p = MakeParams(1.0f, 0, 1.0f, 0, 2.0f, 0);
  EXPECT_EQ(p.output_shift, 0);
  const Shape s = MakeShape({4});
  EXPECT_EQ(MulS8(p, s, {3, -3, 5, -5}, s, {5, 5, 1, 1}),
            (std::vector<int8_t>{8, -7, 3, -2}));
  // 0.25 (2^30, shift -1): two roundings, as in TFLite. 15 -> 7.5 -> 8 ->
  // 4; -15 -> -7.5 -> -7 -> -3.5 -> -4; -6 -> -3 -> -1.5 -> -2 (the final
  // shift rounds half away from zero); and 5 -> 2.5 -> 3 -> 1.5 -> 2, where
  // a single rounding of 1.25 would give 1.
  p = MakeParams(1.0f, 0, 1.0f, 0, 4.0f, 0);
  EXPECT_EQ(p.output_shift, -1);
  EXPECT_EQ(MulS8(p, s, {3, -3, 5, -6}, s, {5, 5, 1, 1}),
            (std::vector<int8_t>{4, -4, 2, -2}));
}

TEST(MulS8Test, ExtremeZeroPointsAndActivation) {
  // Both input zero points 127, output scale 0.5 and zero point -128 with
  // RELU6: 0.0 is -128 and 6.0 is -116. The rescale is exactly 1, so
  // q_out = -128 + (q1 - 127) * (q2 - 127) before the clamp.
  const MulParams p =
      MakeParams(0.5f, 127, 1.0f, 127, 0.5f, -128, Activation::kRelu6);
  EXPECT_EQ(p.act_min, -128);
  EXPECT_EQ(p.act_max, -116);
  const Shape s = MakeShape({5});
  EXPECT_EQ(
      MulS8(p, s, {125, 123, 107, 126, -128}, s, {126, 125, 124, 127, -128}),
      (std::vector<int8_t>{-126, -120, -116, -128, -116}));

  // Zero points 127 and -128, output zero point 0: the products are <= 0,
  // so RELU6 lifts them to 0 where NONE keeps them.
  const Shape t = MakeShape({3});
  const std::vector<int8_t> a = {125, 126, 127};
  const std::vector<int8_t> b = {-127, -123, 100};
  const MulParams none = MakeParams(0.5f, 127, 1.0f, -128, 0.5f, 0);
  EXPECT_EQ(MulS8(none, t, a, t, b), (std::vector<int8_t>{-2, -5, 0}));
  const MulParams relu6 =
      MakeParams(0.5f, 127, 1.0f, -128, 0.5f, 0, Activation::kRelu6);
  EXPECT_EQ(MulS8(relu6, t, a, t, b), (std::vector<int8_t>{0, 0, 0}));
}

TEST(MulS8Test, FloatCrossCheckWithinOneLsb) {
  binary_s8_test::ExpectFloatCrossCheck(
      &ref::MakeMulParams, &ref::MulS8,
      [](double a, double b) { return a * b; }, 3,
      {
          {0.02f, -128, 0.03f, 127, 0.5f, 0},
          {0.1f, 0, 0.1f, 0, 0.01f, -128},
          {0.5f, 3, 0.25f, -7, 40.0f, 127},
          {0.004f, -20, 1.5f, 100, 0.002f, 5},
      });
}

TEST(MulS8Test, BroadcastsPerChannelScale) {
  // A [1, 2, 2, 3] activation times a per-channel [3] vector.
  const MulParams p = MakeParams(1.0f, 0, 1.0f, 0, 1.0f, 0);
  std::vector<int8_t> x(12);
  for (int i = 0; i < 12; ++i) x[i] = static_cast<int8_t>(i - 6);
  const std::vector<int8_t> w = {1, -2, 3};
  const auto out = MulS8(p, MakeShape({1, 2, 2, 3}), x, MakeShape({3}), w);
  for (int i = 0; i < 12; ++i) EXPECT_EQ(out[i], x[i] * w[i % 3]) << i;
}

TEST(MulS8Test, RejectsUnusableScales) {
  MulParams p;
  EXPECT_FALSE(
      ref::MakeMulParams(DataType::kInt8, 1.0f, 0, 1.0f, 0, 0.0f, 0, Activation::kNone, &p));
  EXPECT_FALSE(ref::MakeMulParams(DataType::kInt8, 1e30f, 0, 1e30f, 0, 1e-30f, 0,
                                    Activation::kNone, &p));
  EXPECT_FALSE(ref::MakeMulParams(DataType::kInt8, std::numeric_limits<float>::quiet_NaN(), 0,
                                    1.0f, 0, 1.0f, 0, Activation::kNone, &p));
}

TEST(MulS32Test, WrapsAndAppliesActivation) {
  const Shape s = MakeShape({3});
  const int32_t a[3] = {65536, -7, 3};
  const int32_t b[3] = {65536, 6, 4};
  int32_t out[3] = {};
  int32_t lo = 0, hi = 0;
  ref::ActivationRangeS32(Activation::kNone, &lo, &hi);
  ASSERT_TRUE(ref::MulS32(lo, hi, s, a, s, b, out));
  EXPECT_EQ(out[0], 0);  // 2^32 wraps
  EXPECT_EQ(out[1], -42);
  EXPECT_EQ(out[2], 12);
  ref::ActivationRangeS32(Activation::kRelu, &lo, &hi);
  ASSERT_TRUE(ref::MulS32(lo, hi, s, a, s, b, out));
  EXPECT_EQ(out[1], 0);
  // [40] * scalar, as in the audio front end.
  int32_t v[40], r[40];
  for (int i = 0; i < 40; ++i) v[i] = i - 20;
  const int32_t k = 3;
  ref::ActivationRangeS32(Activation::kNone, &lo, &hi);
  ASSERT_TRUE(ref::MulS32(lo, hi, MakeShape({40}), v, Shape(), &k, r));
  for (int i = 0; i < 40; ++i) EXPECT_EQ(r[i], 3 * (i - 20));
}

TEST(MulF32Test, ComputesWithActivationAndBroadcast) {
  float lo = 0.0f, hi = 0.0f;
  ActivationRangeFloat(static_cast<int>(Activation::kNone), &lo, &hi);
  const float a[4] = {1.5f, -2.0f, 3e38f, 0.5f};
  const float b[4] = {2.0f, 0.25f, 10.0f, -4.0f};
  float out[4];
  const Shape s = MakeShape({4});
  ASSERT_TRUE(ref::MulF32(lo, hi, s, a, s, b, out));
  EXPECT_EQ(out[0], 3.0f);
  EXPECT_EQ(out[1], -0.5f);
  EXPECT_EQ(out[2], std::numeric_limits<float>::max());
  EXPECT_EQ(out[3], -2.0f);
  ActivationRangeFloat(static_cast<int>(Activation::kReluN1To1), &lo, &hi);
  const float two = 2.0f;
  ASSERT_TRUE(ref::MulF32(lo, hi, s, a, Shape(), &two, out));
  EXPECT_EQ(out[0], 1.0f);
  EXPECT_EQ(out[1], -1.0f);
  EXPECT_EQ(out[3], 1.0f);
}

}  // namespace
}  // namespace mote
