#include "kernels/ref/transpose_conv.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "kernels/quant_math.h"

namespace mote {
namespace {

ConvParams Geometry(int stride, int pad_h, int pad_w) {
  ConvParams p;
  p.stride_height = stride;
  p.stride_width = stride;
  p.pad_height = pad_h;
  p.pad_width = pad_w;
  p.float_act_min = std::numeric_limits<float>::lowest();
  p.float_act_max = std::numeric_limits<float>::max();
  return p;
}

std::vector<float> RunF32(const ConvParams& p, const Shape& in_shape,
                          const std::vector<float>& in,
                          const Shape& filter_shape,
                          const std::vector<float>& filter,
                          const std::vector<float>& bias,
                          const Shape& out_shape) {
  std::vector<float> out(static_cast<size_t>(out_shape.FlatSize()), 123.0f);
  ref::TransposeConvF32(p, in_shape, in.data(), filter_shape, filter.data(),
                        bias.empty() ? nullptr : bias.data(), out_shape,
                        out.data());
  return out;
}

std::vector<float> Iota(int n) {
  std::vector<float> v(n);
  for (int i = 0; i < n; ++i) v[i] = static_cast<float>(i + 1);
  return v;
}

// TFLite Micro's TransposeConv tests (SAME padding of a 4x4 output with a
// 3x3 filter: 1 row/column before).
TEST(TransposeConvTest, SimpleFloat) {
  EXPECT_EQ(RunF32(Geometry(1, 1, 1), MakeShape({1, 4, 4, 2}), Iota(32),
                   MakeShape({1, 3, 3, 2}), Iota(18), {0},
                   MakeShape({1, 4, 4, 1})),
            (std::vector<float>{184, 412, 568, 528, 678, 1347, 1689, 1434, 1494,
                                2715, 3057, 2442, 1968, 3352, 3652, 2760}));
}

TEST(TransposeConvTest, FusedRelu) {
  ConvParams p = Geometry(1, 1, 1);
  p.float_act_min = 0.0f;
  EXPECT_EQ(RunF32(p, MakeShape({1, 4, 4, 1}),
                   {1, 2, -3, -4, 5, 6, -7, -8, 9, 10, -11, -12, 13, 14, 15, 16},
                   MakeShape({1, 3, 3, 1}), Iota(9), {0},
                   MakeShape({1, 4, 4, 1})),
            (std::vector<float>{29, 24, 0, 0, 99, 72, 0, 0, 207, 186, 0, 0, 263,
                                292, 141, 0}));
}

TEST(TransposeConvTest, Stride3WithRelu) {
  // Output 3x4 from a 1x2 input, SAME: pad = ((1 - 1) * 3 + 3 - 3) / 2 = 0
  // rows and ((2 - 1) * 3 + 3 - 4) / 2 = 1 column.
  ConvParams p = Geometry(3, 0, 1);
  p.float_act_min = 0.0f;
  EXPECT_EQ(RunF32(p, MakeShape({1, 1, 2, 1}), {323, -521},
                   MakeShape({1, 3, 3, 1}), {9, 5, 6, 9, 8, 5, 3, 1, 4}, {0},
                   MakeShape({1, 3, 4, 1})),
            (std::vector<float>{1615, 1938, 0, 0, 2584, 1615, 0, 0, 323, 1292,
                                0, 0}));
}

TEST(TransposeConvTest, TwoChannelsWithBiasValidStride2) {
  ConvParams p = Geometry(2, 0, 0);
  p.float_act_min = 0.0f;
  EXPECT_EQ(RunF32(p, MakeShape({1, 2, 2, 1}), {1, 2, -3, 4},
                   MakeShape({2, 3, 3, 1}),
                   {1, 3, 5, 7, 9, 11, 13, 15, 17, 2, 4, 6, 8, 10, 12, 14, 16,
                    18},
                   {3, 4}, MakeShape({1, 5, 5, 2})),
            (std::vector<float>{4,  6,  6,  8,  10, 14, 9,  12, 13, 16,
                                10, 12, 12, 14, 28, 32, 21, 24, 25, 28,
                                13, 12, 9,  8,  35, 40, 45, 52, 57, 64,
                                0,  0,  0,  0,  0,  0,  39, 44, 47, 52,
                                0,  0,  0,  0,  4,  6,  63, 68, 71, 76}));
}

// TFLite Micro's SimpleTestQuantizedPerChannel: input scale 0.5, filter
// scale 1, output scale 30, all zero points 0; the golden is the float
// result quantized, within 1 LSB.
TEST(TransposeConvTest, Int8PerChannelWithinOneLsbOfFloat) {
  const std::vector<float> golden = {184,  412,  568,  528,  678,  1347,
                                     1689, 1434, 1494, 2715, 3057, 2442,
                                     1968, 3352, 3652, 2760};
  std::vector<int8_t> in(32);
  for (int i = 0; i < 32; ++i) in[i] = static_cast<int8_t>((i + 1) * 2);
  std::vector<int8_t> filter(18);
  for (int i = 0; i < 18; ++i) filter[i] = static_cast<int8_t>(i + 1);
  const std::vector<int32_t> bias = {0};
  ConvParams p = Geometry(1, 1, 1);
  p.input_offset = 0;
  p.output_offset = 0;
  int32_t multiplier;
  int shift;
  QuantizeMultiplier(0.5 * 1.0 / 30.0, &multiplier, &shift);
  std::vector<int32_t> scratch(16);
  std::vector<int8_t> out(16);
  ref::TransposeConvPerChannelS8(p, &multiplier, &shift,
                                 MakeShape({1, 4, 4, 2}), in.data(),
                                 MakeShape({1, 3, 3, 2}), filter.data(),
                                 bias.data(), MakeShape({1, 4, 4, 1}),
                                 out.data(), scratch.data());
  for (int i = 0; i < 16; ++i) {
    const double want = std::min(127.0, std::round(golden[i] / 30.0));
    EXPECT_NEAR(out[i], want, 1.0) << i;
    // The accumulator is the integer product sum: golden / 0.5.
    EXPECT_EQ(scratch[i], static_cast<int32_t>(golden[i] * 2)) << i;
  }
}

TEST(TransposeConvTest, Int8OffsetsBiasAndClamp) {
  // 1x1 input, 2x2 filter, stride 2, VALID: each output is (x + in_off) *
  // w + bias, rescaled by 1/2, plus the output zero point, clamped.
  ConvParams p = Geometry(2, 0, 0);
  p.input_offset = 3;   // input zero point -3
  p.output_offset = -5;
  p.act_min = -128;
  p.act_max = 127;
  int32_t multiplier;
  int shift;
  QuantizeMultiplier(0.5, &multiplier, &shift);
  const std::vector<int8_t> in = {7};                 // 7 + 3 = 10
  const std::vector<int8_t> filter = {1, -2, 30, -100};
  const std::vector<int32_t> bias = {4};
  std::vector<int32_t> scratch(4);
  std::vector<int8_t> out(4);
  ref::TransposeConvPerChannelS8(p, &multiplier, &shift,
                                 MakeShape({1, 1, 1, 1}), in.data(),
                                 MakeShape({1, 2, 2, 1}), filter.data(),
                                 bias.data(), MakeShape({1, 2, 2, 1}),
                                 out.data(), scratch.data());
  // (10 + 4) / 2 - 5 = 2; (-20 + 4) / 2 - 5 = -13; (300 + 4) / 2 - 5 = 147
  // -> 127; (-1000 + 4) / 2 - 5 = -503 -> -128.
  EXPECT_EQ(out, (std::vector<int8_t>{2, -13, 127, -128}));
}

}  // namespace
}  // namespace mote
