#include "kernels/ref/l2_normalization.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace mote {
namespace {

TEST(L2NormalizationTest, FloatHandComputed) {
  const std::vector<float> in = {3, 4, 0, 0, -6, 8};
  std::vector<float> out(6);
  ref::L2NormalizationF32(3, 2, in.data(), out.data());
  // Rows [3, 4] -> [0.6, 0.8]; [0, 0] stays 0 (epsilon 1e-6); [-6, 8].
  EXPECT_EQ(out, (std::vector<float>{3.0f / 5, 4.0f / 5, 0, 0, -6.0f / 10,
                                     8.0f / 10}));
  // A tiny row is divided by epsilon, not by its norm.
  const std::vector<float> tiny = {1e-8f, 0.0f};
  ref::L2NormalizationF32(1, 2, tiny.data(), out.data());
  EXPECT_EQ(out[0], 1e-8f / 1e-6f);
}

TEST(L2NormalizationTest, Int8HandComputed) {
  // [30, 40] - 0 -> [0.6, 0.8] * 128 = [76.8, 102.4] -> [77, 102].
  const std::vector<int8_t> in = {30, 40, 5, 5, 0, 0};
  std::vector<int8_t> out(6);
  ref::L2NormalizationS8(0, 3, 2, in.data(), out.data());
  EXPECT_EQ(out[0], 77);
  EXPECT_EQ(out[1], 102);
  EXPECT_EQ(out[2], 91);  // 128 / sqrt(2) = 90.5
  EXPECT_EQ(out[3], 91);
  EXPECT_EQ(out[4], 0);  // an all-zero row stays zero
  EXPECT_EQ(out[5], 0);
  // A single positive value is 1.0, which saturates at 127/128.
  const std::vector<int8_t> one = {-3};
  int8_t o = 0;
  ref::L2NormalizationS8(-10, 1, 1, one.data(), &o);
  EXPECT_EQ(o, 127);
}

TEST(L2NormalizationTest, Int8WithinOneLsbOfFloat) {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> d(-128, 127);
  for (int depth : {1, 3, 16, 100, 1000}) {
    for (int zp : {0, -128, 37}) {
      std::vector<int8_t> in(3 * depth);
      for (int8_t& v : in) v = static_cast<int8_t>(d(rng));
      std::vector<int8_t> out(in.size());
      ref::L2NormalizationS8(zp, 3, depth, in.data(), out.data());
      for (int r = 0; r < 3; ++r) {
        double sum = 0;
        for (int c = 0; c < depth; ++c) {
          const double v = in[r * depth + c] - zp;
          sum += v * v;
        }
        for (int c = 0; c < depth; ++c) {
          const double v = in[r * depth + c] - zp;
          const double want =
              sum <= 1 ? std::clamp(v * 128, -128.0, 127.0)
                       : std::clamp(std::round(128 * v / std::sqrt(sum)),
                                    -128.0, 127.0);
          ASSERT_NEAR(out[r * depth + c], want, 1.0)
              << "depth " << depth << " zp " << zp << " row " << r;
        }
      }
    }
  }
}

}  // namespace
}  // namespace mote
