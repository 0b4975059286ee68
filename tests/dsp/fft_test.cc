// Real FFTs against numpy.fft.rfft (float64) on uniform random inputs.
#include <cmath>

#include <gtest/gtest.h>

#include "dsp/fft.h"
#include "dsp_test_util.h"

namespace mote::dsp {
namespace {

using testing::LoadVector;

struct FftVectors {
  std::vector<float> in;
  std::vector<double> out;  // (re, im) pairs per bin, sizes 8..1024 concatenated
};

const FftVectors& Vectors() {
  static const FftVectors v{LoadVector<float>("fft_in.npy"), LoadVector<double>("fft_out.npy")};
  return v;
}

template <typename Fn>
void ForEachSize(Fn fn) {
  size_t in_offset = 0, out_offset = 0;
  for (int32_t n = 8; n <= 1024; n *= 2) {
    ASSERT_LE(in_offset + n, Vectors().in.size());
    fn(n, Vectors().in.data() + in_offset, Vectors().out.data() + out_offset);
    in_offset += n;
    out_offset += 2 * (n / 2 + 1);
  }
}

TEST(Fft, SizesAreChecked) {
  for (int32_t n : {0, 4, 100, 2048, -8}) EXPECT_FALSE(IsValidFftSize(n)) << n;
  for (int32_t n = 8; n <= 1024; n *= 2) EXPECT_TRUE(IsValidFftSize(n)) << n;
  ErrorReporter errors;
  EXPECT_EQ(CheckFftSize(100, "test", &errors), Status::kInvalidArgument);
  EXPECT_NE(std::string(errors.message()).find("power of two"), std::string::npos);
}

TEST(Fft, FloatMatchesNumpy) {
  ForEachSize([](int32_t n, const float* in, const double* expected) {
    std::vector<float> out(n + 2);
    RfftF32(in, n, out.data());
    double peak = 0.0, err = 0.0;
    for (int32_t i = 0; i < n + 2; ++i) {
      peak = std::max(peak, std::fabs(expected[i]));
      err = std::max(err, std::fabs(out[i] - expected[i]));
    }
    // float32 rounding grows ~ log2(n): 2e-6 of the largest bin.
    EXPECT_LT(err, 2e-6 * peak) << "n=" << n;
  });
}

TEST(Fft, Q31MatchesNumpyWithinRounding) {
  ForEachSize([](int32_t n, const float* in, const double* expected) {
    // Inputs at the full allowed range 2^(30 - log2 n).
    const double scale = std::ldexp(1.0, RfftQ31InputBits(n)) - 1.0;
    std::vector<int32_t> x(n), out(n + 2);
    for (int32_t i = 0; i < n; ++i) x[i] = static_cast<int32_t>(std::lround(in[i] * scale));
    RfftQ31(x.data(), n, out.data());
    double err = 0.0, peak = 0.0;
    for (int32_t i = 0; i < n + 2; ++i) {
      peak = std::max(peak, std::fabs(expected[i] * scale));
      err = std::max(err, std::fabs(out[i] - expected[i] * scale));
    }
    // Input rounding (0.5 LSB * sqrt(n)) plus one rounding per stage.
    EXPECT_LT(err, 2.0 * std::sqrt(n) + 2.0 * FftLog2(n)) << "n=" << n << " peak " << peak;
  });
}

TEST(Fft, Q15MatchesNumpyDividedByN) {
  ForEachSize([](int32_t n, const float* in, const double* expected) {
    std::vector<int16_t> x(n), out(n + 2);
    for (int32_t i = 0; i < n; ++i) x[i] = static_cast<int16_t>(std::lround(in[i] * 16384.0));
    RfftQ15(x.data(), n, out.data());
    double err = 0.0;
    for (int32_t i = 0; i < n + 2; ++i) {
      err = std::max(err, std::fabs(out[i] - expected[i] * 16384.0 / n));
    }
    // One LSB of rounding per halving stage.
    EXPECT_LE(err, 1.0 + FftLog2(n)) << "n=" << n;
  });
}

TEST(Fft, ImpulseAndDc) {
  std::vector<float> x(64, 0.0f), out(66);
  x[0] = 1.0f;
  RfftF32(x.data(), 64, out.data());
  for (int k = 0; k <= 32; ++k) {
    EXPECT_FLOAT_EQ(out[2 * k], 1.0f);
    EXPECT_NEAR(out[2 * k + 1], 0.0f, 1e-7f);
  }
  std::fill(x.begin(), x.end(), 0.5f);
  RfftF32(x.data(), 64, out.data());
  EXPECT_FLOAT_EQ(out[0], 32.0f);
  for (int k = 1; k <= 32; ++k) EXPECT_NEAR(std::hypot(out[2 * k], out[2 * k + 1]), 0.0, 1e-5);
}

}  // namespace
}  // namespace mote::dsp
