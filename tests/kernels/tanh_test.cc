#include "kernels/ref/tanh.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace mote {
namespace {

std::vector<int8_t> AllInt8() {
  std::vector<int8_t> v;
  for (int x = -128; x <= 127; ++x) v.push_back(static_cast<int8_t>(x));
  return v;
}

std::vector<int8_t> RunTanhS8(float scale, int32_t zero_point,
                              const std::vector<int8_t>& input) {
  const ref::Q4InputParamsS8 params = ref::PrepareQ4InputS8(scale, zero_point);
  std::vector<int8_t> out(input.size());
  ref::TanhS8(params, static_cast<int32_t>(input.size()), input.data(),
              out.data());
  return out;
}

// tanh(dequantized x), quantized with scale 1/128 and zero point 0.
int ReferenceTanhS8(float scale, int32_t zero_point, int8_t x) {
  const double real = static_cast<double>(scale) * (x - zero_point);
  return static_cast<int>(
      std::clamp(std::round(std::tanh(real) * 128.0), -128.0, 127.0));
}

TEST(TanhS8Test, PrepareMatchesHandComputedParams) {
  // 0.25 * 2^27 = 0.5 * 2^26: multiplier 2^30, shift 26, radius 30.
  const ref::Q4InputParamsS8 p = ref::PrepareQ4InputS8(0.25f, 12);
  EXPECT_EQ(p.input_zero_point, 12);
  EXPECT_EQ(p.input_multiplier, 1 << 30);
  EXPECT_EQ(p.input_shift, 26);
  EXPECT_EQ(p.input_range_radius, 30);
}

TEST(TanhS8Test, HandComputedValues) {
  EXPECT_EQ(RunTanhS8(0.1f, 0, {0}), std::vector<int8_t>({0}));
  EXPECT_EQ(RunTanhS8(0.1f, -128, {-128}), std::vector<int8_t>({0}));
  EXPECT_EQ(RunTanhS8(0.1f, 127, {127}), std::vector<int8_t>({0}));
  // scale 0.25: x = 2 -> tanh(0.5) = 0.4621 -> 59.15 -> 59; odd function.
  EXPECT_EQ(RunTanhS8(0.25f, 0, {2, -2}), std::vector<int8_t>({59, -59}));
  // tanh(1) = 0.7616 -> 97.5 (97.48) -> 97.
  EXPECT_EQ(RunTanhS8(0.25f, 0, {4, -4}), std::vector<int8_t>({97, -97}));
  // Saturation at the radius (30 at scale 0.25), and 1.0 clamps to 127.
  EXPECT_EQ(RunTanhS8(0.25f, 0, {30, -30, 29, -29}),
            std::vector<int8_t>({127, -128, 127, -128}));
}

TEST(TanhS8Test, AllInputsWithinOneLsbOfFloat) {
  const std::vector<int8_t> input = AllInt8();
  for (const float scale :
       {0.001f, 1.0f / 128, 0.01f, 0.0235f, 0.0625f, 0.1f, 0.3f, 1.0f, 4.0f}) {
    for (const int32_t zero_point : {-128, -37, 0, 5, 127}) {
      const std::vector<int8_t> got = RunTanhS8(scale, zero_point, input);
      int exact = 0;
      for (size_t i = 0; i < input.size(); ++i) {
        const int want = ReferenceTanhS8(scale, zero_point, input[i]);
        EXPECT_LE(std::abs(got[i] - want), 1)
            << "scale " << scale << " zp " << zero_point << " x "
            << int{input[i]};
        exact += got[i] == want;
      }
      EXPECT_GT(exact, 240) << "scale " << scale << " zp " << zero_point;
    }
  }
}

TEST(TanhS8Test, OddAndMonotonic) {
  const std::vector<int8_t> got = RunTanhS8(0.03f, 0, AllInt8());
  for (size_t i = 1; i < got.size(); ++i) EXPECT_LE(got[i - 1], got[i]);
  for (int x = 1; x <= 127; ++x) {
    if (got[x + 128] < 127) {
      EXPECT_EQ(got[-x + 128], -got[x + 128]) << x;
    }
  }
}

TEST(TanhF32Test, MatchesStdTanh) {
  const std::vector<float> input = {-30.0f, -2.0f, -0.5f, 0.0f,
                                    0.25f,  1.0f,  9.0f};
  std::vector<float> out(input.size());
  ref::TanhF32(static_cast<int32_t>(input.size()), input.data(), out.data());
  for (size_t i = 0; i < input.size(); ++i) {
    EXPECT_EQ(out[i], std::tanh(input[i]));
    EXPECT_NEAR(out[i], std::tanh(double{input[i]}), 1e-7);
  }
  EXPECT_EQ(out[0], -1.0f);
  EXPECT_EQ(out[3], 0.0f);
}

}  // namespace
}  // namespace mote
