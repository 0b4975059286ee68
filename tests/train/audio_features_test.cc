// WAV folders trained on front-end features (data/audio_features.h): the
// config's "features" section, eval-time reuse, and the rate check.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "data/audio_features.h"
#include "dsp/audio_frontend.h"
#include "host/wav.h"
#include "train/config.h"

namespace mote::train {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class AudioFeatures : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("mote_audio_features_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Two classes of tones, `per_class` clips each.
  void WriteTones(const fs::path& root, int rate, int samples, int per_class) {
    for (const auto& [name, hz] : {std::pair<const char*, double>{"low", 300.0}, {"high", 2500.0}}) {
      fs::create_directories(root / name);
      for (int k = 0; k < per_class; ++k) {
        std::vector<int16_t> pcm(samples);
        for (int i = 0; i < samples; ++i) {
          pcm[i] = static_cast<int16_t>((4000 + 1000 * k) * std::sin(2 * M_PI * hz * i / rate));
        }
        std::string error;
        ASSERT_TRUE(host::WriteWav((root / name / (std::to_string(k) + ".wav")).string(),
                                   pcm.data(), pcm.size(), 1, rate, &error))
            << error;
      }
    }
  }
  fs::path dir_;
};

TEST_F(AudioFeatures, ConfigTrainsOnTheFrontEndsMfccs) {
  WriteTones(dir_, 16000, 16000, 3);
  const json data = {{"format", "wav_folder"},
                     {"path", dir_.string()},
                     {"features", {{"preset", "mlperf-kws"}}},
                     {"validation_fraction", 0},
                     {"test_fraction", 0.34}};
  const DataSplits s = LoadData(data, 1);
  EXPECT_EQ(s.train.h, 49);
  EXPECT_EQ(s.train.w, 10);
  EXPECT_EQ(s.train.c, 1);
  EXPECT_EQ(s.train.size() + s.test.size(), 6u);

  // The same bits as the front end run directly on the clip.
  const data::Dataset eval = LoadEvalData(dir_.string(), "", 49, 10, 1, "label",
                                          json{{"preset", "mlperf-kws"}});
  ASSERT_EQ(eval.size(), 6u);
  host::AudioJob job;
  ASSERT_TRUE(host::AudioPreset("mlperf-kws", &job));
  host::Audio audio;
  std::string error;
  ASSERT_TRUE(host::ReadAudioFile(eval.sources[0], &audio, &error)) << error;
  audio.samples.resize(job.clip_samples, 0);
  std::vector<uint64_t> memory(dsp::AudioFrontendF32::ScratchBytes(job.config) / 8 + 1);
  dsp::AudioFrontendF32 fe;
  ErrorReporter errors;
  ASSERT_EQ(fe.Init(job.config, memory.data(), memory.size() * 8, &errors), Status::kOk);
  fe.set_peak(static_cast<float>(dsp::PeakOf(audio.samples.data(), audio.samples.size())));
  std::vector<float> want(49 * 10);
  dsp::ComputeAudioFeatures(fe, audio.samples.data(), audio.samples.size(), want.data());
  EXPECT_EQ(std::vector<float>(eval.sample(0), eval.sample(0) + 490), want);
  // The two tones give different features.
  EXPECT_NE(std::vector<float>(eval.sample(0), eval.sample(0) + 490),
            std::vector<float>(eval.sample(5), eval.sample(5) + 490));
}

TEST_F(AudioFeatures, RateMismatchAndMisuseAreErrors) {
  WriteTones(dir_, 8000, 8000, 1);
  const json data = {{"format", "wav_folder"},
                     {"path", dir_.string()},
                     {"features", {{"preset", "mlperf-kws"}}}};
  try {
    LoadData(data, 1);
    FAIL() << "expected an error";
  } catch (const data::DataError& e) {
    EXPECT_NE(std::string(e.what()).find("8000 Hz"), std::string::npos) << e.what();
  }
  json config = {{"data", {{"format", "idx"}, {"path", "/x"}, {"features", {{"preset", "mlperf-kws"}}}}},
                 {"model", {{"input", {4}}, {"layers", json::array()}}}};
  EXPECT_THROW(ParseTrainingRun(config, ""), std::invalid_argument);
  EXPECT_THROW(data::ParseAudioFeatures(json{{"preset", "nope"}}), data::DataError);
  EXPECT_THROW(data::ParseAudioFeatures(json{{"type", "audio"}, {"num_mfc", 3}}),
               data::DataError);
}

}  // namespace
}  // namespace mote::train
