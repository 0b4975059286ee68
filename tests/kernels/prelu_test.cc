#include "kernels/ref/prelu.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace mote {
namespace {

TEST(PreluTest, FloatWithPerChannelAlpha) {
  const std::vector<float> in = {-2, -1, 0, 1, -4, 3};
  const std::vector<float> alpha = {0.5f, 0.25f, 2.0f};
  std::vector<float> out(6);
  ASSERT_TRUE(ref::PreluF32(MakeShape({2, 3}), in.data(), MakeShape({3}),
                            alpha.data(), out.data()));
  EXPECT_EQ(out, (std::vector<float>{-1, -0.25f, 0, 1, -1, 3}));
  // -0.0 >= 0 passes through; NaN stays NaN.
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const std::vector<float> odd = {-0.0f, nan};
  ASSERT_TRUE(ref::PreluF32(MakeShape({2}), odd.data(), MakeShape({1}),
                            alpha.data(), out.data()));
  EXPECT_TRUE(std::signbit(out[0]));
  EXPECT_TRUE(std::isnan(out[1]));
}

TEST(PreluTest, ParamsAreTheTwoRatios) {
  const ref::PreluParamsS8 p =
      ref::MakePreluParamsS8(0.5f, 3, 0.25f, -2, 1.0f, 7);
  EXPECT_EQ(p.input_offset, -3);
  EXPECT_EQ(p.alpha_offset, 2);
  EXPECT_EQ(p.output_offset, 7);
  EXPECT_EQ(p.output_multiplier_1, 1 << 30);  // 0.5
  EXPECT_EQ(p.output_shift_1, 0);
  EXPECT_EQ(p.output_multiplier_2, 1 << 30);  // 0.125
  EXPECT_EQ(p.output_shift_2, -2);
}

TEST(PreluTest, Int8HandComputed) {
  // in scale 0.5, alpha scale 0.25 (alpha 0.5 at q=2), out scale 0.5.
  const ref::PreluParamsS8 p =
      ref::MakePreluParamsS8(0.5f, 0, 0.25f, 0, 0.5f, 0);
  const std::vector<int8_t> in = {10, -10, 0, -128, 127};
  const std::vector<int8_t> alpha = {2};
  std::vector<int8_t> out(5);
  ASSERT_TRUE(ref::PreluS8(p, MakeShape({5}), in.data(), MakeShape({1}),
                           alpha.data(), out.data()));
  EXPECT_EQ(out, (std::vector<int8_t>{10, -5, 0, -64, 127}));
}

TEST(PreluTest, Int8WithinOneLsbOfFloat) {
  const float si = 0.04f, sa = 0.01f, so = 0.03f;
  const int zi = -7, za = 12, zo = 20;
  const ref::PreluParamsS8 p = ref::MakePreluParamsS8(si, zi, sa, za, so, zo);
  std::vector<int8_t> in, alpha;
  for (int x = -128; x <= 127; ++x) {
    for (int a = -128; a <= 127; a += 7) {
      in.push_back(static_cast<int8_t>(x));
      alpha.push_back(static_cast<int8_t>(a));
    }
  }
  const Shape s = MakeShape({static_cast<int32_t>(in.size())});
  std::vector<int8_t> out(in.size());
  ASSERT_TRUE(ref::PreluS8(p, s, in.data(), s, alpha.data(), out.data()));
  for (size_t i = 0; i < in.size(); ++i) {
    const double x = si * (in[i] - zi);
    const double y = x >= 0 ? x : x * sa * (alpha[i] - za);
    const double want = std::clamp(std::round(y / so) + zo, -128.0, 127.0);
    ASSERT_NEAR(out[i], want, 1.0) << int{in[i]} << ", " << int{alpha[i]};
  }
}

}  // namespace
}  // namespace mote
