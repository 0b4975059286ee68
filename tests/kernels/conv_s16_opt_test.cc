// Every int16x8 CONV_2D and FULLY_CONNECTED kernel variant
// (kernels/select.h) against the reference kernels, bit for bit: channel
// counts below, at and above the 16-element steps and the 4-channel groups,
// depths long enough to fold the int32 partial sums into int64 more than
// once, strides, dilations, paddings, int16 extremes, int64 and int32
// biases (the int32 one wraps), multipliers and shifts at their limits.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "kernels/quant_math.h"
#include "kernels/ref/conv_2d.h"
#include "kernels/ref/fully_connected.h"
#include "kernels/select.h"
#include "opt_test_util.h"

namespace mote {
namespace opt_test {
namespace {

std::vector<int64_t> Bias64(Rng& rng, size_t n) {
  std::vector<int64_t> v(n);
  for (auto& x : v) {
    const int r = rng.Int(0, 9);
    x = r == 0 ? (int64_t{1} << 40) : r == 1 ? -(int64_t{1} << 40)
                                             : rng.Int(-(1 << 24), 1 << 24);
  }
  return v;
}

// The int16x8 kernels' shifts are at most kMaxShiftS64.
void Requantization16(Rng& rng, size_t n, std::vector<int32_t>* mult,
                      std::vector<int32_t>* shift) {
  rng.Requantization(n, mult, shift);
  for (auto& s : *shift) s = std::min(s, int32_t{kMaxShiftS64});
}

// `extreme`: every input -32768 and every weight -128, so every product is
// +2^22 and the partial sums are as large as they get.
void CheckConv(Rng& rng, int in_ch, int out_ch, bool bias32,
               bool extreme = false) {
  const int filter_h = extreme ? 3 : rng.Int(1, 3);
  const int filter_w = extreme ? 3 : rng.Int(1, 3);
  const int in_h = extreme ? 3 : rng.Int(1, 7);
  const int in_w = extreme ? 3 : rng.Int(1, 7);
  const int stride = rng.Int(1, 2), dilation = rng.Chance(0.2) ? 2 : 1;
  const Padding padding = rng.Chance(0.5) ? Padding::kSame : Padding::kValid;
  const ConvAxis rows = ComputeConvAxis(padding, in_h, filter_h, stride, dilation);
  const ConvAxis cols = ComputeConvAxis(padding, in_w, filter_w, stride, dilation);
  if (rows.out_size < 1 || cols.out_size < 1) return;
  SCOPED_TRACE("in " + std::to_string(in_h) + "x" + std::to_string(in_w) +
               "x" + std::to_string(in_ch) + " filter " +
               std::to_string(out_ch) + "x" + std::to_string(filter_h) + "x" +
               std::to_string(filter_w) + (bias32 ? " int32 bias" : ""));
  ConvParams params;
  params.stride_height = params.stride_width = stride;
  params.dilation_height = params.dilation_width = dilation;
  params.pad_height = rows.pad;
  params.pad_width = cols.pad;
  params.output_offset = rng.Chance(0.8) ? 0 : rng.Int(-100, 100);
  params.act_min = rng.Chance(0.7) ? -32768 : rng.Int(-32768, 0);
  params.act_max = rng.Chance(0.7) ? 32767 : rng.Int(0, 32767);
  const Shape in_shape = MakeShape({1, in_h, in_w, in_ch});
  const Shape f_shape = MakeShape({out_ch, filter_h, filter_w, in_ch});
  const Shape out_shape =
      MakeShape({1, rows.out_size, cols.out_size, out_ch});
  std::vector<int16_t> input = rng.Int16s(in_shape.FlatSize());
  std::vector<int8_t> filter = rng.Int8s(f_shape.FlatSize());
  if (extreme) {
    std::fill(input.begin(), input.end(), int16_t{-32768});
    std::fill(filter.begin(), filter.end(), int8_t{-128});
  }
  std::vector<int32_t> mult, shift;
  Requantization16(rng, out_ch, &mult, &shift);
  const std::vector<int64_t> bias64 = Bias64(rng, out_ch);
  const std::vector<int32_t> bias32v = rng.Bias(out_ch);
  const bool has_bias = rng.Chance(0.85);

  std::vector<int16_t> expected(out_shape.FlatSize());
  if (bias32) {
    ref::ConvPerChannelS16(params, mult.data(), shift.data(), in_shape,
                           input.data(), f_shape, filter.data(),
                           has_bias ? bias32v.data() : nullptr, out_shape,
                           expected.data());
  } else {
    ref::ConvPerChannelS16(params, mult.data(), shift.data(), in_shape,
                           input.data(), f_shape, filter.data(),
                           has_bias ? bias64.data() : nullptr, out_shape,
                           expected.data());
  }
  ForEachVariant([&] {
    GuardedScratch scratch(opt::ConvPerChannelS16_ScratchBytes(
        params, in_shape, f_shape, out_shape));
    std::vector<int16_t> got(out_shape.FlatSize(), 0x5555);
    if (bias32) {
      opt::ConvPerChannelS16(params, mult.data(), shift.data(), in_shape,
                             input.data(), f_shape, filter.data(),
                             has_bias ? bias32v.data() : nullptr, out_shape,
                             got.data(), scratch.data());
    } else {
      opt::ConvPerChannelS16(params, mult.data(), shift.data(), in_shape,
                             input.data(), f_shape, filter.data(),
                             has_bias ? bias64.data() : nullptr, out_shape,
                             got.data(), scratch.data());
    }
    ExpectSame(expected, got);
    EXPECT_TRUE(scratch.GuardIntact());
  });
}

TEST(ConvS16OptTest, RandomShapesMatchReference) {
  Rng rng(21);
  for (int i = 0; i < 120; ++i) {
    const int in_ch = rng.Pick({1, 3, 8, 15, 16, 17, 31, 32, 33, 64});
    const int out_ch = rng.Pick({1, 2, 3, 4, 5, 7, 8, 9, 16, 17});
    CheckConv(rng, in_ch, out_ch, rng.Chance(0.4));
    if (HasFailure()) return;
  }
}

TEST(ConvS16OptTest, LongAccumulationsMatchReference) {
  // Up to 3x3 taps of 512 channels: up to 288 vector steps, folded into
  // int64 twice, with the largest partial sums.
  Rng rng(22);
  for (int k = 0; k < 4; ++k) CheckConv(rng, 512, 5, k == 3, /*extreme=*/true);
}

void CheckFullyConnected(Rng& rng, int batches, int depth, int units) {
  SCOPED_TRACE(std::to_string(batches) + " x " + std::to_string(depth) +
               " -> " + std::to_string(units));
  FullyConnectedParams params;
  std::vector<int32_t> mult, shift;
  Requantization16(rng, 1, &mult, &shift);
  params.output_multiplier = mult[0];
  params.output_shift = shift[0];
  params.output_offset = rng.Chance(0.8) ? 0 : rng.Int(-100, 100);
  params.act_min = rng.Chance(0.7) ? -32768 : rng.Int(-32768, 0);
  params.act_max = rng.Chance(0.7) ? 32767 : rng.Int(0, 32767);
  const Shape in_shape = MakeShape({batches, depth});
  const Shape f_shape = MakeShape({units, depth});
  const Shape out_shape = MakeShape({batches, units});
  std::vector<int16_t> input = rng.Int16s(in_shape.FlatSize());
  if (rng.Chance(0.2)) std::fill(input.begin(), input.end(), int16_t{-32768});
  std::vector<int8_t> filter = rng.Int8s(f_shape.FlatSize());
  if (rng.Chance(0.2)) std::fill(filter.begin(), filter.end(), int8_t{-128});
  const std::vector<int64_t> bias = Bias64(rng, units);
  const int64_t* bias_data = rng.Chance(0.85) ? bias.data() : nullptr;
  std::vector<int16_t> expected(out_shape.FlatSize());
  ref::FullyConnectedS16(params, in_shape, input.data(), f_shape,
                         filter.data(), bias_data, out_shape, expected.data());
  ForEachVariant([&] {
    GuardedScratch scratch(opt::FullyConnectedS16_ScratchBytes(
        params, in_shape, f_shape, out_shape));
    std::vector<int16_t> got(out_shape.FlatSize(), 0x5555);
    opt::FullyConnectedS16(params, in_shape, input.data(), f_shape,
                           filter.data(), bias_data, out_shape, got.data(),
                           scratch.data());
    ExpectSame(expected, got);
    EXPECT_TRUE(scratch.GuardIntact());
  });
}

TEST(FullyConnectedS16OptTest, RandomShapesMatchReference) {
  Rng rng(23);
  for (int i = 0; i < 100; ++i) {
    CheckFullyConnected(rng, rng.Pick({1, 2, 5}),
                        rng.Pick({1, 7, 15, 16, 17, 33, 64, 250, 2049, 4100}),
                        rng.Pick({1, 3, 4, 5, 8, 12, 17}));
    if (HasFailure()) return;
  }
}

}  // namespace
}  // namespace opt_test
}  // namespace mote
