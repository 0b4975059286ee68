#include "kernels/ref/maximum_minimum.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace mote {
namespace {

TEST(MaximumMinimumTest, HandComputedWithBroadcast) {
  const Shape a_shape = MakeShape({2, 3});
  const Shape b_shape = MakeShape({3});
  const std::vector<float> a = {1, -2, 3, -4, 5, -6};
  const std::vector<float> b = {0, 0, 4};
  std::vector<float> out(6);
  ASSERT_TRUE(ref::MaximumF32(a_shape, a.data(), b_shape, b.data(), out.data()));
  EXPECT_EQ(out, (std::vector<float>{1, 0, 4, 0, 5, 4}));
  ASSERT_TRUE(ref::MinimumF32(a_shape, a.data(), b_shape, b.data(), out.data()));
  EXPECT_EQ(out, (std::vector<float>{0, -2, 3, -4, 0, -6}));
  // Scalar on the left.
  ASSERT_TRUE(ref::MaximumF32(Shape{}, b.data() + 2, a_shape, a.data(),
                              out.data()));
  EXPECT_EQ(out, (std::vector<float>{4, 4, 4, 4, 5, 4}));
}

TEST(MaximumMinimumTest, IntegerTypesAtTheirExtremes) {
  const Shape s = MakeShape({3});
  {
    const std::vector<int8_t> a = {-128, 127, 0}, b = {127, -128, -1};
    std::vector<int8_t> out(3);
    ASSERT_TRUE(ref::MaximumS8(s, a.data(), s, b.data(), out.data()));
    EXPECT_EQ(out, (std::vector<int8_t>{127, 127, 0}));
    ASSERT_TRUE(ref::MinimumS8(s, a.data(), s, b.data(), out.data()));
    EXPECT_EQ(out, (std::vector<int8_t>{-128, -128, -1}));
  }
  {
    const std::vector<int16_t> a = {-32768, 5, 7}, b = {0, 32767, 7};
    std::vector<int16_t> out(3);
    ASSERT_TRUE(ref::MaximumS16(s, a.data(), s, b.data(), out.data()));
    EXPECT_EQ(out, (std::vector<int16_t>{0, 32767, 7}));
    ASSERT_TRUE(ref::MinimumS16(s, a.data(), s, b.data(), out.data()));
    EXPECT_EQ(out, (std::vector<int16_t>{-32768, 5, 7}));
  }
  {
    const std::vector<int32_t> a = {INT32_MIN, INT32_MAX, 3}, b = {0, 0, 3};
    std::vector<int32_t> out(3);
    ASSERT_TRUE(ref::MaximumS32(s, a.data(), s, b.data(), out.data()));
    EXPECT_EQ(out, (std::vector<int32_t>{0, INT32_MAX, 3}));
    ASSERT_TRUE(ref::MinimumS32(s, a.data(), s, b.data(), out.data()));
    EXPECT_EQ(out, (std::vector<int32_t>{INT32_MIN, 0, 3}));
  }
  {
    const std::vector<int64_t> a = {INT64_MIN, int64_t{1} << 40, 0};
    const std::vector<int64_t> b = {INT64_MAX, 1, -1};
    std::vector<int64_t> out(3);
    ASSERT_TRUE(ref::MaximumS64(s, a.data(), s, b.data(), out.data()));
    EXPECT_EQ(out, (std::vector<int64_t>{INT64_MAX, int64_t{1} << 40, 0}));
    ASSERT_TRUE(ref::MinimumS64(s, a.data(), s, b.data(), out.data()));
    EXPECT_EQ(out, (std::vector<int64_t>{INT64_MIN, 1, -1}));
  }
}

// TFLite's `a > b ? a : b`: with a NaN on either side the second input is
// returned.
TEST(MaximumMinimumTest, NanPicksTheSecondInput) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const Shape s = MakeShape({2});
  const std::vector<float> a = {nan, 1.0f}, b = {2.0f, nan};
  std::vector<float> out(2);
  ASSERT_TRUE(ref::MaximumF32(s, a.data(), s, b.data(), out.data()));
  EXPECT_EQ(out[0], 2.0f);
  EXPECT_TRUE(std::isnan(out[1]));
  ASSERT_TRUE(ref::MinimumF32(s, a.data(), s, b.data(), out.data()));
  EXPECT_EQ(out[0], 2.0f);
  EXPECT_TRUE(std::isnan(out[1]));
}

TEST(MaximumMinimumTest, RejectsShapesThatDoNotBroadcast) {
  const std::vector<float> a(6), b(4);
  std::vector<float> out(6, 9.0f);
  EXPECT_FALSE(ref::MaximumF32(MakeShape({2, 3}), a.data(), MakeShape({4}),
                               b.data(), out.data()));
  EXPECT_EQ(out, std::vector<float>(6, 9.0f));
}

}  // namespace
}  // namespace mote
