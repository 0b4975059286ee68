// Streaming equals the whole buffer, bit for bit, for every chunk size.
#include <cstring>
#include <vector>

#include <gtest/gtest.h>

#include "dsp/audio_stream.h"
#include "dsp/presets.h"
#include "dsp_test_util.h"

namespace mote::dsp {
namespace {

const std::vector<int16_t>& Signal() {
  static const std::vector<int16_t> s = testing::LoadVector<int16_t>("audio_signal.npy");
  return s;
}

template <typename Frontend>
void CheckAllChunkSizes(const AudioConfig& config, size_t num_samples, size_t max_chunk,
                        int32_t ring_frames) {
  using Feature = typename Frontend::Feature;
  std::vector<uint64_t> fe_memory(Frontend::ScratchBytes(config) / 8 + 1);
  Frontend frontend;
  ErrorReporter errors;
  ASSERT_EQ(frontend.Init(config, fe_memory.data(), fe_memory.size() * 8, &errors), Status::kOk)
      << errors.message();
  ASSERT_LE(num_samples, Signal().size());
  const int32_t frames = AudioFrameCount(config, num_samples);
  const size_t fs = static_cast<size_t>(frontend.feature_size());
  ASSERT_GT(frames, ring_frames);
  std::vector<Feature> whole(frames * fs);
  ASSERT_EQ(ComputeAudioFeatures(frontend, Signal().data(), num_samples, whole.data()), frames);

  using Stream = AudioStream<Frontend>;
  std::vector<uint64_t> memory(Stream::ScratchBytes(config, ring_frames) / 8 + 1);
  Stream stream;
  ASSERT_EQ(stream.Init(&frontend, ring_frames, memory.data(), memory.size() * 8, &errors),
            Status::kOk);
  std::vector<Feature> window(ring_frames * fs);
  for (size_t chunk = 1; chunk <= max_chunk; ++chunk) {
    stream.Reset();
    size_t pos = 0;
    while (pos < num_samples) {
      const size_t n = std::min(chunk, num_samples - pos);
      stream.Push(Signal().data() + pos, n);
      pos += n;
      const int64_t done = stream.frames_total();
      ASSERT_EQ(done, AudioFrameCount(config, pos)) << "chunk " << chunk << " at " << pos;
      // Every ready frame equals the whole-buffer frame, bit for bit.
      for (int32_t i = 0; i < stream.frames_ready(); ++i) {
        const int64_t f = done - stream.frames_ready() + i;
        ASSERT_EQ(std::memcmp(stream.frame(i), whole.data() + f * fs, fs * sizeof(Feature)), 0)
            << "chunk " << chunk << " frame " << f;
      }
      if (stream.full()) {
        ASSERT_TRUE(stream.CopyWindow(window.data()));
        ASSERT_EQ(std::memcmp(window.data(), whole.data() + (done - ring_frames) * fs,
                              window.size() * sizeof(Feature)), 0);
      } else {
        ASSERT_FALSE(stream.CopyWindow(window.data()));
      }
    }
    ASSERT_EQ(stream.frames_total(), frames);
  }
}

TEST(AudioStream, KwsFloatEveryChunkSize) {
  CheckAllChunkSizes<AudioFrontendF32>(MlperfKwsPreset().config, 3200, 800, 4);
}

TEST(AudioStream, KwsFixedEveryChunkSize) {
  CheckAllChunkSizes<AudioFrontendQ>(MlperfKwsPreset().config, 3200, 800, 4);
}

AudioConfig GappedConfig() {
  // Frames with gaps between them (step > length), pre-emphasis across
  // frame boundaries, and noise reduction + PCAN state.
  AudioConfig c = MlperfKwsPreset().config;
  c.frame_length = 64;
  c.frame_step = 100;
  c.fft_size = 64;
  c.num_mel_bins = 8;
  c.num_mfcc = 0;
  c.pre_emphasis = 0.9f;
  return c;
}

TEST(AudioStream, GappedFramesWithStateEveryChunkSize) {
  AudioConfig c = GappedConfig();
  c.noise_reduction.enabled = true;
  c.pcan.enabled = true;
  CheckAllChunkSizes<AudioFrontendF32>(c, 2000, 300, 3);
}

TEST(AudioStream, GappedFixedEveryChunkSize) {
  CheckAllChunkSizes<AudioFrontendQ>(GappedConfig(), 2000, 300, 3);
}

TEST(AudioStream, RejectsBadSetup) {
  AudioStream<AudioFrontendF32> stream;
  ErrorReporter errors;
  uint64_t memory[4];
  EXPECT_EQ(stream.Init(nullptr, 4, memory, sizeof(memory), &errors), Status::kInvalidArgument);
}

}  // namespace
}  // namespace mote::dsp
