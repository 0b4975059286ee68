// Every SOFTMAX int8 -> int8 kernel variant (kernels/select.h) against the
// reference kernel, bit for bit: depths below, at and above the vector
// widths (8, 32), many rows, value ranges from constant rows (the table
// path) to the full int8 range in tiny tensors (the reference path), betas
// and scales from barely above the limit to saturating, and rows whose sum
// of exps makes every probability round to zero.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "kernels/ref/softmax.h"
#include "kernels/select.h"
#include "opt_test_util.h"

namespace mote {
namespace opt_test {
namespace {

void CheckSoftmax(const Shape& shape, float scale, float beta,
                  const std::vector<int8_t>& input) {
  SCOPED_TRACE("rows x depth " + std::to_string(shape.FlatSize(0, 1)) + " x " +
               std::to_string(shape.dims[1]) + ", scale " +
               std::to_string(scale) + ", beta " + std::to_string(beta));
  ref::SoftmaxParamsS8 params;
  ASSERT_TRUE(ref::PrepareSoftmaxS8(scale, beta, &params));
  std::vector<int8_t> expected(input.size());
  ref::SoftmaxS8(params, shape, input.data(), expected.data());
  ExpectEveryVariantMatches<int8_t>(
      expected, [&] { return opt::SoftmaxS8_ScratchBytes(params, shape); },
      [&](int8_t* got, void* scratch) {
        opt::SoftmaxS8(params, shape, input.data(), got, scratch);
      });
}

TEST(SoftmaxOptTest, RandomShapesMatchReference) {
  Rng rng(11);
  for (int i = 0; i < 150; ++i) {
    const int rows = rng.Pick({1, 2, 3, 10, 49});
    const int depth = rng.Pick({1, 2, 7, 8, 9, 12, 31, 32, 33, 100, 1000});
    const float scale = rng.Pick({0.001f, 0.0039f, 0.02f, 0.1f, 0.25f, 1.0f});
    const float beta = rng.Pick({0.5f, 1.0f, 2.0f});
    std::vector<int8_t> input = rng.Int8s(static_cast<size_t>(rows) * depth);
    // Narrow ranges (logits close together) as often as wide ones.
    if (rng.Chance(0.5)) {
      const int lo = rng.Int(-128, 127);
      const int width = rng.Int(0, 20);
      for (auto& x : input) x = static_cast<int8_t>(std::min(127, lo + rng.Int(0, width)));
    }
    ref::SoftmaxParamsS8 probe;
    if (!ref::PrepareSoftmaxS8(scale, beta, &probe)) continue;
    CheckSoftmax(MakeShape({rows, depth}), scale, beta, input);
    if (HasFailure()) return;
  }
}

TEST(SoftmaxOptTest, ConstantRowsAndZeroProbabilitiesMatchReference) {
  Rng rng(12);
  // 600 equal values: the sum of exps reaches 512 and every probability
  // rounds to zero (-128), as in the reference.
  for (int depth : {511, 512, 600, 4100}) {
    CheckSoftmax(MakeShape({2, depth}), 0.1f, 1.0f,
                 std::vector<int8_t>(2 * static_cast<size_t>(depth), 5));
  }
  // One row spanning -128..127 with a tiny scale: every exp close to 1.
  std::vector<int8_t> ramp(256);
  for (int i = 0; i < 256; ++i) ramp[i] = static_cast<int8_t>(i - 128);
  CheckSoftmax(MakeShape({1, 256}), 0.0005f, 1.0f, ramp);
  // A huge beta * scale: differences below diff_min count as exp 0.
  CheckSoftmax(MakeShape({1, 256}), 1.0f, 100.0f, ramp);
  CheckSoftmax(MakeShape({4, 64}), 0.5f, 1.0f, rng.Int8s(256));
}

}  // namespace
}  // namespace opt_test
}  // namespace mote
