// Every AVERAGE_POOL_2D and MAX_POOL_2D int8 kernel variant
// (kernels/select.h) against the reference kernel, bit for bit: channel
// counts below, at and above the vector widths (16, 32), windows clipped by
// SAME padding, windows above the 256 elements the int16 sums allow,
// strides, activation ranges, values at the int8 extremes.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "kernels/ref/pooling.h"
#include "kernels/select.h"
#include "opt_test_util.h"

namespace mote {
namespace opt_test {
namespace {

struct PoolCase {
  int batches = 1, in_h = 1, in_w = 1, channels = 1;
  int filter_h = 1, filter_w = 1, stride_h = 1, stride_w = 1;
  Padding padding = Padding::kValid;
  std::string Describe() const {
    return "in " + std::to_string(batches) + "x" + std::to_string(in_h) + "x" +
           std::to_string(in_w) + "x" + std::to_string(channels) + " filter " +
           std::to_string(filter_h) + "x" + std::to_string(filter_w) +
           " stride " + std::to_string(stride_h) + "," +
           std::to_string(stride_w) +
           (padding == Padding::kSame ? " SAME" : " VALID");
  }
};

// Input values: uniform, or all at one extreme (the largest sums).
std::vector<int8_t> PoolInput(Rng& rng, size_t n) {
  const int r = rng.Int(0, 5);
  if (r == 0) return std::vector<int8_t>(n, -128);
  if (r == 1) return std::vector<int8_t>(n, 127);
  return rng.Int8s(n);
}

void CheckPool(const PoolCase& c, Rng& rng) {
  SCOPED_TRACE(c.Describe());
  ref::PoolParams p;
  p.filter_height = c.filter_h;
  p.filter_width = c.filter_w;
  p.stride_height = c.stride_h;
  p.stride_width = c.stride_w;
  int32_t out_h = 0, out_w = 0;
  ref::ComputePoolPadding(c.padding, c.in_h, c.filter_h, c.stride_h, &out_h,
                          &p.padding_height);
  ref::ComputePoolPadding(c.padding, c.in_w, c.filter_w, c.stride_w, &out_w,
                          &p.padding_width);
  ASSERT_GE(out_h, 1);
  ASSERT_GE(out_w, 1);
  rng.ActivationRange(rng.ZeroPoint(), &p.act_min, &p.act_max);
  const Shape in_shape = MakeShape({c.batches, c.in_h, c.in_w, c.channels});
  const Shape out_shape = MakeShape({c.batches, out_h, out_w, c.channels});
  const std::vector<int8_t> input = PoolInput(rng, in_shape.FlatSize());

  std::vector<int8_t> expected_avg(out_shape.FlatSize());
  std::vector<int8_t> expected_max(out_shape.FlatSize());
  ASSERT_TRUE(ref::AveragePoolS8(p, in_shape, input.data(), out_shape,
                                 expected_avg.data()));
  ref::MaxPoolS8(p, in_shape, input.data(), out_shape, expected_max.data());
  ForEachVariant([&] {
    EXPECT_EQ(opt::AveragePoolS8_ScratchBytes(p, in_shape, out_shape), 0u);
    std::vector<int8_t> got(out_shape.FlatSize(), 0x55);
    ASSERT_TRUE(opt::AveragePoolS8(p, in_shape, input.data(), out_shape,
                                   got.data(), nullptr));
    {
      SCOPED_TRACE("average");
      ExpectSame(expected_avg, got);
    }
    std::fill(got.begin(), got.end(), int8_t{0x55});
    opt::MaxPoolS8(p, in_shape, input.data(), out_shape, got.data());
    SCOPED_TRACE("max");
    ExpectSame(expected_max, got);
  });
}

TEST(PoolingOptTest, RandomShapesMatchReference) {
  Rng rng(7);
  for (int i = 0; i < 150; ++i) {
    PoolCase c;
    c.batches = rng.Chance(0.2) ? 2 : 1;
    c.channels = rng.Pick({1, 3, 7, 8, 15, 16, 17, 31, 32, 33, 47, 48, 63, 64,
                           65, 100});
    c.in_h = rng.Int(1, 12);
    c.in_w = rng.Int(1, 12);
    c.filter_h = rng.Int(1, 5);
    c.filter_w = rng.Int(1, 5);
    c.stride_h = rng.Int(1, 3);
    c.stride_w = rng.Int(1, 3);
    c.padding = rng.Chance(0.5) ? Padding::kSame : Padding::kValid;
    if (c.padding == Padding::kValid) {
      c.filter_h = std::min(c.filter_h, c.in_h);
      c.filter_w = std::min(c.filter_w, c.in_w);
    }
    CheckPool(c, rng);
    if (HasFailure()) return;
  }
}

TEST(PoolingOptTest, GlobalAndLargeWindowsMatchReference) {
  Rng rng(8);
  // Global pools as the models end: 125 (DS-CNN), 256 (at the int16 limit),
  // 257 and 1024 elements (the int32 path).
  const int sizes[][2] = {{25, 5}, {16, 16}, {1, 257}, {32, 32}};
  for (const auto& s : sizes) {
    for (int channels : {16, 17, 64}) {
      PoolCase c;
      c.in_h = c.filter_h = s[0];
      c.in_w = c.filter_w = s[1];
      c.channels = channels;
      for (int k = 0; k < 3; ++k) CheckPool(c, rng);
    }
  }
}

}  // namespace
}  // namespace opt_test
}  // namespace mote
