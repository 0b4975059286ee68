#include "kernels/ref/reduce_max.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace mote {
namespace {

template <typename T>
std::vector<T> ReduceMax(const Shape& shape, const std::vector<T>& in,
                   const std::vector<int32_t>& axes) {
  bool reduced[Shape::kMaxRank];
  int32_t bad = 0;
  EXPECT_TRUE(ref::ResolveReduceAxes(shape.rank, axes.data(),
                                     static_cast<int>(axes.size()), reduced,
                                     &bad));
  std::vector<T> out(
      static_cast<size_t>(ref::ReducedShape(shape, reduced, false).FlatSize()),
      T{42});
  if constexpr (std::is_same_v<T, float>) {
    ref::ReduceMaxF32(shape, in.data(), reduced, out.data());
  } else {
    ref::ReduceMaxS8(shape, in.data(), reduced, out.data());
  }
  return out;
}

TEST(ReduceMaxTest, HandComputed) {
  const Shape shape = MakeShape({2, 3});
  const std::vector<float> f = {1, -5, 3, -4, -2, -6};
  EXPECT_EQ(ReduceMax(shape, f, {0}), (std::vector<float>{1, -2, 3}));
  EXPECT_EQ(ReduceMax(shape, f, {1}), (std::vector<float>{3, -2}));
  EXPECT_EQ(ReduceMax(shape, f, {-2, -1}), (std::vector<float>{3}));
  EXPECT_EQ(ReduceMax(shape, f, {}), f);  // no axes: a copy
  const std::vector<int8_t> q = {-128, -128, -128, 127, -1, 0};
  EXPECT_EQ(ReduceMax(shape, q, {1}), (std::vector<int8_t>{-128, 127}));
  EXPECT_EQ(ReduceMax(shape, q, {0}), (std::vector<int8_t>{127, -1, 0}));
}

// `in > current`: a NaN never replaces the running maximum, wherever it is.
TEST(ReduceMaxTest, NanIsSkippedAndInfinityWins) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  const Shape shape = MakeShape({3, 3});
  const std::vector<float> in = {nan, 1, 2, 3, nan, -inf, -inf, inf, nan};
  EXPECT_EQ(ReduceMax(shape, in, {1}), (std::vector<float>{2, 3, inf}));
  // A row of NaNs keeps the initial lowest value.
  const std::vector<float> nans = {nan, nan};
  EXPECT_EQ(ReduceMax(MakeShape({2}), nans, {0}),
            (std::vector<float>{std::numeric_limits<float>::lowest()}));
}

TEST(ReduceMaxTest, EmptyInputLeavesTheLowestValue) {
  const Shape shape = MakeShape({2, 0, 3});
  EXPECT_EQ(ReduceMax<int8_t>(shape, {}, {1}), std::vector<int8_t>(6, -128));
  EXPECT_EQ(ReduceMax<float>(shape, {}, {1}),
            std::vector<float>(6, std::numeric_limits<float>::lowest()));
}

TEST(ReduceMaxTest, RandomAgainstNaiveMax) {
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> d(-128, 127);
  const Shape shape = MakeShape({2, 3, 4, 5});
  std::vector<int8_t> in(120);
  for (int8_t& v : in) v = static_cast<int8_t>(d(rng));
  const std::vector<int8_t> got = ReduceMax(shape, in, {1, 3});
  ASSERT_EQ(got.size(), 8u);
  for (int a = 0; a < 2; ++a) {
    for (int c = 0; c < 4; ++c) {
      int best = -128;
      for (int b = 0; b < 3; ++b) {
        for (int e = 0; e < 5; ++e) {
          best = std::max<int>(best, in[((a * 3 + b) * 4 + c) * 5 + e]);
        }
      }
      EXPECT_EQ(got[a * 4 + c], best);
    }
  }
}

}  // namespace
}  // namespace mote
