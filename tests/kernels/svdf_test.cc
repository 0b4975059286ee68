// Tests of the SVDF reference kernels: hand-computed invokes (state shift,
// feature and time products, rank reduction), TFLite Micro's int8-state
// wrap-around, and a float cross-check against a double implementation.
#include "kernels/ref/svdf.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "kernels/quant_math.h"

namespace mote {
namespace {

SvdfParamsS8 UnitParams() {
  SvdfParamsS8 p;
  QuantizeMultiplier(1.0, &p.feature_multiplier, &p.feature_shift);
  QuantizeMultiplier(1.0, &p.output_multiplier, &p.output_shift);
  return p;
}

SvdfDims Dims(int32_t batches, int32_t input_size, int32_t filters, int32_t rank,
              int32_t memory) {
  SvdfDims d;
  d.batches = batches;
  d.input_size = input_size;
  d.num_filters = filters;
  d.rank = rank;
  d.memory_size = memory;
  return d;
}

TEST(SvdfS8Test, HandComputedTwoInvokesShiftTheState) {
  // 1 batch, input 2, 2 filters of rank 1 (2 units), memory 2; all scales 1.
  const SvdfDims d = Dims(1, 2, 2, 1, 2);
  const SvdfParamsS8 p = UnitParams();
  const std::vector<int8_t> wf = {1, 2, 3, -1};
  const std::vector<int16_t> wt = {1, 1, 2, -1};
  const std::vector<int32_t> bias = {10, 20};
  std::vector<int16_t> state(4, 0);
  std::vector<int32_t> scratch(2), scratch_out(2);
  std::vector<int8_t> out(2);

  // Invoke 1, x = (2, 3): features 8 and 3 enter the newest slots.
  std::vector<int8_t> x = {2, 3};
  ref::SvdfS8StateS16(p, d, x.data(), wf.data(), wt.data(), bias.data(), state.data(),
                      scratch.data(), scratch_out.data(), out.data());
  EXPECT_EQ(state, (std::vector<int16_t>{0, 8, 0, 3}));
  // time: 0*1 + 8*1 = 8; 0*2 + 3*-1 = -3; plus bias.
  EXPECT_EQ(out, (std::vector<int8_t>{18, 17}));

  // Invoke 2, x = (1, -1): the state moves left by one element (filter 1's
  // oldest value lands in filter 0's newest slot, then is overwritten).
  x = {1, -1};
  ref::SvdfS8StateS16(p, d, x.data(), wf.data(), wt.data(), bias.data(), state.data(),
                      scratch.data(), scratch_out.data(), out.data());
  EXPECT_EQ(state, (std::vector<int16_t>{8, -1, 3, 4}));
  // time: 8 - 1 = 7; 2*3 - 4 = 2.
  EXPECT_EQ(out, (std::vector<int8_t>{17, 22}));
}

TEST(SvdfS8Test, RankReducesFiltersIntoUnitsAndZeroPointsApply) {
  // 2 batches, 4 filters of rank 2 -> 2 units, memory 1.
  const SvdfDims d = Dims(2, 1, 4, 2, 1);
  SvdfParamsS8 p = UnitParams();
  p.input_zero_point = -3;   // x - zp = x + 3
  p.output_zero_point = -5;
  const std::vector<int8_t> wf = {1, 2, -1, 4};
  const std::vector<int16_t> wt = {1, 1, 1, 2};
  std::vector<int16_t> state(8, 0);
  std::vector<int32_t> scratch(8), scratch_out(4);
  std::vector<int8_t> out(4);
  const std::vector<int8_t> x = {-2, 1};  // x - zp = 1, 4
  ref::SvdfS8StateS16(p, d, x.data(), wf.data(), wt.data(), nullptr, state.data(),
                      scratch.data(), scratch_out.data(), out.data());
  // b0 features 1 2 -1 4, time 1 2 -1 8: units 3 and 7.
  // b1 features 4 8 -4 16, time 4 8 -4 32: units 12 and 28. Output zp -5.
  EXPECT_EQ(out, (std::vector<int8_t>{-2, 2, 7, 23}));
}

TEST(SvdfS8Test, RescalesRoundAndClamp) {
  const SvdfDims d = Dims(1, 1, 3, 1, 1);
  SvdfParamsS8 p;
  QuantizeMultiplier(0.5, &p.feature_multiplier, &p.feature_shift);
  QuantizeMultiplier(0.25, &p.output_multiplier, &p.output_shift);
  const std::vector<int8_t> wf = {3, -3, 127};
  const std::vector<int16_t> wt = {1, 1, 32767};
  std::vector<int16_t> state(3, 0);
  std::vector<int32_t> scratch(3), scratch_out(3);
  std::vector<int8_t> out(3);
  const std::vector<int8_t> x = {127};
  ref::SvdfS8StateS16(p, d, x.data(), wf.data(), wt.data(), nullptr, state.data(),
                      scratch.data(), scratch_out.data(), out.data());
  // 381 * 0.5 = 190.5 -> 191; -190.5 -> -190 (the doubling high multiply
  // rounds ties up); 16129 * 0.5 = 8064.5 -> 8065.
  EXPECT_EQ(state, (std::vector<int16_t>{191, -190, 8065}));
  // 191 / 4 = 47.75 -> 48; -190 / 4 = -47.5 -> -48 (the final shift rounds
  // ties away from zero); 8065 * 32767 / 4 saturates.
  EXPECT_EQ(out, (std::vector<int8_t>{48, -48, 127}));
}

TEST(SvdfS8Test, Int8StateAddsZeroPointAfterTheClampAndWraps) {
  // TFLite Micro clamps the requantized feature to int8 and only then adds
  // the state zero point, narrowing to int8: 127 + 100 wraps to -29.
  const SvdfDims d = Dims(1, 1, 2, 1, 1);
  SvdfParamsS8 p = UnitParams();
  p.state_zero_point = 100;
  const std::vector<int8_t> wf = {100, -1};
  const std::vector<int8_t> wt = {1, 1};
  std::vector<int8_t> state(2, 100);
  std::vector<int32_t> scratch(2), scratch_out(2);
  std::vector<int8_t> out(2);
  const std::vector<int8_t> x = {100};
  ref::SvdfS8StateS8(p, d, x.data(), wf.data(), wt.data(), nullptr, state.data(),
                     scratch.data(), scratch_out.data(), out.data());
  // Feature 10000 clamps to 127, +100 = 227 -> -29; feature -100 + 100 = 0.
  EXPECT_EQ(state, (std::vector<int8_t>{-29, 0}));
  // time reads (state - zp): -129 and -100.
  EXPECT_EQ(out, (std::vector<int8_t>{-128, -100}));
}

TEST(SvdfS8Test, Int16TimeProductsWrapLikeInt32) {
  // 32767 * 32767 * 3 exceeds int32; TFLite's sum wraps modulo 2^32.
  const SvdfDims d = Dims(1, 1, 1, 1, 3);
  SvdfParamsS8 p;
  QuantizeMultiplier(1.0 / (1 << 30), &p.output_multiplier, &p.output_shift);
  QuantizeMultiplier(1.0, &p.feature_multiplier, &p.feature_shift);
  const std::vector<int8_t> wf = {0};
  const std::vector<int16_t> wt = {32767, 32767, 32767};
  std::vector<int16_t> state = {32767, 32767, 32767};
  std::vector<int32_t> scratch(1), scratch_out(1);
  int8_t out = 0;
  const int8_t x = 0;
  ref::SvdfS8StateS16(p, d, &x, wf.data(), wt.data(), nullptr, state.data(),
                      scratch.data(), scratch_out.data(), &out);
  // The shift leaves (32767, 32767, 0): 2 * 32767^2 = 2147352578 fits.
  EXPECT_EQ(scratch[0], 2147352578);
  state = {32767, 32767, 32767};
  std::vector<int16_t> wt2 = {32767, 32767, 32767};
  const std::vector<int8_t> wf2 = {127};
  const int8_t x2 = 127;  // feature 16129 lands in the newest slot
  ref::SvdfS8StateS16(p, d, &x2, wf2.data(), wt2.data(), nullptr, state.data(),
                      scratch.data(), scratch_out.data(), &out);
  const int64_t exact = 2 * int64_t{32767} * 32767 + int64_t{32767} * 16129;
  EXPECT_EQ(scratch[0], static_cast<int32_t>(static_cast<uint32_t>(exact)));
}

// The float kernel against a straightforward double implementation over a
// few invokes, with batches, rank 2 and RELU.
TEST(SvdfF32Test, MatchesDoubleReferenceOverInvokes) {
  const SvdfDims d = Dims(2, 5, 6, 2, 4);
  std::mt19937 gen(7);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  auto fill = [&](size_t n) {
    std::vector<float> v(n);
    for (float& x : v) x = u(gen);
    return v;
  };
  const std::vector<float> wf = fill(6 * 5), wt = fill(6 * 4), bias = fill(3);
  std::vector<float> state(2 * 6 * 4, 0.0f), scratch(12), out(6);
  std::vector<double> ref_state(2 * 6 * 4, 0.0);
  for (int invoke = 0; invoke < 5; ++invoke) {
    const std::vector<float> x = fill(2 * 5);
    ref::SvdfF32(Activation::kRelu, d, x.data(), wf.data(), wt.data(), bias.data(),
                 state.data(), scratch.data(), out.data());
    for (int b = 0; b < 2; ++b) {
      for (int f = 0; f < 6; ++f) {
        double* s = &ref_state[(b * 6 + f) * 4];
        for (int m = 0; m < 3; ++m) s[m] = s[m + 1];
        double feature = 0;
        for (int i = 0; i < 5; ++i) feature += double{wf[f * 5 + i]} * x[b * 5 + i];
        s[3] = feature;
      }
      for (int unit = 0; unit < 3; ++unit) {
        double acc = bias[unit];
        for (int r = 0; r < 2; ++r) {
          const int f = unit * 2 + r;
          for (int m = 0; m < 4; ++m) acc += double{wt[f * 4 + m]} * ref_state[(b * 6 + f) * 4 + m];
        }
        EXPECT_NEAR(out[b * 3 + unit], std::max(0.0, acc), 1e-5)
            << "invoke " << invoke << " batch " << b << " unit " << unit;
      }
    }
  }
}

TEST(SvdfF32Test, MissingBiasCountsAsZeroAndActivationsApply) {
  const SvdfDims d = Dims(1, 1, 1, 1, 1);
  const float wf = 2.0f, wt = 1.0f, x = -3.0f;
  float state = 0.0f, scratch = 0.0f, out = 0.0f;
  ref::SvdfF32(Activation::kNone, d, &x, &wf, &wt, nullptr, &state, &scratch, &out);
  EXPECT_EQ(out, -6.0f);
  ref::SvdfF32(Activation::kRelu6, d, &x, &wf, &wt, nullptr, &state, &scratch, &out);
  EXPECT_EQ(out, 0.0f);
  ref::SvdfF32(Activation::kReluN1To1, d, &x, &wf, &wt, nullptr, &state, &scratch, &out);
  EXPECT_EQ(out, -1.0f);
  ref::SvdfF32(Activation::kTanh, d, &x, &wf, &wt, nullptr, &state, &scratch, &out);
  EXPECT_FLOAT_EQ(out, std::tanh(-6.0f));
  ref::SvdfF32(Activation::kSignBit, d, &x, &wf, &wt, nullptr, &state, &scratch, &out);
  EXPECT_EQ(out, 1.0f);
}

}  // namespace
}  // namespace mote
