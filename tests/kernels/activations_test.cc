// RELU, RELU6, LEAKY_RELU and HARD_SWISH kernels.
#include "kernels/ref/activations.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace mote {
namespace {

std::vector<int8_t> AllInt8() {
  std::vector<int8_t> v;
  for (int x = -128; x <= 127; ++x) v.push_back(static_cast<int8_t>(x));
  return v;
}

int QuantizeS8(double real, float scale, int32_t zero_point) {
  return static_cast<int>(
      std::clamp(std::round(real / scale) + zero_point, -128.0, 127.0));
}

double Dequantize(int8_t q, float scale, int32_t zero_point) {
  return static_cast<double>(scale) * (q - zero_point);
}

struct Quant {
  float scale;
  int32_t zero_point;
};

// Input/output quantizations to sweep, including extreme zero points.
const Quant kQuants[] = {{0.05f, 0},   {0.1f, -128},  {0.02f, 127},
                         {0.5f, -7},   {1.0f / 3, 3}, {0.0078125f, -128},
                         {0.25f, 127}, {2.0f, 0}};

// --- RELU ------------------------------------------------------------------

std::vector<int8_t> RunReluS8(Quant in, Quant out,
                              const std::vector<int8_t>& input) {
  const ref::ReluParamsS8 p =
      ref::PrepareReluS8(in.scale, in.zero_point, out.scale, out.zero_point);
  std::vector<int8_t> result(input.size());
  ref::ReluS8(p, static_cast<int32_t>(input.size()), input.data(),
              result.data());
  return result;
}

TEST(ReluS8Test, HandComputed) {
  // Same quantization: a clamp at the zero point.
  EXPECT_EQ(RunReluS8({0.1f, 5}, {0.1f, 5}, {-128, 4, 5, 6, 127}),
            std::vector<int8_t>({5, 5, 5, 6, 127}));
  // in 0.5/zp 0 -> out 0.25/zp -10: x = 4 is 2.0 -> 8 - 10 = -2.
  EXPECT_EQ(RunReluS8({0.5f, 0}, {0.25f, -10}, {4, -4, 0, 100}),
            std::vector<int8_t>({-2, -10, -10, 127}));
  // Output zero point -128: negatives map to -128; 3 * 0.1 / 0.05 = 6.
  EXPECT_EQ(RunReluS8({0.1f, 0}, {0.05f, -128}, {3, -3}),
            std::vector<int8_t>({-122, -128}));
}

TEST(ReluS8Test, PrepareParams) {
  const ref::ReluParamsS8 p = ref::PrepareReluS8(0.5f, 3, 0.25f, -10);
  EXPECT_EQ(p.output_multiplier, 1 << 30);  // 2.0 = 0.5 * 2^2
  EXPECT_EQ(p.output_shift, 2);
  EXPECT_EQ(p.act_min, -10);
  EXPECT_EQ(p.act_max, 127);
  EXPECT_EQ(p.input_zero_point, 3);
}

TEST(ReluS8Test, AllInputsWithinOneLsbOfFloat) {
  const std::vector<int8_t> input = AllInt8();
  for (const Quant in : kQuants) {
    for (const Quant out : kQuants) {
      const std::vector<int8_t> got = RunReluS8(in, out, input);
      for (size_t i = 0; i < input.size(); ++i) {
        const double real =
            std::max(0.0, Dequantize(input[i], in.scale, in.zero_point));
        const int want = std::max(QuantizeS8(real, out.scale, out.zero_point),
                                  std::max(-128, out.zero_point));
        EXPECT_LE(std::abs(got[i] - want), 1)
            << in.scale << "/" << in.zero_point << " -> " << out.scale << "/"
            << out.zero_point << " x " << int{input[i]};
        // Identity requantization is exact.
        if (in.scale == out.scale && in.zero_point == out.zero_point) {
          EXPECT_EQ(got[i], std::max<int>(input[i], in.zero_point));
        }
      }
    }
  }
}

TEST(ReluF32Test, ClampsNegativesAndPassesNaN) {
  const std::vector<float> input = {
      -3.5f, -0.0f, 0.0f,
      2.25f, 1e30f, std::numeric_limits<float>::quiet_NaN()};
  std::vector<float> out(input.size());
  ref::ReluF32(static_cast<int32_t>(input.size()), input.data(), out.data());
  EXPECT_EQ(out[0], 0.0f);
  EXPECT_EQ(out[2], 0.0f);
  EXPECT_EQ(out[3], 2.25f);
  EXPECT_EQ(out[4], 1e30f);
  EXPECT_TRUE(std::isnan(out[5]));
}

// --- RELU6 -----------------------------------------------------------------

TEST(Relu6S8Test, PrepareParams) {
  // 6 / 0.05 = 120 (in float: 119.99999 or 120.00001, either rounds to 120).
  ref::Relu6ParamsS8 p = ref::PrepareRelu6S8(0.05f, -100);
  EXPECT_EQ(p.zero, -100);
  EXPECT_EQ(p.six, 20);
  // Quantized 6.0 beyond int8 saturates at 127.
  p = ref::PrepareRelu6S8(0.01f, 0);
  EXPECT_EQ(p.six, 127);
  p = ref::PrepareRelu6S8(6.0f / 255, -128);
  EXPECT_EQ(p.zero, -128);
  EXPECT_EQ(p.six, 127);
}

TEST(Relu6S8Test, ClampsInTheInputQuantization) {
  const ref::Relu6ParamsS8 p = ref::PrepareRelu6S8(0.05f, -100);
  const std::vector<int8_t> input = AllInt8();
  std::vector<int8_t> out(input.size());
  ref::Relu6S8(p, static_cast<int32_t>(input.size()), input.data(), out.data());
  for (size_t i = 0; i < input.size(); ++i) {
    const double real = std::clamp(Dequantize(input[i], 0.05f, -100), 0.0, 6.0);
    EXPECT_EQ(out[i], QuantizeS8(real, 0.05f, -100)) << int{input[i]};
  }
  EXPECT_EQ(out[0], -100);  // -128
  EXPECT_EQ(out[255], 20);  // 127
  EXPECT_EQ(out[128 - 50], -50);
}

TEST(Relu6S8Test, RequantizingHandComputed) {
  // in 0.05/zp 0 -> out 0.1/zp -128: halve, round half away from zero,
  // clamp to [quantized 0, quantized 6] = [-128, -68].
  const ref::ReluParamsS8 p =
      ref::PrepareRelu6RequantizingS8(0.05f, 0, 0.1f, -128);
  EXPECT_EQ(p.output_multiplier, 1 << 30);
  EXPECT_EQ(p.output_shift, 0);
  EXPECT_EQ(p.act_min, -128);
  EXPECT_EQ(p.act_max, -68);
  const std::vector<int8_t> input = {40, 117, 119, 121, 127, -10, 0};
  std::vector<int8_t> out(input.size());
  ref::ReluS8(p, static_cast<int32_t>(input.size()), input.data(), out.data());
  EXPECT_EQ(out, std::vector<int8_t>({-108, -69, -68, -68, -68, -128, -128}));
}

TEST(Relu6S8Test, RequantizingWithinOneLsbOfFloat) {
  const std::vector<int8_t> input = AllInt8();
  for (const Quant in : kQuants) {
    for (const Quant out : kQuants) {
      const ref::ReluParamsS8 p = ref::PrepareRelu6RequantizingS8(
          in.scale, in.zero_point, out.scale, out.zero_point);
      std::vector<int8_t> got(input.size());
      ref::ReluS8(p, static_cast<int32_t>(input.size()), input.data(),
                  got.data());
      for (size_t i = 0; i < input.size(); ++i) {
        const double real =
            std::clamp(Dequantize(input[i], in.scale, in.zero_point), 0.0, 6.0);
        const int want = QuantizeS8(real, out.scale, out.zero_point);
        EXPECT_LE(std::abs(got[i] - want), 1)
            << in.scale << "/" << in.zero_point << " -> " << out.scale << "/"
            << out.zero_point << " x " << int{input[i]};
      }
      // Same quantization: identical to the plain clamp.
      if (in.scale == out.scale && in.zero_point == out.zero_point) {
        std::vector<int8_t> clamped(input.size());
        ref::Relu6S8(ref::PrepareRelu6S8(in.scale, in.zero_point),
                     static_cast<int32_t>(input.size()), input.data(),
                     clamped.data());
        EXPECT_EQ(got, clamped);
      }
    }
  }
}

TEST(Relu6F32Test, ClampsToZeroSixAndPassesNaN) {
  const std::vector<float> input = {
      -1.0f, 0.5f, 6.0f, 6.5f, 1e9f, std::numeric_limits<float>::quiet_NaN()};
  std::vector<float> out(input.size());
  ref::Relu6F32(static_cast<int32_t>(input.size()), input.data(), out.data());
  EXPECT_EQ(out[0], 0.0f);
  EXPECT_EQ(out[1], 0.5f);
  EXPECT_EQ(out[2], 6.0f);
  EXPECT_EQ(out[3], 6.0f);
  EXPECT_EQ(out[4], 6.0f);
  EXPECT_TRUE(std::isnan(out[5]));
}

// --- LEAKY_RELU --------------------------------------------------------------

std::vector<int8_t> RunLeakyReluS8(Quant in, Quant out, float alpha,
                                   const std::vector<int8_t>& input) {
  const ref::LeakyReluParamsS8 p = ref::PrepareLeakyReluS8(
      in.scale, in.zero_point, out.scale, out.zero_point, alpha);
  std::vector<int8_t> result(input.size());
  ref::LeakyReluS8(p, static_cast<int32_t>(input.size()), input.data(),
                   result.data());
  return result;
}

TEST(LeakyReluS8Test, HandComputed) {
  // alpha 0.5, same quantization (0.5, zp 0): -4 -> -2, 4 -> 4.
  EXPECT_EQ(RunLeakyReluS8({0.5f, 0}, {0.5f, 0}, 0.5f, {-4, 4, 0, -128, 127}),
            std::vector<int8_t>({-2, 4, 0, -64, 127}));
  // alpha 0.25 with requantization to (0.25, zp -1): x = -8 is -4.0 -> -1.0
  // -> -4 - 1 = -5; x = 8 is 4.0 -> 16 - 1 = 15.
  EXPECT_EQ(RunLeakyReluS8({0.5f, 0}, {0.25f, -1}, 0.25f, {-8, 8}),
            std::vector<int8_t>({-5, 15}));
  // A negative alpha flips negatives: -2 * -1 = 2.
  EXPECT_EQ(RunLeakyReluS8({1.0f, 0}, {1.0f, 0}, -1.0f, {-2, 2}),
            std::vector<int8_t>({2, 2}));
  // alpha 0: negatives become the output zero point.
  EXPECT_EQ(RunLeakyReluS8({1.0f, 3}, {1.0f, -9}, 0.0f, {0, 3, 4}),
            std::vector<int8_t>({-9, -9, -8}));
}

TEST(LeakyReluS8Test, PrepareFormsRatiosInFloat) {
  const ref::LeakyReluParamsS8 p =
      ref::PrepareLeakyReluS8(0.5f, 0, 0.25f, 0, -0.75f);
  EXPECT_EQ(p.output_multiplier_identity, 1 << 30);  // 2.0
  EXPECT_EQ(p.output_shift_identity, 2);
  EXPECT_EQ(p.output_multiplier_alpha, -(3 << 29));  // -1.5 = -0.75 * 2^1
  EXPECT_EQ(p.output_shift_alpha, 1);
}

TEST(LeakyReluS8Test, AllInputsWithinOneLsbOfFloat) {
  const std::vector<int8_t> input = AllInt8();
  for (const float alpha : {0.2f, 0.01f, 1.5f, -0.3f}) {
    for (const Quant in : kQuants) {
      for (const Quant out : kQuants) {
        const std::vector<int8_t> got = RunLeakyReluS8(in, out, alpha, input);
        for (size_t i = 0; i < input.size(); ++i) {
          const double x = Dequantize(input[i], in.scale, in.zero_point);
          const double real = x >= 0 ? x : x * alpha;
          const int want = QuantizeS8(real, out.scale, out.zero_point);
          EXPECT_LE(std::abs(got[i] - want), 1)
              << "alpha " << alpha << " " << in.scale << "/" << in.zero_point
              << " -> " << out.scale << "/" << out.zero_point << " x "
              << int{input[i]};
        }
      }
    }
  }
}

TEST(LeakyReluF32Test, MatchesFormula) {
  const std::vector<float> input = {-4.0f, -0.5f, 0.0f, 3.0f};
  std::vector<float> out(input.size());
  ref::LeakyReluF32(0.1f, 4, input.data(), out.data());
  EXPECT_EQ(out, std::vector<float>({-4.0f * 0.1f, -0.5f * 0.1f, 0.0f, 3.0f}));
  ref::LeakyReluF32(2.0f, 4, input.data(), out.data());  // alpha > 1
  EXPECT_EQ(out, std::vector<float>({-8.0f, -1.0f, 0.0f, 3.0f}));
}

// --- HARD_SWISH --------------------------------------------------------------

double HardSwishReal(double x) {
  return x * std::clamp(x + 3.0, 0.0, 6.0) / 6.0;
}

std::vector<int8_t> RunHardSwishS8(Quant in, Quant out,
                                   const std::vector<int8_t>& input) {
  ref::HardSwishParamsS8 p;
  EXPECT_TRUE(ref::PrepareHardSwishS8(in.scale, in.zero_point, out.scale,
                                      out.zero_point, &p));
  std::vector<int8_t> result(input.size());
  ref::HardSwishS8(p, static_cast<int32_t>(input.size()), input.data(),
                   result.data());
  return result;
}

TEST(HardSwishS8Test, PrepareParams) {
  ref::HardSwishParamsS8 p;
  // hires scale 1/128 * 0.0625 = 2^-11; / 2^-6 = 2^-5 = 0.5 * 2^-4:
  // multiplier 2^30 -> 2^14 in Q15.
  ASSERT_TRUE(ref::PrepareHardSwishS8(0.0625f, -5, 0.015625f, 7, &p));
  EXPECT_EQ(p.output_multiplier, 1 << 14);
  EXPECT_EQ(p.output_exponent, -4);
  EXPECT_EQ(p.input_zero_point, -5);
  EXPECT_EQ(p.output_zero_point, 7);
  // reluish: 2^-11 / (3 / 2^15) = 16/3 = 0.6667 * 2^3.
  EXPECT_EQ(p.reluish_exponent, 3);
  EXPECT_EQ(p.reluish_multiplier, 21845);  // round(2/3 * 2^15)
  // An output scale below hires_input_scale would need a left shift.
  EXPECT_FALSE(ref::PrepareHardSwishS8(1.0f, 0, 1.0f / 256, 0, &p));
}

TEST(HardSwishS8Test, HandComputed) {
  // in 1/16 zp 0, out 1/32 zp 0.
  //   x = 0 -> 0; x = 48 (3.0) -> 3.0 -> 96; x = 64 (4.0) -> 128 -> 127;
  //   x = -48 (-3.0) -> 0; x = -16 (-1.0) -> -1/3 -> -10.67 -> -11.
  EXPECT_EQ(RunHardSwishS8({0.0625f, 0}, {0.03125f, 0}, {0, 48, 64, -48, -16}),
            std::vector<int8_t>({0, 96, 127, 0, -11}));
}

TEST(HardSwishS8Test, AllInputsWithinOneLsbOfFloat) {
  const std::vector<int8_t> input = AllInt8();
  // (input, output) pairs as a converter would choose them: the output range
  // is roughly that of hard_swish over the input range.
  const Quant pairs[][2] = {
      {{0.1f, 0}, {0.06f, -80}},    {{0.05f, -128}, {0.05f, -128}},
      {{0.03f, 127}, {0.01f, 127}}, {{0.0235f, -3}, {0.02f, -105}},
      {{0.25f, 10}, {0.2f, -100}},  {{0.0078125f, 0}, {0.0078125f, 0}},
      {{0.5f, -128}, {0.5f, -128}}, {{1.0f, 0}, {0.5f, -128}},
  };
  for (const auto& pair : pairs) {
    const Quant in = pair[0];
    const Quant out = pair[1];
    const std::vector<int8_t> got = RunHardSwishS8(in, out, input);
    for (size_t i = 0; i < input.size(); ++i) {
      const double real =
          HardSwishReal(Dequantize(input[i], in.scale, in.zero_point));
      const int want = QuantizeS8(real, out.scale, out.zero_point);
      EXPECT_LE(std::abs(got[i] - want), 1)
          << in.scale << "/" << in.zero_point << " -> " << out.scale << "/"
          << out.zero_point << " x " << int{input[i]};
    }
  }
}

TEST(HardSwishF32Test, MatchesFormula) {
  const std::vector<float> input = {-5.0f, -3.0f, -1.5f, 0.0f,
                                    1.0f,  3.0f,  7.0f};
  std::vector<float> out(input.size());
  ref::HardSwishF32(static_cast<int32_t>(input.size()), input.data(),
                    out.data());
  for (size_t i = 0; i < input.size(); ++i) {
    EXPECT_NEAR(out[i], HardSwishReal(input[i]), 1e-6) << input[i];
  }
  EXPECT_EQ(out[0], 0.0f);
  EXPECT_EQ(out[5], 3.0f);
  EXPECT_EQ(out[6], 7.0f);
}

}  // namespace
}  // namespace mote
