#include "kernels/ref/arg_min_max.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace mote {
namespace {

TEST(ArgMinMaxTest, EachAxisOfAMatrix) {
  // [[1, 9, 3], [7, 2, 7]]
  const std::vector<float> in = {1, 9, 3, 7, 2, 7};
  std::vector<int32_t> out(3);
  ref::ArgMinMax<true>(in.data(), 1, 2, 3, out.data());  // axis 0
  EXPECT_EQ(out, (std::vector<int32_t>{1, 0, 1}));
  ref::ArgMinMax<false>(in.data(), 1, 2, 3, out.data());
  EXPECT_EQ(out, (std::vector<int32_t>{0, 1, 0}));
  std::vector<int64_t> out64(2);
  ref::ArgMinMax<true>(in.data(), 2, 3, 1, out64.data());  // axis 1
  EXPECT_EQ(out64, (std::vector<int64_t>{1, 0}));  // ties keep the first 7
  ref::ArgMinMax<false>(in.data(), 2, 3, 1, out64.data());
  EXPECT_EQ(out64, (std::vector<int64_t>{0, 1}));
}

TEST(ArgMinMaxTest, Int8AndNan) {
  const std::vector<int8_t> q = {-128, 127, 127, -128};
  std::vector<int32_t> out(1);
  ref::ArgMinMax<true>(q.data(), 1, 4, 1, out.data());
  EXPECT_EQ(out[0], 1);
  ref::ArgMinMax<false>(q.data(), 1, 4, 1, out.data());
  EXPECT_EQ(out[0], 0);
  // A NaN never wins; one at index 0 is never replaced (x > NaN is false).
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const std::vector<float> f = {1, nan, 3, nan, 0, 2};
  ref::ArgMinMax<true>(f.data(), 1, 3, 1, out.data());
  EXPECT_EQ(out[0], 2);
  ref::ArgMinMax<true>(f.data() + 3, 1, 3, 1, out.data());
  EXPECT_EQ(out[0], 0);
}

}  // namespace
}  // namespace mote
