// SOFTMAX kernels, and the fixed-point math (kernels/fixed_point.h) that the
// int8 softmax, logistic and tanh are built on.
#include "kernels/ref/softmax.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "kernels/fixed_point.h"

namespace mote {
namespace {

using fixed::F0;
using fixed::FixedPoint;

// ---------------------------------------------------------------------------
// Fixed-point primitives.

TEST(FixedPointTest, SaturatingRoundingMultiplyByPOT) {
  // Right shifts round half away from zero.
  EXPECT_EQ(fixed::SaturatingRoundingMultiplyByPOT<-1>(5), 3);
  EXPECT_EQ(fixed::SaturatingRoundingMultiplyByPOT<-1>(-5), -3);
  EXPECT_EQ(fixed::SaturatingRoundingMultiplyByPOT<-2>(6), 2);
  EXPECT_EQ(fixed::SaturatingRoundingMultiplyByPOT<-2>(5), 1);
  // Left shifts saturate, with gemmlowp's asymmetric threshold: -2^29 * 4
  // would fit exactly but is saturated like anything below -(2^29 - 1).
  EXPECT_EQ(fixed::SaturatingRoundingMultiplyByPOT<2>(1 << 28), 1 << 30);
  EXPECT_EQ(fixed::SaturatingRoundingMultiplyByPOT<2>((1 << 29) - 1),
            ((1 << 29) - 1) * 4);
  EXPECT_EQ(fixed::SaturatingRoundingMultiplyByPOT<2>(1 << 29),
            std::numeric_limits<int32_t>::max());
  EXPECT_EQ(fixed::SaturatingRoundingMultiplyByPOT<2>(-(1 << 29)),
            std::numeric_limits<int32_t>::min());
  EXPECT_EQ(fixed::SaturatingRoundingMultiplyByPOT<0>(-7), -7);
}

TEST(FixedPointTest, RoundingHalfSum) {
  EXPECT_EQ(fixed::RoundingHalfSum(1, 2), 2);     // 1.5 -> 2
  EXPECT_EQ(fixed::RoundingHalfSum(-1, -2), -2);  // -1.5 -> -2
  EXPECT_EQ(fixed::RoundingHalfSum(std::numeric_limits<int32_t>::max(),
                                   std::numeric_limits<int32_t>::max()),
            std::numeric_limits<int32_t>::max());
}

TEST(FixedPointTest, MultiplicationAddsIntegerBits) {
  const FixedPoint<2> one_and_half = FixedPoint<2>::FromRaw(3 << 28);  // 1.5
  const FixedPoint<3> half = FixedPoint<3>::FromRaw(1 << 27);          // 0.5
  const FixedPoint<5> product = one_and_half * half;
  EXPECT_EQ(product.raw, 3 << 24);  // 0.75 in Q5.26
  EXPECT_EQ(FixedPoint<5>::One().raw, 1 << 26);
  EXPECT_EQ(F0::One().raw, std::numeric_limits<int32_t>::max());
  EXPECT_EQ(fixed::Rescale<3>(FixedPoint<5>::FromRaw(3 << 24)).raw, 3 << 26);
}

double ToDouble(F0 x) { return x.raw / 2147483648.0; }

TEST(FixedPointTest, ExpOnNegativeValuesIsAccurate) {
  using F5 = FixedPoint<5>;
  EXPECT_EQ(fixed::ExpOnNegativeValues(F5::Zero()).raw, F0::One().raw);
  // Sample the whole Q5.26 negative range, including the barrel-shifter
  // boundaries at multiples of 1/4.
  double max_error = 0.0;
  for (int64_t raw = 0; raw >= -(int64_t{32} << 26); raw -= 1234567) {
    const double x = static_cast<double>(raw) / (1 << 26);
    const double got = ToDouble(
        fixed::ExpOnNegativeValues(F5::FromRaw(static_cast<int32_t>(raw))));
    max_error = std::max(max_error, std::abs(got - std::exp(x)));
  }
  for (int k = 1; k < 128; ++k) {
    const int32_t raw = -k * (1 << 24);  // -k/4
    const double got = ToDouble(fixed::ExpOnNegativeValues(F5::FromRaw(raw)));
    max_error = std::max(max_error, std::abs(got - std::exp(-k / 4.0)));
  }
  // gemmlowp's polynomial is good to about 2^-22.
  EXPECT_LT(max_error, 5e-7);
}

TEST(FixedPointTest, ReciprocalsAreAccurate) {
  for (int i = 0; i < 1000; ++i) {
    const double x = i / 1000.0;
    const F0 fx = F0::FromRaw(static_cast<int32_t>(x * 2147483648.0));
    EXPECT_NEAR(ToDouble(fixed::OneOverOnePlusXForXIn01(fx)), 1.0 / (1.0 + x),
                1e-8)
        << x;
    EXPECT_NEAR(ToDouble(fixed::OneMinusXOverOnePlusXForXIn01(fx)),
                (1.0 - x) / (1.0 + x), 1e-8)
        << x;
  }
}

TEST(FixedPointTest, GetReciprocal) {
  // 2.5 in Q12.19 = 1.25 * 2^1, so 1/2.5 = 0.8 / 2^1.
  int bits = 0;
  int32_t r = fixed::GetReciprocal(5 << 18, 12, &bits);
  EXPECT_EQ(bits, 1);
  EXPECT_NEAR(r / 2147483648.0, 0.8, 1e-8);
  // 1.0 exactly: the reciprocal saturates just below 1, no extra shift.
  r = fixed::GetReciprocal(1 << 19, 12, &bits);
  EXPECT_EQ(bits, 0);
  EXPECT_NEAR(r / 2147483648.0, 1.0, 1e-8);
  // 100 = 1.5625 * 2^6.
  r = fixed::GetReciprocal(100 << 19, 12, &bits);
  EXPECT_EQ(bits, 6);
  EXPECT_NEAR(r / 2147483648.0, 0.64, 1e-8);
}

TEST(FixedPointTest, LogisticAndTanhAreAccurate) {
  using F4 = FixedPoint<4>;
  EXPECT_EQ(fixed::Logistic(F4::Zero()).raw, 1 << 30);
  EXPECT_EQ(fixed::Tanh(F4::Zero()).raw, 0);
  for (int64_t raw = -(int64_t{16} << 27); raw < (int64_t{16} << 27);
       raw += 987654) {
    const double x = static_cast<double>(raw) / (1 << 27);
    const F4 fx = F4::FromRaw(static_cast<int32_t>(raw));
    EXPECT_NEAR(ToDouble(fixed::Logistic(fx)), 1.0 / (1.0 + std::exp(-x)), 5e-7)
        << x;
    EXPECT_NEAR(ToDouble(fixed::Tanh(fx)), std::tanh(x), 1e-6) << x;
  }
}

// ---------------------------------------------------------------------------
// SoftmaxS8.

Shape Rows(int32_t rows, int32_t depth) { return MakeShape({rows, depth}); }

// The expected int8 output of softmax computed in double.
std::vector<int8_t> SoftmaxReference(const std::vector<int8_t>& input,
                                     int32_t depth, float scale, float beta) {
  std::vector<int8_t> out(input.size());
  for (size_t row = 0; row < input.size() / depth; ++row) {
    const int8_t* in = &input[row * depth];
    const int32_t max = *std::max_element(in, in + depth);
    double sum = 0.0;
    for (int32_t c = 0; c < depth; ++c) {
      sum += std::exp(double{beta} * scale * (in[c] - max));
    }
    for (int32_t c = 0; c < depth; ++c) {
      const double p = std::exp(double{beta} * scale * (in[c] - max)) / sum;
      const double q = std::round(p * 256.0) - 128.0;
      out[row * depth + c] = static_cast<int8_t>(std::clamp(q, -128.0, 127.0));
    }
  }
  return out;
}

std::vector<int8_t> RunSoftmaxS8(const std::vector<int8_t>& input,
                                 int32_t depth, float scale, float beta) {
  ref::SoftmaxParamsS8 params;
  EXPECT_TRUE(ref::PrepareSoftmaxS8(scale, beta, &params));
  std::vector<int8_t> out(input.size());
  ref::SoftmaxS8(params,
                 Rows(static_cast<int32_t>(input.size()) / depth, depth),
                 input.data(), out.data());
  return out;
}

TEST(SoftmaxS8Test, PrepareMatchesHandComputedParams) {
  ref::SoftmaxParamsS8 p;
  // scale 1/16, beta 1: 2^-4 * 2^26 = 2^22 = 0.5 * 2^23.
  ASSERT_TRUE(ref::PrepareSoftmaxS8(0.0625f, 1.0f, &p));
  EXPECT_EQ(p.input_multiplier, 1 << 30);
  EXPECT_EQ(p.input_left_shift, 23);
  EXPECT_EQ(p.diff_min, -248);  // floor(31 * 2^26 / 2^23)
  // scale 1: 2^26, shift 27, radius floor(31 / 2) = 15.
  ASSERT_TRUE(ref::PrepareSoftmaxS8(1.0f, 1.0f, &p));
  EXPECT_EQ(p.input_left_shift, 27);
  EXPECT_EQ(p.diff_min, -15);
  // A huge beta * scale is capped at 2^31 - 1: only the maximum survives.
  ASSERT_TRUE(ref::PrepareSoftmaxS8(100.0f, 1.0f, &p));
  EXPECT_EQ(p.input_multiplier, std::numeric_limits<int32_t>::max());
  EXPECT_EQ(p.input_left_shift, 31);
  EXPECT_EQ(p.diff_min, 0);
  // beta * scale * 2^26 must exceed 1.
  EXPECT_FALSE(ref::PrepareSoftmaxS8(0.1f, 0.0f, &p));
  EXPECT_FALSE(ref::PrepareSoftmaxS8(1e-9f, 1.0f, &p));
  EXPECT_FALSE(ref::PrepareSoftmaxS8(std::nanf(""), 1.0f, &p));
}

TEST(SoftmaxS8Test, EqualLogitsGiveUniformProbabilities) {
  // 1/N in units of 1/256, minus 128.
  EXPECT_EQ(RunSoftmaxS8({7}, 1, 0.1f, 1.0f), std::vector<int8_t>({127}));
  EXPECT_EQ(RunSoftmaxS8({-3, -3}, 2, 0.1f, 1.0f), std::vector<int8_t>({0, 0}));
  EXPECT_EQ(RunSoftmaxS8({5, 5, 5, 5}, 4, 0.1f, 1.0f),
            std::vector<int8_t>(4, -64));
  EXPECT_EQ(RunSoftmaxS8(std::vector<int8_t>(8, -128), 8, 0.5f, 1.0f),
            std::vector<int8_t>(8, -96));
  EXPECT_EQ(RunSoftmaxS8(std::vector<int8_t>(256, 42), 256, 0.02f, 1.0f),
            std::vector<int8_t>(256, -127));
}

TEST(SoftmaxS8Test, HandComputedPairs) {
  // scale 1: softmax(0, -1) = (0.731, 0.269) -> 187.1 and 68.9 of 256.
  EXPECT_EQ(RunSoftmaxS8({10, 9}, 2, 1.0f, 1.0f),
            std::vector<int8_t>({59, -59}));
  // A difference below diff_min (-15 at scale 1) contributes nothing; so does
  // -15 itself here (e^-15 * 256 rounds to 0).
  EXPECT_EQ(RunSoftmaxS8({0, -16}, 2, 1.0f, 1.0f),
            std::vector<int8_t>({127, -128}));
  EXPECT_EQ(RunSoftmaxS8({0, -15}, 2, 1.0f, 1.0f),
            std::vector<int8_t>({127, -128}));
  // beta scales the logits like the input scale does.
  EXPECT_EQ(RunSoftmaxS8({10, 9}, 2, 0.5f, 2.0f),
            std::vector<int8_t>({59, -59}));
  // Capped multiplier: any non-maximal entry is 0.
  EXPECT_EQ(RunSoftmaxS8({5, 4, 5}, 3, 100.0f, 1.0f),
            std::vector<int8_t>({0, -128, 0}));
}

TEST(SoftmaxS8Test, RowsAreIndependent) {
  const std::vector<int8_t> input = {1, 2, 3, 3, 2, 1, 0, 0, 0};
  const std::vector<int8_t> out = RunSoftmaxS8(input, 3, 0.7f, 1.0f);
  EXPECT_EQ(out[0], out[5]);
  EXPECT_EQ(out[1], out[4]);
  EXPECT_EQ(out[2], out[3]);
  EXPECT_EQ(out[6], out[7]);
  EXPECT_EQ(out[7], out[8]);
}

TEST(SoftmaxS8Test, ScalarAndRank4Shapes) {
  ref::SoftmaxParamsS8 params;
  ASSERT_TRUE(ref::PrepareSoftmaxS8(0.25f, 1.0f, &params));
  int8_t out = 0;
  const int8_t in = -77;
  ref::SoftmaxS8(params, Shape{}, &in, &out);  // rank 0: one element
  EXPECT_EQ(out, 127);

  std::vector<int8_t> input(2 * 3 * 4 * 5);
  for (size_t i = 0; i < input.size(); ++i)
    input[i] = static_cast<int8_t>(i * 7);
  std::vector<int8_t> got(input.size());
  ref::SoftmaxS8(params, MakeShape({2, 3, 4, 5}), input.data(), got.data());
  EXPECT_EQ(got, RunSoftmaxS8(input, 5, 0.25f, 1.0f));
}

// Every int8 logit against a fixed partner, for several scales and zero
// points: within 1 LSB of the double computation. The zero point cancels
// out of a softmax, which the dequantized reference shows.
TEST(SoftmaxS8Test, AllInputsWithinOneLsbOfFloat) {
  for (const float scale : {0.01f, 0.0625f, 0.1f, 0.25f, 1.0f / 3, 1.0f}) {
    for (const int8_t partner : {int8_t{-128}, int8_t{0}, int8_t{127}}) {
      std::vector<int8_t> input;
      for (int x = -128; x <= 127; ++x) {
        input.push_back(static_cast<int8_t>(x));
        input.push_back(partner);
      }
      const std::vector<int8_t> got = RunSoftmaxS8(input, 2, scale, 1.0f);
      const std::vector<int8_t> want = SoftmaxReference(input, 2, scale, 1.0f);
      int exact = 0;
      for (size_t i = 0; i < got.size(); ++i) {
        EXPECT_LE(std::abs(got[i] - want[i]), 1)
            << "scale " << scale << " logits " << int{input[i & ~size_t{1}]}
            << "," << int{input[i | 1]};
        exact += got[i] == want[i];
      }
      // Off-by-one only near rounding ties: the vast majority is exact.
      EXPECT_GT(exact, static_cast<int>(got.size()) * 9 / 10);
    }
    // And one row holding all 256 values.
    std::vector<int8_t> all;
    for (int x = -128; x <= 127; ++x) all.push_back(static_cast<int8_t>(x));
    const std::vector<int8_t> got = RunSoftmaxS8(all, 256, scale, 1.0f);
    const std::vector<int8_t> want = SoftmaxReference(all, 256, scale, 1.0f);
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_LE(std::abs(got[i] - want[i]), 1)
          << "scale " << scale << " i " << i;
    }
  }
}

TEST(SoftmaxS8Test, RandomRowsWithinOneLsbOfFloat) {
  std::mt19937 rng(2024);
  std::uniform_int_distribution<int> value(-128, 127);
  std::uniform_real_distribution<float> log_scale(-7.0f, 1.0f);
  for (int trial = 0; trial < 300; ++trial) {
    const int32_t depth = 1 + trial % 37;
    const float scale = std::exp2(log_scale(rng));
    const float beta = trial % 4 == 0 ? 0.5f : 1.0f;
    std::vector<int8_t> input(3 * depth);
    for (int8_t& v : input) v = static_cast<int8_t>(value(rng));
    const std::vector<int8_t> got = RunSoftmaxS8(input, depth, scale, beta);
    const std::vector<int8_t> want =
        SoftmaxReference(input, depth, scale, beta);
    for (size_t i = 0; i < got.size(); ++i) {
      ASSERT_LE(std::abs(got[i] - want[i]), 1)
          << "scale " << scale << " depth " << depth << " i " << i;
    }
  }
}

TEST(SoftmaxS8Test, SumOfExpsOf512OrMoreGivesZeros) {
  // 512 equal logits: each probability is 1/512, half an output step.
  // TFLite aborts on this row; we return its all-zero limit.
  const std::vector<int8_t> got =
      RunSoftmaxS8(std::vector<int8_t>(512, 3), 512, 0.1f, 1.0f);
  EXPECT_EQ(got, std::vector<int8_t>(512, -128));
  // 511 is still computed: 256/511 = 0.501 rounds to 1.
  const std::vector<int8_t> got511 =
      RunSoftmaxS8(std::vector<int8_t>(511, 3), 511, 0.1f, 1.0f);
  EXPECT_EQ(got511, std::vector<int8_t>(511, -127));
}

// ---------------------------------------------------------------------------
// SoftmaxF32.

TEST(SoftmaxF32Test, MatchesDoubleFormula) {
  const std::vector<float> input = {1.0f,  2.0f,  3.0f,  4.0f,  5.0f,
                                    -1.0f, -2.0f, -3.0f, -4.0f, -5.0f};
  for (const float beta : {1.0f, 0.5f, 3.0f}) {
    std::vector<float> out(input.size());
    ref::SoftmaxF32(beta, Rows(2, 5), input.data(), out.data());
    for (int row = 0; row < 2; ++row) {
      double sum = 0.0;
      for (int c = 0; c < 5; ++c) sum += std::exp(beta * input[row * 5 + c]);
      float total = 0.0f;
      for (int c = 0; c < 5; ++c) {
        EXPECT_NEAR(out[row * 5 + c], std::exp(beta * input[row * 5 + c]) / sum,
                    1e-6);
        total += out[row * 5 + c];
      }
      EXPECT_NEAR(total, 1.0f, 1e-6f);
    }
  }
  // TFLite's golden for the first row at beta 1.
  std::vector<float> out(5);
  ref::SoftmaxF32(1.0f, Rows(1, 5), input.data(), out.data());
  EXPECT_NEAR(out[4], 0.636408647f, 1e-6f);
  EXPECT_NEAR(out[0], 0.011656231f, 1e-6f);
}

TEST(SoftmaxF32Test, LargeLogitsDoNotOverflow) {
  const std::vector<float> input = {1000.0f, 1000.0f, -1000.0f};
  std::vector<float> out(3);
  ref::SoftmaxF32(1.0f, Rows(1, 3), input.data(), out.data());
  EXPECT_FLOAT_EQ(out[0], 0.5f);
  EXPECT_FLOAT_EQ(out[1], 0.5f);
  EXPECT_FLOAT_EQ(out[2], 0.0f);
}

TEST(SoftmaxF32Test, ZeroBetaIsUniform) {
  const std::vector<float> input = {-3.0f, 0.0f, 9.0f, 2.0f};
  std::vector<float> out(4);
  ref::SoftmaxF32(0.0f, Rows(1, 4), input.data(), out.data());
  for (const float p : out) EXPECT_FLOAT_EQ(p, 0.25f);
}

}  // namespace
}  // namespace mote
