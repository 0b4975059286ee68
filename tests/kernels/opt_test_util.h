// Shared pieces of the optimised-kernel testers (*_opt_test.cc): random
// quantization with extreme values, scratch buffers with guard bytes, a
// loop over every kernel variant this build runs on this CPU, and the
// window geometry (strides, dilations, padding) of the conv-like testers.
// The testers live in namespace mote::opt_test, so they name these as is.
#ifndef MOTE_TESTS_KERNELS_OPT_TEST_UTIL_H_
#define MOTE_TESTS_KERNELS_OPT_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "common/conv_window.h"
#include "kernels/kernel_variants.h"
#include "kernels/ref/conv_2d.h"
#include "mote/types.h"

namespace mote {
namespace opt_test {

class Rng {
 public:
  explicit Rng(uint32_t seed) : gen_(seed) {}
  int Int(int lo, int hi) {  // inclusive
    return std::uniform_int_distribution<int>(lo, hi)(gen_);
  }
  bool Chance(double p) { return std::bernoulli_distribution(p)(gen_); }
  template <typename T>
  T Pick(std::initializer_list<T> values) {
    return *(values.begin() + Int(0, static_cast<int>(values.size()) - 1));
  }
  std::vector<int8_t> Int8s(size_t n) {
    std::vector<int8_t> v(n);
    for (auto& x : v) x = static_cast<int8_t>(Int(-128, 127));
    return v;
  }
  // int16 activations: the extremes often (they make the int16x8
  // kernels' partial sums largest), otherwise anywhere.
  std::vector<int16_t> Int16s(size_t n) {
    std::vector<int16_t> v(n);
    for (auto& x : v) {
      const int r = Int(0, 9);
      x = static_cast<int16_t>(r == 0 ? -32768 : r == 1 ? 32767
                                                         : Int(-32768, 32767));
    }
    return v;
  }
  // A zero point: the extremes often, otherwise anywhere in int8.
  int32_t ZeroPoint() {
    const int r = Int(0, 3);
    return r == 0 ? -128 : r == 1 ? 127 : Int(-128, 127);
  }
  // Bias values: moderate, with the occasional extreme that makes the
  // accumulator wrap.
  std::vector<int32_t> Bias(size_t n) {
    std::vector<int32_t> v(n);
    for (auto& x : v) {
      const int r = Int(0, 19);
      x = r == 0   ? std::numeric_limits<int32_t>::max()
          : r == 1 ? std::numeric_limits<int32_t>::min()
                   : Int(-(1 << 20), 1 << 20);
    }
    return v;
  }
  // Per-channel Q31 multipliers as QuantizeMultiplier produces them (0, or
  // in [2^30, 2^31)) and shifts in [-31, 31], mostly in the range real
  // models use, sometimes at the ends.
  void Requantization(size_t n, std::vector<int32_t>* mult,
                      std::vector<int32_t>* shift) {
    mult->resize(n);
    shift->resize(n);
    for (size_t i = 0; i < n; ++i) {
      const int r = Int(0, 29);
      (*mult)[i] = r == 0   ? 0
                   : r == 1 ? std::numeric_limits<int32_t>::max()
                   : r == 2 ? (1 << 30)
                            : (1 << 30) + Int(0, (1 << 30) - 1);
      const int s = Int(0, 19);
      (*shift)[i] = s == 0 ? -31 : s == 1 ? 31 : s == 2 ? Int(-31, 31)
                                                        : Int(-12, 2);
    }
  }
  // An activation range: all of int8, a ReLU-like half, or a random window.
  void ActivationRange(int32_t output_zp, int32_t* act_min, int32_t* act_max) {
    const int r = Int(0, 2);
    if (r == 0) {
      *act_min = -128;
      *act_max = 127;
    } else if (r == 1) {
      *act_min = output_zp;
      *act_max = 127;
    } else {
      *act_min = Int(-128, 127);
      *act_max = Int(*act_min, 127);
    }
  }

 private:
  std::mt19937 gen_;
};

// A scratch buffer as the arena hands it out: 16-byte aligned but not
// 64-byte aligned, with guard bytes after it that must stay untouched.
class GuardedScratch {
 public:
  explicit GuardedScratch(size_t bytes) : bytes_(bytes) {
    storage_.assign(bytes + kGuard + 128, kPattern);
    uintptr_t p = reinterpret_cast<uintptr_t>(storage_.data());
    p = (p + 63) / 64 * 64 + 16;
    offset_ = p - reinterpret_cast<uintptr_t>(storage_.data());
  }
  void* data() { return bytes_ == 0 ? nullptr : storage_.data() + offset_; }
  bool GuardIntact() const {
    for (size_t i = 0; i < kGuard; ++i) {
      if (storage_[offset_ + bytes_ + i] != kPattern) return false;
    }
    return true;
  }

