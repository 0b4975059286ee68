#include "tester.h"

#include <cstdio>
#include <cstring>

namespace mote {
namespace kernel_test {
namespace {

constexpr uint8_t kOutputPattern = 0x5A;
constexpr uint8_t kGuardPattern = 0xA5;

Buffers g_buffers;

}  // namespace

Buffers& TestBuffers() { return g_buffers; }

void FillRandom(Rng& rng, int8_t* data, size_t n) {
  for (size_t i = 0; i < n; ++i) data[i] = static_cast<int8_t>(rng.Next());
}

void FillRandomExtremes(Rng& rng, int8_t* data, size_t n) {
  const int mode = rng.Range(0, 3);
  for (size_t i = 0; i < n; ++i) {
    int8_t v = static_cast<int8_t>(rng.Next());
    if (mode == 1 && rng.Chance(50)) v = rng.Chance(50) ? -128 : 127;
    if (mode == 2) v = rng.Chance(50) ? -128 : 127;
    data[i] = v;
  }
}

void RandomRequant(Rng& rng, int n, int32_t* multiplier, int32_t* shift) {
  const bool extreme = rng.Chance(15);
  for (int i = 0; i < n; ++i) {
    multiplier[i] = (1 << 30) + rng.Range(0, (1 << 30) - 1);
    shift[i] = rng.Range(-12, -1);
    if (extreme) {
      switch (rng.Range(0, 6)) {
        case 0: multiplier[i] = 0; break;
        case 1: multiplier[i] = 2147483647; break;
        case 2: multiplier[i] = 1 << 30; break;
        case 3: shift[i] = rng.Range(0, 3); break;
        case 4: shift[i] = rng.Range(-31, -20); break;
        case 5: shift[i] = -1; break;
        default: break;
      }
    }
  }
}

void RandomBias(Rng& rng, int n, int32_t* bias) {
  const bool huge = rng.Chance(10);
  for (int i = 0; i < n; ++i) {
    bias[i] = huge ? static_cast<int32_t>(rng.Next()) >> rng.Range(0, 2)
                   : rng.Range(-40000, 40000);
  }
}

int32_t RandomZeroPoint(Rng& rng) {
  switch (rng.Range(0, 3)) {
    case 0: return -128;
    case 1: return 127;
    default: return rng.Range(-128, 127);
  }
}

void RandomActivation(Rng& rng, int32_t zp, int32_t* act_min,
                      int32_t* act_max) {
  switch (rng.Range(0, 3)) {
    case 0:  // RELU: [zp, 127]
      *act_min = zp;
      *act_max = 127;
      break;
    case 1: {  // RELU6-like
      *act_min = zp;
      *act_max = zp + rng.Range(0, 127 - zp);
      break;
    }
    default:  // none
      *act_min = -128;
      *act_max = 127;
      break;
  }
}

void PrepareOutput(size_t output_bytes, size_t scratch_bytes) {
  std::memset(g_buffers.output, kOutputPattern, output_bytes);
  std::memset(g_buffers.output + output_bytes, kGuardPattern, kGuard);
  std::memset(g_buffers.scratch, kOutputPattern, scratch_bytes);
  std::memset(g_buffers.scratch + scratch_bytes, kGuardPattern, kGuard);
}

bool CheckOutput(const char* family, const char* variant, int case_index,
                 size_t output_bytes, size_t scratch_bytes) {
  for (size_t i = 0; i < output_bytes; ++i) {
    if (g_buffers.output[i] != g_buffers.expected[i]) {
      std::printf("kernels: FAIL %s %s case %d: output[%u] = %d, reference %d\n",
                  family, variant, case_index, static_cast<unsigned>(i),
                  g_buffers.output[i], g_buffers.expected[i]);
      return false;
    }
  }
  for (size_t i = 0; i < kGuard; ++i) {
    if (static_cast<uint8_t>(g_buffers.output[output_bytes + i]) !=
        kGuardPattern) {
      std::printf("kernels: FAIL %s %s case %d: wrote past the output\n",
                  family, variant, case_index);
      return false;
    }
    if (g_buffers.scratch[scratch_bytes + i] != kGuardPattern) {
      std::printf("kernels: FAIL %s %s case %d: wrote past its %u scratch "
                  "bytes\n",
                  family, variant, case_index,
                  static_cast<unsigned>(scratch_bytes));
      return false;
    }
  }
  return true;
}

void RandomWindow(Rng& rng, Window* w) {
  w->filter_h = rng.Range(1, 5);
  w->filter_w = rng.Range(1, 5);
  w->stride_h = rng.Range(1, 3);
  w->stride_w = rng.Range(1, 3);
  w->dilation_h = rng.Range(1, 2);
  w->dilation_w = rng.Range(1, 2);
}

bool FitsBuffers(const Shape& input, const Shape& filter, const Shape& output) {
  return static_cast<size_t>(input.FlatSize()) <= kMaxInput &&
         static_cast<size_t>(filter.FlatSize()) <= kMaxFilter &&
         static_cast<size_t>(output.FlatSize()) <= kMaxOutput;
}

bool PrepareVariant(const char* family, const char* variant, int case_index,
                    size_t output_bytes, size_t scratch_bytes) {
  if (scratch_bytes > kMaxScratch) {
    std::printf("kernels: %s %s case %d needs %u scratch bytes, skipped\n",
                family, variant, case_index,
                static_cast<unsigned>(scratch_bytes));
    return false;
  }
  PrepareOutput(output_bytes, scratch_bytes);
  return true;
}

void* ScratchFor(size_t scratch_bytes) {
  return scratch_bytes > 0 ? g_buffers.scratch : nullptr;
}

void VariantCounts::Report(const char* family, const char* variant, int v,
                           Tally* t) const {
  std::printf("kernels: %s %-28s %3d runs, %d failures\n", family, variant,
              runs_[v], fails_[v]);
  if (runs_[v] == 0) {
    std::printf("kernels: FAIL %s %s never ran\n", family, variant);
    ++t->failures;
  }
}

}  // namespace kernel_test
}  // namespace mote
