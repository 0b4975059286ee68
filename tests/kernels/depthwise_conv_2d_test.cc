// Tests of the DEPTHWISE_CONV_2D reference kernels.
#include "kernels/ref/depthwise_conv_2d.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "kernels/quant_math.h"

namespace mote {
namespace {

struct DwGeometry {
  int batches, in_h, in_w, in_ch, multiplier, filter_h, filter_w;
  Padding padding;
  int stride_h, stride_w, dilation_h, dilation_w;
  int out_ch() const { return in_ch * multiplier; }
};

struct DwQuant {
  float input_scale;
  int32_t input_zp;
  std::vector<float> filter_scales;  // 1 or out_ch entries
  float output_scale;
  int32_t output_zp;
  float filter_scale(int oc) const {
    return filter_scales[filter_scales.size() == 1 ? 0 : oc];
  }
};

Shape SetUpGeometry(const DwGeometry& g, DepthwiseConvParams* p) {
  const ConvAxis rows = ComputeConvAxis(g.padding, g.in_h, g.filter_h,
                                        g.stride_h, g.dilation_h);
  const ConvAxis cols = ComputeConvAxis(g.padding, g.in_w, g.filter_w,
                                        g.stride_w, g.dilation_w);
  p->stride_height = g.stride_h;
  p->stride_width = g.stride_w;
  p->dilation_height = g.dilation_h;
  p->dilation_width = g.dilation_w;
  p->pad_height = rows.pad;
  p->pad_width = cols.pad;
  p->pad_height_offset = rows.pad_offset;
  p->pad_width_offset = cols.pad_offset;
  p->depth_multiplier = g.multiplier;
  return MakeShape({g.batches, rows.out_size, cols.out_size, g.out_ch()});
}

// Index helpers for the test's own loops.
int InIndex(const DwGeometry& g, int b, int y, int x, int c) {
  return ((b * g.in_h + y) * g.in_w + x) * g.in_ch + c;
}
int FilterIndex(const DwGeometry& g, int fy, int fx, int oc) {
  return (fy * g.filter_w + fx) * g.out_ch() + oc;
}

// Output channel oc reads input channel oc / multiplier. Returns, per output
// element, the list of (input index, filter index) taps inside the image:
// an independent statement of the depthwise indexing.
template <typename Fn>
void ForEachTap(const DwGeometry& g, const DepthwiseConvParams& p,
                const Shape& out, Fn fn) {
  const int oh = out.dims[1], ow = out.dims[2];
  for (int b = 0; b < g.batches; ++b)
    for (int y = 0; y < oh; ++y)
      for (int x = 0; x < ow; ++x)
        for (int oc = 0; oc < g.out_ch(); ++oc) {
          const int out_index = ((b * oh + y) * ow + x) * g.out_ch() + oc;
          const int ic = oc / g.multiplier;
          for (int fy = 0; fy < g.filter_h; ++fy)
            for (int fx = 0; fx < g.filter_w; ++fx) {
              const int iy = y * g.stride_h - p.pad_height + fy * g.dilation_h;
              const int ix = x * g.stride_w - p.pad_width + fx * g.dilation_w;
              if (iy < 0 || iy >= g.in_h || ix < 0 || ix >= g.in_w) continue;
              fn(out_index, InIndex(g, b, iy, ix, ic), FilterIndex(g, fy, fx, oc),
                 oc);
            }
        }
}

struct DwS8Case {
  std::vector<int8_t> input, filter, output, expected;
  std::vector<int32_t> bias, mult, shift;
  std::vector<double> real;
  Shape input_shape, filter_shape, output_shape;
  DepthwiseConvParams params;
};

DwS8Case RunRandomS8(const DwGeometry& g, const DwQuant& q, uint32_t seed,
                     Activation act = Activation::kNone,
                     bool with_bias = true) {
  DwS8Case t;
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> byte(-128, 127);
  std::uniform_int_distribution<int> weight(-127, 127);
  std::uniform_int_distribution<int> bias_dist(-5000, 5000);
  t.input_shape = MakeShape({g.batches, g.in_h, g.in_w, g.in_ch});
  t.filter_shape = MakeShape({1, g.filter_h, g.filter_w, g.out_ch()});
  t.input.resize(t.input_shape.FlatSize());
  t.filter.resize(t.filter_shape.FlatSize());
  t.bias.resize(g.out_ch());
  for (auto& v : t.input) v = static_cast<int8_t>(byte(rng));
  for (auto& v : t.filter) v = static_cast<int8_t>(weight(rng));
  for (auto& v : t.bias) v = bias_dist(rng);

  t.output_shape = SetUpGeometry(g, &t.params);
  t.params.input_offset = -q.input_zp;
  t.params.output_offset = q.output_zp;
  ActivationRangeQuantized(static_cast<int>(act), q.output_scale, q.output_zp,
                           -128, 127, &t.params.act_min, &t.params.act_max);
  t.mult.resize(g.out_ch());
  t.shift.resize(g.out_ch());
  for (int oc = 0; oc < g.out_ch(); ++oc) {
    int s = 0;
    QuantizeMultiplier(static_cast<double>(q.input_scale) *
                           static_cast<double>(q.filter_scale(oc)) /
                           static_cast<double>(q.output_scale),
                       &t.mult[oc], &s);
    t.shift[oc] = s;
  }

  const int32_t* bias = with_bias ? t.bias.data() : nullptr;
  t.output.assign(t.output_shape.FlatSize(), 0);
  ref::DepthwiseConvPerChannelS8(t.params, t.mult.data(), t.shift.data(),
                                 t.input_shape, t.input.data(), t.filter_shape,
                                 t.filter.data(), bias, t.output_shape,
                                 t.output.data());

  // Integer reference: int64 sums over the in-image taps.
  std::vector<int64_t> acc(t.output.size(), 0);
  t.real.assign(t.output.size(), 0.0);
  ForEachTap(g, t.params, t.output_shape,
             [&](int o, int in, int f, int oc) {
               acc[o] += static_cast<int64_t>(t.filter[f]) *
                         (t.input[in] - q.input_zp);
               t.real[o] += (t.input[in] - q.input_zp) *
                            static_cast<double>(q.input_scale) * t.filter[f] *
                            static_cast<double>(q.filter_scale(oc));
             });
  t.expected.resize(t.output.size());
  for (size_t o = 0; o < t.output.size(); ++o) {
    const int oc = static_cast<int>(o % g.out_ch());
    if (with_bias) {
      acc[o] += t.bias[oc];
      t.real[o] += t.bias[oc] * static_cast<double>(q.input_scale) *
                   static_cast<double>(q.filter_scale(oc));
    }
    int32_t v = MultiplyByQuantizedMultiplier(static_cast<int32_t>(acc[o]),
                                              t.mult[oc], t.shift[oc]);
    v += q.output_zp;
    v = std::min(std::max(v, t.params.act_min), t.params.act_max);
    t.expected[o] = static_cast<int8_t>(v);
  }
  return t;
}

void ExpectMatchesReferences(const DwS8Case& t, const DwQuant& q) {
  for (size_t i = 0; i < t.output.size(); ++i) {
    ASSERT_EQ(t.output[i], t.expected[i]) << "output index " << i;
    const double q_real =
        std::round(t.real[i] / static_cast<double>(q.output_scale)) +
        q.output_zp;
    const double clamped =
        std::min(std::max(q_real, static_cast<double>(t.params.act_min)),
                 static_cast<double>(t.params.act_max));
    ASSERT_LE(std::fabs(t.output[i] - clamped), 1.0) << "output index " << i;
  }
}

TEST(DepthwiseConv2dS8Test, HandComputedMultiplierTwo) {
  // input 1x2x2x2: channel 0 = [1 2; 3 4], channel 1 = [10 20; 30 40]
  // (interleaved NHWC), zp 0. Multiplier 2 -> 4 output channels:
  // oc0, oc1 read channel 0; oc2, oc3 read channel 1. 2x2 VALID filter.
  const std::vector<int8_t> input = {1, 10, 2, 20, 3, 30, 4, 40};
  // filter [1, 2, 2, 4]: per tap (fy, fx), 4 output channels.
  const std::vector<int8_t> filter = {
      1, 0, 1, -1,  // (0,0)
      1, 0, 0, 0,   // (0,1)
      1, 0, 0, 0,   // (1,0)
      1, 1, 0, 1,   // (1,1)
  };
  const std::vector<int32_t> bias = {0, 100, -5, 0};
  const int32_t mult[4] = {1 << 30, 1 << 30, 1 << 30, 1 << 30};
  const int32_t shift[4] = {1, 1, 1, 1};  // x1
  DepthwiseConvParams p;
  p.depth_multiplier = 2;
  std::vector<int8_t> out(4, 0);
  ref::DepthwiseConvPerChannelS8(p, mult, shift, MakeShape({1, 2, 2, 2}),
                                 input.data(), MakeShape({1, 2, 2, 4}),
                                 filter.data(), bias.data(),
                                 MakeShape({1, 1, 1, 4}), out.data());
  // oc0: 1+2+3+4 = 10; oc1: 4 + 100 = 104; oc2: 10 - 5 = 5; oc3: -10 + 40.
  EXPECT_EQ(out, (std::vector<int8_t>{10, 104, 5, 30}));
}

TEST(DepthwiseConv2dS8Test, HandComputedSamePaddingWithZeroPoint) {
  // 1 channel, 3x3 input q = 0..8 with zp 4, 3x3 filter of ones, SAME:
  // the corner output sums the 2x2 in-image block only.
  std::vector<int8_t> input(9);
  for (int i = 0; i < 9; ++i) input[i] = static_cast<int8_t>(i);
  const std::vector<int8_t> filter(9, 1);
  DwGeometry g{1, 3, 3, 1, 1, 3, 3, Padding::kSame, 1, 1, 1, 1};
  DepthwiseConvParams p;
  const Shape out_shape = SetUpGeometry(g, &p);
  p.input_offset = -4;
  p.output_offset = 1;
  const int32_t mult = 1 << 30, shift = 1;
  std::vector<int8_t> out(9, 0);
  ref::DepthwiseConvPerChannelS8(p, &mult, &shift, MakeShape({1, 3, 3, 1}),
                                 input.data(), MakeShape({1, 3, 3, 1}),
                                 filter.data(), nullptr, out_shape, out.data());
  // real = q - 4: [-4 -3 -2; -1 0 1; 2 3 4].
  // corners: (0,0) -4-3-1+0 = -8; (0,2) -3-2+0+1 = -4; (2,0) -1+0+2+3 = 4;
  // (2,2) 0+1+3+4 = 8; edges: (0,1) -4-3-2-1+0+1 = -9, (1,0) -4-3-1+0+2+3
  // = -3, (1,2) -3-2+0+1+3+4 = 3, (2,1) -1+0+1+2+3+4 = 9; centre 0. Then +1.
  EXPECT_EQ(out, (std::vector<int8_t>{-7, -8, -3, -2, 1, 4, 5, 10, 9}));
}

TEST(DepthwiseConv2dS8Test, MatchesReferencesAcrossGeometries) {
  const DwGeometry geometries[] = {
      {1, 7, 7, 4, 1, 3, 3, Padding::kSame, 1, 1, 1, 1},
      {1, 7, 7, 4, 1, 3, 3, Padding::kValid, 1, 1, 1, 1},
      {2, 8, 6, 3, 2, 3, 3, Padding::kSame, 2, 2, 1, 1},
      {1, 12, 12, 1, 8, 3, 3, Padding::kSame, 2, 2, 1, 1},  // person_detect L0
      {1, 30, 1, 5, 1, 3, 1, Padding::kValid, 1, 1, 1, 1},  // str_ww, time
      {1, 15, 1, 6, 1, 15, 1, Padding::kValid, 1, 1, 1, 1},
      {1, 9, 9, 2, 3, 3, 3, Padding::kSame, 1, 1, 2, 2},    // dilation
      {1, 10, 9, 3, 1, 2, 3, Padding::kValid, 2, 1, 3, 2},
      {1, 49, 40, 1, 8, 10, 8, Padding::kSame, 2, 2, 1, 1},  // micro_speech
      {1, 3, 3, 2, 2, 5, 5, Padding::kSame, 1, 1, 1, 1},     // filter > image
  };
  uint32_t seed = 500;
  for (const DwGeometry& g : geometries) {
    SCOPED_TRACE(testing::Message() << "geometry #" << seed - 500);
    std::vector<float> scales(g.out_ch());
    for (int c = 0; c < g.out_ch(); ++c) scales[c] = 0.003f + 0.0007f * c;
    DwQuant q{0.04f, -11, scales, 0.02f, 6};
    ExpectMatchesReferences(RunRandomS8(g, q, seed++), q);
  }
}

TEST(DepthwiseConv2dS8Test, ExtremeZeroPointsAndScales) {
  DwGeometry g{1, 6, 5, 3, 2, 3, 3, Padding::kSame, 1, 1, 1, 1};
  const DwQuant quants[] = {
      {0.02f, -128, {0.01f}, 0.01f, -128},
      {0.02f, 127, {0.01f}, 0.01f, 127},
      {0.02f, -128, {0.001f, 0.002f, 0.003f, 0.004f, 0.005f, 0.006f}, 0.01f,
       127},
      {1e-4f, 127, {1e-4f}, 20.0f, -128},  // collapses to the zero point
      {0.3f, 0, {0.05f}, 0.001f, 0},       // effective scale 15: left shift
  };
  uint32_t seed = 700;
  for (const DwQuant& q : quants) {
    SCOPED_TRACE(testing::Message() << "zp " << q.input_zp << "/"
                                    << q.output_zp);
    ExpectMatchesReferences(RunRandomS8(g, q, seed++), q);
  }
}

TEST(DepthwiseConv2dS8Test, ActivationsAndNoBias) {
  DwGeometry g{1, 6, 6, 2, 2, 3, 3, Padding::kSame, 2, 1, 1, 1};
  DwQuant q{0.05f, 3, {0.01f, 0.02f, 0.03f, 0.04f}, 0.03f, -10};
  for (Activation act : {Activation::kNone, Activation::kRelu,
                         Activation::kRelu6, Activation::kReluN1To1}) {
    SCOPED_TRACE(static_cast<int>(act));
    const DwS8Case with_bias =
        RunRandomS8(g, q, 80 + static_cast<int>(act), act);
    ExpectMatchesReferences(with_bias, q);
    for (int8_t v : with_bias.output) {
      ASSERT_GE(v, with_bias.params.act_min);
      ASSERT_LE(v, with_bias.params.act_max);
    }
    ExpectMatchesReferences(
        RunRandomS8(g, q, 90 + static_cast<int>(act), act, false), q);
  }
}

// ---------------------------------------------------------------------------
// DepthwiseConvF32

TEST(DepthwiseConv2dF32Test, HandComputed) {
  // Same data as the int8 multiplier-2 case, in float, with RELU.
  const std::vector<float> input = {1, 10, 2, 20, 3, 30, 4, 40};
  const std::vector<float> filter = {1, 0, 1, -1, 1, 0, 0, 0,
                                     1, 0, 0, 0, 1, 1, 0, 1};
  const std::vector<float> bias = {0.5f, 100, -5, -100};
  DepthwiseConvParams p;
  p.depth_multiplier = 2;
  ActivationRangeFloat(static_cast<int>(Activation::kRelu), &p.float_act_min,
                       &p.float_act_max);
  std::vector<float> out(4, 0.0f);
  ref::DepthwiseConvF32(p, MakeShape({1, 2, 2, 2}), input.data(),
                        MakeShape({1, 2, 2, 4}), filter.data(), bias.data(),
                        MakeShape({1, 1, 1, 4}), out.data());
  EXPECT_EQ(out, (std::vector<float>{10.5f, 104, 5, 0}));
}

TEST(DepthwiseConv2dF32Test, MatchesTfliteOrderBitForBitAndDoubleMath) {
  const DwGeometry geometries[] = {
      {1, 7, 7, 4, 1, 3, 3, Padding::kSame, 1, 1, 1, 1},
      {2, 8, 6, 3, 2, 3, 3, Padding::kSame, 2, 2, 1, 1},
      {1, 9, 9, 2, 3, 3, 3, Padding::kValid, 1, 2, 2, 1},
  };
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> dist(-2.0f, 2.0f);
  for (const DwGeometry& g : geometries) {
    DepthwiseConvParams p;
    const Shape out_shape = SetUpGeometry(g, &p);
    ActivationRangeFloat(static_cast<int>(Activation::kRelu6), &p.float_act_min,
                         &p.float_act_max);
    std::vector<float> input(g.batches * g.in_h * g.in_w * g.in_ch);
    std::vector<float> filter(g.filter_h * g.filter_w * g.out_ch());
    std::vector<float> bias(g.out_ch());
    for (auto& v : input) v = dist(rng);
    for (auto& v : filter) v = dist(rng);
    for (auto& v : bias) v = dist(rng);
    std::vector<float> out(out_shape.FlatSize(), 0.0f);
    ref::DepthwiseConvF32(p, MakeShape({g.batches, g.in_h, g.in_w, g.in_ch}),
                          input.data(),
                          MakeShape({1, g.filter_h, g.filter_w, g.out_ch()}),
                          filter.data(), bias.data(), out_shape, out.data());
    // Same order as TFLite (filter_y, filter_x), in float and in double.
    std::vector<float> sum_f(out.size(), 0.0f);
    std::vector<double> sum_d(out.size(), 0.0);
    ForEachTap(g, p, out_shape, [&](int o, int in, int f, int) {
      sum_f[o] += input[in] * filter[f];
      sum_d[o] += static_cast<double>(input[in]) * filter[f];
    });
    for (size_t o = 0; o < out.size(); ++o) {
      const int oc = static_cast<int>(o % g.out_ch());
      const float expected =
          std::min(std::max(sum_f[o] + bias[oc], 0.0f), 6.0f);
      const double real = std::min(std::max(sum_d[o] + bias[oc], 0.0), 6.0);
      ASSERT_EQ(out[o], expected) << o;
      ASSERT_NEAR(out[o], real, 1e-5) << o;
    }
  }
}

}  // namespace
}  // namespace mote
