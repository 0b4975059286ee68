// Motion features against scipy (butter + sosfilt, stats.skew/kurtosis,
// signal.welch). Tolerance: 1e-4 relative to each feature group's scale
// (float32 filtering and FFT against float64); peak frequencies exact.
#include <cmath>
#include <complex>

#include <gtest/gtest.h>

#include "dsp/imu_features.h"
#include "dsp_test_util.h"
#include "host/csv.h"

namespace mote::dsp {
namespace {

using testing::DataPath;
using testing::LoadVector;

host::ImuJob LoadImuJob(const std::string& name) {
  std::string text, error;
  host::ImuJob job;
  EXPECT_TRUE(host::ReadTextFile(DataPath(name), &text, &error)) << error;
  EXPECT_TRUE(host::ParseImuJob(text, &job, &error)) << error;
  return job;
}

class ImuVectors : public ::testing::TestWithParam<const char*> {};

TEST_P(ImuVectors, MatchesScipy) {
  const std::string name = GetParam();
  const host::ImuJob job = LoadImuJob("imu_" + name + ".json");
  std::vector<int64_t> shape;
  const std::vector<float> signal = LoadVector<float>("imu_signal.npy", &shape);
  ASSERT_EQ(shape.size(), 2u);
  const int32_t rows = static_cast<int32_t>(shape[0]), axes = static_cast<int32_t>(shape[1]);
  const std::vector<double> want = LoadVector<double>("imu_" + name + "_features.npy");
  const ImuConfig& c = job.config;
  const int32_t per_axis = ImuFeaturesPerAxis(c);
  ASSERT_EQ(want.size(), static_cast<size_t>(per_axis * axes));

  std::vector<uint64_t> memory(ImuFeatures::ScratchBytes(c, rows) / 8 + 1);
  ImuFeatures imu;
  ErrorReporter errors;
  ASSERT_EQ(imu.Init(c, rows, memory.data(), memory.size() * 8, &errors), Status::kOk)
      << errors.message();
  for (int32_t a = 0; a < axes; ++a) {
    std::vector<float> got(per_axis);
    ASSERT_EQ(imu.ComputeAxis(signal.data() + a, rows, axes, got.data(), &errors), Status::kOk);
    const double* w = want.data() + a * per_axis;
    EXPECT_NEAR(got[0], w[0], 1e-4 * w[0]) << name << " axis " << a << " rms";
    EXPECT_NEAR(got[1], w[1], 1e-4 * (1 + std::fabs(w[1]))) << name << " axis " << a << " skew";
    EXPECT_NEAR(got[2], w[2], 1e-4 * (1 + std::fabs(w[2]))) << name << " axis " << a << " kurtosis";
    double band_max = 0, peak_max = 0;
    for (int32_t b = 0; b < c.num_bands; ++b) band_max = std::max(band_max, w[3 + b]);
    for (int32_t b = 0; b < c.num_bands; ++b) {
      EXPECT_NEAR(got[3 + b], w[3 + b], 1e-4 * band_max) << name << " axis " << a << " band " << b;
    }
    const int32_t hz = 3 + c.num_bands, power = hz + c.num_peaks;
    for (int32_t p = 0; p < c.num_peaks; ++p) peak_max = std::max(peak_max, w[power + p]);
    for (int32_t p = 0; p < c.num_peaks; ++p) {
      EXPECT_FLOAT_EQ(got[hz + p], static_cast<float>(w[hz + p])) << name << " peak " << p;
      EXPECT_NEAR(got[power + p], w[power + p], 1e-4 * peak_max) << name << " peak " << p;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, ImuVectors, ::testing::Values("plain", "lowpass", "highpass"));

TEST(Imu, CsvMatchesNpy) {
  host::CsvTable table;
  std::string error;
  ASSERT_TRUE(host::ReadCsvFile(DataPath("imu_signal.csv"), &table, &error)) << error;
  const std::vector<float> signal = LoadVector<float>("imu_signal.npy");
  ASSERT_EQ(table.header.size(), 4u);
  EXPECT_EQ(table.header[1], "ax");
  ASSERT_EQ(table.rows() * 3, signal.size());
  for (size_t r = 0; r < table.rows(); ++r) {
    for (int a = 0; a < 3; ++a) ASSERT_EQ(table.columns[1 + a][r], signal[r * 3 + a]);
  }
}

TEST(Imu, RejectsBadInput) {
  ImuConfig c;
  ErrorReporter errors;
  c.fft_size = 0;
  EXPECT_EQ(ValidateImuConfig(c, &errors), Status::kInvalidArgument);
  c = ImuConfig{};
  c.filter = FilterType::kLowPass;
  c.cutoff_hz = 60.0f;  // above Nyquist at 100 Hz
  errors.Clear();
  EXPECT_EQ(ValidateImuConfig(c, &errors), Status::kInvalidArgument);
  EXPECT_NE(std::string(errors.message()).find("cutoff_hz"), std::string::npos);
  c.cutoff_hz = 10.0f;
  c.filter_order = 3;
  errors.Clear();
  EXPECT_EQ(ValidateImuConfig(c, &errors), Status::kInvalidArgument);

  c = ImuConfig{};
  std::vector<uint64_t> memory(ImuFeatures::ScratchBytes(c, 128) / 8 + 1);
  ImuFeatures imu;
  ASSERT_EQ(imu.Init(c, 128, memory.data(), memory.size() * 8, &errors), Status::kOk);
  std::vector<float> x(128, 1.0f), out(ImuFeaturesPerAxis(c));
  errors.Clear();
  EXPECT_EQ(imu.ComputeAxis(x.data(), 32, 1, out.data(), &errors), Status::kInvalidArgument);
  x[5] = NAN;
  errors.Clear();
  EXPECT_EQ(imu.ComputeAxis(x.data(), 128, 1, out.data(), &errors), Status::kInvalidArgument);
  EXPECT_NE(std::string(errors.message()).find("NaN"), std::string::npos);
  // A constant axis: zero RMS and moments, no peaks, no NaN.
  x[5] = 1.0f;
  ASSERT_EQ(imu.ComputeAxis(x.data(), 128, 1, out.data(), nullptr), Status::kOk);
  for (float v : out) EXPECT_EQ(v, 0.0f);
}

TEST(Imu, ButterworthGainAtCutoff) {
  // -3 dB at the cutoff, unity in the pass band, for every order.
  for (int order : {2, 4, 6, 8}) {
    Biquad s[4];
    DesignButterworth(FilterType::kLowPass, order, 10.0, 100.0, s);
    auto gain = [&](double f) {
      const double w = 2 * M_PI * f / 100.0;
      double g = 1.0;
      for (int k = 0; k < order / 2; ++k) {
        const std::complex<double> z = std::polar(1.0, -w);
        const auto num = double(s[k].b0) + double(s[k].b1) * z + double(s[k].b2) * z * z;
        const auto den = 1.0 + double(s[k].a1) * z + double(s[k].a2) * z * z;
        g *= std::abs(num / den);
      }
      return g;
    };
    EXPECT_NEAR(gain(0.0), 1.0, 1e-5) << order;
    EXPECT_NEAR(gain(10.0), std::sqrt(0.5), 1e-5) << order;
  }
}

}  // namespace
}  // namespace mote::dsp
