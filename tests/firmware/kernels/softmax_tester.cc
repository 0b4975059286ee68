// SOFTMAX int8: kernels/select.h's opt::SoftmaxS8 of this build against
// ref::SoftmaxS8 on random cases: parameters from ref::PrepareSoftmaxS8
// over input scales and betas from tiny (just above the fixed-point
// scheme's limit) to huge (capped multiplier, every non-maximum underflows);
// rows of 1 to 1000 values; values spread over all of int8, runs of the
// extremes, or a narrow band (small tables; all equal: 1/depth each).
#include <cstdio>

#include "kernels/ref/softmax.h"
#include "kernels/select.h"
#include "tester.h"

namespace mote {
namespace kernel_test {
namespace {

constexpr int32_t kDepths[] = {1,  2,  3,  4,  5,   8,   10,  12,  16,
                               17, 33, 64, 100, 255, 256, 257, 640, 1000};

bool MakeParams(Rng& rng, ref::SoftmaxParamsS8* params) {
  // input_scale * beta from 2^-21 .. 2^4.
  float scale = 1.0f + static_cast<float>(rng.Range(0, 1023)) / 1024;
  for (int e = rng.Range(0, 25); e > 0; --e) scale *= 0.5f;
  scale *= 16.0f;
  const float beta = rng.Chance(70) ? 1.0f : 0.25f * rng.Range(1, 12);
  return ref::PrepareSoftmaxS8(scale, beta, params);
}

void FillValues(Rng& rng, int8_t* data, int64_t n) {
  switch (rng.Range(0, 3)) {
    case 0: {
      // A narrow band somewhere in int8.
      const int32_t width = rng.Range(0, 12);
      const int32_t base = rng.Range(-128, 127 - width);
      for (int64_t i = 0; i < n; ++i) {
        data[i] = static_cast<int8_t>(base + rng.Range(0, width));
      }
      break;
    }
    default:
      FillRandomExtremes(rng, data, static_cast<size_t>(n));
      break;
  }
}

}  // namespace

Tally TestSoftmax(uint32_t seed, int cases) {
  Rng rng(seed);
  Buffers& b = TestBuffers();
  Tally t;
  int failures = 0;
  while (t.cases < cases) {
    ref::SoftmaxParamsS8 params;
    if (!MakeParams(rng, &params)) continue;
    const int32_t depth = rng.Pick(kDepths);
    const int32_t rows = rng.Chance(60) ? 1 : rng.Range(2, 9);
    const Shape shape = rng.Chance(50) ? MakeShape({rows, depth})
                                       : MakeShape({1, rows, 1, depth});
    const int64_t n = shape.FlatSize();
    if (static_cast<size_t>(n) > kMaxOutput) continue;
    FillValues(rng, b.input, n);
    ref::SoftmaxS8(params, shape, b.input, b.expected);
    const size_t scratch = opt::SoftmaxS8_ScratchBytes(params, shape);
    if (scratch > kMaxScratch) {
      std::printf("kernels: FAIL softmax asks %u scratch bytes\n",
                  static_cast<unsigned>(scratch));
      ++t.failures;
      break;
    }
    PrepareOutput(static_cast<size_t>(n), scratch);
    opt::SoftmaxS8(params, shape, b.input, b.output,
                   scratch > 0 ? b.scratch : nullptr);
    ++t.runs;
    if (!CheckOutput("softmax", opt::KernelIsaName(), t.cases,
                     static_cast<size_t>(n), scratch)) {
      ++failures;
      std::printf("kernels:   softmax %d x %d, multiplier %d shift %d "
                  "diff_min %d\n",
                  static_cast<int>(rows), static_cast<int>(depth),
                  static_cast<int>(params.input_multiplier),
                  params.input_left_shift, static_cast<int>(params.diff_min));
    }
    ++t.cases;
  }
  t.failures += failures;
  std::printf("kernels: softmax %-24s %3d runs, %d failures\n",
              opt::KernelIsaName(), t.runs, failures);
  return t;
}

}  // namespace kernel_test
}  // namespace mote
