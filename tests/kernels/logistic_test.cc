#include "kernels/ref/logistic.h"

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

std::vector<int8_t> RunLogisticS8(float scale, int32_t zero_point,
                                  const std::vector<int8_t>& input) {
  const ref::Q4InputParamsS8 params =
      ref::PrepareQ4InputS8(scale, zero_point);
  std::vector<int8_t> out(input.size());
  ref::LogisticS8(params, static_cast<int32_t>(input.size()), input.data(),
                  out.data());
  return out;
}

// sigmoid(dequantized x), quantized with scale 1/256 and zero point -128.
int ReferenceLogisticS8(float scale, int32_t zero_point, int8_t x) {
  const double real = static_cast<double>(scale) * (x - zero_point);
  const double y = 1.0 / (1.0 + std::exp(-real));
  return static_cast<int>(
      std::clamp(std::round(y * 256.0) - 128.0, -128.0, 127.0));
}

TEST(LogisticS8Test, PrepareMatchesHandComputedParams) {
  // 0.5 * 2^27 = 2^26 = 0.5 * 2^27: multiplier 2^30, shift 27,
  // radius floor(15 * 2^27 / 2^27) = 15.
  ref::Q4InputParamsS8 p = ref::PrepareQ4InputS8(0.5f, -3);
  EXPECT_EQ(p.input_zero_point, -3);
  EXPECT_EQ(p.input_multiplier, 1 << 30);
  EXPECT_EQ(p.input_shift, 27);
  EXPECT_EQ(p.input_range_radius, 15);
  // 0.1f * 2^27 = 0.8 * 2^24: radius 15 * 2^3 = 120.
  p = ref::PrepareQ4InputS8(0.1f, 0);
  EXPECT_EQ(p.input_shift, 24);
  EXPECT_EQ(p.input_range_radius, 120);
  // 0.1f = 13421773 / 2^27, so the mantissa is 13421773 / 2^24.
  EXPECT_EQ(p.input_multiplier, 13421773 << 7);
}

TEST(LogisticS8Test, HandComputedValues) {
  // At the zero point sigmoid is exactly 1/2: 128 - 128 = 0.
  EXPECT_EQ(RunLogisticS8(0.1f, 0, {0}), std::vector<int8_t>({0}));
  EXPECT_EQ(RunLogisticS8(0.02f, -128, {-128}), std::vector<int8_t>({0}));
  EXPECT_EQ(RunLogisticS8(0.02f, 127, {127}), std::vector<int8_t>({0}));
  // scale 0.5: x = 2 -> sigmoid(1) = 0.7311 -> 187.2 -> 59; symmetric -59.
  EXPECT_EQ(RunLogisticS8(0.5f, 0, {2, -2}), std::vector<int8_t>({59, -59}));
  // At and beyond the radius (15 at scale 0.5) the output saturates.
  EXPECT_EQ(RunLogisticS8(0.5f, 0, {15, -15, 100, -100}),
            std::vector<int8_t>({127, -128, 127, -128}));
  // Just inside the radius: sigmoid(7) * 256 = 255.77 -> 256 -> clamped.
  EXPECT_EQ(RunLogisticS8(0.5f, 0, {14, -14}),
            std::vector<int8_t>({127, -128}));
}

TEST(LogisticS8Test, ZeroRadiusSaturatesEvenAtZeroPoint) {
  // A scale of 16 makes the radius 0 (TFLite Micro's CalculateInputRadius),
  // so every input, even the zero point, takes a saturated branch:
  // x <= -0 gives -128. This is TFLite Micro's behaviour, kept on purpose.
  const std::vector<int8_t> out = RunLogisticS8(16.0f, 0, {0, 1, -1});
  EXPECT_EQ(out, std::vector<int8_t>({-128, 127, -128}));
}

TEST(LogisticS8Test, CoarseScaleSaturatesEarly) {
  // The radius guards the int32 left shift, not the Q4.27 range: at scale 4
  // it is floor(15 * 2^27 / 2^30) = 1, so x = 1 (sigmoid(4) = 0.982, which
  // would be 123) already saturates to 127. TFLite Micro does the same.
  EXPECT_EQ(RunLogisticS8(4.0f, 0, {1, -1}), std::vector<int8_t>({127, -128}));
  EXPECT_EQ(ref::PrepareQ4InputS8(4.0f, 0).input_range_radius, 1);
}

// Scales up to 1 (beyond that the radius above cuts in early).
TEST(LogisticS8Test, AllInputsWithinOneLsbOfFloat) {
  const std::vector<int8_t> input = AllInt8();
  for (const float scale :
       {0.001f, 1.0f / 256, 0.01f, 0.0235f, 0.0625f, 0.1f, 0.3f, 1.0f}) {
    for (const int32_t zero_point : {-128, -37, 0, 5, 127}) {
      const std::vector<int8_t> got = RunLogisticS8(scale, zero_point, input);
      int exact = 0;
      for (size_t i = 0; i < input.size(); ++i) {
        const int want = ReferenceLogisticS8(scale, zero_point, input[i]);
        EXPECT_LE(std::abs(got[i] - want), 1)
            << "scale " << scale << " zp " << zero_point << " x "
            << int{input[i]};
        exact += got[i] == want;
      }
      EXPECT_GT(exact, 240) << "scale " << scale << " zp " << zero_point;
    }
  }
}

TEST(LogisticS8Test, MonotonicAndSymmetric) {
  const std::vector<int8_t> input = AllInt8();
  const std::vector<int8_t> got = RunLogisticS8(0.05f, 0, input);
  for (size_t i = 1; i < got.size(); ++i) EXPECT_LE(got[i - 1], got[i]);
  // sigmoid(-x) = 1 - sigmoid(x): q(-x) + 128 = 256 - (q(x) + 128), up to
  // the clamp at 127.
  for (int x = 1; x <= 127; ++x) {
    const int pos = got[x + 128];
    const int neg = got[-x + 128];
    if (pos < 127) {
      EXPECT_EQ(neg, -pos) << x;
    }
  }
}

TEST(LogisticF32Test, MatchesFormulaAndCutoffs) {
  const std::vector<float> input = {-20.0f, -9.5f, -9.0f, -1.0f, 0.0f,
                                    0.5f,   3.0f,  16.6f, 16.7f, 100.0f};
  std::vector<float> out(input.size());
  ref::LogisticF32(static_cast<int32_t>(input.size()), input.data(),
                   out.data());
  for (size_t i = 0; i < input.size(); ++i) {
    EXPECT_NEAR(out[i], 1.0 / (1.0 + std::exp(-double{input[i]})), 1e-7)
        << input[i];
  }
  EXPECT_EQ(out[4], 0.5f);
  EXPECT_EQ(out[8], 1.0f);              // above the upper cutoff
  EXPECT_EQ(out[0], std::exp(-20.0f));  // below the lower cutoff: exp(x)
}

}  // namespace
}  // namespace mote
