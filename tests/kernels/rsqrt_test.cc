#include "kernels/ref/rsqrt.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <vector>

#include "kernels/ref/inv_sqrt.h"

namespace mote {
namespace {

TEST(InvSqrtTest, ZeroAndOneAreSpecial) {
  for (int32_t x : {-5, 0, 1}) {
    int32_t m = 0;
    int shift = 7;
    ref::InvSqrtQuantizedMultiplierExp(x, -1, &m, &shift);
    EXPECT_EQ(m, INT32_MAX);
    EXPECT_EQ(shift, 0);
  }
}

// multiplier * 2^shift / 2^31 approximates 1 / sqrt(x) closely.
TEST(InvSqrtTest, ApproximatesTheInverseSquareRoot) {
  for (int64_t x = 2; x <= INT32_MAX; x = x * 3 + 1) {
    int32_t m = 0;
    int shift = 0;
    ref::InvSqrtQuantizedMultiplierExp(static_cast<int32_t>(x), -1, &m, &shift);
    EXPECT_LE(shift, 0) << x;
    EXPECT_GT(m, 0) << x;
    const double got = m / 2147483648.0 * std::ldexp(1.0, shift);
    const double want = 1.0 / std::sqrt(static_cast<double>(x));
    EXPECT_NEAR(got / want, 1.0, 2e-6) << x;
  }
  // A power of four is exact up to the last bits: 1/sqrt(4) = 1/2.
  int32_t m = 0;
  int shift = 0;
  ref::InvSqrtQuantizedMultiplierExp(4, -1, &m, &shift);
  EXPECT_NEAR(m / 2147483648.0 * std::ldexp(1.0, shift), 0.5, 1e-8);
}

TEST(RsqrtTest, Int8WithinOneLsbOfFloat) {
  for (const auto& [si, zi, so, zo] :
       std::vector<std::tuple<float, int, float, int>>{
           {0.05f, -128, 0.02f, -128}, {0.01f, 0, 0.1f, -128},
           {1.0f, -10, 0.01f, -100}}) {
    const ref::RsqrtParamsS8 p = ref::MakeRsqrtParamsS8(si, zi, so, zo);
    std::vector<int8_t> in;
    for (int q = zi + 1; q <= 127; ++q) in.push_back(static_cast<int8_t>(q));
    std::vector<int8_t> out(in.size());
    ASSERT_EQ(ref::RsqrtS8(p, static_cast<int64_t>(in.size()), in.data(),
                           out.data()),
              -1);
    for (size_t i = 0; i < in.size(); ++i) {
      const double real = 1.0 / std::sqrt(si * (in[i] - zi));
      const double want = std::clamp(std::round(real / so) + zo, -128.0, 127.0);
      ASSERT_NEAR(out[i], want, 1.0) << int{in[i]};
    }
  }
}

TEST(RsqrtTest, ZeroGivesTheMaximumAndNegativesStop) {
  const ref::RsqrtParamsS8 p = ref::MakeRsqrtParamsS8(0.1f, 3, 0.1f, 0);
  const std::vector<int8_t> in = {3, 13, 2, 50};
  std::vector<int8_t> out(4, 99);
  EXPECT_EQ(ref::RsqrtS8(p, 4, in.data(), out.data()), 2);
  EXPECT_EQ(out[0], 127);  // v == 0: the largest output
  EXPECT_EQ(out[1], 10);   // 1 / sqrt(0.1 * 10) = 1, at scale 0.1
  EXPECT_EQ(out[3], 99);   // not reached
}

}  // namespace
}  // namespace mote
