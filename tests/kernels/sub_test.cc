#include "kernels/ref/sub.h"

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

using ref::AddSubParams;

AddSubParams MakeParams(float s1, int z1, float s2, int z2, float so, int zo,
                       Activation act = Activation::kNone) {
  return binary_s8_test::MakeS8Params(&ref::MakeSubParams, s1, z1, s2, z2, so,
                                      zo, act);
}

std::vector<int8_t> SubS8(const AddSubParams& p, const Shape& s1,
                          const std::vector<int8_t>& a, const Shape& s2,
                          const std::vector<int8_t>& b) {
  return binary_s8_test::RunS8(&ref::SubS8, p, s1, a, s2, b);
}

TEST(SubS8Test, ParamsAreComputedInFloatLikeTflite) {
  // TFLite's SUB forms twice the max scale and the three quotients in float
  // and only then widens them, unlike ADD.
  const float s1 = 0.04072536528110504f;
  const float s2 = 0.04124561324715614f;
  const float so = 0.05837741121649742f;
  const AddSubParams p = MakeParams(s1, -2, s2, -1, so, -3);
  const float twice = 2 * s2;
  int32_t m = 0;
  int shift = 0;
  QuantizeMultiplier(static_cast<double>(s1 / twice), &m, &shift);
  EXPECT_EQ(p.input1_multiplier, m);
  EXPECT_EQ(p.input1_shift, shift);
  EXPECT_EQ(p.input2_multiplier, 1 << 30);
  EXPECT_EQ(p.input2_shift, 0);
  QuantizeMultiplier(static_cast<double>(twice / (1048576 * so)), &m, &shift);
  EXPECT_EQ(p.output_multiplier, m);
  EXPECT_EQ(p.output_shift, shift);
  EXPECT_EQ(p.input1_offset, 2);
  EXPECT_EQ(p.input2_offset, 1);
  EXPECT_EQ(p.output_offset, -3);

  // The float quotient has only 24 significant bits, so ADD's double
  // multipliers differ in the low bits.
  AddSubParams add;
  ASSERT_TRUE(
      ref::MakeAddParams(DataType::kInt8, s1, -2, s2, -1, so, -3, Activation::kNone, &add));
  EXPECT_NE(add.input1_multiplier, p.input1_multiplier);
  EXPECT_NE(add.output_multiplier, p.output_multiplier);
  EXPECT_EQ(p.input1_multiplier % 128, 0);  // the float's 24 bits, shifted
}

TEST(SubS8Test, EqualScalesSubtractExactlyAndSaturate) {
  const AddSubParams p = MakeParams(0.5f, 0, 0.5f, 0, 0.5f, 0);
  const Shape s = MakeShape({5});
  const auto out =
      SubS8(p, s, {10, -10, 100, -100, 0}, s, {20, -25, -100, 100, 0});
  EXPECT_EQ(out, (std::vector<int8_t>{-10, 15, 127, -128, 0}));
}

TEST(SubS8Test, HalvesRoundAwayFromZero) {
  // in1 scale 1, in2 scale 0.5, out scale 1: 3 - 1.5 = 1.5 -> 2,
  // 3 + 1.5 = 4.5 -> 5, -3 - 1.5 = -4.5 -> -5, -3 + 1.5 = -1.5 -> -2.
  const AddSubParams p = MakeParams(1.0f, 0, 0.5f, 0, 1.0f, 0);
  const Shape s = MakeShape({4});
  const auto out = SubS8(p, s, {3, 3, -3, -3}, s, {3, -3, 3, -3});
  EXPECT_EQ(out, (std::vector<int8_t>{2, 5, -5, -2}));
}

TEST(SubS8Test, ExtremeZeroPointsAndActivation) {
  // Input zero points -128 and 127, output zero point 127 with RELU: the
  // clamp floor is the zero point itself.
  const AddSubParams relu =
      MakeParams(1.0f, -128, 1.0f, 127, 1.0f, 27, Activation::kRelu);
  EXPECT_EQ(relu.act_min, 27);
  const Shape s = MakeShape({3});
  // Reals: (q1 + 128) - (q2 - 127).
  const auto out = SubS8(relu, s, {-128, -100, -28}, s, {127, 117, 127});
  // 0 - 0 = 0 -> 27; 28 - (-10) = 38 -> 65; 100 - 0 = 100 -> 127 (clamp)
  EXPECT_EQ(out, (std::vector<int8_t>{27, 65, 127}));
}

