#include "kernels/ref/add.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

#include "kernels/quant_math.h"
#include "kernels/ref/broadcast.h"
#include "binary_s8_test_util.h"

namespace mote {
namespace {

using ref::AddSubParams;

AddSubParams MakeParams(float s1, int z1, float s2, int z2, float so, int zo,
                       Activation act = Activation::kNone) {
  return binary_s8_test::MakeS8Params(&ref::MakeAddParams, s1, z1, s2, z2, so,
                                      zo, act);
}

std::vector<int8_t> AddS8(const AddSubParams& p, const Shape& s1,
                          const std::vector<int8_t>& a, const Shape& s2,
                          const std::vector<int8_t>& b) {
  return binary_s8_test::RunS8(&ref::AddS8, p, s1, a, s2, b);
}

TEST(AddS8Test, ParamsForEqualScalesAreExactPowersOfTwo) {
  // twice_max = 1.0: each input multiplier is 0.5 (2^30, shift 0) and the
  // output multiplier 1.0 / (2^20 * 0.5) = 2^-19 (2^30, shift -18).
  const AddSubParams p = MakeParams(0.5f, 3, 0.5f, -7, 0.5f, 11);
  EXPECT_EQ(p.left_shift, 20);
  EXPECT_EQ(p.input1_offset, -3);
  EXPECT_EQ(p.input2_offset, 7);
  EXPECT_EQ(p.output_offset, 11);
  EXPECT_EQ(p.input1_multiplier, 1 << 30);
  EXPECT_EQ(p.input1_shift, 0);
  EXPECT_EQ(p.input2_multiplier, 1 << 30);
  EXPECT_EQ(p.input2_shift, 0);
  EXPECT_EQ(p.output_multiplier, 1 << 30);
  EXPECT_EQ(p.output_shift, -18);
  EXPECT_EQ(p.act_min, -128);
  EXPECT_EQ(p.act_max, 127);
}

TEST(AddS8Test, ParamsAreComputedInDouble) {
  // The simple_add_model scales. Each multiplier is the double quotient
  // quantized to 31 bits; a float quotient would lose its low bits.
  const float s1 = 0.04072536528110504f;
  const float s2 = 0.04124561324715614f;
  const float so = 0.05837741121649742f;
  const AddSubParams p = MakeParams(s1, -2, s2, -1, so, -3);
  const double twice = 2.0 * static_cast<double>(s2);
  int32_t m = 0;
  int shift = 0;
  QuantizeMultiplier(static_cast<double>(s1) / twice, &m, &shift);
  EXPECT_EQ(p.input1_multiplier, m);
  EXPECT_EQ(p.input1_shift, shift);
  EXPECT_EQ(p.input2_multiplier, 1 << 30);  // the larger scale: exactly 0.5
  EXPECT_EQ(p.input2_shift, 0);
  QuantizeMultiplier(twice / (1048576.0 * static_cast<double>(so)), &m, &shift);
  EXPECT_EQ(p.output_multiplier, m);
  EXPECT_EQ(p.output_shift, shift);
  EXPECT_EQ(p.output_shift, -19);
}

TEST(AddS8Test, EqualScalesAddExactlyAndSaturate) {
  const AddSubParams p = MakeParams(0.5f, 0, 0.5f, 0, 0.5f, 0);
  const Shape s = MakeShape({6});
  const auto out = AddS8(p, s, {10, -10, 100, -100, 127, 0}, s,
                         {20, -25, 100, -100, -127, 0});
  EXPECT_EQ(out, (std::vector<int8_t>{30, -35, 127, -128, 0, 0}));
}

TEST(AddS8Test, ZeroPointsAreRemovedAndAdded) {
  // Real values (q - zp) * 0.5; output zero point -20.
  const AddSubParams p = MakeParams(0.5f, 10, 0.5f, -5, 0.5f, -20);
  const Shape s = MakeShape({3});
  const auto out = AddS8(p, s, {10, 20, 0}, s, {-5, 0, -5});
  // (0 + 0) - 20, (10 + 5) - 20, (-10 + 0) - 20
  EXPECT_EQ(out, (std::vector<int8_t>{-20, -5, -30}));
}

TEST(AddS8Test, HalvesRoundAwayFromZero) {
  // in1 scale 1, in2 scale 0.5, out scale 1: 3 + 1.5 = 4.5 -> 5,
  // 3 - 1.5 = 1.5 -> 2, -3 + 1.5 = -1.5 -> -2, -3 - 1.5 = -4.5 -> -5.
  const AddSubParams p = MakeParams(1.0f, 0, 0.5f, 0, 1.0f, 0);
  const Shape s = MakeShape({4});
  const auto out = AddS8(p, s, {3, 3, -3, -3}, s, {3, -3, 3, -3});
  EXPECT_EQ(out, (std::vector<int8_t>{5, 2, -2, -5}));
}

TEST(AddS8Test, FusedActivationsClampInOutputUnits) {
  // Output scale 0.1, zero point -10: 0.0 is -10, 6.0 is 50, +-1.0 is 0/-20.
  const AddSubParams relu =
      MakeParams(0.1f, -10, 0.1f, -10, 0.1f, -10, Activation::kRelu);
  EXPECT_EQ(relu.act_min, -10);
  EXPECT_EQ(relu.act_max, 127);
  const AddSubParams relu6 =
      MakeParams(0.1f, -10, 0.1f, -10, 0.1f, -10, Activation::kRelu6);
  EXPECT_EQ(relu6.act_min, -10);
  EXPECT_EQ(relu6.act_max, 50);
  const AddSubParams relu1 =
      MakeParams(0.1f, -10, 0.1f, -10, 0.1f, -10, Activation::kReluN1To1);
  EXPECT_EQ(relu1.act_min, -20);
  EXPECT_EQ(relu1.act_max, 0);

  const Shape s = MakeShape({3});
  // Reals: -3 + 0 = -3, 2 + 5 = 7, 0.5 + 0 = 0.5.
  const std::vector<int8_t> a = {-40, 10, -5};
  const std::vector<int8_t> b = {-10, 40, -10};
  EXPECT_EQ(AddS8(relu, s, a, s, b), (std::vector<int8_t>{-10, 60, -5}));
  EXPECT_EQ(AddS8(relu6, s, a, s, b), (std::vector<int8_t>{-10, 50, -5}));
  EXPECT_EQ(AddS8(relu1, s, a, s, b), (std::vector<int8_t>{-20, 0, -5}));
}

TEST(AddS8Test, RejectsWhatTfliteRejects) {
  AddSubParams p;
  // Output multiplier 2 * 1 / (2^20 * 2^-20) = 2 is not below 1.
  EXPECT_FALSE(ref::MakeAddParams(DataType::kInt8, 1.0f, 0, 1.0f, 0, std::ldexp(1.0f, -20), 0,
                                    Activation::kNone, &p));
  EXPECT_FALSE(
      ref::MakeAddParams(DataType::kInt8, 0.0f, 0, 1.0f, 0, 1.0f, 0, Activation::kNone, &p));
  EXPECT_FALSE(
      ref::MakeAddParams(DataType::kInt8, 1.0f, 0, 1.0f, 0, 0.0f, 0, Activation::kNone, &p));
  // RELU6 at scale 1e-12 puts 6.0 at 6e12, beyond int32.
  EXPECT_FALSE(ref::MakeAddParams(DataType::kInt8, 1e-12f, 0, 1e-12f, 0, 1e-12f, 0,
                                    Activation::kRelu6, &p));
  // The largest output multiplier TFLite accepts is just below 1.
  EXPECT_TRUE(ref::MakeAddParams(DataType::kInt8, 1.0f, 0, 1.0f, 0, std::ldexp(1.0f, -18), 0,
                                   Activation::kNone, &p));
  EXPECT_EQ(p.output_shift, 0);
}

TEST(AddS8Test, FloatCrossCheckWithinOneLsb) {
  binary_s8_test::ExpectFloatCrossCheck(
      &ref::MakeAddParams, &ref::AddS8,
      [](double a, double b) { return a + b; }, 7,
      {
          {0.04072536528110504f, -2, 0.04124561324715614f, -1, 0.05837741121649742f,
           -3},
          {0.1f, -128, 0.2f, 127, 0.25f, 0},
          {0.02f, 127, 0.02f, -128, 0.015f, -128},
          {1.0f, 0, 0.003f, 5, 0.5f, 127},
          {1e-4f, 3, 0.9f, -100, 0.01f, 20},
      });
}

TEST(AddS8Test, BroadcastsLikeNumpy) {
  const AddSubParams p = MakeParams(1.0f, 0, 1.0f, 0, 1.0f, 0);
  // [2, 1, 3] + [4, 1] -> [2, 4, 3]
  const Shape s1 = MakeShape({2, 1, 3});
  const Shape s2 = MakeShape({4, 1});
  const std::vector<int8_t> a = {1, 2, 3, 4, 5, 6};
  const std::vector<int8_t> b = {10, 20, 30, 40};
  const auto out = AddS8(p, s1, a, s2, b);
  ASSERT_EQ(out.size(), 24u);
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 4; ++j) {
      for (int k = 0; k < 3; ++k) {
        EXPECT_EQ(out[(i * 4 + j) * 3 + k], a[i * 3 + k] + b[j]);
      }
    }
  }
}

