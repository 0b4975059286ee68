// Audio features against the float64 numpy/scipy reference (gen_vectors.py)
// and the fixed-point pipeline against the float one.
//
// Stated tolerance of the float32 path against the float64 reference: every
// log-mel value within 1e-4 * (1 + |x|) + 1e-6 * R, where R is the frame's
// largest mel energy over this channel's (energy + log offset), square-rooted
// for power spectra. The second term is float32 itself: the FFT's rounding
// noise sits ~1e-7 below the frame's loudest bin, so a channel 80 dB below
// it carries that relative error (TensorFlow's float32 pipeline has the same
// noise). MFCC: 1e-4 * (1 + |x|) plus the DCT of those log-mel terms.
// Spectra: within 2e-5 of the frame's largest bin.
// Fixed point vs float: SNR >= 50 dB on log-mel (the target), and
// on MFCC.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "dsp/audio_frontend.h"
#include "dsp/presets.h"
#include "dsp/quantize.h"
#include "dsp_test_util.h"

namespace mote::dsp {
namespace {

using testing::LoadAudioJob;
using testing::LoadVector;
using testing::SnrDb;

const std::vector<int16_t>& Signal() {
  static const std::vector<int16_t> s = LoadVector<int16_t>("audio_signal.npy");
  return s;
}

template <typename Frontend>
struct Built {
  std::vector<uint64_t> memory;
  Frontend frontend;
};

template <typename Frontend>
void Build(const host::AudioJob& job, Built<Frontend>* b) {
  b->memory.assign(Frontend::ScratchBytes(job.config) / 8 + 1, 0);
  ErrorReporter errors;
  ASSERT_EQ(b->frontend.Init(job.config, b->memory.data(), b->memory.size() * 8, &errors),
            Status::kOk)
      << errors.message();
}

struct FloatRun {
  std::vector<float> features, log_mel, spectrum;  // spectrum of SPECTRUM_FRAMES
  int32_t frames = 0;
};

constexpr int kSpectrumFrames[] = {5, 15, 30, 40};

FloatRun RunFloat(const host::AudioJob& job) {
  FloatRun r;
  Built<AudioFrontendF32> b;
  Build(job, &b);
  AudioFrontendF32& fe = b.frontend;
  if (job.peak_normalize) fe.set_peak(static_cast<float>(PeakOf(Signal().data(), Signal().size())));
  const AudioConfig& c = job.config;
  r.frames = AudioFrameCount(c, Signal().size());
  const int32_t fs = fe.feature_size();
  r.features.resize(static_cast<size_t>(r.frames) * fs);
  fe.Reset();
  for (int32_t f = 0; f < r.frames; ++f) {
    const size_t start = static_cast<size_t>(f) * c.frame_step;
    fe.ProcessFrame(Signal().data() + start, start ? Signal()[start - 1] : int16_t{0},
                    r.features.data() + f * fs);
    r.log_mel.insert(r.log_mel.end(), fe.log_mel(), fe.log_mel() + c.num_mel_bins);
    if (std::find(std::begin(kSpectrumFrames), std::end(kSpectrumFrames), f) !=
        std::end(kSpectrumFrames)) {
      r.spectrum.insert(r.spectrum.end(), fe.spectrum(), fe.spectrum() + c.fft_size / 2 + 1);
    }
  }
  return r;
}

struct FixedRun {
  std::vector<int32_t> features, log_mel;
};

FixedRun RunFixed(const host::AudioJob& job) {
  FixedRun r;
  Built<AudioFrontendQ> b;
  Build(job, &b);
  AudioFrontendQ& fe = b.frontend;
  ErrorReporter errors;
  if (job.peak_normalize) {
    EXPECT_EQ(fe.set_peak(PeakOf(Signal().data(), Signal().size()), &errors), Status::kOk);
  }
  const AudioConfig& c = job.config;
  const int32_t frames = AudioFrameCount(c, Signal().size());
  const int32_t fs = fe.feature_size();
  r.features.resize(static_cast<size_t>(frames) * fs);
  for (int32_t f = 0; f < frames; ++f) {
    const size_t start = static_cast<size_t>(f) * c.frame_step;
    fe.ProcessFrame(Signal().data() + start, start ? Signal()[start - 1] : int16_t{0},
                    r.features.data() + f * fs);
    r.log_mel.insert(r.log_mel.end(), fe.log_mel(), fe.log_mel() + c.num_mel_bins);
  }
  return r;
}

// The float32 slack of each log-mel value (see the header), from the
// reference's mel energies before noise reduction / PCAN.
std::vector<double> Float32Slack(const host::AudioJob& job, const std::vector<float>& ref_mel) {
  const AudioConfig& c = job.config;
  const int32_t n = c.num_mel_bins;
  const bool pcan = c.noise_reduction.enabled || c.pcan.enabled;
  const double offset = pcan ? 1e-30 : c.log_offset;
  std::vector<double> slack(ref_mel.size());
  for (size_t f = 0; f < ref_mel.size() / n; ++f) {
    double mx = 0.0;
    for (int32_t i = 0; i < n; ++i) mx = std::max<double>(mx, ref_mel[f * n + i]);
    for (int32_t i = 0; i < n; ++i) {
      double ratio = mx / (ref_mel[f * n + i] + offset);
      if (c.spectrum == SpectrumType::kPower) ratio = std::sqrt(ratio);
      slack[f * n + i] = 1e-6 * ratio;
    }
  }
  return slack;
}

void ExpectClose(const std::vector<float>& got, const std::vector<float>& want,
                 const std::vector<double>& slack, int32_t cols, const char* what,
                 const std::string& name) {
  ASSERT_EQ(got.size(), want.size()) << what;
  ASSERT_EQ(slack.size(), want.size()) << what;
  int failures = 0;
  for (size_t i = 0; i < want.size(); ++i) {
    const double tol = 1e-4 * (1.0 + std::fabs(want[i])) + slack[i];
    const double err = std::fabs(static_cast<double>(got[i]) - want[i]);
    if (err > tol && ++failures <= 5) {
      ADD_FAILURE() << name << " " << what << " frame " << i / cols << " col " << i % cols << ": "
                    << got[i] << " vs " << want[i] << " (tolerance " << tol << ")";
    }
  }
  EXPECT_EQ(failures, 0) << name << " " << what;
}

class AudioVectors : public ::testing::TestWithParam<const char*> {};

TEST_P(AudioVectors, FloatMatchesReference) {
  const std::string name = GetParam();
  const host::AudioJob job = LoadAudioJob("audio_" + name + ".json");
  const FloatRun run = RunFloat(job);
  std::vector<int64_t> shape;
  const std::vector<float> features = LoadVector<float>("audio_" + name + "_features.npy", &shape);
  ASSERT_EQ(shape.size(), 2u);
  EXPECT_EQ(shape[0], run.frames);
  const std::vector<float> ref_log_mel = LoadVector<float>("audio_" + name + "_logmel.npy");
  const std::vector<double> slack =
      Float32Slack(job, LoadVector<float>("audio_" + name + "_mel.npy"));
  const AudioConfig& c = job.config;
  ExpectClose(run.log_mel, ref_log_mel, slack, c.num_mel_bins, "log-mel", name);
  // MFCC slack: |DCT row| . log-mel slack, per frame.
  std::vector<double> feature_slack = slack;
  if (c.num_mfcc > 0) {
    feature_slack.assign(features.size(), 0.0);
    for (int32_t f = 0; f < run.frames; ++f) {
      double sum = 0.0;
      for (int32_t i = 0; i < c.num_mel_bins; ++i) sum += slack[f * c.num_mel_bins + i];
      for (int32_t k = 0; k < c.num_mfcc; ++k) {
        const double lift = c.lifter > 0 ? 1 + c.lifter / 2 : 1.0;
        feature_slack[f * c.num_mfcc + k] = std::sqrt(2.0 / c.num_mel_bins) * lift * sum;
      }
    }
  }
  ExpectClose(run.features, features, feature_slack, AudioFeatureSize(c), "features", name);
  const std::vector<float> spectrum = LoadVector<float>("audio_" + name + "_spectrum.npy");
  ASSERT_EQ(run.spectrum.size(), spectrum.size());
  const size_t nspec = job.config.fft_size / 2 + 1;
  for (size_t f = 0; f < spectrum.size() / nspec; ++f) {
    const float peak = *std::max_element(spectrum.begin() + f * nspec, spectrum.begin() + (f + 1) * nspec);
    for (size_t k = 0; k < nspec; ++k) {
      ASSERT_NEAR(run.spectrum[f * nspec + k], spectrum[f * nspec + k], 2e-5 * peak)
          << name << " spectrum row " << f << " bin " << k;
    }
  }
}

TEST_P(AudioVectors, FixedPointSnr) {
  const std::string name = GetParam();
  const host::AudioJob job = LoadAudioJob("audio_" + name + ".json");
  if (job.config.noise_reduction.enabled || job.config.pcan.enabled) {
    // Float-only options: the fixed frontend must refuse them clearly.
    AudioFrontendQ fe;
    std::vector<uint64_t> memory(AudioFrontendQ::ScratchBytes(job.config) / 8 + 1);
    ErrorReporter errors;
    EXPECT_EQ(fe.Init(job.config, memory.data(), memory.size() * 8, &errors), Status::kUnsupported);
    EXPECT_NE(std::string(errors.message()).find("float-only"), std::string::npos);
    return;
  }
  const FloatRun f = RunFloat(job);
  const FixedRun q = RunFixed(job);
  const double log_mel_snr = SnrDb(f.log_mel, q.log_mel, 1.0 / 65536.0);
  const double feature_snr = SnrDb(f.features, q.features, 1.0 / 65536.0);
  RecordProperty("log_mel_snr_db", std::to_string(log_mel_snr));
  RecordProperty("feature_snr_db", std::to_string(feature_snr));
  EXPECT_GE(log_mel_snr, 50.0) << name;
  EXPECT_GE(feature_snr, 50.0) << name;
  std::printf("[ snr      ] %s: log-mel %.1f dB, features %.1f dB\n", name.c_str(),
              log_mel_snr, feature_snr);
}

INSTANTIATE_TEST_SUITE_P(Cases, AudioVectors,
                         ::testing::Values("kws", "librosa", "logmel", "pcan"));

TEST(AudioKws, QuantizedTensorMatchesReference) {
  host::AudioJob job;
  ASSERT_TRUE(host::AudioPreset("mlperf-kws", &job));
  const KwsPreset preset = MlperfKwsPreset();
  const FloatRun f = RunFloat(job);
  ASSERT_EQ(f.frames, 49);
  std::vector<int8_t> q(f.features.size());
  QuantizeF32ToS8(f.features.data(), q.size(), preset.input_scale, preset.input_zero_point, q.data());
  const std::vector<int8_t> want = LoadVector<int8_t>("audio_kws_s8.npy");
  ASSERT_EQ(q.size(), want.size());
  for (size_t i = 0; i < q.size(); ++i) EXPECT_EQ(q[i], want[i]) << i;

  // Fixed point: Q16 straight to int8; at most one step off, rarely.
  const FixedRun x = RunFixed(job);
  Q16ToS8Params params;
  ASSERT_EQ(MakeQ16ToS8Params(preset.input_scale, preset.input_zero_point, &params, nullptr),
            Status::kOk);
  std::vector<int8_t> qx(x.features.size());
  QuantizeQ16ToS8(x.features.data(), qx.size(), params, qx.data());
  int off = 0;
  for (size_t i = 0; i < qx.size(); ++i) {
    EXPECT_LE(std::abs(qx[i] - want[i]), 1) << i;
    off += qx[i] != want[i];
  }
  EXPECT_LE(off, 5) << "of 490";
}

TEST(AudioConfig, RejectsBadValues) {
  struct Case {
    void (*edit)(AudioConfig&);
    const char* message;
  };
  const Case cases[] = {
      {[](AudioConfig& c) { c.frame_length = 0; }, "frame_length must be positive"},
      {[](AudioConfig& c) { c.frame_step = 0; }, "frame_step must be positive"},
      {[](AudioConfig& c) { c.sample_rate = 0; }, "sample_rate must be positive"},
      {[](AudioConfig& c) { c.fft_size = 500; }, "power of two"},
      {[](AudioConfig& c) { c.fft_size = 256; }, "longer than fft_size"},
      {[](AudioConfig& c) { c.num_mel_bins = 0; }, "num_mel_bins"},
      {[](AudioConfig& c) { c.upper_hz = 9000.0f; }, "Nyquist"},
      {[](AudioConfig& c) { c.lower_hz = NAN; }, "finite"},
      {[](AudioConfig& c) { c.num_mfcc = 41; }, "num_mfcc"},
      {[](AudioConfig& c) { c.log_offset = 0.0f; }, "log_offset"},
      {[](AudioConfig& c) { c.pre_emphasis = 1.5f; }, "pre_emphasis"},
  };
  for (const Case& k : cases) {
    AudioConfig c = MlperfKwsPreset().config;
    k.edit(c);
    ErrorReporter errors;
    EXPECT_EQ(ValidateAudioConfig(c, &errors), Status::kInvalidArgument) << k.message;
    EXPECT_NE(std::string(errors.message()).find(k.message), std::string::npos)
        << errors.message();
    EXPECT_EQ(AudioFrontendF32::ScratchBytes(c), 0u);
  }
}

TEST(AudioFrontend, ScratchTooSmallIsAnError) {
  const AudioConfig c = MlperfKwsPreset().config;
  const size_t need = AudioFrontendQ::ScratchBytes(c);
  EXPECT_GT(need, 0u);
  std::vector<uint64_t> memory(need / 8);
  AudioFrontendQ fe;
  ErrorReporter errors;
  EXPECT_EQ(fe.Init(c, memory.data(), need - 8, &errors), Status::kInvalidArgument);
  EXPECT_NE(std::string(errors.message()).find("too small"), std::string::npos);
}

TEST(AudioFrontend, SilenceGivesLogOffset) {
  const AudioConfig c = MlperfKwsPreset().config;
  Built<AudioFrontendQ> q;
  Built<AudioFrontendF32> f;
  host::AudioJob job;
  job.config = c;
  Build(job, &q);
  Build(job, &f);
  std::vector<int16_t> zeros(c.frame_length, 0);
  std::vector<int32_t> fq(10);
  std::vector<float> ff(10);
  q.frontend.ProcessFrame(zeros.data(), 0, fq.data());
  f.frontend.ProcessFrame(zeros.data(), 0, ff.data());
  const double ln_eps = std::log(1e-6);
  EXPECT_NEAR(f.frontend.log_mel()[7], ln_eps, 1e-5);
  EXPECT_NEAR(q.frontend.log_mel()[7] / 65536.0, ln_eps, 1e-4);
  // MFCC 0 of a constant log-mel: 40 * ln_eps * sqrt(2/40).
  EXPECT_NEAR(ff[0], 40 * ln_eps * std::sqrt(2.0 / 40), 1e-3);
  EXPECT_NEAR(fq[0] / 65536.0, ff[0], 1e-3);
}

}  // namespace
}  // namespace mote::dsp
