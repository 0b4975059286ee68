// The 16x8 kernels of CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED
// (int16 activations, int8 weights, int64 or int32 bias), and the int64
// MultiplyByQuantizedMultiplier they rescale with.
//
// Each kernel is checked two ways: bit for bit against an independent
// integer formulation (128-bit arithmetic, explicit zero padding), and
// against the real-valued result in double within the error TFLite's
// arithmetic allows: half an LSB of rounding plus the 15-bit multiplier's
// relative error (2^-15) on the int64 path.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <tuple>
#include <vector>

#include "kernels/quant_math.h"
#include "kernels/ref/conv_2d.h"
#include "kernels/ref/depthwise_conv_2d.h"
#include "kernels/ref/fully_connected.h"

namespace mote {
namespace {

using int128 = __int128;

// TFLite's int64 MultiplyByQuantizedMultiplier written independently: the
// multiplier rounded to 15 bits, then round-half-up of x * m / 2^(15 - s) as
// a floor division in 128 bits.
int32_t MulQ64Ref(int64_t x, int32_t multiplier, int shift) {
  const int64_t reduced =
      multiplier < 0x7FFF0000 ? (int64_t{multiplier} + 32768) / 65536 : 0x7FFF;
  const int total = 15 - shift;
  const int128 num = int128{x} * reduced + (int128{1} << (total - 1));
  const int128 den = int128{1} << total;
  int128 q = num / den;
  if (num % den != 0 && num < 0) --q;  // floor
  return static_cast<int32_t>(static_cast<int64_t>(q));
}

TEST(MultiplyByQuantizedMultiplierS64, MatchesIndependentFormulation) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int64_t> xs(-(int64_t{1} << 46),
                                            (int64_t{1} << 46) - 1);
  std::uniform_int_distribution<int32_t> ms(1 << 30, 0x7FFFFFFF);
  std::uniform_int_distribution<int> shifts(-31, 7);
  for (int i = 0; i < 20000; ++i) {
    const int64_t x = xs(rng) >> (rng() % 40);  // all magnitudes
    const int32_t m = ms(rng);
    const int s = shifts(rng);
    const int128 full = int128{x} * (m < 0x7FFF0000 ? (m + 32768) / 65536 : 0x7FFF);
    // Only where TFLite's result fits int32 (its documented domain).
    if (full / (int128{1} << (15 - s)) > INT32_MAX / 2 ||
        full / (int128{1} << (15 - s)) < INT32_MIN / 2) {
      continue;
    }
    ASSERT_EQ(MultiplyByQuantizedMultiplier(x, m, s), MulQ64Ref(x, m, s))
        << x << " " << m << " " << s;
  }
}

TEST(MultiplyByQuantizedMultiplierS64, HandComputedRounding) {
  // Multiplier 0.5 (2^30, shift 0): reduced 2^14, x * 2^14 / 2^15.
  EXPECT_EQ(MultiplyByQuantizedMultiplier(int64_t{3}, 1 << 30, 0), 2);
  EXPECT_EQ(MultiplyByQuantizedMultiplier(int64_t{-3}, 1 << 30, 0), -1);
  EXPECT_EQ(MultiplyByQuantizedMultiplier(int64_t{-5}, 1 << 30, 0), -2);
  // Shift +7: x * 0.5 * 128.
  EXPECT_EQ(MultiplyByQuantizedMultiplier(int64_t{1000}, 1 << 30, 7), 64000);
  // A multiplier at the top of the range saturates its 15-bit form at 0x7FFF.
  EXPECT_EQ(MultiplyByQuantizedMultiplier(int64_t{1} << 20, 0x7FFFFFFF, 0),
            (0x7FFF << 5) + 0);
  // The multiplier keeps 15 bits only: 0.5 + 2^-17 acts as 0.5 here, while
  // the int32 overload (still chosen for int32 arguments) keeps it whole.
  const int32_t m = (1 << 30) + (1 << 14);
  EXPECT_EQ(MultiplyByQuantizedMultiplier(int64_t{1} << 20, m, 0), 524288);
  EXPECT_EQ(MultiplyByQuantizedMultiplier(int32_t{1} << 20, m, 0), 524296);
}

// ---------------------------------------------------------------------------
// Shared set-up

struct Geometry {
  int batches, in_h, in_w, in_ch;
  int filter_h, filter_w;
  int out_ch;  // conv: filters; depthwise: in_ch * multiplier
  Padding padding;
  int stride_h, stride_w, dilation_h, dilation_w;
};

Shape SetUpGeometry(const Geometry& g, ConvParams* p) {
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
  return MakeShape({g.batches, rows.out_size, cols.out_size, g.out_ch});
}

struct Scales {
  float input;
  std::vector<float> filter;  // 1 or one per output channel
  float output;
  float filter_scale(int c) const {
    return filter[filter.size() == 1 ? 0 : c];
  }
};

void Multipliers(const Scales& s, int channels, std::vector<int32_t>* mult,
                 std::vector<int32_t>* shift) {
  for (int c = 0; c < channels; ++c) {
    int32_t m = 0;
    int sh = 0;
    QuantizeMultiplier(static_cast<double>(s.input) *
                           static_cast<double>(s.filter_scale(c)) /
                           static_cast<double>(s.output),
                       &m, &sh);
    mult->push_back(m);
    shift->push_back(sh);
  }
}

// The int16 data of a case: random values with both extremes planted.
std::vector<int16_t> RandomS16(size_t n, std::mt19937* rng) {
  std::uniform_int_distribution<int> d(-32768, 32767);
  std::vector<int16_t> v(n);
  for (auto& x : v) x = static_cast<int16_t>(d(*rng));
  if (n > 0) v[0] = -32768;
  if (n > 1) v[n - 1] = 32767;
  return v;
}

std::vector<int8_t> RandomWeights(size_t n, std::mt19937* rng) {
  std::uniform_int_distribution<int> d(-128, 127);
  std::vector<int8_t> v(n);
  for (auto& x : v) x = static_cast<int8_t>(d(*rng));
  if (n > 0) v[0] = -128;
  if (n > 1) v[1] = 127;
  return v;
}

// Out-of-image taps of the (implicitly zero-padded) input read 0: int16
// activations are symmetric, so padding is real 0 = quantized 0.
int16_t At(const std::vector<int16_t>& in, const Geometry& g, int b, int y,
           int x, int c) {
  if (y < 0 || y >= g.in_h || x < 0 || x >= g.in_w) return 0;
  return in[((b * g.in_h + y) * g.in_w + x) * g.in_ch + c];
}

// The exact accumulator (sum of products, 128-bit) of conv or depthwise
// output (b, y, x, o).
int128 ExactAcc(const Geometry& g, const ConvParams& p, bool depthwise,
                const std::vector<int16_t>& in, const std::vector<int8_t>& w,
                int b, int y, int x, int o) {
  int128 acc = 0;
  for (int fy = 0; fy < g.filter_h; ++fy)
    for (int fx = 0; fx < g.filter_w; ++fx) {
      const int iy = y * g.stride_h - p.pad_height + fy * g.dilation_h;
      const int ix = x * g.stride_w - p.pad_width + fx * g.dilation_w;
      if (depthwise) {
        const int mult = g.out_ch / g.in_ch;
        acc += int128{At(in, g, b, iy, ix, o / mult)} *
               w[(fy * g.filter_w + fx) * g.out_ch + o];
      } else {
        for (int c = 0; c < g.in_ch; ++c)
          acc += int128{At(in, g, b, iy, ix, c)} *
                 w[((o * g.filter_h + fy) * g.filter_w + fx) * g.in_ch + c];
      }
    }
  return acc;
}

enum class BiasKind { kNone, kS64, kS32 };

struct Result {
  std::vector<int16_t> got, exact;
  std::vector<double> real;
  int32_t act_min = -32768, act_max = 32767;
  bool int64_path = true;
};

// Runs the conv (or depthwise) kernel on random data and computes both
// references.
Result RunConv(const Geometry& g, const Scales& s, BiasKind bias_kind,
               bool depthwise, uint32_t seed,
               Activation act = Activation::kNone) {
  std::mt19937 rng(seed);
  DepthwiseConvParams p;
  const Shape out_shape = SetUpGeometry(g, &p);
  p.depth_multiplier = g.out_ch / g.in_ch;
  const Shape in_shape = MakeShape({g.batches, g.in_h, g.in_w, g.in_ch});
  const Shape f_shape =
      depthwise ? MakeShape({1, g.filter_h, g.filter_w, g.out_ch})
                : MakeShape({g.out_ch, g.filter_h, g.filter_w, g.in_ch});
  const std::vector<int16_t> in = RandomS16(in_shape.FlatSize(), &rng);
  const std::vector<int8_t> w = RandomWeights(f_shape.FlatSize(), &rng);
  std::uniform_int_distribution<int32_t> bd(-4000000, 4000000);
  std::vector<int64_t> bias64(g.out_ch);
  std::vector<int32_t> bias32(g.out_ch);
  for (int o = 0; o < g.out_ch; ++o) bias32[o] = bd(rng), bias64[o] = bias32[o];
  std::vector<int32_t> mult, shift;
  Multipliers(s, g.out_ch, &mult, &shift);
  Result r;
  ActivationRangeQuantized(static_cast<int>(act), s.output, 0, -32768, 32767,
                           &r.act_min, &r.act_max);
  p.act_min = r.act_min;
  p.act_max = r.act_max;
  r.got.assign(out_shape.FlatSize(), 0);
  const int64_t* b64 = bias_kind == BiasKind::kS64 ? bias64.data() : nullptr;
  const int32_t* b32 = bias_kind == BiasKind::kS32 ? bias32.data() : nullptr;
  if (depthwise) {
    ref::DepthwiseConvPerChannelS16(p, mult.data(), shift.data(), in_shape,
                                    in.data(), f_shape, w.data(), b64,
                                    out_shape, r.got.data());
  } else if (bias_kind == BiasKind::kS64) {
    ref::ConvPerChannelS16(p, mult.data(), shift.data(), in_shape, in.data(),
                           f_shape, w.data(), b64, out_shape, r.got.data());
  } else {
    r.int64_path = false;
    ref::ConvPerChannelS16(p, mult.data(), shift.data(), in_shape, in.data(),
                           f_shape, w.data(), b32, out_shape, r.got.data());
  }
  for (int b = 0; b < g.batches; ++b)
    for (int y = 0; y < out_shape.dims[1]; ++y)
      for (int x = 0; x < out_shape.dims[2]; ++x)
        for (int o = 0; o < g.out_ch; ++o) {
          int128 acc = ExactAcc(g, p, depthwise, in, w, b, y, x, o);
          if (bias_kind == BiasKind::kS64) acc += bias64[o];
          if (bias_kind == BiasKind::kS32) acc += bias32[o];
          int32_t v = 0;
          if (r.int64_path) {
            v = MulQ64Ref(static_cast<int64_t>(acc), mult[o], shift[o]);
          } else {
            // The int32 path: the sum as TFLite's int32 accumulator holds it.
            v = MultiplyByQuantizedMultiplier(
                static_cast<int32_t>(static_cast<uint32_t>(
                    static_cast<uint64_t>(static_cast<int64_t>(acc)))),
                mult[o], shift[o]);
          }
          r.exact.push_back(static_cast<int16_t>(
              std::min(std::max(v, r.act_min), r.act_max)));
          r.real.push_back(static_cast<double>(acc) * s.input *
                           s.filter_scale(o) / s.output);
        }
  return r;
}

// Bit-exact against the integer reference, and near the real result
// (clamped): the int64 path rounds once (0.5) with a 15-bit multiplier
// (relative error 2^-15), the int32 path rounds twice (1 LSB).
void ExpectMatches(const Result& r) {
  ASSERT_EQ(r.got.size(), r.exact.size());
  for (size_t i = 0; i < r.got.size(); ++i) {
    ASSERT_EQ(r.got[i], r.exact[i]) << "output " << i;
    const double clamped = std::min(std::max(r.real[i], static_cast<double>(r.act_min)),
                                    static_cast<double>(r.act_max));
    const double bound =
        r.int64_path ? 0.5 + std::fabs(r.real[i]) * std::ldexp(1.0, -15)
                     : 1.0;
    ASSERT_LE(std::fabs(r.got[i] - clamped), bound + 1e-6)
        << "output " << i << ": real " << r.real[i];
  }
}

// Geometries over both paddings, strides 1-3, dilations 1-2, batches,
// one-pixel images and filters larger than the image (SAME).
std::vector<Geometry> Geometries(bool depthwise) {
  const int m = depthwise ? 2 : 1;  // depthwise: multiplier 2
  return {
      {1, 5, 5, 2, 3, 3, depthwise ? 4 : 3, Padding::kSame, 1, 1, 1, 1},
      {2, 6, 7, 3, 3, 2, 3 * m, Padding::kValid, 1, 1, 1, 1},
      {1, 7, 6, 2, 3, 3, 2 * m, Padding::kSame, 2, 2, 1, 1},
      {1, 8, 8, 1, 3, 3, 2 * m, Padding::kValid, 2, 3, 1, 1},
      {1, 7, 7, 2, 3, 3, 2 * m, Padding::kSame, 1, 1, 2, 2},
      {2, 9, 8, 2, 2, 3, 2 * m, Padding::kValid, 1, 2, 2, 3},
      {1, 1, 1, 3, 1, 1, 3 * m, Padding::kValid, 1, 1, 1, 1},
      {1, 2, 3, 2, 5, 5, 2 * m, Padding::kSame, 1, 1, 1, 1},
  };
}

// Scales that keep typical outputs inside int16, per-tensor and
// per-channel, and a per-channel set spanning 2^10.
std::vector<Scales> ScaleSets(int channels) {
  std::vector<float> per_channel;
  for (int c = 0; c < channels; ++c) per_channel.push_back(0.002f * (1 << (c % 4)));
  std::vector<float> wide;
  for (int c = 0; c < channels; ++c) wide.push_back(std::ldexp(0.001f, (c * 3) % 11 - 5));
  return {{1.0f / 4096, {0.01f}, 1.0f / 256},
          {1.0f / 32768, per_channel, 1.0f / 2048},
          {0.05f, wide, 30.0f}};
}

TEST(Conv2dS16Test, Int64BiasAllGeometriesBitExact) {
  uint32_t seed = 100;
  for (const Geometry& g : Geometries(false)) {
    for (const Scales& s : ScaleSets(g.out_ch)) {
      SCOPED_TRACE(testing::Message() << "seed " << seed);
      ExpectMatches(RunConv(g, s, BiasKind::kS64, false, seed++));
    }
  }
}

TEST(Conv2dS16Test, Int32BiasAndNoBiasUseTheInt32Accumulator) {
  uint32_t seed = 200;
  for (const Geometry& g : Geometries(false)) {
    const Scales s = ScaleSets(g.out_ch)[1];
    SCOPED_TRACE(testing::Message() << "seed " << seed);
    ExpectMatches(RunConv(g, s, BiasKind::kS32, false, seed++));
    ExpectMatches(RunConv(g, s, BiasKind::kNone, false, seed++));
  }
}

TEST(Conv2dS16Test, FusedActivationsClamp) {
  const Geometry g = Geometries(false)[0];
  for (Activation act : {Activation::kRelu, Activation::kRelu6,
                         Activation::kReluN1To1}) {
    const Result r = RunConv(g, {1.0f / 4096, {0.01f}, 1.0f / 4096},
                             BiasKind::kS64, false, 300, act);
    ExpectMatches(r);
    for (int16_t v : r.got) {
      EXPECT_GE(v, r.act_min);
      EXPECT_LE(v, r.act_max);
    }
  }
}

// Every input and weight at its extreme: the int64 accumulator holds
// 32768 * 128 per tap without overflow, and the output saturates.
TEST(Conv2dS16Test, ExtremeValuesSaturate) {
  const Shape in_shape = MakeShape({1, 3, 3, 4});
  const Shape f_shape = MakeShape({2, 3, 3, 4});
  const Shape out_shape = MakeShape({1, 1, 1, 2});
  const std::vector<int16_t> in(36, -32768);
  std::vector<int8_t> w(72, -128);
  for (int i = 36; i < 72; ++i) w[i] = 127;
  const std::vector<int64_t> bias = {0, 0};
  const std::vector<int32_t> mult = {1 << 30, 1 << 30};  // 0.5
  const std::vector<int32_t> shift = {-10, -30};
  ConvParams p;
  p.act_min = -32768;
  p.act_max = 32767;
  std::vector<int16_t> out(2);
  ref::ConvPerChannelS16(p, mult.data(), shift.data(), in_shape, in.data(),
                         f_shape, w.data(), bias.data(), out_shape, out.data());
  // 36 * 32768 * 128 = 150994944; * 2^-11 = 73728 -> 32767.
  EXPECT_EQ(out[0], 32767);
  // 36 * -32768 * 127 * 2^-31 = -0.07 -> 0.
  EXPECT_EQ(out[1], 0);
}

TEST(DepthwiseConv2dS16Test, AllGeometriesBitExact) {
  uint32_t seed = 400;
  for (const Geometry& g : Geometries(true)) {
    for (const Scales& s : ScaleSets(g.out_ch)) {
      SCOPED_TRACE(testing::Message() << "seed " << seed);
      ExpectMatches(RunConv(g, s, BiasKind::kS64, true, seed++));
      ExpectMatches(RunConv(g, s, BiasKind::kNone, true, seed++));
    }
  }
}

// ---------------------------------------------------------------------------
// FullyConnectedS16

TEST(FullyConnectedS16Test, BitExactAndNearReal) {
  std::mt19937 rng(500);
  for (const auto& [batches, units, depth] :
       std::vector<std::tuple<int, int, int>>{{1, 1, 1}, {2, 5, 7}, {3, 16, 64},
                                              {1, 3, 300}}) {
    const std::vector<int16_t> in = RandomS16(batches * depth, &rng);
    const std::vector<int8_t> w = RandomWeights(units * depth, &rng);
    std::vector<int64_t> bias(units);
    for (auto& b : bias) b = static_cast<int64_t>(rng() % 8000001) - 4000000;
    const float in_s = 1.0f / 8192, w_s = 0.004f, out_s = 1.0f / 64;
    FullyConnectedParams p;
    int shift = 0;
    QuantizeMultiplier(static_cast<double>(in_s * w_s) / out_s,
                       &p.output_multiplier, &shift);
    p.output_shift = shift;
    p.act_min = -32768;
    p.act_max = 32767;
    for (bool with_bias : {true, false}) {
      std::vector<int16_t> out(batches * units);
      ref::FullyConnectedS16(p, MakeShape({batches, depth}), in.data(),
                             MakeShape({units, depth}), w.data(),
                             with_bias ? bias.data() : nullptr,
                             MakeShape({batches, units}), out.data());
      for (int b = 0; b < batches; ++b)
        for (int u = 0; u < units; ++u) {
          int128 acc = with_bias ? bias[u] : 0;
          for (int d = 0; d < depth; ++d)
            acc += int128{in[b * depth + d]} * w[u * depth + d];
          const int32_t v = std::min(
              std::max(MulQ64Ref(static_cast<int64_t>(acc),
                                 p.output_multiplier, p.output_shift),
                       -32768),
              32767);
          ASSERT_EQ(out[b * units + u], v) << b << "," << u;
          const double real = std::min(
              std::max(static_cast<double>(acc) * in_s * w_s / out_s,
                       -32768.0),
              32767.0);
          ASSERT_LE(std::fabs(out[b * units + u] - real),
                    0.5 + std::fabs(real) * std::ldexp(1.0, -15) + 1e-6);
        }
    }
  }
}

// TFLite's per-tensor 16x8 kernel applies the weights offset (0 for the
// symmetric weights mote accepts; here a non-zero one shows it is used).
TEST(FullyConnectedS16Test, AppliesFilterOffsetNotInputOffset) {
  const std::vector<int16_t> in = {100, -200};
  const std::vector<int8_t> w = {1, 2};
  FullyConnectedParams p;
  p.output_multiplier = 1 << 30;  // 0.5 * 2^1 = 1
  p.output_shift = 1;
  p.filter_offset = 3;
  p.input_offset = 1000;  // must be ignored
  p.act_min = -32768;
  p.act_max = 32767;
  int16_t out = 0;
  ref::FullyConnectedS16(p, MakeShape({1, 2}), in.data(), MakeShape({1, 2}),
                         w.data(), nullptr, MakeShape({1, 1}), &out);
  EXPECT_EQ(out, (1 + 3) * 100 + (2 + 3) * -200);
}

}  // namespace
}  // namespace mote
