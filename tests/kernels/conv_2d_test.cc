// Tests of the CONV_2D reference kernels and the shared padding arithmetic.
#include "kernels/ref/conv_2d.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "kernels/quant_math.h"

namespace mote {
namespace {

// ---------------------------------------------------------------------------
// Test helpers

struct Geometry {
  int batches, in_h, in_w, in_ch;
  int out_ch, filter_h, filter_w;
  Padding padding;
  int stride_h, stride_w, dilation_h, dilation_w;
};

struct Quant {
  float input_scale;
  int32_t input_zp;
  std::vector<float> filter_scales;  // 1 (per-tensor) or out_ch entries
  float output_scale;
  int32_t output_zp;
};

// Fills `params` geometry the way the op wrapper does and returns the output
// shape.
Shape SetUpGeometry(const Geometry& g, ConvParams* params) {
  const ConvAxis rows = ComputeConvAxis(g.padding, g.in_h, g.filter_h,
                                        g.stride_h, g.dilation_h);
  const ConvAxis cols = ComputeConvAxis(g.padding, g.in_w, g.filter_w,
                                        g.stride_w, g.dilation_w);
  params->stride_height = g.stride_h;
  params->stride_width = g.stride_w;
  params->dilation_height = g.dilation_h;
  params->dilation_width = g.dilation_w;
  params->pad_height = rows.pad;
  params->pad_width = cols.pad;
  params->pad_height_offset = rows.pad_offset;
  params->pad_width_offset = cols.pad_offset;
  return MakeShape({g.batches, rows.out_size, cols.out_size, g.out_ch});
}

// Per-channel multipliers computed like the op's Prepare (double math).
void Multipliers(const Quant& q, int channels, std::vector<int32_t>* mult,
                 std::vector<int32_t>* shift) {
  mult->resize(channels);
  shift->resize(channels);
  for (int c = 0; c < channels; ++c) {
    const double fs =
        q.filter_scales[q.filter_scales.size() == 1 ? 0 : c];
    const double eff = static_cast<double>(q.input_scale) * fs /
                       static_cast<double>(q.output_scale);
    int s = 0;
    QuantizeMultiplier(eff, &(*mult)[c], &s);
    (*shift)[c] = s;
  }
}

// An independent formulation of TFLite's integer conv: copy the input into an
// explicitly padded buffer filled with the input zero point (so padded taps
// contribute (zp - zp) * w = 0), then slide the window without bounds checks.
std::vector<int8_t> NaiveConvS8(const Geometry& g, const ConvParams& p,
                                const std::vector<int32_t>& mult,
                                const std::vector<int32_t>& shift,
                                const std::vector<int8_t>& input,
                                const std::vector<int8_t>& filter,
                                const std::vector<int32_t>* bias,
                                const Shape& out) {
  const int oh = out.dims[1], ow = out.dims[2];
  const int eff_h = (g.filter_h - 1) * g.dilation_h + 1;
  const int eff_w = (g.filter_w - 1) * g.dilation_w + 1;
  const int ph = std::max(g.in_h + 2 * p.pad_height,
                          (oh - 1) * g.stride_h + eff_h);
  const int pw = std::max(g.in_w + 2 * p.pad_width,
                          (ow - 1) * g.stride_w + eff_w);
  const int8_t pad_value = static_cast<int8_t>(-p.input_offset);
  std::vector<int8_t> padded(static_cast<size_t>(g.batches) * ph * pw * g.in_ch,
                             pad_value);
  for (int b = 0; b < g.batches; ++b)
    for (int y = 0; y < g.in_h; ++y)
      for (int x = 0; x < g.in_w; ++x)
        for (int c = 0; c < g.in_ch; ++c)
          padded[((b * ph + y + p.pad_height) * pw + x + p.pad_width) *
                     g.in_ch + c] =
              input[((b * g.in_h + y) * g.in_w + x) * g.in_ch + c];
  std::vector<int8_t> result(out.FlatSize());
  for (int b = 0; b < g.batches; ++b)
    for (int y = 0; y < oh; ++y)
      for (int x = 0; x < ow; ++x)
        for (int o = 0; o < g.out_ch; ++o) {
          int64_t acc = 0;
          for (int fy = 0; fy < g.filter_h; ++fy)
            for (int fx = 0; fx < g.filter_w; ++fx)
              for (int c = 0; c < g.in_ch; ++c) {
                const int py = y * g.stride_h + fy * g.dilation_h;
                const int px = x * g.stride_w + fx * g.dilation_w;
                acc += static_cast<int64_t>(
                           filter[((o * g.filter_h + fy) * g.filter_w + fx) *
                                      g.in_ch + c]) *
                       (padded[((b * ph + py) * pw + px) * g.in_ch + c] +
                        p.input_offset);
              }
          if (bias != nullptr) acc += (*bias)[o];
          int32_t v = MultiplyByQuantizedMultiplier(static_cast<int32_t>(acc),
                                                    mult[o], shift[o]);
          v += p.output_offset;
          v = std::min(std::max(v, p.act_min), p.act_max);
          result[((b * oh + y) * ow + x) * g.out_ch + o] =
              static_cast<int8_t>(v);
        }
  return result;
}

// The real-valued convolution in double: dequantize, convolve with zero
// padding, quantize with round-half-away-from-zero, clamp.
std::vector<double> RealConv(const Geometry& g, const ConvParams& p,
                             const std::vector<double>& input,
                             const std::vector<double>& filter,
                             const std::vector<double>* bias, const Shape& out) {
  const int oh = out.dims[1], ow = out.dims[2];
  std::vector<double> result(out.FlatSize());
  for (int b = 0; b < g.batches; ++b)
    for (int y = 0; y < oh; ++y)
      for (int x = 0; x < ow; ++x)
        for (int o = 0; o < g.out_ch; ++o) {
          double acc = bias != nullptr ? (*bias)[o] : 0.0;
          for (int fy = 0; fy < g.filter_h; ++fy)
            for (int fx = 0; fx < g.filter_w; ++fx) {
              const int iy = y * g.stride_h - p.pad_height + fy * g.dilation_h;
              const int ix = x * g.stride_w - p.pad_width + fx * g.dilation_w;
              if (iy < 0 || iy >= g.in_h || ix < 0 || ix >= g.in_w) continue;
              for (int c = 0; c < g.in_ch; ++c)
                acc += input[((b * g.in_h + iy) * g.in_w + ix) * g.in_ch + c] *
                       filter[((o * g.filter_h + fy) * g.filter_w + fx) *
                                  g.in_ch + c];
            }
          result[((b * oh + y) * ow + x) * g.out_ch + o] = acc;
        }
  return result;
}

struct S8Case {
  std::vector<int8_t> input, filter, output, expected;
  std::vector<int32_t> bias, mult, shift;
  std::vector<double> real;  // the double-math result before quantization
  Shape input_shape, filter_shape, output_shape;
  ConvParams params;
};

// Random int8 data, bias near the accumulator scale, run the kernel and both
// references.
S8Case RunRandomS8(const Geometry& g, const Quant& q, uint32_t seed,
                   Activation act = Activation::kNone, bool with_bias = true) {
  S8Case t;
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> byte(-128, 127);
  std::uniform_int_distribution<int> weight(-127, 127);
  t.input_shape = MakeShape({g.batches, g.in_h, g.in_w, g.in_ch});
  t.filter_shape = MakeShape({g.out_ch, g.filter_h, g.filter_w, g.in_ch});
  t.input.resize(t.input_shape.FlatSize());
  t.filter.resize(t.filter_shape.FlatSize());
  for (auto& v : t.input) v = static_cast<int8_t>(byte(rng));
  for (auto& v : t.filter) v = static_cast<int8_t>(weight(rng));
  std::uniform_int_distribution<int> bias_dist(-20000, 20000);
  t.bias.resize(g.out_ch);
  for (auto& v : t.bias) v = bias_dist(rng);

  t.output_shape = SetUpGeometry(g, &t.params);
  t.params.input_offset = -q.input_zp;
  t.params.output_offset = q.output_zp;
  ActivationRangeQuantized(static_cast<int>(act), q.output_scale, q.output_zp,
                           -128, 127, &t.params.act_min, &t.params.act_max);
  Multipliers(q, g.out_ch, &t.mult, &t.shift);

  t.output.assign(t.output_shape.FlatSize(), 0);
  ref::ConvPerChannelS8(t.params, t.mult.data(), t.shift.data(), t.input_shape,
                        t.input.data(), t.filter_shape, t.filter.data(),
                        with_bias ? t.bias.data() : nullptr, t.output_shape,
                        t.output.data());
  t.expected = NaiveConvS8(g, t.params, t.mult, t.shift, t.input, t.filter,
                           with_bias ? &t.bias : nullptr, t.output_shape);

  // Dequantized operands; bias scale = input scale * filter scale.
  std::vector<double> in_r(t.input.size()), f_r(t.filter.size()),
      b_r(g.out_ch);
  for (size_t i = 0; i < t.input.size(); ++i)
    in_r[i] = (t.input[i] - q.input_zp) * static_cast<double>(q.input_scale);
  const size_t per_out = t.filter.size() / g.out_ch;
  for (size_t i = 0; i < t.filter.size(); ++i) {
    const size_t o = i / per_out;
    const double fs = q.filter_scales[q.filter_scales.size() == 1 ? 0 : o];
    f_r[i] = t.filter[i] * fs;
  }
  for (int o = 0; o < g.out_ch; ++o) {
    const double fs = q.filter_scales[q.filter_scales.size() == 1 ? 0 : o];
    b_r[o] = t.bias[o] * static_cast<double>(q.input_scale) * fs;
  }
  t.real = RealConv(g, t.params, in_r, f_r, with_bias ? &b_r : nullptr,
                    t.output_shape);
  return t;
}

// Every output equals the independent integer formulation bit for bit, and
// lies within 1 LSB of the real-valued result (quantized and clamped).
void ExpectMatchesReferences(const S8Case& t, const Quant& q) {
  ASSERT_EQ(t.output.size(), t.expected.size());
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

// ---------------------------------------------------------------------------
// ComputeConvAxis

TEST(ConvAxisTest, SameKeepsCeilOfInputOverStride) {
  // in 5, filter 3, stride 2: out 3, total padding (3-1)*2+3-5 = 2.
  ConvAxis a = ComputeConvAxis(Padding::kSame, 5, 3, 2, 1);
  EXPECT_EQ(a.out_size, 3);
  EXPECT_EQ(a.pad, 1);
  EXPECT_EQ(a.pad_offset, 0);
  // in 6, filter 3, stride 2: out 3, total padding 1 -> 0 before, 1 after.
  a = ComputeConvAxis(Padding::kSame, 6, 3, 2, 1);
  EXPECT_EQ(a.out_size, 3);
  EXPECT_EQ(a.pad, 0);
  EXPECT_EQ(a.pad_offset, 1);
  // in 96, filter 3, stride 2 (person_detect's first layer): out 48, total 1.
  a = ComputeConvAxis(Padding::kSame, 96, 3, 2, 1);
  EXPECT_EQ(a.out_size, 48);
  EXPECT_EQ(a.pad, 0);
  EXPECT_EQ(a.pad_offset, 1);
  // in 49, filter 10, stride 2 (kws first conv rows): out 25,
  // total 24*2+10-49 = 9 -> 4 before, 5 after.
  a = ComputeConvAxis(Padding::kSame, 49, 10, 2, 1);
  EXPECT_EQ(a.out_size, 25);
  EXPECT_EQ(a.pad, 4);
  EXPECT_EQ(a.pad_offset, 1);
}

TEST(ConvAxisTest, SameWithDilation) {
  // Effective filter (3-1)*2+1 = 5; in 7, stride 1: out 7, total 4.
  const ConvAxis a = ComputeConvAxis(Padding::kSame, 7, 3, 1, 2);
  EXPECT_EQ(a.out_size, 7);
  EXPECT_EQ(a.pad, 2);
  EXPECT_EQ(a.pad_offset, 0);
}

TEST(ConvAxisTest, ValidShrinksByEffectiveFilter) {
  ConvAxis a = ComputeConvAxis(Padding::kValid, 30, 3, 1, 1);
  EXPECT_EQ(a.out_size, 28);
  EXPECT_EQ(a.pad, 0);
  EXPECT_EQ(a.pad_offset, 0);
  a = ComputeConvAxis(Padding::kValid, 15, 15, 1, 1);
  EXPECT_EQ(a.out_size, 1);
  a = ComputeConvAxis(Padding::kValid, 7, 3, 2, 1);  // (7+2-3)/2
  EXPECT_EQ(a.out_size, 3);
  a = ComputeConvAxis(Padding::kValid, 9, 3, 1, 3);  // effective 7
  EXPECT_EQ(a.out_size, 3);
  EXPECT_EQ(a.pad, 0);
}

TEST(ConvAxisTest, RejectsWindowsThatDoNotFitAndBadArguments) {
  EXPECT_LT(ComputeConvAxis(Padding::kValid, 2, 5, 1, 1).out_size, 1);
  EXPECT_LT(ComputeConvAxis(Padding::kValid, 4, 3, 1, 2).out_size, 1);
  EXPECT_LT(ComputeConvAxis(Padding::kSame, 4, 3, 0, 1).out_size, 1);
  EXPECT_LT(ComputeConvAxis(Padding::kSame, 4, 3, 1, 0).out_size, 1);
  EXPECT_LT(ComputeConvAxis(Padding::kValid, 4, 3, 1,
                            std::numeric_limits<int32_t>::max())
                .out_size,
            1);
}

// ---------------------------------------------------------------------------
// ConvPerChannelS8: hand-computed

TEST(Conv2dS8Test, HandComputedPerChannel) {
  // input 3x3 = 1..9 (scale 1, zp 0); 2x2 VALID, stride 1.
  // channel 0: filter [1 2; 3 4], scale 1, bias 1 -> x1.
  // channel 1: filter -[1 2; 3 4], scale 0.5, bias -2 -> x0.5, and the
  // rounding of TFLite's SaturatingRoundingDoublingHighMul sends -19.5 up
  // to -19 (not to -20).
  const std::vector<int8_t> input = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  const std::vector<int8_t> filter = {1, 2, 3, 4, -1, -2, -3, -4};
  const std::vector<int32_t> bias = {1, -2};
  Quant q{1.0f, 0, {1.0f, 0.5f}, 1.0f, 0};
  std::vector<int32_t> mult, shift;
  Multipliers(q, 2, &mult, &shift);
  EXPECT_EQ(mult[0], 1 << 30);
  EXPECT_EQ(shift[0], 1);
  EXPECT_EQ(mult[1], 1 << 30);
  EXPECT_EQ(shift[1], 0);

  ConvParams p;
  std::vector<int8_t> out(8, 0);
  ref::ConvPerChannelS8(p, mult.data(), shift.data(), MakeShape({1, 3, 3, 1}),
                        input.data(), MakeShape({2, 2, 2, 1}), filter.data(),
                        bias.data(), MakeShape({1, 2, 2, 2}), out.data());
  // sums 37 47 67 77; channel 0: +1; channel 1: (-sum - 2) / 2.
  const std::vector<int8_t> expected = {38, -19, 48, -24, 68, -34, 78, -39};
  EXPECT_EQ(out, expected);
}

TEST(Conv2dS8Test, HandComputedSamePaddingSkipsPaddedTaps) {
  // input 2x2 q = [4 5; 6 7] with zp 3 -> real [1 2; 3 4]. 3x3 filter
  // 1..9, SAME, stride 1: every window is centred on a pixel; padded taps
  // contribute nothing (not (0 - zp) * w). Output zp -5.
  const std::vector<int8_t> input = {4, 5, 6, 7};
  const std::vector<int8_t> filter = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  Geometry g{1, 2, 2, 1, 1, 3, 3, Padding::kSame, 1, 1, 1, 1};
  ConvParams p;
  const Shape out_shape = SetUpGeometry(g, &p);
  ASSERT_EQ(out_shape, MakeShape({1, 2, 2, 1}));
  EXPECT_EQ(p.pad_height, 1);
  EXPECT_EQ(p.pad_width, 1);
  p.input_offset = -3;
  p.output_offset = -5;
  const int32_t mult = 1 << 30, shift = 1;  // x1
  std::vector<int8_t> out(4, 0);
  ref::ConvPerChannelS8(p, &mult, &shift, MakeShape({1, 2, 2, 1}),
                        input.data(), MakeShape({1, 3, 3, 1}), filter.data(),
                        nullptr, out_shape, out.data());
  // (0,0): 5*1+6*2+8*3+9*4 = 77; (0,1): 4*1+5*2+7*3+8*4 = 67;
  // (1,0): 2*1+3*2+5*3+6*4 = 47; (1,1): 1*1+2*2+4*3+5*4 = 37; then -5.
  EXPECT_EQ(out, (std::vector<int8_t>{72, 62, 42, 32}));

  // The activation clamp applies after the output offset.
  p.act_min = 35;
  p.act_max = 50;
  ref::ConvPerChannelS8(p, &mult, &shift, MakeShape({1, 2, 2, 1}),
                        input.data(), MakeShape({1, 3, 3, 1}), filter.data(),
                        nullptr, out_shape, out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{50, 50, 42, 35}));
}

TEST(Conv2dS8Test, HandComputedStrideAndDilation) {
  // input 1x5x5x1 = 0..24, filter 2x2 of ones, dilation 2 (taps at 0 and 2),
  // stride 2, VALID: effective 3 -> out 2x2.
  std::vector<int8_t> input(25);
  for (int i = 0; i < 25; ++i) input[i] = static_cast<int8_t>(i);
  const std::vector<int8_t> filter = {1, 1, 1, 1};
  Geometry g{1, 5, 5, 1, 1, 2, 2, Padding::kValid, 2, 2, 2, 2};
  ConvParams p;
  const Shape out_shape = SetUpGeometry(g, &p);
  ASSERT_EQ(out_shape, MakeShape({1, 2, 2, 1}));
  const int32_t mult = 1 << 30, shift = 1;
  std::vector<int8_t> out(4, 0);
  ref::ConvPerChannelS8(p, &mult, &shift, MakeShape({1, 5, 5, 1}),
                        input.data(), MakeShape({1, 2, 2, 1}), filter.data(),
                        nullptr, out_shape, out.data());
  // (0,0): 0+2+10+12 = 24; (0,1): 2+4+12+14 = 32; (1,0): 10+12+20+22 = 64;
  // (1,1): 12+14+22+24 = 72.
  EXPECT_EQ(out, (std::vector<int8_t>{24, 32, 64, 72}));
}

TEST(Conv2dS8Test, PowerOfTwoScalesAreExact) {
  // input scale 0.5 * filter scale 2 / output scale 1 = 1: requantization
  // is exact, so the output is exactly the real result (clamped).
  Geometry g{2, 6, 5, 3, 4, 3, 3, Padding::kSame, 1, 2, 1, 1};
  Quant q{0.5f, -7, {2.0f}, 1.0f, 3};
  const S8Case t = RunRandomS8(g, q, 11);
  for (size_t i = 0; i < t.output.size(); ++i) {
    const double exact = std::min(std::max(t.real[i] + q.output_zp, -128.0),
                                  127.0);
    ASSERT_EQ(static_cast<double>(t.output[i]), exact) << i;
  }
  ExpectMatchesReferences(t, q);
}

// ---------------------------------------------------------------------------
// ConvPerChannelS8: against the references over many geometries

TEST(Conv2dS8Test, MatchesReferencesAcrossGeometries) {
  const Geometry geometries[] = {
      {1, 7, 7, 3, 5, 3, 3, Padding::kSame, 1, 1, 1, 1},
      {1, 7, 7, 3, 5, 3, 3, Padding::kValid, 1, 1, 1, 1},
      {2, 8, 6, 2, 3, 3, 3, Padding::kSame, 2, 2, 1, 1},   // even, odd pad
      {1, 9, 9, 2, 2, 3, 3, Padding::kSame, 2, 2, 1, 1},
      {1, 9, 8, 2, 3, 3, 2, Padding::kValid, 3, 2, 1, 1},
      {1, 9, 9, 2, 3, 3, 3, Padding::kSame, 1, 1, 2, 2},   // dilation
      {1, 10, 9, 2, 3, 3, 3, Padding::kValid, 1, 1, 2, 3},
      {1, 11, 11, 1, 2, 3, 3, Padding::kSame, 2, 2, 2, 2},
      {1, 49, 10, 1, 4, 10, 4, Padding::kSame, 2, 2, 1, 1},  // kws layer 1
      {1, 6, 6, 8, 16, 1, 1, Padding::kSame, 1, 1, 1, 1},    // pointwise
      {3, 4, 4, 4, 2, 4, 4, Padding::kValid, 1, 1, 1, 1},    // filter = image
      {1, 3, 3, 2, 2, 5, 5, Padding::kSame, 1, 1, 1, 1},     // filter > image
  };
  uint32_t seed = 100;
  for (const Geometry& g : geometries) {
    SCOPED_TRACE(testing::Message() << "geometry #" << seed - 100);
    std::vector<float> scales(g.out_ch);
    for (int c = 0; c < g.out_ch; ++c) scales[c] = 0.002f + 0.0013f * c;
    Quant q{0.05f, -9, scales, 0.11f, 4};
    ExpectMatchesReferences(RunRandomS8(g, q, seed++), q);
  }
}

TEST(Conv2dS8Test, ExtremeZeroPointsAndScales) {
  Geometry g{1, 6, 6, 3, 4, 3, 3, Padding::kSame, 1, 1, 1, 1};
  const Quant quants[] = {
      {0.02f, -128, {0.003f, 0.004f, 0.005f, 0.006f}, 0.05f, -128},
      {0.02f, 127, {0.003f, 0.004f, 0.005f, 0.006f}, 0.05f, 127},
      {0.02f, -128, {0.003f}, 0.05f, 127},
      {0.02f, 127, {0.003f}, 0.05f, -128},
      // Tiny effective scale (~1e-6): everything collapses to the zero point.
      {1e-4f, 5, {1e-4f}, 10.0f, 9},
      // Effective scale > 1: a left shift before the high multiply.
      {0.5f, 0, {0.01f, 0.02f, 0.03f, 0.04f}, 0.0001f, 0},
  };
  uint32_t seed = 300;
  for (const Quant& q : quants) {
    SCOPED_TRACE(testing::Message() << "zp " << q.input_zp << "/"
                                    << q.output_zp << " out scale "
                                    << q.output_scale);
    ExpectMatchesReferences(RunRandomS8(g, q, seed++), q);
  }
}

TEST(Conv2dS8Test, LargeEffectiveScaleShiftsLeft) {
  Quant q{0.5f, 0, {0.01f}, 0.0001f, 0};
  std::vector<int32_t> mult, shift;
  Multipliers(q, 1, &mult, &shift);
  EXPECT_GT(shift[0], 0);  // the case being exercised
  Geometry g{1, 3, 3, 1, 1, 1, 1, Padding::kValid, 1, 1, 1, 1};
  const S8Case t = RunRandomS8(g, q, 5);
  ExpectMatchesReferences(t, q);
}

TEST(Conv2dS8Test, FusedActivationsClampOutputs) {
  Geometry g{1, 5, 5, 2, 3, 3, 3, Padding::kSame, 1, 1, 1, 1};
  Quant q{0.05f, 10, {0.01f, 0.02f, 0.03f}, 0.02f, -20};
  for (Activation act :
       {Activation::kRelu, Activation::kRelu6, Activation::kReluN1To1}) {
    SCOPED_TRACE(static_cast<int>(act));
    const S8Case t = RunRandomS8(g, q, 40 + static_cast<int>(act), act);
    int32_t lo = 0, hi = 0;
    ActivationRangeQuantized(static_cast<int>(act), q.output_scale,
                             q.output_zp, -128, 127, &lo, &hi);
    bool hit_clamp = false;
    for (int8_t v : t.output) {
      ASSERT_GE(v, lo);
      ASSERT_LE(v, hi);
      hit_clamp |= (v == lo || v == hi);
    }
    EXPECT_TRUE(hit_clamp);
    ExpectMatchesReferences(t, q);
  }
}

TEST(Conv2dS8Test, NoBiasMatchesZeroBias) {
  Geometry g{1, 5, 4, 3, 2, 2, 2, Padding::kSame, 1, 1, 1, 1};
  Quant q{0.05f, -3, {0.01f, 0.02f}, 0.03f, 1};
  S8Case t = RunRandomS8(g, q, 77, Activation::kNone, /*with_bias=*/false);
  ExpectMatchesReferences(t, q);
  std::vector<int32_t> zeros(g.out_ch, 0);
  std::vector<int8_t> with_zero_bias(t.output.size(), 0);
  ref::ConvPerChannelS8(t.params, t.mult.data(), t.shift.data(), t.input_shape,
                        t.input.data(), t.filter_shape, t.filter.data(),
                        zeros.data(), t.output_shape, with_zero_bias.data());
  EXPECT_EQ(t.output, with_zero_bias);
}

TEST(Conv2dS8Test, ExtremeBiasWrapsLikeTwosComplement) {
  // A bias at the int32 limit: TFLite's int32 addition wraps on its targets;
  // the kernel must wrap the same way (and not trip UBSan).
  const std::vector<int8_t> input = {1};
  const std::vector<int8_t> filter = {1};
  const std::vector<int32_t> bias = {std::numeric_limits<int32_t>::max()};
  const int32_t mult = 1 << 30, shift = 0;  // x0.5
  ConvParams p;
  p.act_min = -128;
  p.act_max = 127;
  int8_t out = 0;
  ref::ConvPerChannelS8(p, &mult, &shift, MakeShape({1, 1, 1, 1}),
                        input.data(), MakeShape({1, 1, 1, 1}), filter.data(),
                        bias.data(), MakeShape({1, 1, 1, 1}), &out);
  // 1 + INT32_MAX wraps to INT32_MIN; halved, -2^30 clamps to -128 (an
  // accumulator that saturated or widened instead would give 127).
  EXPECT_EQ(out, -128);
}

// ---------------------------------------------------------------------------
// ConvF32

// A float conv with the same summation order as TFLite (filter_y, filter_x,
// in_channel; bias last), written independently.
std::vector<float> NaiveConvF32(const Geometry& g, const ConvParams& p,
                                const std::vector<float>& input,
                                const std::vector<float>& filter,
                                const std::vector<float>* bias,
                                const Shape& out) {
  std::vector<float> result(out.FlatSize());
  const int oh = out.dims[1], ow = out.dims[2];
  for (int b = 0; b < g.batches; ++b)
    for (int y = 0; y < oh; ++y)
      for (int x = 0; x < ow; ++x)
        for (int o = 0; o < g.out_ch; ++o) {
          float total = 0.0f;
          for (int fy = 0; fy < g.filter_h; ++fy)
            for (int fx = 0; fx < g.filter_w; ++fx)
              for (int c = 0; c < g.in_ch; ++c) {
                const int iy =
                    y * g.stride_h - p.pad_height + fy * g.dilation_h;
                const int ix = x * g.stride_w - p.pad_width + fx * g.dilation_w;
                if (iy < 0 || iy >= g.in_h || ix < 0 || ix >= g.in_w) continue;
                total +=
                    input[((b * g.in_h + iy) * g.in_w + ix) * g.in_ch + c] *
                    filter[((o * g.filter_h + fy) * g.filter_w + fx) * g.in_ch +
                           c];
              }
          const float v = total + (bias != nullptr ? (*bias)[o] : 0.0f);
          result[((b * oh + y) * ow + x) * g.out_ch + o] =
              std::min(std::max(v, p.float_act_min), p.float_act_max);
        }
  return result;
}

TEST(Conv2dF32Test, HandComputed) {
  // 1x3x3x1 input 1..9, filter [1 2; 3 4] and [0.5 0 0 -0.5], VALID.
  const std::vector<float> input = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  const std::vector<float> filter = {1, 2, 3, 4, 0.5f, 0, 0, -0.5f};
  const std::vector<float> bias = {0.25f, 1.0f};
  ConvParams p;
  ActivationRangeFloat(static_cast<int>(Activation::kNone), &p.float_act_min,
                       &p.float_act_max);
  std::vector<float> out(8, 0.0f);
  ref::ConvF32(p, MakeShape({1, 3, 3, 1}), input.data(),
               MakeShape({2, 2, 2, 1}), filter.data(), bias.data(),
               MakeShape({1, 2, 2, 2}), out.data());
  // channel 1: 0.5 * (x - x_diag) + 1 = 0.5 * -4 + 1 = -1 everywhere.
  EXPECT_EQ(out, (std::vector<float>{37.25f, -1, 47.25f, -1, 67.25f, -1,
                                      77.25f, -1}));

  ActivationRangeFloat(static_cast<int>(Activation::kRelu6), &p.float_act_min,
                       &p.float_act_max);
  ref::ConvF32(p, MakeShape({1, 3, 3, 1}), input.data(),
               MakeShape({2, 2, 2, 1}), filter.data(), bias.data(),
               MakeShape({1, 2, 2, 2}), out.data());
  EXPECT_EQ(out, (std::vector<float>{6, 0, 6, 0, 6, 0, 6, 0}));
}

TEST(Conv2dF32Test, MatchesTfliteOrderBitForBitAndDoubleMath) {
  const Geometry geometries[] = {
      {1, 7, 7, 3, 5, 3, 3, Padding::kSame, 1, 1, 1, 1},
      {2, 8, 6, 4, 3, 3, 3, Padding::kSame, 2, 2, 1, 1},
      {1, 9, 9, 2, 3, 3, 3, Padding::kValid, 1, 2, 2, 1},
      {1, 32, 32, 3, 4, 3, 3, Padding::kSame, 1, 1, 1, 1},  // resnet layer 1
  };
  std::mt19937 rng(9);
  std::uniform_real_distribution<float> dist(-3.0f, 3.0f);
  for (const Geometry& g : geometries) {
    ConvParams p;
    const Shape out_shape = SetUpGeometry(g, &p);
    ActivationRangeFloat(static_cast<int>(Activation::kNone), &p.float_act_min,
                         &p.float_act_max);
    std::vector<float> input(g.batches * g.in_h * g.in_w * g.in_ch);
    std::vector<float> filter(g.out_ch * g.filter_h * g.filter_w * g.in_ch);
    std::vector<float> bias(g.out_ch);
    for (auto& v : input) v = dist(rng);
    for (auto& v : filter) v = dist(rng);
    for (auto& v : bias) v = dist(rng);
    std::vector<float> out(out_shape.FlatSize(), 0.0f);
    ref::ConvF32(p, MakeShape({g.batches, g.in_h, g.in_w, g.in_ch}),
                 input.data(),
                 MakeShape({g.out_ch, g.filter_h, g.filter_w, g.in_ch}),
                 filter.data(), bias.data(), out_shape, out.data());
    const std::vector<float> same_order =
        NaiveConvF32(g, p, input, filter, &bias, out_shape);
    const std::vector<double> in_d(input.begin(), input.end());
    const std::vector<double> f_d(filter.begin(), filter.end());
    const std::vector<double> b_d(bias.begin(), bias.end());
    const std::vector<double> real = RealConv(g, p, in_d, f_d, &b_d, out_shape);
    for (size_t i = 0; i < out.size(); ++i) {
      ASSERT_EQ(out[i], same_order[i]) << i;  // bit-exact, same order
      ASSERT_NEAR(out[i], real[i], 1e-4 * (1.0 + std::fabs(real[i]))) << i;
    }
  }
}

TEST(Conv2dF32Test, NoActivationClampsInfinityToFloatMax) {
  // TFLite clamps to [lowest, max] when there is no activation, so an
  // overflowing sum becomes FLT_MAX, not +inf.
  const float big = std::numeric_limits<float>::max();
  const std::vector<float> input = {big, big};
  const std::vector<float> filter = {2.0f, 2.0f};
  ConvParams p;
  ActivationRangeFloat(static_cast<int>(Activation::kNone), &p.float_act_min,
                       &p.float_act_max);
  float out = 0.0f;
  ref::ConvF32(p, MakeShape({1, 1, 1, 2}), input.data(),
               MakeShape({1, 1, 1, 2}), filter.data(), nullptr,
               MakeShape({1, 1, 1, 1}), &out);
  EXPECT_EQ(out, big);
}

}  // namespace
}  // namespace mote