 private:
  static constexpr size_t kGuard = 64;
  static constexpr uint8_t kPattern = 0xA5;
  size_t bytes_;
  size_t offset_ = 0;
  std::vector<uint8_t> storage_;
};

// Runs `body` once per kernel variant (the reference kernels included),
// with the variant's name traced; restores the best variant afterwards.
inline void ForEachVariant(const std::function<void()>& body) {
  const int count = opt::KernelVariantCount();
  for (int v = 0; v < count; ++v) {
    opt::SetKernelVariant(v);
    SCOPED_TRACE(std::string("kernel variant ") + opt::KernelVariantName(v));
    body();
  }
  opt::SetKernelVariant(count - 1);
}

// Index of the first difference, or -1.
template <typename T>
long FirstMismatch(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) return 0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return static_cast<long>(i);
  }
  return -1;
}

// Expects `got` to equal `expected` bit for bit, naming the first
// difference; `where(i)` (if given) says more about a difference at i.
template <typename T>
void ExpectSame(const std::vector<T>& expected, const std::vector<T>& got,
                const std::function<std::string(long)>& where = nullptr) {
  const long bad = FirstMismatch(expected, got);
  EXPECT_EQ(bad, -1) << "first mismatch at " << bad
                     << (bad >= 0 && where ? where(bad) : std::string())
                     << ": expected " << (bad >= 0 ? int{expected[bad]} : 0)
                     << ", got " << (bad >= 0 ? int{got[bad]} : 0);
}

// Runs `run(output, scratch)` once per kernel variant, with a fresh output
// of expected.size() values and a guarded scratch of `scratch_bytes()`
// (asked per variant), and expects ExpectSame and the scratch's guard to
// stay intact.
template <typename T>
void ExpectEveryVariantMatches(
    const std::vector<T>& expected,
    const std::function<size_t()>& scratch_bytes,
    const std::function<void(T* output, void* scratch)>& run,
    const std::function<std::string(long)>& where = nullptr) {
  ForEachVariant([&] {
    GuardedScratch scratch(scratch_bytes());
    std::vector<T> got(expected.size(), T{0x55});
    run(got.data(), scratch.data());
    ExpectSame(expected, got, where);
    EXPECT_TRUE(scratch.GuardIntact()) << "kernel wrote past its scratch";
  });
}

// The window of a conv-like case (any type with these members: in_h, in_w,
// filter_h, filter_w, stride_h, stride_w, dilation_h, dilation_w, padding,
// has_bias).

// Random strides, dilations, padding (SAME with chance `same`) and bias.
template <typename Case>
void RandomWindow(Rng& rng, double same, Case* c) {
  c->stride_h = rng.Chance(0.3) ? rng.Int(2, 3) : 1;
  c->stride_w = rng.Chance(0.3) ? rng.Int(2, 3) : 1;
  c->dilation_h = rng.Chance(0.2) ? rng.Int(2, 3) : 1;
  c->dilation_w = rng.Chance(0.2) ? rng.Int(2, 3) : 1;
  c->padding = rng.Chance(same) ? Padding::kSame : Padding::kValid;
  c->has_bias = rng.Chance(0.85);
}

template <typename Case>
std::string DescribeWindow(const Case& c) {
  return " stride " + std::to_string(c.stride_h) + "," +
         std::to_string(c.stride_w) + " dilation " +
         std::to_string(c.dilation_h) + "," + std::to_string(c.dilation_w) +
         (c.padding == Padding::kSame ? " SAME" : " VALID") +
         (c.has_bias ? "" : " no bias");
}

// Sets the strides, dilations and paddings of `params` (ConvParams or
// DepthwiseConvParams) and the output size; false when there is no output.
template <typename Case, typename Params>
bool SetWindow(const Case& c, Params* params, int* out_h, int* out_w) {
  return test::SetConvWindow(c.padding, c.in_h, c.in_w, c.filter_h, c.filter_w,
                             c.stride_h, c.stride_w, c.dilation_h,
                             c.dilation_w, params, out_h, out_w);
}

}  // namespace opt_test
}  // namespace mote

#endif  // MOTE_TESTS_KERNELS_OPT_TEST_UTIL_H_
