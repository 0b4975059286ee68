// Every CONV_2D int8 kernel variant (kernels/select.h) against the
// reference kernel, bit for bit, over randomised shapes and quantization:
// channel counts below, at and above the vector widths, odd sizes, strides,
// dilations, paddings, extreme zero points, multipliers, shifts and biases.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "kernels/ref/conv_2d.h"
#include "kernels/select.h"
#include "opt_test_util.h"

namespace mote {
namespace opt_test {
namespace {

struct ConvCase {
  int batches = 1, in_h = 1, in_w = 1, in_ch = 1;
  int out_ch = 1, filter_h = 1, filter_w = 1;
  int stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1;
  Padding padding = Padding::kValid;
  bool has_bias = true;

  std::string Describe() const {
    return "in " + std::to_string(batches) + "x" + std::to_string(in_h) + "x" +
           std::to_string(in_w) + "x" + std::to_string(in_ch) + " filter " +
           std::to_string(out_ch) + "x" + std::to_string(filter_h) + "x" +
           std::to_string(filter_w) + DescribeWindow(*this);
  }
};

// Runs one case with random data through the reference kernel and every
// variant; false when the geometry has no output (nothing to compare).
bool CheckConv(const ConvCase& c, Rng& rng) {
  SCOPED_TRACE(c.Describe());
  ConvParams params;
  int out_h = 0, out_w = 0;
  if (!SetWindow(c, &params, &out_h, &out_w)) return false;
  params.input_offset = -rng.ZeroPoint();
  params.output_offset = rng.ZeroPoint();
  rng.ActivationRange(params.output_offset, &params.act_min, &params.act_max);

  const Shape input_shape = MakeShape({c.batches, c.in_h, c.in_w, c.in_ch});
  const Shape filter_shape =
      MakeShape({c.out_ch, c.filter_h, c.filter_w, c.in_ch});
  const Shape output_shape =
      MakeShape({c.batches, out_h, out_w, c.out_ch});
  const std::vector<int8_t> input = rng.Int8s(input_shape.FlatSize());
  const std::vector<int8_t> filter = rng.Int8s(filter_shape.FlatSize());
  const std::vector<int32_t> bias = rng.Bias(c.out_ch);
  std::vector<int32_t> mult, shift;
  rng.Requantization(c.out_ch, &mult, &shift);
  const int32_t* bias_data = c.has_bias ? bias.data() : nullptr;

  std::vector<int8_t> expected(output_shape.FlatSize());
  ref::ConvPerChannelS8(params, mult.data(), shift.data(), input_shape,
                        input.data(), filter_shape, filter.data(), bias_data,
                        output_shape, expected.data());
  ExpectEveryVariantMatches<int8_t>(
      expected,
      [&] {
        return opt::ConvPerChannelS8_ScratchBytes(params, input_shape,
                                                  filter_shape, output_shape);
      },
      [&](int8_t* got, void* scratch) {
        opt::ConvPerChannelS8(params, mult.data(), shift.data(), input_shape,
                              input.data(), filter_shape, filter.data(),
                              bias_data, output_shape, got, scratch);
      },
      [&](long) {
        return " (zp in " + std::to_string(-params.input_offset) + ", out " +
               std::to_string(params.output_offset) + ", act [" +
               std::to_string(params.act_min) + ", " +
               std::to_string(params.act_max) + "])";
      });
  return true;
}

ConvCase RandomCase(Rng& rng) {
  ConvCase c;
  c.batches = rng.Chance(0.2) ? 2 : 1;
  c.in_ch = rng.Pick({1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 48,
                      63, 64, 65});
  c.out_ch = rng.Pick({1, 2, 3, 7, 8, 9, 15, 16, 17, 23, 24, 25, 31, 32, 33,
                       40, 47, 48, 64, 65});
  if (rng.Chance(0.35)) {
    c.filter_h = c.filter_w = 1;
  } else {
    c.filter_h = rng.Int(1, 5);
    c.filter_w = rng.Int(1, 5);
  }
  c.in_h = rng.Int(1, 11);
  c.in_w = rng.Int(1, 11);
  RandomWindow(rng, 0.5, &c);
  return c;
}

TEST(ConvOptTest, RandomShapesMatchReference) {
  Rng rng(20261126);
  int checked = 0;
  for (int i = 0; i < 300; ++i) {
    if (CheckConv(RandomCase(rng), rng)) ++checked;
    if (HasFailure()) return;
  }
  EXPECT_GT(checked, 200);
}

// The layer shapes of the shared models: first layers with 1 or 3 input
// channels, pointwise layers, 3x3 residual layers, strided and padded.
TEST(ConvOptTest, ModelShapesMatchReference) {
  Rng rng(7);
  const ConvCase cases[] = {
      // VWW first layer: 3 -> 8, 3x3 stride 2, SAME.
      {1, 24, 24, 3, 8, 3, 3, 2, 2, 1, 1, Padding::kSame, true},
      // KWS first layer: 1 channel, 10x4 filter, stride 2, SAME.
      {1, 49, 10, 1, 64, 10, 4, 2, 2, 1, 1, Padding::kSame, true},
      // Pointwise layers.
      {1, 12, 12, 8, 16, 1, 1, 1, 1, 1, 1, Padding::kSame, true},
      {1, 6, 6, 64, 128, 1, 1, 1, 1, 1, 1, Padding::kSame, true},
      {1, 3, 3, 128, 256, 1, 1, 1, 1, 1, 1, Padding::kValid, true},
      // Strided pointwise shortcut (ResNet).
      {1, 16, 16, 16, 32, 1, 1, 2, 2, 1, 1, Padding::kSame, true},
      // ResNet 3x3 layers.
      {1, 8, 8, 16, 16, 3, 3, 1, 1, 1, 1, Padding::kSame, true},
      {1, 8, 8, 32, 64, 3, 3, 2, 2, 1, 1, Padding::kSame, false},
      // A filter larger than its input with SAME padding.
      {1, 3, 2, 5, 9, 5, 5, 1, 1, 1, 1, Padding::kSame, true},
  };
  for (const ConvCase& c : cases) {
    EXPECT_TRUE(CheckConv(c, rng));
    if (HasFailure()) return;
  }
}

// Depths beyond what the packed (channels-in-lanes) paths take, and tiles
// with few rows: the dot-product paths (in place, through taps, through
// im2col rows), each with channel and depth tails.
TEST(ConvOptTest, DeepFiltersAndFewRowsMatchReference) {
  Rng rng(5);
  const ConvCase cases[] = {
      // 1x1, depth 640 and 650: rows in place.
      {1, 3, 4, 640, 9, 1, 1, 1, 1, 1, 1, Padding::kValid, true},
      {1, 4, 3, 650, 7, 1, 1, 1, 1, 1, 1, Padding::kValid, true},
      // 3x3 over 128 and 80 channels (multiples of 16): taps, padded.
      {1, 5, 4, 128, 13, 3, 3, 1, 1, 1, 1, Padding::kSame, true},
      {1, 4, 5, 80, 6, 3, 3, 1, 2, 2, 1, Padding::kSame, false},
      // 3x3 over 72 and 67 channels: im2col rows.
      {2, 4, 4, 72, 5, 3, 3, 1, 1, 1, 1, Padding::kSame, true},
      {1, 3, 5, 67, 11, 3, 3, 2, 1, 1, 1, Padding::kSame, true},
      // Few rows with a shallow filter: fewer than 8 outputs.
      {1, 2, 3, 16, 20, 1, 1, 1, 1, 1, 1, Padding::kValid, true},
      {1, 3, 3, 3, 8, 3, 3, 2, 2, 1, 1, Padding::kSame, true},
      {1, 2, 2, 32, 17, 3, 3, 1, 1, 1, 1, Padding::kSame, true},
  };
  for (const ConvCase& c : cases) {
    EXPECT_TRUE(CheckConv(c, rng));
    if (HasFailure()) return;
  }
}

// Outside what the optimised variants assume (a negative multiplier, an
// activation range beyond int8), every variant still equals the reference.
TEST(ConvOptTest, UnusualQuantizationFallsBackToReference) {
  const Shape input_shape = MakeShape({1, 4, 4, 8});
  const Shape filter_shape = MakeShape({8, 1, 1, 8});
  const Shape output_shape = MakeShape({1, 4, 4, 8});
  Rng rng(3);
  const std::vector<int8_t> input = rng.Int8s(128);
  const std::vector<int8_t> filter = rng.Int8s(64);
  std::vector<int32_t> mult(8, 1 << 30), shift(8, -3);
  mult[5] = -(1 << 30);
  ConvParams params;
  params.input_offset = 3;
  std::vector<int8_t> expected(128);
  ref::ConvPerChannelS8(params, mult.data(), shift.data(), input_shape,
                        input.data(), filter_shape, filter.data(), nullptr,
                        output_shape, expected.data());
  ForEachVariant([&] {
    GuardedScratch scratch(opt::ConvPerChannelS8_ScratchBytes(
        params, input_shape, filter_shape, output_shape));
    std::vector<int8_t> got(128);
    opt::ConvPerChannelS8(params, mult.data(), shift.data(), input_shape,
                          input.data(), filter_shape, filter.data(), nullptr,
                          output_shape, got.data(), scratch.data());
    EXPECT_EQ(got, expected);
  });
}

}  // namespace
}  // namespace opt_test
}  // namespace mote