TEST(AddS8Test, ScalarAndIncompatibleShapes) {
  const AddSubParams p = MakeParams(1.0f, 0, 1.0f, 0, 1.0f, 0);
  const Shape scalar;  // rank 0
  const auto out = AddS8(p, scalar, {5}, MakeShape({2, 2}), {1, 2, 3, 4});
  EXPECT_EQ(out, (std::vector<int8_t>{6, 7, 8, 9}));
  int8_t buffer[6] = {};
  const int8_t x[3] = {};
  const int8_t y[2] = {};
  EXPECT_FALSE(ref::AddS8(p, MakeShape({3}), x, MakeShape({2}), y, buffer));
}

// The real model: TFLM's output for simple_add_model (two int8 inputs with
// different scales and zero points) must be reproduced byte for byte.
TEST(AddS8Test, MatchesTfliteOnSimpleAddModel) {
  const std::string dir =
      std::string(MOTE_SHARED_MODELS) + "/golden-exact/simple_add_model/";
  const auto read = [](const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return std::vector<int8_t>(std::istreambuf_iterator<char>(f),
                               std::istreambuf_iterator<char>());
  };
  if (!std::ifstream(dir + "out_0.bin").good()) {
    GTEST_SKIP() << "shared goldens not found in " << dir;
  }
  // Scales and zero points of the model's tensors (golden.json).
  const AddSubParams p =
      MakeParams(0.04072536528110504f, -2, 0.04124561324715614f, -1,
                 0.05837741121649742f, -3);
  const Shape s = MakeShape({1, 128, 128, 1});
  for (int k = 0; k < 8; ++k) {
    SCOPED_TRACE("case " + std::to_string(k));
    const auto a = read(dir + "in_" + std::to_string(k) + "_0.bin");
    const auto b = read(dir + "in_" + std::to_string(k) + "_1.bin");
    const auto expected = read(dir + "out_" + std::to_string(k) + ".bin");
    ASSERT_EQ(a.size(), 16384u);
    ASSERT_EQ(b.size(), 16384u);
    ASSERT_EQ(expected.size(), 16384u);
    EXPECT_EQ(AddS8(p, s, a, s, b), expected);
  }
}

