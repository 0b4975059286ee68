// What the kernel testers share: a seeded generator, the static buffers
// (no heap on the firmware), guard bytes around every buffer a kernel
// writes, and the failure report.
#ifndef MOTE_TESTS_FIRMWARE_KERNELS_TESTER_H_
#define MOTE_TESTS_FIRMWARE_KERNELS_TESTER_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>

#include "common/conv_window.h"
#include "kernels/ref/conv_2d.h"
#include "mote/types.h"

namespace mote {
namespace kernel_test {

// xorshift32: the same cases on every run and every CPU.
class Rng {
 public:
  explicit Rng(uint32_t seed) : state_(seed != 0 ? seed : 1) {}
  uint32_t Next() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 17;
    state_ ^= state_ << 5;
    return state_;
  }
  // Uniform in [lo, hi].
  int32_t Range(int32_t lo, int32_t hi) {
    const uint32_t span = static_cast<uint32_t>(hi - lo) + 1;
    return lo + static_cast<int32_t>(span == 0 ? Next() : Next() % span);
  }
  bool Chance(int percent) { return Range(0, 99) < percent; }
  template <typename T, size_t N>
  T Pick(const T (&values)[N]) {
    return values[Range(0, static_cast<int32_t>(N) - 1)];
  }

 private:
  uint32_t state_;
};

// Buffer capacities (bytes, or elements for int32 arrays).
constexpr size_t kMaxInput = 24 * 1024;
constexpr size_t kMaxFilter = 24 * 1024;
constexpr size_t kMaxOutput = 12 * 1024;
constexpr size_t kMaxScratch = 24 * 1024;
constexpr size_t kMaxChannels = 1024;
// Bytes after each written buffer that must stay untouched.
constexpr size_t kGuard = 64;

struct Buffers {
  int8_t input[kMaxInput];
  int8_t filter[kMaxFilter];
  int32_t bias[kMaxChannels];
  int32_t multiplier[kMaxChannels];
  int32_t shift[kMaxChannels];
  int8_t expected[kMaxOutput];
  alignas(16) int8_t output[kMaxOutput + kGuard];
  alignas(16) uint8_t scratch[kMaxScratch + kGuard];
};
Buffers& TestBuffers();

void FillRandom(Rng& rng, int8_t* data, size_t n);
// Random int8 with some runs of the extremes (-128, 127).
void FillRandomExtremes(Rng& rng, int8_t* data, size_t n);

// Requantization of `n` channels: TFLite-like multipliers (Q31 in
// [2^30, 2^31), shifts mostly in [-12, -1]) with a few extreme ones (0,
// 2^31 - 1, 2^30, shifts 0 .. +3 and down to -31).
void RandomRequant(Rng& rng, int n, int32_t* multiplier, int32_t* shift);
// Biases: small, or sometimes large enough to push the accumulator near
// the int32 limits (the optimised kernels' reference requantization path).
void RandomBias(Rng& rng, int n, int32_t* bias);
// An int8 zero point, often an extreme one.
int32_t RandomZeroPoint(Rng& rng);
// An activation clamp inside int8 around output zero point `zp`.
void RandomActivation(Rng& rng, int32_t zp, int32_t* act_min,
                      int32_t* act_max);

// Fills the output and scratch guards (and the whole output and scratch
// with a pattern), so that a variant's overrun or unwritten output shows.
void PrepareOutput(size_t output_bytes, size_t scratch_bytes);
// True when output[0, n) equals expected and every guard is intact; else
// prints the first difference for `what` and returns false.
bool CheckOutput(const char* family, const char* variant, int case_index,
                 size_t output_bytes, size_t scratch_bytes);

// Totals of a tester.
struct Tally {
  int cases = 0;
  int runs = 0;
  int failures = 0;
};

// True when shapes of these sizes fit the static buffers.
bool FitsBuffers(const Shape& input, const Shape& filter, const Shape& output);

// The filter size, strides and dilations of a conv-like case.
struct Window {
  int filter_h = 1, filter_w = 1;
  int stride_h = 1, stride_w = 1;
  int dilation_h = 1, dilation_w = 1;
};
// Any window: filters 1-5, strides 1-3, dilations 1-2.
void RandomWindow(Rng& rng, Window* w);

// Resets `p` (ConvParams or DepthwiseConvParams) and sets its strides,
// dilations and paddings for window `w` over `input` (NHWC), and the
// output size; false when there is no output.
template <typename Params>
bool SetWindow(Padding padding, const Shape& input, const Window& w,
               Params* p, int* out_h, int* out_w) {
  *p = Params();
  return test::SetConvWindow(padding, input.dims[1], input.dims[2], w.filter_h,
                             w.filter_w, w.stride_h, w.stride_w, w.dilation_h,
                             w.dilation_w, p, out_h, out_w);
}

// Prints " stride .. dilation .. pad .. offsets .. clamp [..]" and the
// end of the line for a failing conv-like case.
template <typename Params>
void PrintWindow(const Params& p) {
  std::printf(" stride %dx%d dilation %dx%d pad %d,%d offsets %d,%d clamp "
              "[%d,%d]\n",
              (int)p.stride_height, (int)p.stride_width,
              (int)p.dilation_height, (int)p.dilation_width,
              (int)p.pad_height, (int)p.pad_width, (int)p.input_offset,
              (int)p.output_offset, (int)p.act_min, (int)p.act_max);
}

// For a variant that needs `scratch_bytes`: PrepareOutput, or (after a
// note) false when the scratch does not fit the buffer.
bool PrepareVariant(const char* family, const char* variant, int case_index,
                    size_t output_bytes, size_t scratch_bytes);
// The scratch to hand a variant that asked for `scratch_bytes`.
void* ScratchFor(size_t scratch_bytes);

// Run and failure counts per variant of one tester's table.
class VariantCounts {
 public:
  // Variants a table may have (any more are not run).
  static constexpr int kMax = 16;
  // Counts a run of variant `v` (and a failure unless `ok`); returns `ok`.
  bool Count(int v, bool ok, Tally* t) {
    ++runs_[v];
    ++t->runs;
    if (!ok) {
      ++fails_[v];
      ++t->failures;
    }
    return ok;
  }
  // One summary line per variant of the null-terminated table `variants`;
  // a variant that never ran fails the tester.
  template <typename Variant>
  void Report(const char* family, const Variant* variants, Tally* t) const {
    for (int v = 0; variants[v].name != nullptr && v < kMax; ++v) {
      Report(family, variants[v].name, v, t);
    }
  }

