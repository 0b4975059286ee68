// int16x8 CONV_2D and FULLY_CONNECTED: kernels/select.h's
// opt::ConvPerChannelS16 (int64 and int32 bias) and opt::FullyConnectedS16
// of this build against the reference kernels on random cases: small
// images with random strides, dilations and paddings (windows partly or
// wholly in the padding), depths below, at and above the vector widths,
// activations and weights often at their extremes (int32 accumulators
// wrap), biases up to +-2^40 (int64) or the int32 limits, extreme
// requantization and clamps, no bias now and then; FULLY_CONNECTED with a
// weights zero point now and then (the entry point must fall back).
#include <cstdio>

#include "kernels/ref/conv_2d.h"
#include "kernels/ref/fully_connected.h"
#include "kernels/select.h"
#include "tester.h"

namespace mote {
namespace kernel_test {
namespace {

constexpr size_t kMaxS16 = 6144;       // activations in and out
constexpr int kMaxS16Channels = 256;
struct S16Buffers {
  int16_t input[kMaxS16];
  int16_t expected[kMaxS16];
  int16_t output[kMaxS16 + kGuard];
  int64_t bias64[kMaxS16Channels];
  int32_t bias32[kMaxS16Channels];
};
S16Buffers g_s16;

constexpr int16_t kGuardS16 = 0x5A5A;

void FillS16(Rng& rng, int16_t* data, int64_t n) {
  const int mode = rng.Range(0, 3);
  for (int64_t i = 0; i < n; ++i) {
    int16_t v = static_cast<int16_t>(rng.Next());
    if (mode == 1 && rng.Chance(50)) v = rng.Chance(50) ? -32768 : 32767;
    if (mode == 2) v = rng.Chance(50) ? -32768 : 32767;
    if (mode == 3) v = static_cast<int16_t>(rng.Range(-300, 300));
    data[i] = v;
  }
}

void FillBias(Rng& rng, int n, bool wide) {
  const int mode = rng.Range(0, 3);
  for (int i = 0; i < n; ++i) {
    int64_t v = rng.Range(-100000, 100000);
    if (mode == 1) {
      v = (static_cast<int64_t>(static_cast<int32_t>(rng.Next())) << 8) +
          rng.Range(-255, 255);
    }
    if (mode == 2) v = static_cast<int32_t>(rng.Next());
    g_s16.bias64[i] = wide ? v : 0;
    g_s16.bias32[i] = static_cast<int32_t>(rng.Next()) >> rng.Range(0, 16);
    if (!wide && mode == 0) g_s16.bias32[i] = rng.Range(-100000, 100000);
  }
}

// Output clamps in int16, usually the full range.
void RandomClampS16(Rng& rng, int32_t* lo, int32_t* hi) {
  *lo = -32768;
  *hi = 32767;
  if (rng.Chance(30)) {
    *lo = rng.Range(-32768, 0);
    *hi = rng.Range(*lo, 32767);
  }
}

// TFLite's 16x8 requantization: shifts further right than int8's.
void RequantS16(Rng& rng, int n, int32_t* multiplier, int32_t* shift) {
  RandomRequant(rng, n, multiplier, shift);
  const int extra = rng.Range(0, 12);
  for (int i = 0; i < n; ++i) {
    if (shift[i] < -1 && shift[i] - extra >= -31) shift[i] -= extra;
  }
}

void PrepareS16Output(int64_t n, size_t scratch_bytes) {
  for (int64_t i = 0; i < n + static_cast<int64_t>(kGuard); ++i) {
    g_s16.output[i] = kGuardS16;
  }
  PrepareOutput(0, scratch_bytes);
}

bool CheckS16(const char* what, int case_index, int64_t n,
              size_t scratch_bytes) {
  for (int64_t i = 0; i < n; ++i) {
    if (g_s16.output[i] != g_s16.expected[i]) {
      std::printf("kernels: FAIL %s %s case %d: output[%d] = %d, reference "
                  "%d\n",
                  what, opt::KernelIsaName(), case_index, static_cast<int>(i),
                  g_s16.output[i], g_s16.expected[i]);
      return false;
    }
  }
  for (size_t i = 0; i < kGuard; ++i) {
    if (g_s16.output[n + static_cast<int64_t>(i)] != kGuardS16) {
      std::printf("kernels: FAIL %s case %d: wrote past the output\n", what,
                  case_index);
      return false;
    }
  }
  // The output guard of the int8 buffers is intact; this checks the
  // scratch guard.
  return CheckOutput(what, opt::KernelIsaName(), case_index, 0,
                     scratch_bytes);
}

struct ConvCase {
  ConvParams params;
  Shape input, filter, output;
};

constexpr int32_t kDepths[] = {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 24, 32, 33};

bool MakeConvCase(Rng& rng, ConvCase* c) {
  ConvParams& p = c->params;
  p = ConvParams();
  const int batches = rng.Chance(85) ? 1 : 2;
  const int in_h = rng.Range(1, 9);
  const int in_w = rng.Range(1, 9);
  const int depth = rng.Pick(kDepths);
  const int f_h = rng.Range(1, 3) + (rng.Chance(10) ? 2 : 0);
  const int f_w = rng.Range(1, 3) + (rng.Chance(10) ? 2 : 0);
  const int out_c = rng.Range(1, 12);
  p.stride_height = rng.Range(1, 2);
  p.stride_width = rng.Range(1, 2);
  p.dilation_height = rng.Chance(80) ? 1 : 2;
  p.dilation_width = rng.Chance(80) ? 1 : 2;
  const int eff_h = p.dilation_height * (f_h - 1) + 1;
  const int eff_w = p.dilation_width * (f_w - 1) + 1;
  p.pad_height = rng.Range(0, eff_h - 1);
  p.pad_width = rng.Range(0, eff_w - 1);
  const int out_h = (in_h + 2 * p.pad_height - eff_h) / p.stride_height + 1;
  const int out_w = (in_w + 2 * p.pad_width - eff_w) / p.stride_width + 1;
  if (in_h + 2 * p.pad_height < eff_h || in_w + 2 * p.pad_width < eff_w) {
    return false;
  }
  c->input = MakeShape({batches, in_h, in_w, depth});
  c->filter = MakeShape({out_c, f_h, f_w, depth});
  c->output = MakeShape({batches, out_h, out_w, out_c});
  if (c->input.FlatSize() > static_cast<int64_t>(kMaxS16) ||
      c->output.FlatSize() > static_cast<int64_t>(kMaxS16) ||
      c->filter.FlatSize() > static_cast<int64_t>(kMaxFilter) ||
      out_c > kMaxS16Channels) {
    return false;
  }
  p.input_offset = 0;
  p.output_offset = rng.Chance(80) ? 0 : rng.Range(-100, 100);
  RandomClampS16(rng, &p.act_min, &p.act_max);
  return true;
}

}  // namespace

Tally TestConvS16(uint32_t seed, int cases) {
  Rng rng(seed);
  Buffers& b = TestBuffers();
  Tally t;
  int runs[2] = {};
  int failures[2] = {};
  ConvCase c;
  while (t.cases < cases) {
    if (!MakeConvCase(rng, &c)) continue;
    const int out_c = c.filter.dims[0];
    FillS16(rng, g_s16.input, c.input.FlatSize());
    FillRandomExtremes(rng, b.filter, static_cast<size_t>(c.filter.FlatSize()));
    RequantS16(rng, out_c, b.multiplier, b.shift);
    const bool wide = rng.Chance(50);
    FillBias(rng, out_c, wide);
    const bool no_bias = rng.Chance(10);
    const int64_t n = c.output.FlatSize();
    const size_t scratch = opt::ConvPerChannelS16_ScratchBytes(
        c.params, c.input, c.filter, c.output);
    if (scratch > kMaxScratch) {
      ++t.failures;
      std::printf("kernels: FAIL conv_s16 asks %u scratch bytes\n",
                  static_cast<unsigned>(scratch));
      break;
    }
    void* s = scratch > 0 ? b.scratch : nullptr;
    if (wide) {
      const int64_t* bias = no_bias ? nullptr : g_s16.bias64;
      ref::ConvPerChannelS16(c.params, b.multiplier, b.shift, c.input,
                             g_s16.input, c.filter, b.filter, bias, c.output,
                             g_s16.expected);
      PrepareS16Output(n, scratch);
      opt::ConvPerChannelS16(c.params, b.multiplier, b.shift, c.input,
                             g_s16.input, c.filter, b.filter, bias, c.output,
                             g_s16.output, s);
    } else {
      const int32_t* bias = no_bias ? nullptr : g_s16.bias32;
      ref::ConvPerChannelS16(c.params, b.multiplier, b.shift, c.input,
                             g_s16.input, c.filter, b.filter, bias, c.output,
                             g_s16.expected);
      PrepareS16Output(n, scratch);
      opt::ConvPerChannelS16(c.params, b.multiplier, b.shift, c.input,
                             g_s16.input, c.filter, b.filter, bias, c.output,
                             g_s16.output, s);
    }
    const int v = wide ? 0 : 1;
    ++runs[v];
    ++t.runs;
    if (!CheckS16(wide ? "conv_s16/int64 bias" : "conv_s16/int32 bias",
                  t.cases, n, scratch)) {
      ++failures[v];
      ++t.failures;
      const Shape& i = c.input;
      const Shape& f = c.filter;
      const ConvParams& q = c.params;
      std::printf("kernels:   conv_s16 in %dx%dx%dx%d filter %dx%dx%dx%d "
                  "stride %d,%d dilation %d,%d pad %d,%d\n",
                  static_cast<int>(i.dims[0]), static_cast<int>(i.dims[1]),
                  static_cast<int>(i.dims[2]), static_cast<int>(i.dims[3]),
                  static_cast<int>(f.dims[0]), static_cast<int>(f.dims[1]),
                  static_cast<int>(f.dims[2]), static_cast<int>(f.dims[3]),
                  static_cast<int>(q.stride_height),
                  static_cast<int>(q.stride_width),
                  static_cast<int>(q.dilation_height),
                  static_cast<int>(q.dilation_width),
                  static_cast<int>(q.pad_height),
                  static_cast<int>(q.pad_width));
    }
    ++t.cases;
  }
  std::printf("kernels: conv_s16 int64 bias %-12s %3d runs, %d failures\n",
              opt::KernelIsaName(), runs[0], failures[0]);
  std::printf("kernels: conv_s16 int32 bias %-12s %3d runs, %d failures\n",
              opt::KernelIsaName(), runs[1], failures[1]);
  return t;
}

Tally TestFullyConnectedS16(uint32_t seed, int cases) {
  constexpr int32_t kFcDepths[] = {1,  2,  3,  4,  5,  7,   8,   9,   15,
                                   16, 17, 31, 33, 64, 100, 256, 640, 1000};
  constexpr int32_t kUnits[] = {1, 2, 3, 4, 5, 8, 10, 12, 16, 17, 33, 64};
  Rng rng(seed);
  Buffers& b = TestBuffers();
  Tally t;
  int failures = 0;
  while (t.cases < cases) {
    const int depth = rng.Pick(kFcDepths);
    const int units = rng.Pick(kUnits);
    const int batches = rng.Chance(70) ? 1 : rng.Range(2, 4);
    const Shape input = MakeShape({batches, depth});
    const Shape filter = MakeShape({units, depth});
    const Shape output = MakeShape({batches, units});
    if (input.FlatSize() > static_cast<int64_t>(kMaxS16) ||
        filter.FlatSize() > static_cast<int64_t>(kMaxFilter) ||
        int64_t{batches} * depth * units > 100000) {
      continue;
    }
    FullyConnectedParams p;
    p.output_offset = rng.Chance(80) ? 0 : rng.Range(-100, 100);
    p.filter_offset = rng.Chance(10) ? rng.Range(-127, 127) : 0;
    RandomClampS16(rng, &p.act_min, &p.act_max);
    RequantS16(rng, 1, &p.output_multiplier, &p.output_shift);
    FillS16(rng, g_s16.input, input.FlatSize());
    FillRandomExtremes(rng, b.filter, static_cast<size_t>(filter.FlatSize()));
    FillBias(rng, units, true);
    const int64_t* bias = rng.Chance(10) ? nullptr : g_s16.bias64;
    const int64_t n = output.FlatSize();
    const size_t scratch =
        opt::FullyConnectedS16_ScratchBytes(p, input, filter, output);
    if (scratch > kMaxScratch) {
      ++t.failures;
      std::printf("kernels: FAIL fully_connected_s16 asks %u scratch bytes\n",
                  static_cast<unsigned>(scratch));
      break;
    }
    ref::FullyConnectedS16(p, input, g_s16.input, filter, b.filter, bias,
                           output, g_s16.expected);
    PrepareS16Output(n, scratch);
    opt::FullyConnectedS16(p, input, g_s16.input, filter, b.filter, bias,
                           output, g_s16.output,
                           scratch > 0 ? b.scratch : nullptr);
    ++t.runs;
    if (!CheckS16("fully_connected_s16", t.cases, n, scratch)) {
      ++failures;
      std::printf("kernels:   fully_connected_s16 %d x %d -> %d, filter "
                  "offset %d\n",
                  static_cast<int>(batches), static_cast<int>(depth),
                  static_cast<int>(units), static_cast<int>(p.filter_offset));
    }
    ++t.cases;
  }
  t.failures += failures;
  std::printf("kernels: fully_connected_s16 %-12s %3d runs, %d failures\n",
              opt::KernelIsaName(), t.runs, failures);
  return t;
}

}  // namespace kernel_test
}  // namespace mote
