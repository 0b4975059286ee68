#include "kernels/ref/comparisons.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "kernels/quant_math.h"

namespace mote {
namespace {

using ref::Comparison;

constexpr Comparison kAll[] = {Comparison::kEqual,   Comparison::kNotEqual,
                               Comparison::kGreater, Comparison::kGreaterEqual,
                               Comparison::kLess,    Comparison::kLessEqual};

template <typename T>
bool Expect(Comparison op, T a, T b) {
  switch (op) {
    case Comparison::kEqual: return a == b;
    case Comparison::kNotEqual: return a != b;
    case Comparison::kGreater: return a > b;
    case Comparison::kGreaterEqual: return a >= b;
    case Comparison::kLess: return a < b;
    case Comparison::kLessEqual: return a <= b;
  }
  return false;
}

std::vector<int> ToInts(const bool* b, size_t n) {
  return std::vector<int>(b, b + n);
}

TEST(ComparisonsTest, FloatIncludingNanAndBroadcast) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const std::vector<float> a = {1.0f, 2.0f, nan, -0.0f, 5.0f, 6.0f};
  const std::vector<float> b = {2.0f, 0.0f};  // broadcast along the rows
  for (Comparison op : kAll) {
    bool out[6];
    ASSERT_TRUE(ref::CompareF32(op, MakeShape({3, 2}), a.data(),
                                MakeShape({2}), b.data(), out));
    for (int i = 0; i < 6; ++i) {
      EXPECT_EQ(out[i], Expect(op, a[i], b[i % 2]))
          << "op " << static_cast<int>(op) << " element " << i;
    }
  }
  // NaN is unequal to everything, even itself.
  bool out[1];
  ASSERT_TRUE(ref::CompareF32(Comparison::kNotEqual, Shape{}, &nan, Shape{},
                              &nan, out));
  EXPECT_TRUE(out[0]);
}

TEST(ComparisonsTest, IntegersAndBools) {
  const Shape s = MakeShape({4});
  const std::vector<int32_t> a32 = {INT32_MIN, -1, 0, INT32_MAX};
  const std::vector<int32_t> b32 = {INT32_MAX, -1, 1, INT32_MIN};
  const std::vector<int64_t> a64 = {INT64_MIN, 1, int64_t{1} << 40, 0};
  const std::vector<int64_t> b64 = {0, 1, (int64_t{1} << 40) + 1, -1};
  for (Comparison op : kAll) {
    bool out[4];
    ASSERT_TRUE(ref::CompareS32(op, s, a32.data(), s, b32.data(), out));
    for (int i = 0; i < 4; ++i) EXPECT_EQ(out[i], Expect(op, a32[i], b32[i]));
    ASSERT_TRUE(ref::CompareS64(op, s, a64.data(), s, b64.data(), out));
    for (int i = 0; i < 4; ++i) EXPECT_EQ(out[i], Expect(op, a64[i], b64[i]));
  }
  // Any nonzero byte is true: 2 == 1 as bools.
  const std::vector<uint8_t> x = {0, 1, 2, 0}, y = {0, 1, 1, 7};
  bool out[4];
  ASSERT_TRUE(ref::CompareBool(Comparison::kEqual, s, x.data(), s, y.data(), out));
  EXPECT_EQ(ToInts(out, 4), (std::vector<int>{1, 1, 1, 0}));
  ASSERT_TRUE(
      ref::CompareBool(Comparison::kNotEqual, s, x.data(), s, y.data(), out));
  EXPECT_EQ(ToInts(out, 4), (std::vector<int>{0, 0, 0, 1}));
}

TEST(ComparisonsTest, Int8ParamsAreTheScalesThemselves) {
  ref::ComparisonParamsS8 p;
  ASSERT_TRUE(ref::MakeComparisonParamsS8(0.5f, 3, 0.25f, -4, &p));
  EXPECT_EQ(p.left_shift, 8);
  EXPECT_EQ(p.input1_offset, -3);
  EXPECT_EQ(p.input2_offset, 4);
  EXPECT_EQ(p.input1_multiplier, 1 << 30);
  EXPECT_EQ(p.input1_shift, 0);
  EXPECT_EQ(p.input2_multiplier, 1 << 30);
  EXPECT_EQ(p.input2_shift, -1);
  // TFLite aborts on a scale of 1 or more.
  EXPECT_FALSE(ref::MakeComparisonParamsS8(1.0f, 0, 0.5f, 0, &p));
  EXPECT_FALSE(ref::MakeComparisonParamsS8(0.5f, 0, 2.0f, 0, &p));
}

// Different scales: 2 * 0.5 == 4 * 0.25 compare equal, as the reals do.
TEST(ComparisonsTest, Int8ComparesRescaledValues) {
  ref::ComparisonParamsS8 p;
  ASSERT_TRUE(ref::MakeComparisonParamsS8(0.5f, 0, 0.25f, 0, &p));
  const Shape s = MakeShape({4});
  const std::vector<int8_t> a = {2, 2, -3, 100}, b = {4, 5, -6, 127};
  bool out[4];
  ASSERT_TRUE(ref::CompareS8(Comparison::kEqual, p, s, a.data(), s, b.data(), out));
  EXPECT_EQ(ToInts(out, 4), (std::vector<int>{1, 0, 1, 0}));
  ASSERT_TRUE(ref::CompareS8(Comparison::kGreater, p, s, a.data(), s, b.data(), out));
  EXPECT_EQ(ToInts(out, 4), (std::vector<int>{0, 0, 0, 1}));
}

// Every int8 pair: the result is the comparison of TFLite's scaled
// integers, and agrees with the reals whenever those differ by more than
// the rounding of the scaled values.
TEST(ComparisonsTest, Int8AllPairsMatchTheScaledFormula) {
  const float s1 = 0.037f, s2 = 0.011f;
  const int z1 = 5, z2 = -20;
  ref::ComparisonParamsS8 p;
  ASSERT_TRUE(ref::MakeComparisonParamsS8(s1, z1, s2, z2, &p));
  std::vector<int8_t> a, b;
  for (int x = -128; x <= 127; ++x) {
    for (int y = -128; y <= 127; ++y) {
      a.push_back(static_cast<int8_t>(x));
      b.push_back(static_cast<int8_t>(y));
    }
  }
  const Shape s = MakeShape({static_cast<int32_t>(a.size())});
  std::unique_ptr<bool[]> out(new bool[a.size()]);
  for (Comparison op : kAll) {
    ASSERT_TRUE(ref::CompareS8(op, p, s, a.data(), s, b.data(), out.get()));
    for (size_t i = 0; i < a.size(); ++i) {
      const int32_t v1 = MultiplyByQuantizedMultiplier((a[i] - z1) * 256,
                                                       p.input1_multiplier,
                                                       p.input1_shift);
      const int32_t v2 = MultiplyByQuantizedMultiplier((b[i] - z2) * 256,
                                                       p.input2_multiplier,
                                                       p.input2_shift);
      ASSERT_EQ(out[i], Expect(op, v1, v2));
      const double r1 = s1 * (a[i] - z1), r2 = s2 * (b[i] - z2);
      if (std::fabs(r1 - r2) > 0.01) {
        ASSERT_EQ(out[i], Expect(op, r1, r2));
      }
    }
  }
}

}  // namespace
}  // namespace mote
