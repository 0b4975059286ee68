#include "kernels/ref/elementwise.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace mote {
namespace {

using Kernel = void (*)(int64_t, const float*, float*);

std::vector<float> Apply(Kernel k, const std::vector<float>& in) {
  std::vector<float> out(in.size(), 12345.0f);
  k(static_cast<int64_t>(in.size()), in.data(), out.data());
  return out;
}

const float kInf = std::numeric_limits<float>::infinity();

TEST(ElementwiseTest, SqrtAndRsqrtIncludingNegativesAndZero) {
  const std::vector<float> in = {4.0f, 2.25f, 0.0f, -1.0f, kInf};
  const std::vector<float> sq = Apply(ref::SqrtF32, in);
  EXPECT_EQ(sq[0], 2.0f);
  EXPECT_EQ(sq[1], 1.5f);
  EXPECT_EQ(sq[2], 0.0f);
  EXPECT_TRUE(std::isnan(sq[3]));  // sqrt of a negative is NaN
  EXPECT_EQ(sq[4], kInf);
  const std::vector<float> rs = Apply(ref::RsqrtF32, in);
  EXPECT_EQ(rs[0], 0.5f);
  EXPECT_EQ(rs[1], 1.0f / 1.5f);  // 1.f / sqrt, as TFLite, in float
  EXPECT_EQ(rs[2], kInf);
  EXPECT_TRUE(std::isnan(rs[3]));
  EXPECT_EQ(rs[4], 0.0f);
}

TEST(ElementwiseTest, LogAndExp) {
  const std::vector<float> lg = Apply(ref::LogF32, {1.0f, 0.0f, -2.0f, kInf});
  EXPECT_EQ(lg[0], 0.0f);
  EXPECT_EQ(lg[1], -kInf);  // log(0)
  EXPECT_TRUE(std::isnan(lg[2]));
  EXPECT_EQ(lg[3], kInf);
  const std::vector<float> ex = Apply(ref::ExpF32, {0.0f, 1.0f, -kInf, 100.0f});
  EXPECT_EQ(ex[0], 1.0f);
  EXPECT_EQ(ex[1], std::exp(1.0f));
  EXPECT_EQ(ex[2], 0.0f);
  EXPECT_EQ(ex[3], kInf);  // overflows float
  // Float cross-check against double over a sweep.
  std::vector<float> sweep;
  for (int i = -80; i <= 80; ++i) sweep.push_back(i * 0.37f);
  const std::vector<float> e = Apply(ref::ExpF32, sweep);
  for (size_t i = 0; i < sweep.size(); ++i) {
    const double want = std::exp(static_cast<double>(sweep[i]));
    EXPECT_NEAR(e[i], want, 1e-6 * want) << sweep[i];
  }
}

TEST(ElementwiseTest, FloorNegAbs) {
  const std::vector<float> in = {1.5f, -1.5f, -0.0f, 2.0f, -kInf};
  EXPECT_EQ(Apply(ref::FloorF32, in),
            (std::vector<float>{1.0f, -2.0f, -0.0f, 2.0f, -kInf}));
  EXPECT_EQ(Apply(ref::NegF32, in),
            (std::vector<float>{-1.5f, 1.5f, 0.0f, -2.0f, kInf}));
  const std::vector<float> a = Apply(ref::AbsF32, in);
  EXPECT_EQ(a, (std::vector<float>{1.5f, 1.5f, 0.0f, 2.0f, kInf}));
  EXPECT_FALSE(std::signbit(a[2]));
}

TEST(ElementwiseTest, IntegerNegAndAbsWrapAtTheMinimum) {
  const std::vector<int32_t> i32 = {5, -7, INT32_MIN, 0};
  std::vector<int32_t> o32(4);
  ref::NegS32(4, i32.data(), o32.data());
  EXPECT_EQ(o32, (std::vector<int32_t>{-5, 7, INT32_MIN, 0}));
  const std::vector<int64_t> i64 = {INT64_MIN, 3};
  std::vector<int64_t> o64(2);
  ref::NegS64(2, i64.data(), o64.data());
  EXPECT_EQ(o64, (std::vector<int64_t>{INT64_MIN, -3}));
  const std::vector<int16_t> i16 = {-5, 7, -32768, 32767};
  std::vector<int16_t> o16(4);
  ref::AbsS16Unquantized(4, i16.data(), o16.data());
  EXPECT_EQ(o16, (std::vector<int16_t>{5, 7, -32768, 32767}));
}

}  // namespace
}  // namespace mote
