// Mel weights against tf.signal.linear_to_mel_weight_matrix and
// librosa.filters.mel as re-implemented in numpy by gen_vectors.py.
#include <cmath>

#include <gtest/gtest.h>

#include "dsp/audio_config.h"
#include "dsp/mel.h"
#include "dsp_test_util.h"

namespace mote::dsp {
namespace {

void ExpectMatrix(const char* json, const char* npy) {
  const host::AudioJob job = testing::LoadAudioJob(json);
  const MelSpec spec = MelSpecOf(job.config);
  std::vector<int64_t> shape;
  const std::vector<float> want = testing::LoadVector<float>(npy, &shape);
  ASSERT_EQ(shape.size(), 2u);
  const int32_t nspec = spec.fft_size / 2 + 1;
  ASSERT_EQ(shape[0], nspec);
  ASSERT_EQ(shape[1], spec.num_bins);

  Scratch counter;
  MelWeights probe;
  probe.Layout(spec, &counter, true);
  std::vector<uint64_t> memory(counter.used() / 8 + 1);
  Scratch s(memory.data(), memory.size() * 8);
  MelWeights w;
  w.Layout(spec, &s, true);
  ASSERT_TRUE(s.ok());
  for (int32_t c = 0; c < spec.num_bins; ++c) {
    for (int32_t k = 0; k < nspec; ++k) {
      const float expected = want[static_cast<size_t>(k) * spec.num_bins + c];
      const int32_t i = k - w.start(c);
      const float sparse = (i >= 0 && i < w.count(c)) ? w.weights_f32(c)[i] : 0.0f;
      ASSERT_NEAR(sparse, expected, 2e-6 * (1 + expected)) << npy << " channel " << c << " bin " << k;
      ASSERT_NEAR(MelWeights::Weight(spec, c, k), expected, 2e-6 * (1 + expected));
      if (i >= 0 && i < w.count(c)) {
        EXPECT_NEAR(w.weights_q15(c)[i] / 32768.0 * w.channel_max(c), expected,
                    w.channel_max(c) / 32768.0);
      }
    }
  }
}

TEST(Mel, TfSignalMatrix) { ExpectMatrix("audio_kws.json", "mel_kws.npy"); }
TEST(Mel, LibrosaSlaneyMatrix) { ExpectMatrix("audio_librosa.json", "mel_librosa.npy"); }

TEST(Mel, Scales) {
  EXPECT_NEAR(HzToMel(1000.0, MelScale::kHtk), 1127.0 * std::log(1 + 1000.0 / 700.0), 1e-9);
  EXPECT_NEAR(HzToMel(1000.0, MelScale::kSlaney), 15.0, 1e-12);
  EXPECT_NEAR(HzToMel(500.0, MelScale::kSlaney), 7.5, 1e-12);
  for (double hz : {0.0, 20.0, 999.0, 1000.0, 4000.0, 8000.0}) {
    EXPECT_NEAR(MelToHz(HzToMel(hz, MelScale::kHtk), MelScale::kHtk), hz, 1e-9 * (1 + hz));
    EXPECT_NEAR(MelToHz(HzToMel(hz, MelScale::kSlaney), MelScale::kSlaney), hz, 1e-9 * (1 + hz));
  }
}

}  // namespace
}  // namespace mote::dsp
