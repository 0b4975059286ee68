// DEPTHWISE_CONV_2D: every variant against ref::DepthwiseConvPerChannelS8 on
// random cases: 3x3 (the MobileNet case), general windows, depth
// multipliers 1-8 (micro_speech's 1 input channel x 8), channel counts
// below, at and above the vector widths, strides 1-3, dilations 1-2, SAME
// and VALID padding, extreme zero points, multipliers, biases and clamps.
#include <cstdio>

#include "kernels/ref/depthwise_conv_2d.h"
#include "kernels/select.h"
#include "tester.h"
#include "variants.h"

namespace mote {
namespace kernel_test {
namespace {

struct DepthwiseCase {
  DepthwiseConvParams params;
  Shape input, filter, output;
};

constexpr int32_t kChannels[] = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11,
                                 12, 13, 14, 15, 16, 17, 24, 31, 32, 33, 48,
                                 64};
constexpr int32_t kMultipliers[] = {1, 1, 1, 1, 2, 3, 4, 8};
constexpr int64_t kMaxMacs = 60000;

bool MakeCase(Rng& rng, DepthwiseCase* c) {
  int in_ch = rng.Pick(kChannels);
  int mult = rng.Pick(kMultipliers);
  Window w;
  w.filter_h = w.filter_w = 3;
  int max_h = 12, max_w = 12;
  switch (rng.Range(0, 3)) {
    case 0:  // 3x3, stride 1 or 2
    case 1:
      w.stride_h = w.stride_w = rng.Range(1, 2);
      if (rng.Chance(50)) mult = 1;
      // MobileNet's first depthwise layer: eight channels (the Helium
      // kernel's two-pixel pass).
      if (rng.Chance(25)) {
        in_ch = 8;
        mult = 1;
      } else if (rng.Chance(35)) {
        // Whole blocks of sixteen (the Helium kernel's asm block loop over
        // each row's interior pixels).
        in_ch = 16 * rng.Range(1, 3);
        mult = 1;
      }
      break;
    case 2:  // micro_speech-like: one channel, a tall window, multiplier 8
      in_ch = rng.Range(1, 2);
      mult = rng.Chance(50) ? 8 : rng.Range(2, 6);
      w.filter_h = rng.Range(3, 10);
      w.filter_w = rng.Range(3, 8);
      w.stride_h = w.stride_w = 2;
      max_h = 20;
      max_w = 20;
      break;
    default:
      RandomWindow(rng, &w);
      break;
  }
  const int out_ch = in_ch * mult;
  const int batches = rng.Chance(15) ? 2 : 1;
  const int in_h = rng.Range(1, max_h);
  const int in_w = rng.Range(1, max_w);
  const Padding padding = rng.Chance(50) ? Padding::kSame : Padding::kValid;
  c->input = MakeShape({batches, in_h, in_w, in_ch});
  int out_h = 0, out_w = 0;
  if (!SetWindow(padding, c->input, w, &c->params, &out_h, &out_w)) {
    return false;
  }
  c->filter = MakeShape({1, w.filter_h, w.filter_w, out_ch});
  c->output = MakeShape({batches, out_h, out_w, out_ch});
  if (!FitsBuffers(c->input, c->filter, c->output) ||
      out_ch > static_cast<int>(kMaxChannels) ||
      c->output.FlatSize() * w.filter_h * w.filter_w > kMaxMacs) {
    return false;
  }
  DepthwiseConvParams& p = c->params;
  p.depth_multiplier = mult;
  p.input_offset = -RandomZeroPoint(rng);
  p.output_offset = RandomZeroPoint(rng);
  RandomActivation(rng, p.output_offset, &p.act_min, &p.act_max);
  return true;
}

}  // namespace

Tally TestDepthwise(uint32_t seed, int cases) {
  Rng rng(seed);
  Buffers& b = TestBuffers();
  VariantCounts counts;
  Tally t;
  DepthwiseCase c;
  while (t.cases < cases) {
    if (!MakeCase(rng, &c)) continue;
    const int out_ch = c.output.dims[3];
    FillRandomExtremes(rng, b.input, c.input.FlatSize());
    FillRandomExtremes(rng, b.filter, c.filter.FlatSize());
    // Half the cases with TFLite's symmetric int8 weights (no -128): the
    // Helium kernels then add two taps' products in int16.
    if (rng.Chance(50)) {
      for (int i = 0; i < c.filter.FlatSize(); ++i) {
        if (b.filter[i] == -128) b.filter[i] = -127;
      }
    }
    RandomBias(rng, out_ch, b.bias);
    RandomRequant(rng, out_ch, b.multiplier, b.shift);
    // Now and then one channel without a right shift (0 or a left shift):
    // the layer leaves the kernels' right-shift-only requantization.
    if (rng.Chance(20)) b.shift[rng.Range(0, out_ch - 1)] = rng.Range(0, 2);
    const int32_t* bias = rng.Chance(10) ? nullptr : b.bias;
    ref::DepthwiseConvPerChannelS8(c.params, b.multiplier, b.shift, c.input,
                                   b.input, c.filter, b.filter, bias, c.output,
                                   b.expected);
    RunPerChannelVariants(
        "depthwise", kDepthwiseVariants, c, bias, t.cases, &counts, &t, [&] {
          std::printf("kernels:   input %dx%dx%dx%d filter %dx%d multiplier %d",
                      (int)c.input.dims[0], (int)c.input.dims[1],
                      (int)c.input.dims[2], (int)c.input.dims[3],
                      (int)c.filter.dims[1], (int)c.filter.dims[2],
                      (int)c.params.depth_multiplier);
        });
    ++t.cases;
  }
  counts.Report("depthwise", kDepthwiseVariants, &t);
  return t;
}

}  // namespace kernel_test
}  // namespace mote
