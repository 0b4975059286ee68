// The int16 kernels of SOFTMAX, LOGISTIC and TANH, and int8 -> int16
// SOFTMAX, against the real functions in double: every int16 input where
// the input is one value, within the error of TFLite's tables (measured and
// stated per test), and exact at the points the arithmetic determines.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <tuple>
#include <vector>

#include "kernels/ref/logistic.h"
#include "kernels/ref/lut.h"
#include "kernels/ref/sigmoid_common.h"
#include "kernels/ref/softmax.h"
#include "kernels/ref/tanh.h"

namespace mote {
namespace {

std::vector<int16_t> AllInt16() {
  std::vector<int16_t> v;
  for (int x = -32768; x <= 32767; ++x) v.push_back(static_cast<int16_t>(x));
  return v;
}

// The largest |got - want * 32768| over every int16 input x at `scale`.
template <typename Kernel, typename Fn>
double MaxErrorQ15(Kernel kernel, float scale, Fn fn) {
  const std::vector<int16_t> in = AllInt16();
  std::vector<int16_t> out(in.size());
  kernel(static_cast<int32_t>(in.size()), in.data(), out.data());
  double worst = 0.0;
  for (size_t i = 0; i < in.size(); ++i) {
    const double want = std::min(fn(in[i] * double{scale}) * 32768.0, 32767.0);
    worst = std::max(worst, std::fabs(out[i] - want));
  }
  return worst;
}

// --- LOGISTIC / TANH ---------------------------------------------------------

TEST(SigmoidTableInputS16Test, PowerOfTwoAndGeneralScales) {
  ref::SigmoidTableInputS16 p;
  // 2^-12: the table's own scale, no rescale.
  ASSERT_TRUE(ref::PrepareSigmoidTableInputS16(1.0f / 4096, 0, &p));
  EXPECT_EQ(p.input_multiplier, 0);
  EXPECT_EQ(p.input_left_shift, 0);
  // 2^-11 is a power of two TANH (max shift 1) takes directly, LOGISTIC not.
  ASSERT_TRUE(ref::PrepareSigmoidTableInputS16(1.0f / 2048, 1, &p));
  EXPECT_EQ(p.input_multiplier, 0);
  EXPECT_EQ(p.input_left_shift, 1);
  ASSERT_TRUE(ref::PrepareSigmoidTableInputS16(1.0f / 2048, 0, &p));
  // 2^-11 * 12288 = 6, doubled 12 times to 24576 (> 16383.5).
  EXPECT_EQ(p.input_multiplier, 24576);
  EXPECT_EQ(p.input_left_shift, 12);
  // 0.001 * 12288 = 12.288, doubled 11 times: 25165.824 -> 25165.
  ASSERT_TRUE(ref::PrepareSigmoidTableInputS16(0.001f, 0, &p));
  EXPECT_EQ(p.input_multiplier, 25165);
  EXPECT_EQ(p.input_left_shift, 11);
  // Too large (multiplier above 15 bits) and too small (truncates to 0).
  EXPECT_FALSE(ref::PrepareSigmoidTableInputS16(3.0f, 0, &p));
  EXPECT_FALSE(ref::PrepareSigmoidTableInputS16(1e-20f, 0, &p));
}

double Sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

TEST(LogisticS16Test, EveryInputNearSigmoid) {
  for (float scale : {1.0f / 4096, 1.0f / 2048, 0.001f, 1.0f / 32768, 0.01f}) {
    ref::SigmoidTableInputS16 p;
    ASSERT_TRUE(ref::PrepareSigmoidTableInputS16(scale, 0, &p));
    const double err = MaxErrorQ15(
        [&p](int32_t n, const int16_t* in, int16_t* out) {
          ref::LogisticS16(p, n, in, out);
        },
        scale, Sigmoid);
    // Linear interpolation in a 1/24-step table, the table's own rounding
    // and the final rounding: TFLite's int16 sigmoid is within 2 LSB.
    EXPECT_LE(err, 2.0) << "scale " << scale;
  }
}

TEST(LogisticS16Test, HandComputedPoints) {
  ref::SigmoidTableInputS16 p;
  ASSERT_TRUE(ref::PrepareSigmoidTableInputS16(1.0f / 4096, 0, &p));
  const std::vector<int16_t> in = {0, 32767, -32768};
  std::vector<int16_t> out(3);
  ref::LogisticS16(p, 3, in.data(), out.data());
  // sigmoid(0) = 1/2; sigmoid(+-8) * 2^15 = 32757.0 and 11.0 (the table
  // saturates only beyond 255/24 = 10.6).
  EXPECT_EQ(out[0], 16384);
  EXPECT_EQ(out[1], 32757);
  EXPECT_EQ(out[2], 11);
  // Beyond the table: +16 saturates to 32767, -16 to TFLite's 1, not 0.
  const std::vector<int16_t> far = {32767, -32768};
  ASSERT_TRUE(ref::PrepareSigmoidTableInputS16(1.0f / 2048, 0, &p));
  ref::LogisticS16(p, 2, far.data(), out.data());
  EXPECT_EQ(out[0], 32767);
  EXPECT_EQ(out[1], 1);
}

TEST(TanhS16Test, EveryInputNearTanh) {
  for (float scale : {1.0f / 4096, 1.0f / 2048, 0.001f, 1.0f / 32768, 0.01f}) {
    ref::SigmoidTableInputS16 p;
    ASSERT_TRUE(ref::PrepareSigmoidTableInputS16(scale, 1, &p));
    const double err = MaxErrorQ15(
        [&p](int32_t n, const int16_t* in, int16_t* out) {
          ref::TanhS16(p, n, in, out);
        },
        scale, [](double x) { return std::tanh(x); });
    // tanh reads the table at 2x: twice the sigmoid's error.
    EXPECT_LE(err, 4.0) << "scale " << scale;
  }
}

TEST(TanhS16Test, OddAndSaturating) {
  ref::SigmoidTableInputS16 p;
  ASSERT_TRUE(ref::PrepareSigmoidTableInputS16(1.0f / 4096, 1, &p));
  const std::vector<int16_t> in = AllInt16();
  std::vector<int16_t> out(in.size());
  ref::TanhS16(p, static_cast<int32_t>(in.size()), in.data(), out.data());
  EXPECT_EQ(out[32768], 0);  // tanh(0)
  EXPECT_EQ(out.back(), 32767);
  EXPECT_EQ(out.front(), -32767);
  // Monotonic non-decreasing over the whole range.
  for (size_t i = 1; i < out.size(); ++i) ASSERT_GE(out[i], out[i - 1]) << i;
}

// --- the int16 lookup tables ---------------------------------------------

TEST(LutS16Test, TablesFollowTheirFunctions) {
  std::vector<int16_t> exp_lut(ref::kLutSizeS16), recip_lut(ref::kLutSizeS16);
  ref::SoftmaxParamsS16 p;
  ASSERT_TRUE(ref::PrepareSoftmaxS16(1.0f / 4096, 1.0f, exp_lut.data(),
                                     recip_lut.data(), &p));
  for (int i = 0; i < ref::kLutSizeS16; ++i) {
    // Entry i samples x = -10 + i * 10 / 512 (exp) and i / 512 (1/(1+x)),
    // in Q0.15 over [-1, 1]; TFLite moves each by at most one LSB towards
    // the interpolation's midpoint.
    const double e = std::exp(-10.0 + i * 10.0 / 512) * 32768.0;
    const double r = 1.0 / (1.0 + i / 512.0) * 32768.0;
    ASSERT_LE(std::fabs(exp_lut[i] - std::min(e, 32767.0)), 1.6) << i;
    ASSERT_LE(std::fabs(recip_lut[i] - std::min(r, 32767.0)), 1.6) << i;
  }
  EXPECT_EQ(exp_lut[512], 32767);
  EXPECT_EQ(recip_lut[0], 32767);
  EXPECT_EQ(recip_lut[512], 16384);
  // Lookups interpolate between entries: the midpoint of two entries.
  EXPECT_EQ(ref::LutLookupS16(32767, exp_lut.data()),
            exp_lut[511] + ((exp_lut[512] - exp_lut[511]) * 127 + 64) / 128);
  EXPECT_EQ(ref::LutLookupS16(-32768, recip_lut.data()), recip_lut[0]);
}

// --- SOFTMAX int16 -> int16 ------------------------------------------------

std::vector<double> SoftmaxRef(const std::vector<double>& x) {
  const double m = *std::max_element(x.begin(), x.end());
  double sum = 0.0;
  std::vector<double> e;
  for (double v : x) sum += (e.emplace_back(std::exp(v - m)), e.back());
  for (double& v : e) v /= sum;
  return e;
}

struct S16Softmax {
  std::vector<int16_t> exp_lut = std::vector<int16_t>(ref::kLutSizeS16);
  std::vector<int16_t> recip_lut = std::vector<int16_t>(ref::kLutSizeS16);
  ref::SoftmaxParamsS16 p;
  S16Softmax(float scale, float beta) {
    EXPECT_TRUE(ref::PrepareSoftmaxS16(scale, beta, exp_lut.data(),
                                       recip_lut.data(), &p));
  }
  std::vector<int16_t> Run(const std::vector<int16_t>& in, int depth) const {
    std::vector<int16_t> out(in.size());
    ref::SoftmaxS16(p, MakeShape({static_cast<int32_t>(in.size()) / depth, depth}),
                    in.data(), out.data());
    return out;
  }
};

TEST(SoftmaxS16Test, NearRealSoftmaxForManyRows) {
  std::mt19937 rng(11);
  for (const auto& [scale, beta, depth] :
       std::vector<std::tuple<float, float, int>>{{1.0f / 4096, 1.0f, 10},
                                                  {1.0f / 2048, 1.0f, 3},
                                                  {0.0005f, 2.0f, 64},
                                                  {1.0f / 4096, 0.5f, 1000}}) {
    const S16Softmax s(scale, beta);
    // Rows within the exp table's range: every (x - max) * beta >= -10.
    // (Below -10 the table holds exp(-10), see UniformRowsAndOneHot.)
    const int span = std::min(65535, static_cast<int>(10.0 / (double{scale} * beta)));
    std::uniform_int_distribution<int> d(32767 - span, 32767);
    std::vector<int16_t> in(8 * depth);
    for (auto& v : in) v = static_cast<int16_t>(d(rng));
    in[0] = static_cast<int16_t>(32767 - span);
    in[1] = 32767;
    const std::vector<int16_t> out = s.Run(in, depth);
    for (int row = 0; row < 8; ++row) {
      std::vector<double> x;
      for (int c = 0; c < depth; ++c) x.push_back(in[row * depth + c] * double{scale} * beta);
      const std::vector<double> want = SoftmaxRef(x);
      for (int c = 0; c < depth; ++c) {
        // The exp and reciprocal tables (each within about 1 LSB of their
        // function, then interpolated, exp(0) clamped to 32767) make
        // TFLite's int16 softmax accurate to about 6 LSB of Q0.15.
        ASSERT_LE(std::fabs(out[row * depth + c] - std::min(want[c] * 32768.0, 32767.0)), 8.0)
            << "depth " << depth << " row " << row << " col " << c;
      }
    }
  }
}

TEST(SoftmaxS16Test, UniformRowsAndOneHot) {
  const S16Softmax s(1.0f / 4096, 1.0f);
  // One element: probability 1 (32767 within an LSB).
  EXPECT_NEAR(s.Run({1234}, 1)[0], 32767, 1);
  // Equal elements: 1/n each, the same value everywhere.
  const std::vector<int16_t> eq = s.Run(std::vector<int16_t>(8, -500), 8);
  for (int16_t v : eq) {
    EXPECT_EQ(v, eq[0]);
    EXPECT_NEAR(v, 4096, 2);
  }
  // A dominant element: the others are beyond the exp table's -10, where it
  // holds exp(-10) * 2^15 = 1.5 (rounded to 2); the dominant one gets
  // 32762 (exp(0) interpolated) * 32767 (1/1.0) >> 15 = 32761.
  const std::vector<int16_t> hot = s.Run({32767, -32768, -32768, -32768}, 4);
  EXPECT_NEAR(hot[0], 32767, 8);
  for (int i = 1; i < 4; ++i) EXPECT_LE(hot[i], 2);
}

TEST(SoftmaxS16Test, RejectsMultipliersBeyondAShiftOf31) {
  std::vector<int16_t> a(ref::kLutSizeS16), b(ref::kLutSizeS16);
  ref::SoftmaxParamsS16 p;
  EXPECT_FALSE(ref::PrepareSoftmaxS16(1e6f, 1e6f, a.data(), b.data(), &p));
}

// --- SOFTMAX int8 -> int16 -------------------------------------------------

TEST(SoftmaxS8ToS16Test, EveryInt8RowWithinOneLsb) {
  for (float scale : {0.1f, 0.05f, 0.5f}) {
    ref::SoftmaxParamsS8 p;
    ASSERT_TRUE(ref::PrepareSoftmaxS8(scale, 1.0f, &p));
    // Rows of 16 sweeping every int8 value once.
    std::vector<int8_t> in;
    for (int x = -128; x <= 127; ++x) in.push_back(static_cast<int8_t>((x * 37) % 256 - 128));
    std::vector<int16_t> out(in.size());
    ref::SoftmaxS8ToS16(p, MakeShape({16, 16}), in.data(), out.data());
    for (int row = 0; row < 16; ++row) {
      std::vector<double> x;
      for (int c = 0; c < 16; ++c) x.push_back(in[row * 16 + c] * double{scale});
      const std::vector<double> want = SoftmaxRef(x);
      for (int c = 0; c < 16; ++c) {
        const double q = std::clamp(want[c] * 65536.0 - 32768.0, -32768.0, 32767.0);
        ASSERT_LE(std::fabs(out[row * 16 + c] - q), 1.0) << "scale " << scale << " row " << row;
      }
    }
  }
}

TEST(SoftmaxS8ToS16Test, AgreesWithTheInt8OutputAt256TimesTheResolution) {
  ref::SoftmaxParamsS8 p;
  ASSERT_TRUE(ref::PrepareSoftmaxS8(0.1f, 1.0f, &p));
  const std::vector<int8_t> in = {-128, -100, 0, 5, 127, 127, 64, -1};
  std::vector<int8_t> out8(in.size());
  std::vector<int16_t> out16(in.size());
  ref::SoftmaxS8(p, MakeShape({1, 8}), in.data(), out8.data());
  ref::SoftmaxS8ToS16(p, MakeShape({1, 8}), in.data(), out16.data());
  for (size_t i = 0; i < in.size(); ++i) {
    // (q16 + 32768) / 256 rounds to (q8 + 128).
    EXPECT_NEAR((out16[i] + 32768) / 256.0, out8[i] + 128, 0.5 + 1e-9) << i;
  }
}

}  // namespace
}  // namespace mote
