// Every DEPTHWISE_CONV_2D int8 kernel variant (kernels/select.h) against
// the reference kernel, bit for bit, over randomised shapes and
// quantization: channel counts around the vector widths (8, 16, 32), depth
// multipliers, filter sizes, strides, dilations, paddings, extreme zero
// points, multipliers, shifts and biases.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "kernels/ref/depthwise_conv_2d.h"
#include "kernels/select.h"
#include "opt_test_util.h"

namespace mote {
namespace opt_test {
namespace {

struct DwCase {
  int batches = 1, in_h = 1, in_w = 1, in_ch = 1, multiplier = 1;
  int filter_h = 3, filter_w = 3;
  int stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1;
  Padding padding = Padding::kSame;
  bool has_bias = true;

  std::string Describe() const {
    return "in " + std::to_string(batches) + "x" + std::to_string(in_h) + "x" +
           std::to_string(in_w) + "x" + std::to_string(in_ch) + " x" +
           std::to_string(multiplier) + " filter " + std::to_string(filter_h) +
           "x" + std::to_string(filter_w) + DescribeWindow(*this);
  }
};

// input_zero_point: a fixed input zero point instead of a random one.
bool CheckDepthwise(const DwCase& c, Rng& rng,
                    const int* input_zero_point = nullptr) {
  SCOPED_TRACE(c.Describe());
  DepthwiseConvParams params;
  int out_h = 0, out_w = 0;
  if (!SetWindow(c, &params, &out_h, &out_w)) return false;
  const int out_ch = c.in_ch * c.multiplier;
  params.depth_multiplier = c.multiplier;
  params.input_offset =
      -(input_zero_point != nullptr ? *input_zero_point : rng.ZeroPoint());
  params.output_offset = rng.ZeroPoint();
  rng.ActivationRange(params.output_offset, &params.act_min, &params.act_max);

  const Shape input_shape = MakeShape({c.batches, c.in_h, c.in_w, c.in_ch});
  const Shape filter_shape = MakeShape({1, c.filter_h, c.filter_w, out_ch});
  const Shape output_shape =
      MakeShape({c.batches, out_h, out_w, out_ch});
  const std::vector<int8_t> input = rng.Int8s(input_shape.FlatSize());
  const std::vector<int8_t> filter = rng.Int8s(filter_shape.FlatSize());
  const std::vector<int32_t> bias = rng.Bias(out_ch);
  std::vector<int32_t> mult, shift;
  rng.Requantization(out_ch, &mult, &shift);
  const int32_t* bias_data = c.has_bias ? bias.data() : nullptr;

  std::vector<int8_t> expected(output_shape.FlatSize());
  ref::DepthwiseConvPerChannelS8(params, mult.data(), shift.data(),
                                 input_shape, input.data(), filter_shape,
                                 filter.data(), bias_data, output_shape,
                                 expected.data());
  ExpectEveryVariantMatches<int8_t>(
      expected,
      [&] {
        return opt::DepthwiseConvPerChannelS8_ScratchBytes(
            params, input_shape, filter_shape, output_shape);
      },
      [&](int8_t* got, void* scratch) {
        opt::DepthwiseConvPerChannelS8(params, mult.data(), shift.data(),
                                       input_shape, input.data(), filter_shape,
                                       filter.data(), bias_data, output_shape,
                                       got, scratch);
      },
      [&](long bad) {
        return " (channel " + std::to_string(bad % out_ch) + ")";
      });
  return true;
}

DwCase RandomCase(Rng& rng) {
  DwCase c;
  c.batches = rng.Chance(0.2) ? 2 : 1;
  c.in_ch = rng.Pick({1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 40,
                      48, 63, 64, 65});
  c.multiplier = rng.Chance(0.7) ? 1 : rng.Pick({2, 3, 4, 8});
  c.filter_h = rng.Int(1, 5);
  c.filter_w = rng.Int(1, 5);
  c.in_h = rng.Int(1, 10);
  c.in_w = rng.Int(1, 10);
  RandomWindow(rng, 0.6, &c);
  return c;
}

TEST(DepthwiseConvOptTest, RandomShapesMatchReference) {
  Rng rng(11262026);
  int checked = 0;
  for (int i = 0; i < 300; ++i) {
    if (CheckDepthwise(RandomCase(rng), rng)) ++checked;
    if (HasFailure()) return;
  }
  EXPECT_GT(checked, 200);
}

// The depthwise layers of the shared models (spatially smaller).
TEST(DepthwiseConvOptTest, ModelShapesMatchReference) {
  Rng rng(9);
  const DwCase cases[] = {
      // VWW: 8 channels 3x3, and 32 channels stride 2.
      {1, 12, 12, 8, 1, 3, 3, 1, 1, 1, 1, Padding::kSame, true},
      {1, 12, 12, 32, 1, 3, 3, 2, 2, 1, 1, Padding::kSame, true},
      // KWS: 64 channels on 25x5.
      {1, 25, 5, 64, 1, 3, 3, 1, 1, 1, 1, Padding::kSame, true},
      // micro_speech: 1 channel, multiplier 8, 10x8 filter, stride 2.
      {1, 49, 40, 1, 8, 10, 8, 2, 2, 1, 1, Padding::kSame, true},
      // Streaming wake word: tall filters on a width-1 image.
      {1, 30, 1, 40, 1, 3, 1, 1, 1, 1, 1, Padding::kValid, true},
      {1, 15, 1, 128, 1, 15, 1, 1, 1, 1, 1, Padding::kValid, true},
  };
  for (const DwCase& c : cases) {
    EXPECT_TRUE(CheckDepthwise(c, rng));
    if (HasFailure()) return;
  }
}

// One input channel with input zero point -128 (the AVX-512 VNNI path
// that feeds input ^ 0x80 to VPDPBUSD as unsigned bytes): filter widths up
// to 8 and beyond, channel counts up to 16 and beyond, small images so that
// most windows hang over an edge, and the micro_speech layer.
TEST(DepthwiseConvOptTest, OneChannelZeroPointMinus128MatchesReference) {
  Rng rng(12);
  const int zp = -128;
  for (int i = 0; i < 80; ++i) {
    DwCase c;
    c.batches = rng.Chance(0.2) ? 2 : 1;
    c.in_ch = 1;
    c.multiplier = rng.Pick({1, 2, 3, 4, 7, 8, 9, 16, 17});
    c.filter_h = rng.Int(1, 10);
    c.filter_w = rng.Int(1, 9);
    c.in_h = rng.Int(1, 14);
    c.in_w = rng.Int(1, 14);
    c.stride_h = rng.Int(1, 2);
    c.stride_w = rng.Int(1, 2);
    c.dilation_h = rng.Chance(0.2) ? 2 : 1;
    c.padding = rng.Chance(0.7) ? Padding::kSame : Padding::kValid;
    c.has_bias = rng.Chance(0.85);
    CheckDepthwise(c, rng, &zp);
    if (HasFailure()) return;
  }
  const DwCase micro_speech = {1, 49, 40, 1, 8, 10, 8, 2, 2, 1, 1,
                               Padding::kSame, true};
  EXPECT_TRUE(CheckDepthwise(micro_speech, rng, &zp));
}

// One input channel with any input zero point (the AVX2 path: image rows
// widened to int16 with the offset into a ring, four output pixels per
// pass): output widths 1-16 so every remainder of a 4-pixel pass occurs,
// strides 1-3 (2 and 1 are specialised), odd and even filter widths up to 8
// and beyond, tall and dilated filters whose rows wrap the ring, paddings,
// batches, extreme zero points; then micro_speech at both extremes.
TEST(DepthwiseConvOptTest, OneChannelAnyZeroPointMatchesReference) {
  Rng rng(13);
  int checked = 0;
  for (int i = 0; i < 150; ++i) {
    DwCase c;
    c.batches = rng.Chance(0.2) ? 2 : 1;
    c.in_ch = 1;
    c.multiplier = rng.Chance(0.6) ? 8 : rng.Pick({1, 2, 3, 5, 7, 9});
    c.filter_h = rng.Int(1, 12);
    c.filter_w = rng.Int(1, 9);
    c.stride_h = rng.Int(1, 3);
    c.stride_w = rng.Pick({1, 2, 2, 3});
    c.in_h = rng.Int(1, 16);
    c.in_w = rng.Int(1, 16) * c.stride_w;
    c.dilation_h = rng.Chance(0.25) ? rng.Int(2, 3) : 1;
    c.padding = rng.Chance(0.7) ? Padding::kSame : Padding::kValid;
    c.has_bias = rng.Chance(0.85);
    if (CheckDepthwise(c, rng)) ++checked;
    if (HasFailure()) return;
  }
  EXPECT_GT(checked, 100);
  const DwCase micro_speech = {1, 49, 40, 1, 8, 10, 8, 2, 2, 1, 1,
                               Padding::kSame, true};
  for (const int zp : {-128, 127, 3}) {
    EXPECT_TRUE(CheckDepthwise(micro_speech, rng, &zp));
  }
  // Rows too wide for the stack ring (5 x 1040 values): another path.
  EXPECT_TRUE(CheckDepthwise(
      {1, 5, 1030, 1, 8, 5, 3, 1, 1, 1, 1, Padding::kSame, true}, rng));
}

}  // namespace
}  // namespace opt_test
}  // namespace mote