// The op passes the whole int32 range: TFLite ignores the fused activation
// of an int32 ADD.
constexpr int32_t kS32Min = std::numeric_limits<int32_t>::min();
constexpr int32_t kS32Max = std::numeric_limits<int32_t>::max();

TEST(AddS32Test, WrapsAndIgnoresActivation) {
  const Shape s = MakeShape({3});
  const int32_t a[3] = {std::numeric_limits<int32_t>::max(), -5, 7};
  const int32_t b[3] = {1, -6, 100};
  int32_t out[3] = {};
  ASSERT_TRUE(ref::AddS32(kS32Min, kS32Max, s, a, s, b, out));
  EXPECT_EQ(out[0], std::numeric_limits<int32_t>::min());
  EXPECT_EQ(out[1], -11);
  EXPECT_EQ(out[2], 107);
  // [40] + scalar, the audio front end's shape.
  int32_t v[40];
  int32_t r[40];
  for (int i = 0; i < 40; ++i) v[i] = i * 1000;
  const int32_t offset = -3;
  ASSERT_TRUE(ref::AddS32(kS32Min, kS32Max, MakeShape({40}), v, Shape(), &offset, r));
  for (int i = 0; i < 40; ++i) EXPECT_EQ(r[i], i * 1000 - 3);
}

