// The deterministic math (tables, gains) against libm, and the integer
// helpers of the fixed-point pipeline.
#include <cmath>
#include <cstdint>

#include <gtest/gtest.h>

#include "dsp/dsp_math.h"

namespace mote::dsp {
namespace {

// Folded at compile time: the same values every target gets.
static_assert(DetSin(0.0) == 0.0, "sin 0");
static_assert(DetCos(0.0) == 1.0, "cos 0");
static_assert(DetExp(0.0) == 1.0, "exp 0");
static_assert(DetLn(1.0) == 0.0, "ln 1");

TEST(DspMath, TrigMatchesLibm) {
  for (double x = -40.0; x <= 40.0; x += 0.0137) {
    EXPECT_NEAR(DetSin(x), std::sin(x), 4e-16 * (1 + std::fabs(x))) << x;
    EXPECT_NEAR(DetCos(x), std::cos(x), 4e-16 * (1 + std::fabs(x))) << x;
  }
}

TEST(DspMath, LnExpSqrtMatchLibm) {
  for (double x = 1e-12; x < 1e12; x *= 1.37) {
    EXPECT_NEAR(DetLn(x), std::log(x), 1e-15 * (1 + std::fabs(std::log(x)))) << x;
    EXPECT_NEAR(DetSqrt(x), std::sqrt(x), 1e-15 * std::sqrt(x)) << x;
  }
  for (double x = -700.0; x < 700.0; x += 0.731) {
    EXPECT_NEAR(DetExp(x), std::exp(x), 1e-14 * std::exp(x)) << x;
  }
  EXPECT_NEAR(DetPow(80.0, 0.5), std::sqrt(80.0), 1e-13);
}

TEST(DspMath, Log2Q24Accuracy) {
  double worst = 0.0;
  uint64_t v = 1;
  for (int i = 0; i < 5000; ++i) {
    const double expected = std::log2(static_cast<double>(v));
    const double got = Log2Q24(v) / 16777216.0;
    worst = std::max(worst, std::fabs(got - expected));
    v = v * 3 / 2 + 7;
    if (v > (uint64_t{1} << 62)) v = (v % 1000) + 1;
  }
  EXPECT_LT(worst, 4e-6);
  EXPECT_EQ(Log2Q24(1), 0);
  EXPECT_EQ(Log2Q24(uint64_t{1} << 40), 40 << 24);
  EXPECT_NEAR(LnQ24(1000000) / 16777216.0, std::log(1e6), 4e-6);
}

TEST(DspMath, IntegerSquareRoot) {
  for (uint32_t v : {0u, 1u, 2u, 3u, 4u, 99u, 100u, 65535u, 65536u, 0xFFFFFFFFu}) {
    const uint32_t r = Isqrt32(v);
    EXPECT_LE(uint64_t{r} * r, v);
    EXPECT_GT(uint64_t{r + 1} * (r + 1), v);
  }
  // 64-bit: ~16 significant bits.
  for (uint64_t v = 5; v < (uint64_t{1} << 61); v = v * 5 / 3 + 11) {
    const double expected = std::sqrt(static_cast<double>(v));
    EXPECT_NEAR(Isqrt64(v), expected, expected * 3.1e-5 + 1.0) << v;
  }
}

TEST(DspMath, PosFloatRoundTrip) {
  for (double x : {1e-6, 0.5847, 1.0, 3.0, 12345.678, 1e12}) {
    const PosFloat p = ToPosFloat(x);
    EXPECT_GE(p.mantissa, 1u << 31);
    EXPECT_NEAR(std::ldexp(static_cast<double>(p.mantissa), p.exponent), x, x * 3e-10);
  }
  EXPECT_EQ(PosFloatToFixed(ToPosFloat(3.0), 4, ~uint64_t{0}), 48u);
  EXPECT_EQ(PosFloatToFixed(ToPosFloat(3.0), 40, 1000), 1000u);
  EXPECT_EQ(PosFloatToFixed(ToPosFloat(3.0), -80, 1000), 0u);
}

}  // namespace
}  // namespace mote::dsp
