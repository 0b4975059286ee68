// End to end against a model nobody here trained: the ten MLPerf Tiny KWS
// command words spoken by espeak-ng in eight voices, resampled to 16 kHz
// mono by sox (-R: its dither repeatable), through `mote features audio --preset mlperf-kws` and
// `mote run kws_ref_model.tflite`. A faithful tf.signal front end gets most
// of them right; a wrong one is near chance.
//
// Each clip: the spoken word trimmed of leading/trailing silence, centred in
// 1 s, plus seeded Gaussian noise at 0.5 % of the word's peak (-46 dB). The
// model was trained on recordings with a noise floor and background-noise
// augmentation; exact digital silence around the word is out of its
// distribution (clean clips are also reported). The audio is generated into
// the build tree at test time and removed afterwards; nothing is committed.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_util.h"
#include "dsp/presets.h"
#include "host/wav.h"

namespace mote::dsp {
namespace {

using testing::Mote;
using testing::Result;
using testing::Shell;

const char* const kVoices[] = {"en-us", "en", "en+m3", "en+f2",
                               "en-gb", "en-us+m3", "en+f3", "en-us+f2"};
const char* const kWords[] = {"yes", "no", "up", "down", "left",
                              "right", "on", "off", "stop", "go"};

// Trims |x| <= 20 at both ends, centres the rest in 16000 samples and adds
// N(0, (level * peak)^2) noise from `rng` (Box-Muller on mt19937: the same
// numbers on every platform).
std::vector<int16_t> MakeClip(const std::vector<int16_t>& word, double level, std::mt19937* rng) {
  size_t first = 0, last = word.size();
  while (first < last && std::abs(word[first]) <= 20) ++first;
  while (last > first && std::abs(word[last - 1]) <= 20) --last;
  const size_t n = std::min<size_t>(last - first, 16000);
  int peak = 1;
  for (size_t i = first; i < first + n; ++i) peak = std::max(peak, std::abs(static_cast<int>(word[i])));
  std::vector<double> clip(16000, 0.0);
  const size_t offset = (16000 - n) / 2;
  for (size_t i = 0; i < n; ++i) clip[offset + i] = word[first + i];
  if (level > 0.0) {
    for (size_t i = 0; i < clip.size(); i += 2) {
      const double u1 = ((*rng)() + 1.0) / 4294967297.0, u2 = (*rng)() / 4294967296.0;
      const double r = std::sqrt(-2.0 * std::log(u1)) * level * peak;
      clip[i] += r * std::cos(2 * M_PI * u2);
      if (i + 1 < clip.size()) clip[i + 1] += r * std::sin(2 * M_PI * u2);
    }
  }
  std::vector<int16_t> out(clip.size());
  for (size_t i = 0; i < clip.size(); ++i) {
    out[i] = static_cast<int16_t>(std::clamp(std::lround(clip[i]), -32768L, 32767L));
  }
  return out;
}

// The label kws_ref_model gives the clip (through the CLI, as a user would).
std::string Recognise(const std::vector<int16_t>& clip, const std::filesystem::path& dir) {
  std::string error;
  const std::string wav = (dir / "clip.wav").string(), bin = (dir / "clip.bin").string();
  EXPECT_TRUE(host::WriteWav(wav, clip.data(), clip.size(), 1, 16000, &error)) << error;
  const Result f = Mote("features audio " + wav + " --preset mlperf-kws -o " + bin, dir);
  EXPECT_EQ(f.exit_code, 0) << f.err;
  const Result r = Mote("run " + std::string(MOTE_SHARED_MODELS) +
                            "/kws_ref_model.tflite --json --input " + bin, dir);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  if (r.exit_code != 0) return "?";
  const auto j = nlohmann::json::parse(r.out);
  const std::vector<float> scores = j["outputs"][0]["values"].get<std::vector<float>>();
  EXPECT_EQ(scores.size(), static_cast<size_t>(kMlperfKwsNumLabels));
  const int best = static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
  return MlperfKwsLabel(best);
}

TEST(KwsEndToEnd, EspeakWordsAreRecognised) {
  const std::filesystem::path dir = testing::ScratchDir("kws_e2e");
  const Result tools = Shell("command -v espeak-ng && command -v sox", dir);
  ASSERT_EQ(tools.exit_code, 0) << "espeak-ng and sox are needed: run scripts/setup.sh";

  std::mt19937 rng(5);
  int total = 0, correct = 0, correct_clean = 0;
  std::map<std::string, int> per_word;
  std::string report;
  for (const char* voice : kVoices) {
    int voice_correct = 0, voice_clean = 0;
    std::string misses;
    for (const char* word : kWords) {
      const std::string raw = (dir / "raw.wav").string(), r16 = (dir / "r16.wav").string();
      const Result synth = Shell(std::string("espeak-ng -v ") + voice + " -w " + raw + " " + word +
                                     " && sox -R " + raw + " -r 16000 -c 1 -b 16 " + r16,
                                 dir);
      ASSERT_EQ(synth.exit_code, 0) << synth.err;
      host::Audio audio;
      std::string error;
      ASSERT_TRUE(host::ReadAudioFile(r16, &audio, &error)) << error;
      ASSERT_EQ(audio.sample_rate, 16000);
      ASSERT_EQ(audio.channels, 1);

      const std::string label = Recognise(MakeClip(audio.samples, 0.005, &rng), dir);
      const std::string clean = Recognise(MakeClip(audio.samples, 0.0, &rng), dir);
      ++total;
      if (label == word) {
        ++correct;
        ++voice_correct;
        ++per_word[word];
      } else {
        misses += std::string(" ") + word + "->" + label;
      }
      if (clean == word) {
        ++correct_clean;
        ++voice_clean;
      }
    }
    char line[256];
    std::snprintf(line, sizeof(line), "  %-9s %2d/10 (clean %2d/10)%s\n", voice, voice_correct,
                  voice_clean, misses.c_str());
    report += line;
  }
  std::printf("kws_ref_model on espeak-ng words (8 voices x 10 words):\n%s", report.c_str());
  std::printf("  per word:");
  for (const char* word : kWords) std::printf(" %s %d/8", word, per_word[word]);
  std::printf("\n  total %d/%d = %.1f%% (with -46 dB noise); clean %d/%d = %.1f%%\n", correct,
              total, 100.0 * correct / total, correct_clean, total, 100.0 * correct_clean / total);
  RecordProperty("recognised", correct);
  RecordProperty("recognised_clean", correct_clean);
  EXPECT_GE(correct * 100, 80 * total) << report;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace mote::dsp