TEST(AddF32Test, ActivationsAndFiniteClamp) {
  const Shape s = MakeShape({4});
  const float a[4] = {1.5f, -2.0f, 5.0f, std::numeric_limits<float>::max()};
  const float b[4] = {0.25f, 1.0f, 2.0f, std::numeric_limits<float>::max()};
  float out[4];
  float lo = 0.0f, hi = 0.0f;
  ActivationRangeFloat(static_cast<int>(Activation::kNone), &lo, &hi);
  ASSERT_TRUE(ref::AddF32(lo, hi, s, a, s, b, out));
  EXPECT_EQ(out[0], 1.75f);
  EXPECT_EQ(out[1], -1.0f);
  EXPECT_EQ(out[2], 7.0f);
  // TFLite clamps to [lowest, max], so an overflow gives FLT_MAX, not inf.
  EXPECT_EQ(out[3], std::numeric_limits<float>::max());

  ActivationRangeFloat(static_cast<int>(Activation::kRelu6), &lo, &hi);
  ASSERT_TRUE(ref::AddF32(lo, hi, s, a, s, b, out));
  EXPECT_EQ(out[0], 1.75f);
  EXPECT_EQ(out[1], 0.0f);
  EXPECT_EQ(out[2], 6.0f);
  EXPECT_EQ(out[3], 6.0f);

  ActivationRangeFloat(static_cast<int>(Activation::kReluN1To1), &lo, &hi);
  ASSERT_TRUE(ref::AddF32(lo, hi, s, a, s, b, out));
  EXPECT_EQ(out[0], 1.0f);
  EXPECT_EQ(out[1], -1.0f);

  ActivationRangeFloat(static_cast<int>(Activation::kRelu), &lo, &hi);
  ASSERT_TRUE(ref::AddF32(lo, hi, s, a, s, b, out));
  EXPECT_EQ(out[1], 0.0f);
  EXPECT_EQ(out[2], 7.0f);
}

TEST(AddF32Test, BroadcastsAtRanksFiveAndSix) {
  float lo = 0.0f, hi = 0.0f;
  ActivationRangeFloat(0, &lo, &hi);
  // [2, 1, 3, 1, 2] + [3, 2, 1] -> [2, 1, 3, 2, 2]: the second input
  // right-aligns to [1, 1, 3, 2, 1].
  const Shape s1 = MakeShape({2, 1, 3, 1, 2});
  const Shape s2 = MakeShape({3, 2, 1});
  std::vector<float> a(12), b(6);
  for (int i = 0; i < 12; ++i) a[i] = static_cast<float>(i);
  for (int i = 0; i < 6; ++i) b[i] = 100.0f * static_cast<float>(i);
  std::vector<float> out(24);
  ASSERT_TRUE(ref::AddF32(lo, hi, s1, a.data(), s2, b.data(), out.data()));
  for (int i0 = 0; i0 < 2; ++i0) {
    for (int i2 = 0; i2 < 3; ++i2) {
      for (int i3 = 0; i3 < 2; ++i3) {
        for (int i4 = 0; i4 < 2; ++i4) {
          const float expected = a[(i0 * 3 + i2) * 2 + i4] + b[i2 * 2 + i3];
          EXPECT_EQ(out[((i0 * 3 + i2) * 2 + i3) * 2 + i4], expected);
        }
      }
    }
  }
  // Rank 6 on both sides: [2,1,2,1,2,1] + [1,2,1,2,1,2] -> all 2s.
  const Shape r1 = MakeShape({2, 1, 2, 1, 2, 1});
  const Shape r2 = MakeShape({1, 2, 1, 2, 1, 2});
  std::vector<float> x(8), y(8), z(64);
  for (int i = 0; i < 8; ++i) {
    x[i] = static_cast<float>(i);
    y[i] = 10.0f * static_cast<float>(i);
  }
  ASSERT_TRUE(ref::AddF32(lo, hi, r1, x.data(), r2, y.data(), z.data()));
  for (int i = 0; i < 64; ++i) {
    const int d0 = (i >> 5) & 1, d1 = (i >> 4) & 1, d2 = (i >> 3) & 1;
    const int d3 = (i >> 2) & 1, d4 = (i >> 1) & 1, d5 = i & 1;
    const float expected = x[d0 * 4 + d2 * 2 + d4] + y[d1 * 4 + d3 * 2 + d5];
    EXPECT_EQ(z[i], expected) << "index " << i;
  }
}

}  // namespace
}  // namespace mote
