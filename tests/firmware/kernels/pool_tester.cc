// AVERAGE_POOL_2D and MAX_POOL_2D int8: every variant against
// ref::AveragePoolS8 / ref::MaxPoolS8 on random cases: channel counts below, at and above the vector widths, small
// windows with strides and SAME/VALID padding, and global windows (KWS's
// 25x5, and ones past the DSP kernel's 256 values), extreme inputs and
// fused activations.
#include <cstdio>

#include "kernels/ref/pooling.h"
#include "kernels/select.h"
#include "tester.h"
#include "variants.h"

namespace mote {
namespace kernel_test {
namespace {

struct PoolCase {
  ref::PoolParams params;
  Shape input, output;
};

constexpr int32_t kChannels[] = {1, 2, 3, 4, 5, 7, 8, 12, 15, 16, 17, 31, 33, 64};

bool MakeCase(Rng& rng, PoolCase* c) {
  const int ch = rng.Pick(kChannels);
  const int batches = rng.Chance(85) ? 1 : 2;
  ref::PoolParams& p = c->params;
  p = ref::PoolParams();
  int32_t in_h, in_w, out_h, out_w;
  if (rng.Chance(30)) {
    // Global average (one output pixel).
    in_h = rng.Range(1, 30);
    in_w = rng.Range(1, 20);
    p.filter_height = in_h;
    p.filter_width = in_w;
    out_h = out_w = 1;
  } else {
    in_h = rng.Range(1, 12);
    in_w = rng.Range(1, 12);
    p.filter_height = rng.Range(1, 5);
    p.filter_width = rng.Range(1, 5);
    p.stride_height = rng.Range(1, 3);
    p.stride_width = rng.Range(1, 3);
    const Padding padding = rng.Chance(50) ? Padding::kSame : Padding::kValid;
    ref::ComputePoolPadding(padding, in_h, p.filter_height, p.stride_height,
                            &out_h, &p.padding_height);
    ref::ComputePoolPadding(padding, in_w, p.filter_width, p.stride_width,
                            &out_w, &p.padding_width);
    if (out_h < 1 || out_w < 1) return false;
  }
  c->input = MakeShape({batches, in_h, in_w, ch});
  c->output = MakeShape({batches, out_h, out_w, ch});
  if (static_cast<size_t>(c->input.FlatSize()) > kMaxInput ||
      static_cast<size_t>(c->output.FlatSize()) > kMaxOutput) {
    return false;
  }
  RandomActivation(rng, RandomZeroPoint(rng), &p.act_min, &p.act_max);
  return true;
}

}  // namespace

namespace {

template <typename Ref>
Tally TestPool(const char* family, const PoolVariant* variants, Ref reference,
               uint32_t seed, int cases) {
  Rng rng(seed);
  Buffers& b = TestBuffers();
  VariantCounts counts;
  Tally t;
  PoolCase c;
  while (t.cases < cases) {
    if (!MakeCase(rng, &c)) continue;
    FillRandomExtremes(rng, b.input, c.input.FlatSize());
    const size_t out_bytes = c.output.FlatSize();
    const bool ok =
        reference(c.params, c.input, b.input, c.output, b.expected);
    for (int v = 0; variants[v].name != nullptr && v < VariantCounts::kMax;
         ++v) {
      const PoolVariant& var = variants[v];
      if (!var.applies(c.params, c.input, c.output)) continue;
      PrepareOutput(out_bytes, 0);
      const bool var_ok =
          var.run(c.params, c.input, b.input, c.output, b.output);
      if (!counts.Count(v,
                        var_ok == ok && CheckOutput(family, var.name, t.cases,
                                                    out_bytes, 0),
                        &t)) {
        std::printf("kernels:   input %dx%dx%d filter %dx%d stride %d,%d "
                    "pad %d,%d clamp [%d,%d]\n",
                    static_cast<int>(c.input.dims[1]),
                    static_cast<int>(c.input.dims[2]),
                    static_cast<int>(c.input.dims[3]),
                    static_cast<int>(c.params.filter_height),
                    static_cast<int>(c.params.filter_width),
                    static_cast<int>(c.params.stride_height),
                    static_cast<int>(c.params.stride_width),
                    static_cast<int>(c.params.padding_height),
                    static_cast<int>(c.params.padding_width),
                    static_cast<int>(c.params.act_min),
                    static_cast<int>(c.params.act_max));
      }
    }
    ++t.cases;
  }
  counts.Report(family, variants, &t);
  return t;
}

}  // namespace

Tally TestAveragePool(uint32_t seed, int cases) {
  return TestPool("average_pool", kAveragePoolVariants, ref::AveragePoolS8,
                  seed, cases);
}

Tally TestMaxPool(uint32_t seed, int cases) {
  return TestPool(
      "max_pool", kMaxPoolVariants,
      [](const ref::PoolParams& p, const Shape& is, const int8_t* in,
         const Shape& os, int8_t* out) {
        ref::MaxPoolS8(p, is, in, os, out);
        return true;
      },
      seed, cases);
}

}  // namespace kernel_test
}  // namespace mote