TEST(SubS8Test, FloatCrossCheckWithinOneLsb) {
  binary_s8_test::ExpectFloatCrossCheck(
      &ref::MakeSubParams, &ref::SubS8,
      [](double a, double b) { return a - b; }, 11,
      {
          {0.04072536528110504f, -2, 0.04124561324715614f, -1, 0.05837741121649742f,
           -3},
          {0.1f, -128, 0.2f, 127, 0.25f, 0},
          {0.02f, 127, 0.02f, -128, 0.03f, -128},
          {0.003f, 5, 1.0f, 0, 0.5f, 127},
      });
}

TEST(SubS8Test, BroadcastsEitherInput) {
  const AddSubParams p = MakeParams(1.0f, 0, 1.0f, 0, 1.0f, 0);
  // [2, 3] - [3] and [3] - [2, 3]: the order of operands is kept.
  const std::vector<int8_t> m = {10, 20, 30, 40, 50, 60};
  const std::vector<int8_t> v = {1, 2, 3};
  EXPECT_EQ(SubS8(p, MakeShape({2, 3}), m, MakeShape({3}), v),
            (std::vector<int8_t>{9, 18, 27, 39, 48, 57}));
  EXPECT_EQ(SubS8(p, MakeShape({3}), v, MakeShape({2, 3}), m),
            (std::vector<int8_t>{-9, -18, -27, -39, -48, -57}));
  // [2, 1] - [1, 3] -> [2, 3]
  EXPECT_EQ(
      SubS8(p, MakeShape({2, 1}), {100, 50}, MakeShape({1, 3}), {1, 2, 3}),
      (std::vector<int8_t>{99, 98, 97, 49, 48, 47}));
}

TEST(SubS8Test, RejectsOutOfRangeMultipliers) {
  AddSubParams p;
  EXPECT_FALSE(ref::MakeSubParams(DataType::kInt8, 1.0f, 0, 1.0f, 0, std::ldexp(1.0f, -20), 0,
                                    Activation::kNone, &p));
  EXPECT_FALSE(
      ref::MakeSubParams(DataType::kInt8, 1.0f, 0, 0.0f, 0, 1.0f, 0, Activation::kNone, &p));
}

TEST(SubS32Test, WrapsAndAppliesActivation) {
  const Shape s = MakeShape({4});
  const int32_t a[4] = {std::numeric_limits<int32_t>::min(), 5, 3, 10};
  const int32_t b[4] = {1, 10, -4, 2};
  int32_t out[4] = {};
  int32_t lo = 0, hi = 0;
  ref::ActivationRangeS32(Activation::kNone, &lo, &hi);
  ASSERT_TRUE(ref::SubS32(lo, hi, s, a, s, b, out));
  EXPECT_EQ(out[0], std::numeric_limits<int32_t>::max());
  EXPECT_EQ(out[1], -5);
  EXPECT_EQ(out[2], 7);
  EXPECT_EQ(out[3], 8);
  ref::ActivationRangeS32(Activation::kRelu6, &lo, &hi);
  EXPECT_EQ(lo, 0);
  EXPECT_EQ(hi, 6);
  ASSERT_TRUE(ref::SubS32(lo, hi, s, a, s, b, out));
  EXPECT_EQ(out[1], 0);
  EXPECT_EQ(out[2], 6);
}

TEST(SubF32Test, ComputesWithActivationAndBroadcast) {
  float lo = 0.0f, hi = 0.0f;
  ActivationRangeFloat(static_cast<int>(Activation::kNone), &lo, &hi);
  const float a[4] = {1.5f, -2.0f, 5.0f, -std::numeric_limits<float>::max()};
  const float b[4] = {0.25f, 1.0f, -2.0f, std::numeric_limits<float>::max()};
  float out[4];
  const Shape s = MakeShape({2, 2});
  ASSERT_TRUE(ref::SubF32(lo, hi, s, a, s, b, out));
  EXPECT_EQ(out[0], 1.25f);
  EXPECT_EQ(out[1], -3.0f);
  EXPECT_EQ(out[2], 7.0f);
  EXPECT_EQ(out[3], std::numeric_limits<float>::lowest());  // not -inf

  ActivationRangeFloat(static_cast<int>(Activation::kRelu), &lo, &hi);
  const float row[2] = {1.0f, 10.0f};
  ASSERT_TRUE(ref::SubF32(lo, hi, s, a, MakeShape({2}), row, out));
  EXPECT_EQ(out[0], 0.5f);
  EXPECT_EQ(out[1], 0.0f);
  EXPECT_EQ(out[2], 4.0f);
  EXPECT_EQ(out[3], 0.0f);
}

}  // namespace
}  // namespace mote
