// Tests of the FULLY_CONNECTED reference kernels.
#include "kernels/ref/fully_connected.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "kernels/quant_math.h"

namespace mote {
namespace {

int32_t Multiplier(double real, int32_t* shift) {
  int32_t m = 0;
  int s = 0;
  QuantizeMultiplier(real, &m, &s);
  *shift = s;
  return m;
}

TEST(FullyConnectedS8Test, HandComputedPerTensor) {
  // 2 batches x depth 3, 2 units. input zp -1 (offset +1), output zp 10,
  // multiplier 0.5.
  const std::vector<int8_t> input = {0, 1, 2, -1, -1, 3};  // real 1 2 3 / 0 0 4
  const std::vector<int8_t> weights = {1, 2, 3, -1, 0, 1};
  const std::vector<int32_t> bias = {1, -3};
  FullyConnectedParams p;
  p.input_offset = 1;
  p.output_offset = 10;
  p.output_multiplier = Multiplier(0.5, &p.output_shift);
  std::vector<int8_t> out(4, 0);
  ref::FullyConnectedS8(p, MakeShape({2, 3}), input.data(), MakeShape({2, 3}),
                        weights.data(), bias.data(), MakeShape({2, 2}),
                        out.data());
  // b0: u0 1+4+9+1 = 15 -> 7.5 -> 8 (+10 = 18); u1 -1+3-3 = -1 -> -0.5 ->
  //     0 (SRDHM rounds half up) -> 10.
  // b1: u0 12+1 = 13 -> 6.5 -> 7 -> 17; u1 4-3 = 1 -> 0.5 -> 1 -> 11.
  EXPECT_EQ(out, (std::vector<int8_t>{18, 10, 17, 11}));
}

TEST(FullyConnectedS8Test, FilterOffsetIsApplied) {
  // TFLite's per-tensor kernel adds the weights offset; with offset 2 the
  // weights {-2, -1} act as {0, 1}.
  const std::vector<int8_t> input = {5, 7};
  const std::vector<int8_t> weights = {-2, -1};
  FullyConnectedParams p;
  p.filter_offset = 2;
  p.output_multiplier = Multiplier(1.0, &p.output_shift);
  int8_t out = 0;
  ref::FullyConnectedS8(p, MakeShape({1, 2}), input.data(), MakeShape({1, 2}),
                        weights.data(), nullptr, MakeShape({1, 1}), &out);
  EXPECT_EQ(out, 7);
}

TEST(FullyConnectedS8Test, HandComputedPerChannelNoBias) {
  const std::vector<int8_t> input = {10, 20, 30};  // zp 0
  const std::vector<int8_t> weights = {1, 1, 1, 1, 0, -1, 2, 2, 2};
  std::vector<int32_t> mult(3), shift(3);
  mult[0] = Multiplier(1.0, &shift[0]);
  mult[1] = Multiplier(0.25, &shift[1]);
  mult[2] = Multiplier(0.125, &shift[2]);
  FullyConnectedParams p;
  p.filter_offset = 99;  // ignored by the per-channel kernel (symmetric)
  std::vector<int8_t> out(3, 0);
  ref::FullyConnectedPerChannelS8(p, mult.data(), shift.data(),
                                  MakeShape({1, 3}), input.data(),
                                  MakeShape({3, 3}), weights.data(), nullptr,
                                  MakeShape({1, 3}), out.data());
  // u0: 60; u1: -20 * 0.25 = -5; u2: 120 * 0.125 = 15.
  EXPECT_EQ(out, (std::vector<int8_t>{60, -5, 15}));
}

// Random FC over batches; checks both kernels against an int64 reference
// (bit-exact) and the double-math result (within 1 LSB).
struct FcCase {
  int batches, depth, units;
  float input_scale;
  int32_t input_zp;
  std::vector<float> weight_scales;  // 1 entry: per-tensor kernel
  float output_scale;
  int32_t output_zp;
  Activation act;
  bool with_bias;
};

void RunRandomS8(const FcCase& c, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> byte(-128, 127);
  std::uniform_int_distribution<int> weight(-127, 127);
  std::uniform_int_distribution<int> bias_dist(-30000, 30000);
  std::vector<int8_t> input(c.batches * c.depth), weights(c.units * c.depth);
  std::vector<int32_t> bias(c.units);
  for (auto& v : input) v = static_cast<int8_t>(byte(rng));
  for (auto& v : weights) v = static_cast<int8_t>(weight(rng));
  for (auto& v : bias) v = bias_dist(rng);
  const bool per_channel = c.weight_scales.size() > 1;
  auto wscale = [&](int u) {
    return static_cast<double>(c.weight_scales[per_channel ? u : 0]);
  };

  FullyConnectedParams p;
  p.input_offset = -c.input_zp;
  p.output_offset = c.output_zp;
  ActivationRangeQuantized(static_cast<int>(c.act), c.output_scale,
                           c.output_zp, -128, 127, &p.act_min, &p.act_max);
  std::vector<int32_t> mult(c.units), shift(c.units);
  for (int u = 0; u < c.units; ++u) {
    mult[u] = Multiplier(c.input_scale * wscale(u) / c.output_scale, &shift[u]);
  }
  p.output_multiplier = mult[0];
  p.output_shift = shift[0];

  // The input may have any rank: [batches, depth] here, flattened from
  // [batches, 1, depth].
  const Shape input_shape = MakeShape({c.batches, 1, c.depth});
  const Shape weights_shape = MakeShape({c.units, c.depth});
  const Shape output_shape = MakeShape({c.batches, c.units});
  const int32_t* bias_ptr = c.with_bias ? bias.data() : nullptr;
  std::vector<int8_t> out(c.batches * c.units, 0);
  if (per_channel) {
    ref::FullyConnectedPerChannelS8(p, mult.data(), shift.data(), input_shape,
                                    input.data(), weights_shape,
                                    weights.data(), bias_ptr, output_shape,
                                    out.data());
  } else {
    ref::FullyConnectedS8(p, input_shape, input.data(), weights_shape,
                          weights.data(), bias_ptr, output_shape, out.data());
  }

  for (int b = 0; b < c.batches; ++b) {
    for (int u = 0; u < c.units; ++u) {
      int64_t acc = c.with_bias ? bias[u] : 0;
      double real = c.with_bias ? bias[u] * c.input_scale * wscale(u) : 0.0;
      for (int d = 0; d < c.depth; ++d) {
        const int32_t x = input[b * c.depth + d] - c.input_zp;
        acc += static_cast<int64_t>(weights[u * c.depth + d]) * x;
        real += x * static_cast<double>(c.input_scale) *
                weights[u * c.depth + d] * wscale(u);
      }
      int32_t v = MultiplyByQuantizedMultiplier(static_cast<int32_t>(acc),
                                                mult[u], shift[u]);
      v = std::min(std::max(v + c.output_zp, p.act_min), p.act_max);
      const int8_t got = out[b * c.units + u];
      ASSERT_EQ(got, v) << "batch " << b << " unit " << u;
      const double q_real =
          std::min(std::max(std::round(real / c.output_scale) + c.output_zp,
                            static_cast<double>(p.act_min)),
                   static_cast<double>(p.act_max));
      ASSERT_LE(std::fabs(got - q_real), 1.0) << "batch " << b << " unit " << u;
    }
  }
}

TEST(FullyConnectedS8Test, MatchesReferencesPerTensorAndPerChannel) {
  std::vector<float> per_channel(9);
  for (int u = 0; u < 9; ++u) per_channel[u] = 0.001f + 0.0005f * u;
  const FcCase cases[] = {
      {1, 640, 128, 0.39f, 89, {0.004f}, 0.2f, -128, Activation::kRelu, true},
      {3, 17, 9, 0.05f, -5, {0.01f}, 0.08f, 7, Activation::kNone, true},
      {3, 17, 9, 0.05f, -5, per_channel, 0.02f, 7, Activation::kNone, true},
      {2, 33, 9, 0.05f, 12, per_channel, 0.02f, -3, Activation::kRelu6, false},
      {4, 8, 5, 0.1f, 0, {0.02f}, 0.05f, 0, Activation::kReluN1To1, false},
  };
  uint32_t seed = 900;
  for (const FcCase& c : cases) {
    SCOPED_TRACE(testing::Message() << "case #" << seed - 900);
    RunRandomS8(c, seed++);
  }
}

TEST(FullyConnectedS8Test, ExtremeZeroPointsAndScales) {
  std::vector<float> per_channel = {0.002f, 0.004f, 0.008f, 0.016f};
  const FcCase cases[] = {
      {2, 40, 4, 0.02f, -128, {0.01f}, 0.05f, -128, Activation::kNone, true},
      {2, 40, 4, 0.02f, 127, {0.01f}, 0.05f, 127, Activation::kNone, true},
      {2, 40, 4, 0.02f, -128, per_channel, 0.05f, 127, Activation::kRelu, true},
      {2, 40, 4, 0.02f, 127, per_channel, 0.05f, -128, Activation::kNone,
       false},
      {1, 16, 4, 1e-4f, 3, {1e-4f}, 50.0f, -7, Activation::kNone, true},
      {1, 4, 4, 0.5f, 0, {0.05f}, 0.001f, 0, Activation::kNone, true},  // x25
  };
  uint32_t seed = 950;
  for (const FcCase& c : cases) {
    SCOPED_TRACE(testing::Message() << "case #" << seed - 950);
    RunRandomS8(c, seed++);
  }
}

TEST(FullyConnectedS8Test, BatchesComeFromTheOutputShape) {
  // keep_num_dims: output [2, 3, units]: 6 batches.
  const int depth = 2, units = 2;
  std::vector<int8_t> input(6 * depth);
  for (size_t i = 0; i < input.size(); ++i) input[i] = static_cast<int8_t>(i);
  const std::vector<int8_t> weights = {1, 0, 0, 1};  // identity
  FullyConnectedParams p;
  p.output_multiplier = Multiplier(1.0, &p.output_shift);
  std::vector<int8_t> out(12, -1);
  ref::FullyConnectedS8(p, MakeShape({2, 3, depth}), input.data(),
                        MakeShape({units, depth}), weights.data(), nullptr,
                        MakeShape({2, 3, units}), out.data());
  EXPECT_EQ(out, input);
}

// ---------------------------------------------------------------------------
// FullyConnectedF32

TEST(FullyConnectedF32Test, HandComputed) {
  const std::vector<float> input = {1, 2, 3, -1, 0.5f, 2};
  const std::vector<float> weights = {1, 0, -1, 0.5f, 0.5f, 0.5f};
  const std::vector<float> bias = {0.25f, -1};
  FullyConnectedParams p;
  ActivationRangeFloat(static_cast<int>(Activation::kNone), &p.float_act_min,
                       &p.float_act_max);
  std::vector<float> out(4, 0.0f);
  ref::FullyConnectedF32(p, MakeShape({2, 3}), input.data(), MakeShape({2, 3}),
                         weights.data(), bias.data(), MakeShape({2, 2}),
                         out.data());
  EXPECT_EQ(out, (std::vector<float>{-1.75f, 2, -2.75f, -0.25f}));

  ActivationRangeFloat(static_cast<int>(Activation::kRelu), &p.float_act_min,
                       &p.float_act_max);
  ref::FullyConnectedF32(p, MakeShape({2, 3}), input.data(), MakeShape({2, 3}),
                         weights.data(), nullptr, MakeShape({2, 2}),
                         out.data());
  EXPECT_EQ(out, (std::vector<float>{0, 3, 0, 0.75f}));
}

TEST(FullyConnectedF32Test, MatchesTfliteOrderBitForBitAndDoubleMath) {
  const int batches = 3, depth = 64, units = 10;
  std::mt19937 rng(21);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<float> input(batches * depth), weights(units * depth),
      bias(units);
  for (auto& v : input) v = dist(rng);
  for (auto& v : weights) v = dist(rng);
  for (auto& v : bias) v = dist(rng);
  FullyConnectedParams p;
  ActivationRangeFloat(static_cast<int>(Activation::kRelu6), &p.float_act_min,
                       &p.float_act_max);
  std::vector<float> out(batches * units, 0.0f);
  ref::FullyConnectedF32(p, MakeShape({batches, depth}), input.data(),
                         MakeShape({units, depth}), weights.data(),
                         bias.data(), MakeShape({batches, units}), out.data());
  for (int b = 0; b < batches; ++b) {
    for (int u = 0; u < units; ++u) {
      float total = 0.0f;
      double real = 0.0;
      for (int d = 0; d < depth; ++d) {
        total += input[b * depth + d] * weights[u * depth + d];
        real += static_cast<double>(input[b * depth + d]) *
                weights[u * depth + d];
      }
      const float expected = std::min(std::max(total + bias[u], 0.0f), 6.0f);
      const double expected_real =
          std::min(std::max(real + bias[u], 0.0), 6.0);
      ASSERT_EQ(out[b * units + u], expected);
      ASSERT_NEAR(out[b * units + u], expected_real, 1e-5);
    }
  }
}

TEST(FullyConnectedF32Test, NoActivationMeansFloatLimitsNotInfinity) {
  FullyConnectedParams p;
  ActivationRangeFloat(static_cast<int>(Activation::kNone), &p.float_act_min,
                       &p.float_act_max);
  EXPECT_EQ(p.float_act_min, std::numeric_limits<float>::lowest());
  EXPECT_EQ(p.float_act_max, std::numeric_limits<float>::max());
  const float big = std::numeric_limits<float>::max();
  const std::vector<float> input = {-big, -big};
  const std::vector<float> weights = {1.0f, 1.0f};
  float out = 0.0f;
  ref::FullyConnectedF32(p, MakeShape({1, 2}), input.data(), MakeShape({1, 2}),
                         weights.data(), nullptr, MakeShape({1, 1}), &out);
  EXPECT_EQ(out, std::numeric_limits<float>::lowest());
}

}  // namespace
}  // namespace mote
