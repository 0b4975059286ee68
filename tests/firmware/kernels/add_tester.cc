// ADD int8: every variant against ref::AddS8 on random cases: parameters
// from ref::MakeAddParams (ADD's own Prepare) over random scales, extreme
// zero points and fused activations; flat sizes below, at and above the
// vector widths; now and then a broadcasting second input (the selecting
// entry point must fall back) or hand-made extreme multipliers and shifts.
#include <cstdio>

#include "kernels/ref/add.h"
#include "kernels/select.h"
#include "tester.h"
#include "variants.h"

namespace mote {
namespace kernel_test {
namespace {

struct AddCase {
  ref::AddSubParams params;
  Shape input1, input2, output;
};

constexpr int32_t kSizes[] = {1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 31, 33, 64, 100};
constexpr Activation kActivations[] = {Activation::kNone, Activation::kNone,
                                       Activation::kRelu, Activation::kRelu6,
                                       Activation::kReluN1To1};

float RandomScale(Rng& rng) {
  // 2^-10 .. 2^1, with a random mantissa.
  const float mantissa = 1.0f + static_cast<float>(rng.Range(0, 1023)) / 1024;
  float s = mantissa;
  for (int e = rng.Range(0, 11); e > 0; --e) s *= 0.5f;
  return s * 2;
}

bool MakeCase(Rng& rng, AddCase* c) {
  const int h = rng.Pick(kSizes);
  const int w = rng.Chance(50) ? 1 : rng.Range(1, 9);
  const int ch = rng.Pick(kSizes);
  c->input1 = MakeShape({1, h, w, ch});
  c->output = c->input1;
  c->input2 = rng.Chance(15) ? MakeShape({1, 1, 1, ch}) : c->input1;
  if (static_cast<size_t>(c->input1.FlatSize()) > kMaxOutput) return false;
  const float s1 = RandomScale(rng);
  const float s2 = rng.Chance(30) ? s1 : RandomScale(rng);
  const float so = rng.Chance(30) ? s1 : RandomScale(rng);
  if (!ref::MakeAddParams(DataType::kInt8, s1, RandomZeroPoint(rng), s2,
                          RandomZeroPoint(rng), so, RandomZeroPoint(rng),
                          rng.Pick(kActivations), &c->params)) {
    return false;
  }
  if (rng.Chance(10)) {
    // Extreme requantization a valid model cannot have: the variants must
    // refuse it or stay exact.
    c->params.output_multiplier = rng.Chance(50) ? 0x7FFFFFFF : (1 << 30);
    c->params.output_shift = rng.Range(-31, 0);
    c->params.input1_shift = rng.Range(-31, -1);
  }
  return true;
}

}  // namespace

Tally TestAdd(uint32_t seed, int cases) {
  Rng rng(seed);
  Buffers& b = TestBuffers();
  VariantCounts counts;
  Tally t;
  AddCase c;
  while (t.cases < cases) {
    if (!MakeCase(rng, &c)) continue;
    FillRandomExtremes(rng, b.input, c.input1.FlatSize());
    FillRandomExtremes(rng, b.filter, c.input2.FlatSize());
    const size_t out_bytes = c.output.FlatSize();
    const bool ok = ref::AddS8(c.params, c.input1, b.input, c.input2, b.filter,
                               b.expected);
    for (int v = 0; kAddVariants[v].name != nullptr && v < VariantCounts::kMax;
         ++v) {
      const AddVariant& var = kAddVariants[v];
      if (!var.applies(c.params, c.input1, c.input2)) continue;
      PrepareOutput(out_bytes, 0);
      const bool var_ok =
          var.run(c.params, c.input1, b.input, c.input2, b.filter, b.output);
      if (!counts.Count(v,
                        var_ok == ok && CheckOutput("add", var.name, t.cases,
                                                    out_bytes, 0),
                        &t)) {
        std::printf("kernels:   add %d elements, offsets %d,%d,%d shifts "
                    "%d,%d,%d clamp [%d,%d]\n",
                    static_cast<int>(out_bytes),
                    static_cast<int>(c.params.input1_offset),
                    static_cast<int>(c.params.input2_offset),
                    static_cast<int>(c.params.output_offset),
                    c.params.input1_shift, c.params.input2_shift,
                    c.params.output_shift, static_cast<int>(c.params.act_min),
                    static_cast<int>(c.params.act_max));
      }
    }
    ++t.cases;
  }
  counts.Report("add", kAddVariants, &t);
  return t;
}

}  // namespace kernel_test
}  // namespace mote
