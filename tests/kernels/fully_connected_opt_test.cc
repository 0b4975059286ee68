// Every FULLY_CONNECTED int8 kernel variant (kernels/select.h), per-tensor
// and per-channel, against the reference kernels, bit for bit: depths
// below, at and above the vector widths (16, 64), unit counts around the
// block of 8, batches, extreme zero points, multipliers, shifts and biases.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "kernels/ref/fully_connected.h"
#include "kernels/select.h"
#include "opt_test_util.h"

namespace mote {
namespace opt_test {
namespace {

void CheckFullyConnected(int batches, int depth, int units, bool per_channel,
                         bool has_bias, Rng& rng) {
  SCOPED_TRACE("batches " + std::to_string(batches) + " depth " +
               std::to_string(depth) + " units " + std::to_string(units) +
               (per_channel ? " per-channel" : " per-tensor") +
               (has_bias ? "" : " no bias"));
  FullyConnectedParams params;
  params.input_offset = -rng.ZeroPoint();
  params.output_offset = rng.ZeroPoint();
  rng.ActivationRange(params.output_offset, &params.act_min, &params.act_max);
  std::vector<int32_t> mult, shift;
  rng.Requantization(units, &mult, &shift);
  params.output_multiplier = mult[0];
  params.output_shift = shift[0];

  const Shape input_shape = MakeShape({batches, depth});
  const Shape filter_shape = MakeShape({units, depth});
  const Shape output_shape = MakeShape({batches, units});
  const std::vector<int8_t> input = rng.Int8s(input_shape.FlatSize());
  const std::vector<int8_t> filter = rng.Int8s(filter_shape.FlatSize());
  const std::vector<int32_t> bias = rng.Bias(units);
  const int32_t* bias_data = has_bias ? bias.data() : nullptr;

  std::vector<int8_t> expected(output_shape.FlatSize());
  if (per_channel) {
    ref::FullyConnectedPerChannelS8(params, mult.data(), shift.data(),
                                    input_shape, input.data(), filter_shape,
                                    filter.data(), bias_data, output_shape,
                                    expected.data());
  } else {
    ref::FullyConnectedS8(params, input_shape, input.data(), filter_shape,
                          filter.data(), bias_data, output_shape,
                          expected.data());
  }
  ForEachVariant([&] {
    std::vector<int8_t> got(output_shape.FlatSize(), 0x55);
    if (per_channel) {
      GuardedScratch scratch(opt::FullyConnectedPerChannelS8_ScratchBytes(
          params, input_shape, filter_shape, output_shape));
      opt::FullyConnectedPerChannelS8(params, mult.data(), shift.data(),
                                      input_shape, input.data(), filter_shape,
                                      filter.data(), bias_data, output_shape,
                                      got.data(), scratch.data());
      EXPECT_TRUE(scratch.GuardIntact()) << "kernel wrote past its scratch";
    } else {
      GuardedScratch scratch(opt::FullyConnectedS8_ScratchBytes(
          params, input_shape, filter_shape, output_shape));
      opt::FullyConnectedS8(params, input_shape, input.data(), filter_shape,
                            filter.data(), bias_data, output_shape,
                            got.data(), scratch.data());
      EXPECT_TRUE(scratch.GuardIntact()) << "kernel wrote past its scratch";
    }
    ExpectSame(expected, got);
  });
}

TEST(FullyConnectedOptTest, RandomShapesMatchReference) {
  Rng rng(1126);
  for (int i = 0; i < 300; ++i) {
    const int batches = rng.Chance(0.25) ? rng.Int(2, 5) : 1;
    const int depth = rng.Pick({1, 2, 3, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64,
                                65, 100, 127, 128, 129, 200, 256, 257});
    const int units = rng.Pick({1, 2, 3, 5, 7, 8, 9, 12, 15, 16, 17, 24, 33});
    CheckFullyConnected(batches, depth, units, rng.Chance(0.5),
                        rng.Chance(0.85), rng);
    if (HasFailure()) return;
  }
}

// The FULLY_CONNECTED layers of the shared models.
TEST(FullyConnectedOptTest, ModelShapesMatchReference) {
  Rng rng(13);
  CheckFullyConnected(1, 640, 128, false, true, rng);  // AD: encoder in
  CheckFullyConnected(1, 128, 640, false, true, rng);  // AD: decoder out
  CheckFullyConnected(1, 128, 8, true, true, rng);     // AD: bottleneck
  CheckFullyConnected(1, 4000, 4, false, true, rng);   // micro_speech
  CheckFullyConnected(1, 64, 12, true, true, rng);     // KWS
}

// A non-zero filter offset (asymmetric weights, which the op wrapper
// rejects) still gives the reference result.
TEST(FullyConnectedOptTest, FilterOffsetFallsBackToReference) {
  Rng rng(17);
  FullyConnectedParams params;
  params.input_offset = 5;
  params.filter_offset = 3;
  params.output_multiplier = 1 << 30;
  params.output_shift = -8;
  const Shape input_shape = MakeShape({1, 40});
  const Shape filter_shape = MakeShape({9, 40});
  const Shape output_shape = MakeShape({1, 9});
  const std::vector<int8_t> input = rng.Int8s(40);
  const std::vector<int8_t> filter = rng.Int8s(360);
  std::vector<int8_t> expected(9);
  ref::FullyConnectedS8(params, input_shape, input.data(), filter_shape,
                        filter.data(), nullptr, output_shape, expected.data());
  ForEachVariant([&] {
    GuardedScratch scratch(opt::FullyConnectedS8_ScratchBytes(
        params, input_shape, filter_shape, output_shape));
    std::vector<int8_t> got(9);
    opt::FullyConnectedS8(params, input_shape, input.data(), filter_shape,
                          filter.data(), nullptr, output_shape, got.data(),
                          scratch.data());
    EXPECT_EQ(got, expected);
  });
}

}  // namespace
}  // namespace opt_test
}  // namespace mote
