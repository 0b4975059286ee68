// CONV_2D: every variant against ref::ConvPerChannelS8 on random cases:
// 1x1, 3x3, first layers (1 or 3 input channels, tall filters; VWW's 3x3x3)
// and general windows; channel counts below, at and above the vector widths (4, 16);
// strides 1-3, dilations 1-2, SAME and VALID padding, extreme zero points,
// multipliers, biases and clamps.
#include <cstdio>

#include "kernels/ref/conv_2d.h"
#include "kernels/select.h"
#include "tester.h"
#include "variants.h"

namespace mote {
namespace kernel_test {
namespace {

struct ConvCase {
  ConvParams params;
  Shape input, filter, output;
};

constexpr int32_t kChannels[] = {1, 2, 3, 4, 5, 7, 8, 12, 15, 16,
                                 17, 24, 31, 32, 33, 48, 64};
constexpr int64_t kMaxMacs = 120000;

bool MakeCase(Rng& rng, ConvCase* c) {
  int in_ch = rng.Pick(kChannels);
  int out_ch = rng.Pick(kChannels);
  Window w;
  switch (rng.Range(0, 4)) {
    case 4:  // VWW's first layer: 3x3 over 3 channels (rows of 9 bytes)
      in_ch = 3;
      w.filter_h = w.filter_w = 3;
      w.stride_h = w.stride_w = rng.Range(1, 2);
      break;
    case 0:  // pointwise
      if (rng.Chance(25)) w.stride_h = w.stride_w = 2;
      // The Helium pair pass (arm_mve/gemm.cc): depths 8, 16, ..., 256.
      if (rng.Chance(30)) in_ch = 8 << rng.Range(0, 5);
      break;
    case 1:  // 3x3
      w.filter_h = w.filter_w = 3;
      w.stride_h = w.stride_w = rng.Range(1, 2);
      break;
    case 2:  // a first layer: few input channels, sometimes a tall filter
      in_ch = rng.Chance(50) ? 1 : 3;
      w.filter_h = rng.Range(2, 10);
      w.filter_w = rng.Range(2, 4);
      w.stride_h = rng.Range(1, 2);
      w.stride_w = rng.Range(1, 2);
      break;
    default:  // anything
      RandomWindow(rng, &w);
      break;
  }
  const int batches = rng.Chance(15) ? 2 : 1;
  const int in_h = rng.Range(1, 12);
  const int in_w = rng.Range(1, 12);
  const Padding padding = rng.Chance(50) ? Padding::kSame : Padding::kValid;
  c->input = MakeShape({batches, in_h, in_w, in_ch});
  int out_h = 0, out_w = 0;
  if (!SetWindow(padding, c->input, w, &c->params, &out_h, &out_w)) {
    return false;
  }
  c->filter = MakeShape({out_ch, w.filter_h, w.filter_w, in_ch});
  c->output = MakeShape({batches, out_h, out_w, out_ch});
  if (!FitsBuffers(c->input, c->filter, c->output) ||
      c->output.FlatSize() * w.filter_h * w.filter_w * in_ch > kMaxMacs) {
    return false;
  }
  ConvParams& p = c->params;
  p.input_offset = -RandomZeroPoint(rng);
  p.output_offset = RandomZeroPoint(rng);
  RandomActivation(rng, p.output_offset, &p.act_min, &p.act_max);
  return true;
}

}  // namespace

Tally TestConv(uint32_t seed, int cases) {
  Rng rng(seed);
  Buffers& b = TestBuffers();
  VariantCounts counts;
  Tally t;
  ConvCase c;
  while (t.cases < cases) {
    if (!MakeCase(rng, &c)) continue;
    const int out_ch = c.output.dims[3];
    FillRandomExtremes(rng, b.input, c.input.FlatSize());
    FillRandomExtremes(rng, b.filter, c.filter.FlatSize());
    RandomBias(rng, out_ch, b.bias);
    RandomRequant(rng, out_ch, b.multiplier, b.shift);
    const int32_t* bias = rng.Chance(10) ? nullptr : b.bias;
    ref::ConvPerChannelS8(c.params, b.multiplier, b.shift, c.input, b.input,
                          c.filter, b.filter, bias, c.output, b.expected);
    RunPerChannelVariants("conv", kConvVariants, c, bias, t.cases, &counts, &t,
                          [&] {
                            std::printf(
                                "kernels:   input %dx%dx%dx%d filter "
                                "%dx%dx%dx%d",
                                (int)c.input.dims[0], (int)c.input.dims[1],
                                (int)c.input.dims[2], (int)c.input.dims[3],
                                (int)c.filter.dims[0], (int)c.filter.dims[1],
                                (int)c.filter.dims[2], (int)c.filter.dims[3]);
                          });
    ++t.cases;
  }
  counts.Report("conv", kConvVariants, &t);
  return t;
}

}  // namespace kernel_test
}  // namespace mote
