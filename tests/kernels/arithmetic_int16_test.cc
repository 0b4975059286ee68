// The int16 kernels of ADD, SUB and MUL (TFLite's 16x8 scheme: zero points
// 0), against exact integer results where the arithmetic is exact and the
// real-valued result in double otherwise.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "kernels/ref/add.h"
#include "kernels/ref/broadcast.h"
#include "kernels/ref/mul.h"
#include "kernels/ref/sub.h"

namespace mote {
namespace {

constexpr DataType kS16 = DataType::kInt16;

std::vector<int16_t> Sweep(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> d(-32768, 32767);
  std::vector<int16_t> v(n);
  for (auto& x : v) x = static_cast<int16_t>(d(rng));
  // Both extremes and small values against each other.
  const int16_t edges[] = {-32768, 32767, -32767, 0, 1, -1, 16384, -16384};
  for (size_t i = 0; i < std::size(edges) && i < n; ++i) v[i] = edges[i];
  return v;
}

int16_t Saturate(int64_t v) {
  return static_cast<int16_t>(std::clamp<int64_t>(v, -32768, 32767));
}

TEST(AddSubS16Test, ParamsUseTheInt16HeadroomAndRange) {
  ref::AddSubParams p;
  ASSERT_TRUE(ref::MakeAddParams(kS16, 0.5f, 0, 0.5f, 0, 0.5f, 0,
                                 Activation::kNone, &p));
  EXPECT_EQ(p.left_shift, 15);
  EXPECT_EQ(p.input1_multiplier, 1 << 30);
  EXPECT_EQ(p.input1_shift, 0);
  // 1.0 / (2^15 * 0.5) = 2^-14.
  EXPECT_EQ(p.output_multiplier, 1 << 30);
  EXPECT_EQ(p.output_shift, -13);
  EXPECT_EQ(p.act_min, -32768);
  EXPECT_EQ(p.act_max, 32767);
  ASSERT_TRUE(ref::MakeSubParams(kS16, 0.5f, 0, 0.5f, 0, 0.25f, 0,
                                 Activation::kRelu6, &p));
  EXPECT_EQ(p.left_shift, 15);
  EXPECT_EQ(p.act_min, 0);
  EXPECT_EQ(p.act_max, 24);
}

// With equal scales every step of the general path is exact: the sum (or
// difference) saturates to int16 and nothing else happens.
TEST(AddSubS16Test, EqualScalesAreExactSaturatingSums) {
  ref::AddSubParams add, sub;
  ASSERT_TRUE(ref::MakeAddParams(kS16, 1.0f / 1024, 0, 1.0f / 1024, 0,
                                 1.0f / 1024, 0, Activation::kNone, &add));
  ASSERT_TRUE(ref::MakeSubParams(kS16, 1.0f / 1024, 0, 1.0f / 1024, 0,
                                 1.0f / 1024, 0, Activation::kNone, &sub));
  const std::vector<int16_t> a = Sweep(4096, 1), b = Sweep(4096, 2);
  const Shape s = MakeShape({64, 64});
  std::vector<int16_t> sum(a.size()), diff(a.size());
  ASSERT_TRUE(ref::AddS16(add, s, a.data(), s, b.data(), sum.data()));
  ASSERT_TRUE(ref::SubS16(sub, s, a.data(), s, b.data(), diff.data()));
  for (size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(sum[i], Saturate(int64_t{a[i]} + b[i])) << a[i] << " + " << b[i];
    ASSERT_EQ(diff[i], Saturate(int64_t{a[i]} - b[i])) << a[i] << " - " << b[i];
  }
}

// Different scales: within one LSB of the real result (the general path
// rounds twice at the end; its 15-bit headroom makes the rest negligible).
TEST(AddSubS16Test, MixedScalesWithinOneLsbOfReal) {
  struct Scales {
    float s1, s2, so;
  };
  for (const Scales& sc : {Scales{1.0f / 4096, 1.0f / 1000, 1.0f / 512},
                           Scales{0.003f, 0.0007f, 0.004f},
                           Scales{1.0f / 32768, 1.0f / 32768, 1.0f / 65536},
                           Scales{2.0f, 0.01f, 1.5f}}) {
    for (bool subtract : {false, true}) {
      ref::AddSubParams p;
      const auto make = subtract ? ref::MakeSubParams : ref::MakeAddParams;
      ASSERT_TRUE(make(kS16, sc.s1, 0, sc.s2, 0, sc.so, 0, Activation::kNone, &p));
      const std::vector<int16_t> a = Sweep(2048, 3), b = Sweep(2048, 4);
      const Shape s = MakeShape({2048});
      std::vector<int16_t> out(a.size());
      ASSERT_TRUE((subtract ? ref::SubS16 : ref::AddS16)(p, s, a.data(), s,
                                                          b.data(), out.data()));
      for (size_t i = 0; i < a.size(); ++i) {
        const double real = a[i] * double{sc.s1} +
                            (subtract ? -1.0 : 1.0) * b[i] * double{sc.s2};
        const double q = std::clamp(real / sc.so, -32768.0, 32767.0);
        ASSERT_LE(std::fabs(out[i] - q), 1.0 + 1e-3)
            << a[i] << (subtract ? " - " : " + ") << b[i];
      }
    }
  }
}

// TFLite Micro's general path, hand-computed where TFLite's power-of-two
// path (pot_scale_int16, not in TFLite Micro) would differ: 1 at 2^-10 plus
// -2 at 2^-12 is 0.5 output LSBs, rounded once to 1; the power-of-two path
// would round -2 * 2^-2 to -1 first and give 0.
TEST(AddSubS16Test, GeneralPathRoundsOnce) {
  ref::AddSubParams p;
  ASSERT_TRUE(ref::MakeAddParams(kS16, 1.0f / 1024, 0, 1.0f / 4096, 0,
                                 1.0f / 1024, 0, Activation::kNone, &p));
  const int16_t a = 1, b = -2;
  int16_t out = 0;
  const Shape s = MakeShape({1});
  ASSERT_TRUE(ref::AddS16(p, s, &a, s, &b, &out));
  EXPECT_EQ(out, 1);
}

TEST(AddSubS16Test, BroadcastsLikeTheFlatLoop) {
  ref::AddSubParams p;
  ASSERT_TRUE(ref::MakeAddParams(kS16, 0.001f, 0, 0.002f, 0, 0.004f, 0,
                                 Activation::kNone, &p));
  const std::vector<int16_t> a = Sweep(2 * 3 * 4, 5), b = Sweep(4, 6);
  std::vector<int16_t> got(a.size()), tiled(a.size()), want(a.size());
  for (size_t i = 0; i < a.size(); ++i) tiled[i] = b[i % 4];
  ASSERT_TRUE(ref::AddS16(p, MakeShape({2, 3, 4}), a.data(), MakeShape({4}),
                          b.data(), got.data()));
  ASSERT_TRUE(ref::AddS16(p, MakeShape({2, 3, 4}), a.data(),
                          MakeShape({2, 3, 4}), tiled.data(), want.data()));
  EXPECT_EQ(got, want);
}

TEST(MulS16Test, ExactForPowerOfTwoScales) {
  // 2^-12 * 2^-12 / 2^-15 = 2^-9, applied as TFLite's int32 rescale does:
  // multiplier 0.5 (a doubling high multiply, rounding half up), then a
  // rounding right shift by 8 (half away from zero).
  ref::MulParams p;
  ASSERT_TRUE(ref::MakeMulParams(kS16, 1.0f / 4096, 0, 1.0f / 4096, 0,
                                 1.0f / 32768, 0, Activation::kNone, &p));
  EXPECT_EQ(p.act_min, -32768);
  EXPECT_EQ(p.act_max, 32767);
  const std::vector<int16_t> a = Sweep(4096, 7), b = Sweep(4096, 8);
  const Shape s = MakeShape({4096});
  std::vector<int16_t> out(a.size());
  ASSERT_TRUE(ref::MulS16(p, s, a.data(), s, b.data(), out.data()));
  for (size_t i = 0; i < a.size(); ++i) {
    const int64_t product = int64_t{a[i]} * b[i];
    const int64_t half = product >= 0 ? (product + 1) / 2 : -((-product) / 2);
    const int64_t mag = (std::llabs(half) + 128) >> 8;
    ASSERT_EQ(out[i], Saturate(half < 0 ? -mag : mag)) << a[i] << " * " << b[i];
  }
}

TEST(MulS16Test, GeneralScalesWithinOneLsbAndExtremes) {
  ref::MulParams p;
  const float s1 = 0.0013f, s2 = 0.0021f, so = 0.05f;
  ASSERT_TRUE(ref::MakeMulParams(kS16, s1, 0, s2, 0, so, 0, Activation::kRelu,
                                 &p));
  EXPECT_EQ(p.act_min, 0);
  const std::vector<int16_t> a = Sweep(2048, 9), b = Sweep(2048, 10);
  const Shape s = MakeShape({2048});
  std::vector<int16_t> out(a.size());
  ASSERT_TRUE(ref::MulS16(p, s, a.data(), s, b.data(), out.data()));
  for (size_t i = 0; i < a.size(); ++i) {
    const double q = std::clamp(a[i] * double{s1} * b[i] * s2 / so, 0.0, 32767.0);
    ASSERT_LE(std::fabs(out[i] - q), 1.0 + 1e-6) << a[i] << " * " << b[i];
  }
  // -32768 * -32768 = 2^30 still fits the int32 product.
  const int16_t lo = -32768;
  int16_t y = 0;
  ASSERT_TRUE(ref::MulS16(p, MakeShape({1}), &lo, MakeShape({1}), &lo, &y));
  EXPECT_EQ(y, 32767);
}

}  // namespace
}  // namespace mote
