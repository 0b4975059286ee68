// Shared pieces of the int8 binary-op kernel tests (add_test.cc,
// sub_test.cc, mul_test.cc): building the params from scales and zero
// points, running a broadcasting kernel into a fresh output, and the float
// cross-check over random inputs. Each op keeps its own expectations; only
// the plumbing is here.
#ifndef MOTE_TESTS_KERNELS_BINARY_S8_TEST_UTIL_H_
#define MOTE_TESTS_KERNELS_BINARY_S8_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <initializer_list>
#include <random>
#include <vector>

#include "kernels/ref/broadcast.h"
#include "mote/types.h"

namespace mote {
namespace binary_s8_test {

// Round half away from zero, then clamp to int8: the reference for the
// float cross-checks.
inline int QuantizeRef(double real, double scale, int zero_point) {
  const double q = std::round(real / scale) + zero_point;
  return static_cast<int>(std::fmin(127.0, std::fmax(-128.0, q)));
}

// ref::MakeAddParams, MakeSubParams, MakeMulParams.
template <typename Params>
using MakeParamsFn = bool (*)(DataType, float, int32_t, float, int32_t, float,
                              int32_t, Activation, Params*);
// ref::AddS8, SubS8, MulS8.
template <typename Params>
using KernelS8Fn = bool (*)(const Params&, const Shape&, const int8_t*,
                            const Shape&, const int8_t*, int8_t*);

// int8 params from the scales and zero points; expects `make` to accept them.
template <typename Params>
Params MakeS8Params(MakeParamsFn<Params> make, float s1, int z1, float s2,
                    int z2, float so, int zo, Activation act) {
  Params p;
  EXPECT_TRUE(make(DataType::kInt8, s1, z1, s2, z2, so, zo, act, &p));
  return p;
}

// Runs `kernel` on a and b (broadcast to their common shape) into a fresh
// output filled with 0x55; expects the shapes to broadcast and the kernel
// to succeed.
template <typename Params>
std::vector<int8_t> RunS8(KernelS8Fn<Params> kernel, const Params& p,
                          const Shape& s1, const std::vector<int8_t>& a,
                          const Shape& s2, const std::vector<int8_t>& b) {
  Shape out_shape;
  EXPECT_TRUE(ref::BroadcastShapes(s1, s2, &out_shape));
  std::vector<int8_t> out(static_cast<size_t>(out_shape.FlatSize()), 0x55);
  EXPECT_TRUE(kernel(p, s1, a.data(), s2, b.data(), out.data()));
  return out;
}

// Scales and zero points of one float cross-check case.
struct ScaleCase {
  float s1;
  int z1;
  float s2;
  int z2;
  float so;
  int zo;
};

// For each case: 2000 random int8 pairs (from one mt19937 seeded `seed`,
// drawn a, b, a, b, ...), run through `kernel`; every output must be
// within one LSB of QuantizeRef(real_op(real a, real b)) and more than 95%
// exactly equal (the fixed-point path is off by one only near rounding
// ties).
template <typename Params, typename RealOp>
void ExpectFloatCrossCheck(MakeParamsFn<Params> make, KernelS8Fn<Params> kernel,
                           RealOp real_op, uint32_t seed,
                           std::initializer_list<ScaleCase> cases) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> q(-128, 127);
  for (const ScaleCase& c : cases) {
    const Params p = MakeS8Params(make, c.s1, c.z1, c.s2, c.z2, c.so, c.zo,
                                  Activation::kNone);
    const int n = 2000;
    std::vector<int8_t> a(n), b(n);
    for (int i = 0; i < n; ++i) {
      a[i] = static_cast<int8_t>(q(rng));
      b[i] = static_cast<int8_t>(q(rng));
    }
    const Shape s = MakeShape({n});
    const auto out = RunS8(kernel, p, s, a, s, b);
    int exact = 0;
    for (int i = 0; i < n; ++i) {
      const double real = real_op((a[i] - c.z1) * static_cast<double>(c.s1),
                                  (b[i] - c.z2) * static_cast<double>(c.s2));
      const int expected = QuantizeRef(real, c.so, c.zo);
      ASSERT_LE(std::abs(out[i] - expected), 1)
          << "a=" << int{a[i]} << " b=" << int{b[i]} << " scale " << c.so;
      exact += out[i] == expected;
    }
    EXPECT_GT(exact, n * 95 / 100);
  }
}

}  // namespace binary_s8_test
}  // namespace mote

#endif  // MOTE_TESTS_KERNELS_BINARY_S8_TEST_UTIL_H_
