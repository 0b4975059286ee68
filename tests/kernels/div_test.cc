#include "kernels/ref/div.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "binary_s8_test_util.h"
#include "kernels/quant_math.h"

namespace mote {
namespace {

ref::DivParamsS8 Params(float s1, int z1, float s2, int z2, float so, int zo,
                        Activation act = Activation::kNone) {
  ref::DivParamsS8 p;
  EXPECT_TRUE(ref::MakeDivParamsS8(s1, z1, s2, z2, so, zo, act, &p));
  return p;
}

TEST(DivTest, ParamsUseTheFloatRatio) {
  // 0.5 / (1 * 1) = 0.5: (2^30, 0).
  const ref::DivParamsS8 p = Params(0.5f, 3, 1.0f, -4, 1.0f, 5);
  EXPECT_EQ(p.input1_offset, -3);
  EXPECT_EQ(p.input2_offset, 4);
  EXPECT_EQ(p.output_offset, 5);
  EXPECT_EQ(p.output_multiplier, 1 << 30);
  EXPECT_EQ(p.output_shift, 0);
  // The ratio is computed in float (s2 * so rounded to float first).
  const float s1 = 0.1f, s2 = 0.3f, so = 0.7f;
  const ref::DivParamsS8 q = Params(s1, 0, s2, 0, so, 0);
  int32_t m;
  int shift;
  QuantizeMultiplier(static_cast<double>(s1 / (s2 * so)), &m, &shift);
  EXPECT_EQ(q.output_multiplier, m);
  EXPECT_EQ(q.output_shift, shift);
}

TEST(DivTest, ParamsRefuseRatiosOutsideTheShiftRange) {
  ref::DivParamsS8 p;
  // 2^24 and 2^-27: the final rounding shift could leave [0, 63].
  EXPECT_FALSE(ref::MakeDivParamsS8(1.0f, 0, 1.0f, 0, 1.0f / 16777216.0f, 0,
                                    Activation::kNone, &p));
  EXPECT_FALSE(ref::MakeDivParamsS8(1.0f, 0, 1.0f, 0, 134217728.0f, 0,
                                    Activation::kNone, &p));
  EXPECT_TRUE(ref::MakeDivParamsS8(1.0f, 0, 1.0f, 0, 1e-6f, 0,
                                   Activation::kNone, &p));
}

TEST(DivTest, RoundingDivideByPotWide) {
  // Up to 31 it is gemmlowp's RoundingDivideByPOT.
  for (int e = 0; e <= 31; ++e) {
    for (int32_t x : {0, 1, -1, 5, -5, 1000, -1000, INT32_MAX, INT32_MIN}) {
      EXPECT_EQ(ref::RoundingDivideByPOTWide(x, e), RoundingDivideByPOT(x, e))
          << x << " >> " << e;
    }
  }
  // Beyond, the 64-bit mask is all ones in the int32 lane: non-negative x
  // gets the rounding 1, and the shift leaves only sign bits.
  for (int e : {32, 40, 63}) {
    EXPECT_EQ(ref::RoundingDivideByPOTWide(0, e), 1);
    EXPECT_EQ(ref::RoundingDivideByPOTWide(12345, e), 1);
    EXPECT_EQ(ref::RoundingDivideByPOTWide(-12345, e), -1);
    EXPECT_EQ(ref::RoundingDivideByPOTWide(INT32_MIN, e), -1);
  }
}

// 0 / b: v1 = 0 has 31 bits of headroom, so the final shift is
// 31 + recip_shift - output_shift. With output_shift 0, b = 1 shifts by 31
// (result 0) and b >= 2 by 32 or more, where TFLite Micro's rounding adds 1.
TEST(DivTest, ZeroNumeratorAsTfliteMicro) {
  const ref::DivParamsS8 p = Params(0.5f, 0, 1.0f, 0, 1.0f, 0);
  const Shape s = MakeShape({5});
  const std::vector<int8_t> a = {0, 0, 0, 0, 0}, b = {1, 2, -2, 100, -128};
  std::vector<int8_t> out(5);
  ASSERT_TRUE(ref::DivS8(p, s, a.data(), s, b.data(), out.data()));
  EXPECT_EQ(out, (std::vector<int8_t>{0, 1, 1, 1, 1}));
  // A larger ratio (shift 3) keeps 0 / 2..8 below 32 bits.
  const ref::DivParamsS8 q = Params(4.0f, 0, 1.0f, 0, 1.0f, 0);
  EXPECT_EQ(q.output_shift, 3);
  const std::vector<int8_t> b2 = {1, 2, 8, 15, 16};
  ASSERT_TRUE(ref::DivS8(q, s, a.data(), s, b2.data(), out.data()));
  EXPECT_EQ(out, (std::vector<int8_t>{0, 0, 0, 0, 1}));
}

// Every int8 pair (zero divisors excluded) within 1 LSB of the real
// quotient, for several quantizations and activations.
TEST(DivTest, Int8WithinOneLsbOfTheRealQuotient) {
  struct Q : binary_s8_test::ScaleCase {
    Activation act;
  };
  for (const Q q : {Q{{0.05f, 0, 0.05f, 0, 0.1f, 0}, Activation::kNone},
                    Q{{0.02f, -10, 0.1f, 7, 0.05f, -3}, Activation::kNone},
                    Q{{0.5f, 127, 0.01f, -128, 20.0f, 0}, Activation::kNone},
                    Q{{0.1f, 3, 0.2f, -1, 0.01f, -128}, Activation::kRelu},
                    Q{{0.1f, 0, 0.1f, 0, 1.0f / 64, 0}, Activation::kRelu6}}) {
    const ref::DivParamsS8 p = Params(q.s1, q.z1, q.s2, q.z2, q.so, q.zo,
                                      q.act);
    std::vector<int8_t> a, b;
    for (int x = -128; x <= 127; ++x) {
      for (int y = -128; y <= 127; y += 3) {
        if (y == q.z2) continue;
        a.push_back(static_cast<int8_t>(x));
        b.push_back(static_cast<int8_t>(y));
      }
    }
    const Shape s = MakeShape({static_cast<int32_t>(a.size())});
    std::vector<int8_t> out(a.size());
    ASSERT_TRUE(ref::DivS8(p, s, a.data(), s, b.data(), out.data()));
    for (size_t i = 0; i < a.size(); ++i) {
      const double real = (q.s1 * (a[i] - q.z1)) / (q.s2 * (b[i] - q.z2));
      const double want = std::clamp(std::round(real / q.so) + q.zo,
                                     static_cast<double>(p.act_min),
                                     static_cast<double>(p.act_max));
      ASSERT_NEAR(out[i], want, 1.0) << int{a[i]} << " / " << int{b[i]};
    }
  }
}

TEST(DivTest, Int32TruncatesAndClamps) {
  const Shape s = MakeShape({6});
  const std::vector<int32_t> a = {7, -7, 7, INT32_MIN, 5, INT32_MAX};
  const std::vector<int32_t> b = {2, 2, -2, -1, 9, 1};
  std::vector<int32_t> out(6);
  ASSERT_TRUE(ref::DivS32(INT32_MIN, INT32_MAX, s, a.data(), s, b.data(),
                          out.data()));
  EXPECT_EQ(out, (std::vector<int32_t>{3, -3, -3, INT32_MIN, 0, INT32_MAX}));
  ASSERT_TRUE(ref::DivS32(0, 6, s, a.data(), s, b.data(), out.data()));
  EXPECT_EQ(out, (std::vector<int32_t>{3, 0, 0, 0, 0, 6}));
}

TEST(DivTest, FloatDivisionByZeroAsTflite) {
  const Shape s = MakeShape({4});
  const std::vector<float> a = {1.0f, -1.0f, 0.0f, 3.0f};
  const std::vector<float> b = {0.0f, 0.0f, 0.0f, 4.0f};
  std::vector<float> out(4);
  ASSERT_TRUE(ref::DivF32(std::numeric_limits<float>::lowest(), FLT_MAX, s,
                          a.data(), s, b.data(), out.data()));
  EXPECT_EQ(out[0], FLT_MAX);  // clamped, not +inf
  EXPECT_EQ(out[1], -FLT_MAX);
  EXPECT_TRUE(std::isnan(out[2]));
  EXPECT_EQ(out[3], 0.75f);
  ASSERT_TRUE(
      ref::DivF32(0.0f, 6.0f, s, a.data(), s, b.data(), out.data()));
  EXPECT_EQ(out[0], 6.0f);
  EXPECT_EQ(out[1], 0.0f);
}

TEST(DivTest, FindsZeroDivisors) {
  const std::vector<int32_t> i32 = {3, -1, 0, 0};
  EXPECT_EQ(ref::FindZeroDivisorS32(4, i32.data()), 2);
  EXPECT_EQ(ref::FindZeroDivisorS32(2, i32.data()), -1);
  const std::vector<int8_t> i8 = {0, 5, -3};
  EXPECT_EQ(ref::FindZeroDivisorS8(3, i8.data(), -3), 2);
  EXPECT_EQ(ref::FindZeroDivisorS8(3, i8.data(), 7), -1);
}

TEST(DivTest, BroadcastsTheDivisor) {
  const std::vector<float> a = {2, 4, 6, 8}, b = {2, 4};
  std::vector<float> out(4);
  ASSERT_TRUE(ref::DivF32(-FLT_MAX, FLT_MAX, MakeShape({2, 2}), a.data(),
                          MakeShape({2}), b.data(), out.data()));
  EXPECT_EQ(out, (std::vector<float>{1, 1, 3, 2}));
}

}  // namespace
}  // namespace mote