 private:
  void Report(const char* family, const char* variant, int v, Tally* t) const;
  int runs_[kMax] = {};
  int fails_[kMax] = {};
};

// RunVariants' `wanted` for a table of which every variant is wanted.
struct AllVariants {
  template <typename Variant>
  bool operator()(const Variant&) const {
    return true;
  }
};

// Runs every variant of the null-terminated table `variants` (ConvVariant,
// DepthwiseVariant, FullyConnectedVariant) that `wanted(variant)` and its
// own applies() accept for the case (params, input, filter, output), the
// reference's result already in TestBuffers().expected: PrepareVariant,
// run(variant, scratch), CheckOutput, and on a failure describe() prints
// the case.
template <typename Variant, typename Params, typename Wanted, typename Run,
          typename Describe>
void RunVariants(const char* family, const Variant* variants, Wanted wanted,
                 const Params& params, const Shape& input, const Shape& filter,
                 const Shape& output, int case_index, VariantCounts* counts,
                 Tally* t, Run run, Describe describe) {
  const size_t out_bytes = output.FlatSize();
  for (int v = 0; variants[v].name != nullptr && v < VariantCounts::kMax;
       ++v) {
    const Variant& var = variants[v];
    if (!wanted(var) || !var.applies(params, input, filter, output)) continue;
    const size_t scratch = var.scratch_bytes(params, input, filter, output);
    if (!PrepareVariant(family, var.name, case_index, out_bytes, scratch)) {
      continue;
    }
    run(var, ScratchFor(scratch));
    const bool ok = CheckOutput(family, var.name, case_index, out_bytes,
                                scratch);
    if (!counts->Count(v, ok, t)) describe();
  }
}

// The testers: each prints one summary line per variant and returns its
// tally. `seed` and `cases` choose the random cases.
Tally TestConv(uint32_t seed, int cases);
Tally TestDepthwise(uint32_t seed, int cases);
Tally TestFullyConnected(uint32_t seed, int cases);
Tally TestAdd(uint32_t seed, int cases);
Tally TestAveragePool(uint32_t seed, int cases);
Tally TestMaxPool(uint32_t seed, int cases);
// kernels/select.h's entry point of this build (no variants table).
Tally TestSoftmax(uint32_t seed, int cases);
Tally TestConvS16(uint32_t seed, int cases);
Tally TestFullyConnectedS16(uint32_t seed, int cases);
// Instruction-count marks around a few fixed int16 conv/FC and softmax
// calls, reference then this build's entry point (bench_marks.cc).
void BenchMarks();

// RunVariants for a per-channel conv-like case `c` (members params, input,
// filter, output; ConvParams or DepthwiseConvParams) on TestBuffers()'
// data with `bias`; on a failure describe() prints the shapes, then the
// window and quantization are printed.
template <typename Variant, typename Case, typename Describe>
void RunPerChannelVariants(const char* family, const Variant* variants,
                           const Case& c, const int32_t* bias, int case_index,
                           VariantCounts* counts, Tally* t,
                           Describe describe) {
  Buffers& b = TestBuffers();
  RunVariants(
      family, variants, AllVariants(), c.params, c.input, c.filter, c.output,
      case_index, counts, t,
      [&](const Variant& var, void* scratch) {
        var.run(c.params, b.multiplier, b.shift, c.input, b.input, c.filter,
                b.filter, bias, c.output, b.output, scratch);
      },
      [&] {
        describe();
        PrintWindow(c.params);
      });
}

}  // namespace kernel_test
}  // namespace mote

#endif  // MOTE_TESTS_FIRMWARE_KERNELS_TESTER_H_
