#include "kernels/ref/squared_difference.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "binary_s8_test_util.h"

namespace mote {
namespace {

TEST(SquaredDifferenceTest, ParamsAreTflites) {
  // twice_max = 1: input multipliers 1/2 (2^30, 0); output 1 / (2^14 / 2)
  // = 2^-13 (2^30, -12).
  const ref::SquaredDifferenceParamsQ p =
      ref::MakeSquaredDifferenceParams(0.5f, 1, 0.5f, -2, 0.5f, 3, false);
  EXPECT_EQ(p.left_shift, 7);
  EXPECT_EQ(p.input1_offset, -1);
  EXPECT_EQ(p.input2_offset, 2);
  EXPECT_EQ(p.output_offset, 3);
  EXPECT_EQ(p.input1_multiplier, 1 << 30);
  EXPECT_EQ(p.input1_shift, 0);
  EXPECT_EQ(p.output_multiplier, 1 << 30);
  EXPECT_EQ(p.output_shift, -12);
  const ref::SquaredDifferenceParamsQ p16 =
      ref::MakeSquaredDifferenceParams(0.5f, 0, 0.25f, 0, 0.5f, 0, true);
  EXPECT_EQ(p16.left_shift, 0);
  EXPECT_EQ(p16.act_min, -32768);
  EXPECT_EQ(p16.act_max, 32767);
  EXPECT_EQ(p16.input2_multiplier, 1 << 30);  // 0.25 / 1 = 1/4: (2^30, -1)
  EXPECT_EQ(p16.input2_shift, -1);
  EXPECT_EQ(p16.output_shift, 2);  // 1 / 0.5 = 2: (2^30, 2)
}

TEST(SquaredDifferenceTest, HandComputedInt8) {
  const ref::SquaredDifferenceParamsQ p =
      ref::MakeSquaredDifferenceParams(0.5f, 0, 0.5f, 0, 0.5f, 0, false);
  const Shape s = MakeShape({4});
  // Reals (2 - 1)^2 = 1 -> 2; (0 - 3)^2 = 9 -> 18; (-1 - 1)^2 = 4 -> 8;
  // (60 - (-60))^2 saturates.
  const std::vector<int8_t> a = {4, 0, -2, 120}, b = {2, 6, 2, -120};
  std::vector<int8_t> out(4);
  ASSERT_TRUE(ref::SquaredDifferenceS8(p, s, a.data(), s, b.data(), out.data()));
  EXPECT_EQ(out, (std::vector<int8_t>{2, 18, 8, 127}));
}

// Every int8 pair through the TFLM formula (written out with int64 here)
// and against the real result within 1 LSB.
TEST(SquaredDifferenceTest, Int8AgainstFormulaAndFloat) {
  using Q = binary_s8_test::ScaleCase;
  for (const Q q : {Q{0.05f, 3, 0.02f, -7, 2.0f, -128},
                    Q{0.1f, -128, 0.1f, 127, 8.0f, -100},
                    Q{0.01f, 0, 0.03f, 5, 0.05f, -128}}) {
    const ref::SquaredDifferenceParamsQ p = ref::MakeSquaredDifferenceParams(
        q.s1, q.z1, q.s2, q.z2, q.so, q.zo, false);
    std::vector<int8_t> a, b;
    for (int x = -128; x <= 127; x += 3) {
      for (int y = -128; y <= 127; y += 5) {
        a.push_back(static_cast<int8_t>(x));
        b.push_back(static_cast<int8_t>(y));
      }
    }
    const Shape s = MakeShape({static_cast<int32_t>(a.size())});
    std::vector<int8_t> out(a.size());
    ASSERT_TRUE(ref::SquaredDifferenceS8(p, s, a.data(), s, b.data(), out.data()));
    for (size_t i = 0; i < a.size(); ++i) {
      const double d = q.s1 * (a[i] - q.z1) - q.s2 * (b[i] - q.z2);
      const double want =
          std::clamp(std::round(d * d / q.so) + q.zo, -128.0, 127.0);
      ASSERT_NEAR(out[i], want, 1.0) << int{a[i]} << ", " << int{b[i]};
    }
  }
}

TEST(SquaredDifferenceTest, Int16AndInt32AndFloat) {
  const Shape s = MakeShape({3});
  {
    const ref::SquaredDifferenceParamsQ p =
        ref::MakeSquaredDifferenceParams(1.0f, 0, 1.0f, 0, 8.0f, 0, true);
    const std::vector<int16_t> a = {10, -32768, 100}, b = {4, 32767, 100};
    std::vector<int16_t> out(3);
    ASSERT_TRUE(
        ref::SquaredDifferenceS16(p, s, a.data(), s, b.data(), out.data()));
    // 36 / 8 = 4.5 rounds to 5; the extreme pair saturates; equal inputs
    // give 0.
    EXPECT_EQ(out, (std::vector<int16_t>{5, 32767, 0}));
  }
  {
    const std::vector<int32_t> a = {7, -3, 65536}, b = {2, 4, 0};
    std::vector<int32_t> out(3);
    ASSERT_TRUE(ref::SquaredDifferenceS32(s, a.data(), s, b.data(), out.data()));
    // 65536^2 = 2^32 wraps to 0, as int32 hardware arithmetic.
    EXPECT_EQ(out, (std::vector<int32_t>{25, 49, 0}));
  }
  {
    const std::vector<float> a = {1.5f, -2.0f, 1e20f}, b = {0.5f, 2.0f, -1e20f};
    std::vector<float> out(3);
    ASSERT_TRUE(ref::SquaredDifferenceF32(s, a.data(), MakeShape({3}), b.data(),
                                          out.data()));
    EXPECT_EQ(out[0], 1.0f);
    EXPECT_EQ(out[1], 16.0f);
    EXPECT_TRUE(std::isinf(out[2]));
  }
}

TEST(SquaredDifferenceTest, Broadcasts) {
  const std::vector<float> a = {1, 2, 3, 4, 5, 6}, b = {1, 2};
  std::vector<float> out(6);
  ASSERT_TRUE(ref::SquaredDifferenceF32(MakeShape({3, 2}), a.data(),
                                        MakeShape({2}), b.data(), out.data()));
  EXPECT_EQ(out, (std::vector<float>{0, 0, 4, 4, 16, 16}));
}

}  // namespace
}  // namespace mote
