#include "kernels/ref/abs.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace mote {
namespace {

TEST(AbsTest, SameScaleIsExact) {
  const ref::AbsParamsQ p = ref::MakeAbsParams(0.1f, 3, 0.1f, -5);
  EXPECT_FALSE(p.needs_rescale);
  const std::vector<int8_t> in = {3, 10, -4, -128, 127};
  std::vector<int8_t> out(5);
  ref::AbsS8(p, 5, in.data(), out.data());
  // |q - 3| - 5, clamped: 0-5, 7-5, 7-5, 131-5 -> 126, 124-5.
  EXPECT_EQ(out, (std::vector<int8_t>{-5, 2, 2, 126, 119}));
}

TEST(AbsTest, RescaledWithinOneLsbOfFloat) {
  for (const auto& [si, zi, so, zo] :
       std::vector<std::tuple<float, int, float, int>>{
           {0.1f, 0, 0.05f, -128}, {0.02f, -60, 0.1f, -128},
           {0.5f, 127, 1.5f, -100}}) {
    const ref::AbsParamsQ p = ref::MakeAbsParams(si, zi, so, zo);
    EXPECT_TRUE(p.needs_rescale);
    std::vector<int8_t> in;
    for (int q = -128; q <= 127; ++q) in.push_back(static_cast<int8_t>(q));
    std::vector<int8_t> out(in.size());
    ref::AbsS8(p, 256, in.data(), out.data());
    for (size_t i = 0; i < in.size(); ++i) {
      const double real = std::fabs(si * (in[i] - zi));
      const double want = std::clamp(std::round(real / so) + zo, -128.0, 127.0);
      ASSERT_NEAR(out[i], want, 1.0) << int{in[i]};
    }
  }
}

TEST(AbsTest, Int16Quantized) {
  const ref::AbsParamsQ p = ref::MakeAbsParams(1.0f, 0, 2.0f, 0);
  const std::vector<int16_t> in = {-32768, 32767, -3, 4};
  std::vector<int16_t> out(4);
  ref::AbsS16(p, 4, in.data(), out.data());
  // Halved, rounding half away from zero: 16384, 16384 (16383.5), 2 (1.5), 2.
  EXPECT_EQ(out, (std::vector<int16_t>{16384, 16384, 2, 2}));
  const ref::AbsParamsQ same = ref::MakeAbsParams(1.0f, 0, 1.0f, 0);
  ref::AbsS16(same, 4, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int16_t>{32767, 32767, 3, 4}));  // clamped
}

}  // namespace
}  // namespace mote
