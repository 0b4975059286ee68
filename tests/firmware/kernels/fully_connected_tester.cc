// FULLY_CONNECTED: every variant against ref::FullyConnectedS8 (per-tensor)
// or ref::FullyConnectedPerChannelS8 on random cases: batch 1 (the usual)
// and a few rows, depths and unit counts below, at and above the vector
// widths, a weights zero point now and then (per-tensor: the selecting
// entry point must fall back), extreme zero points, multipliers, biases
// and clamps.
#include <cstdio>

#include "kernels/ref/fully_connected.h"
#include "kernels/select.h"
#include "tester.h"
#include "variants.h"

namespace mote {
namespace kernel_test {
namespace {

struct FullyConnectedCase {
  FullyConnectedParams params;
  bool per_channel;
  Shape input, filter, output;
};

constexpr int32_t kDepths[] = {1,  2,  3,  4,  5,  7,  8,   15,  16,  17,
                               31, 32, 33, 64, 65, 127, 128, 256, 640, 1000};
constexpr int32_t kUnits[] = {1, 2, 3, 4, 5, 7, 8, 10, 12, 16, 17, 33, 64, 128};
constexpr int64_t kMaxMacs = 100000;

bool MakeCase(Rng& rng, FullyConnectedCase* c) {
  const int depth = rng.Pick(kDepths);
  const int units = rng.Pick(kUnits);
  const int batches = rng.Chance(70) ? 1 : rng.Range(2, 6);
  c->input = MakeShape({batches, depth});
  c->filter = MakeShape({units, depth});
  c->output = MakeShape({batches, units});
  if (!FitsBuffers(c->input, c->filter, c->output) ||
      int64_t{batches} * depth * units > kMaxMacs) {
    return false;
  }
  c->per_channel = rng.Chance(50);
  FullyConnectedParams& p = c->params;
  p = FullyConnectedParams();
  p.input_offset = -RandomZeroPoint(rng);
  p.output_offset = RandomZeroPoint(rng);
  p.filter_offset = !c->per_channel && rng.Chance(10) ? rng.Range(-127, 127) : 0;
  RandomActivation(rng, p.output_offset, &p.act_min, &p.act_max);
  return true;
}

}  // namespace

Tally TestFullyConnected(uint32_t seed, int cases) {
  Rng rng(seed);
  Buffers& b = TestBuffers();
  VariantCounts counts;
  Tally t;
  FullyConnectedCase c;
  while (t.cases < cases) {
    if (!MakeCase(rng, &c)) continue;
    const int units = c.output.dims[1];
    FillRandomExtremes(rng, b.input, c.input.FlatSize());
    FillRandomExtremes(rng, b.filter, c.filter.FlatSize());
    RandomBias(rng, units, b.bias);
    RandomRequant(rng, units, b.multiplier, b.shift);
    c.params.output_multiplier = b.multiplier[0];
    c.params.output_shift = b.shift[0];
    const int32_t* bias = rng.Chance(10) ? nullptr : b.bias;
    if (c.per_channel) {
      ref::FullyConnectedPerChannelS8(c.params, b.multiplier, b.shift, c.input,
                                      b.input, c.filter, b.filter, bias,
                                      c.output, b.expected);
    } else {
      ref::FullyConnectedS8(c.params, c.input, b.input, c.filter, b.filter,
                            bias, c.output, b.expected);
    }
    const auto wanted = [&](const FullyConnectedVariant& var) {
      return var.per_channel == c.per_channel;
    };
    RunVariants(
        "fully_connected", kFullyConnectedVariants, wanted, c.params,
        c.input, c.filter, c.output, t.cases, &counts, &t,
        [&](const auto& var, void* scratch) {
          var.run(c.params, c.per_channel ? b.multiplier : nullptr,
                  c.per_channel ? b.shift : nullptr, c.input, b.input, c.filter,
                  b.filter, bias, c.output, b.output, scratch);
        },
        [&] {
          std::printf("kernels:   batches %d depth %d units %d offsets %d,%d,%d "
                      "clamp [%d,%d]\n",
                      (int)c.input.dims[0], (int)c.input.dims[1],
                      (int)c.filter.dims[0], (int)c.params.input_offset,
                      (int)c.params.filter_offset, (int)c.params.output_offset,
                      (int)c.params.act_min, (int)c.params.act_max);
        });
    ++t.cases;
  }
  counts.Report("fully_connected", kFullyConnectedVariants, &t);
  return t;
}

}  // namespace kernel_test
}  // namespace mote
