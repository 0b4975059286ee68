#include "data/audio_features.h"

#include <algorithm>
#include <cmath>

#include "dsp/audio_frontend.h"

namespace mote::data {

host::AudioJob ParseAudioFeatures(const nlohmann::json& j) {
  if (!j.is_object()) throw DataError("data.features: must be an object");
  host::AudioJob job;
  if (j.contains("preset")) {
    if (j.size() != 1 || !j["preset"].is_string() ||
        !host::AudioPreset(j["preset"].get<std::string>(), &job)) {
      throw DataError("data.features: \"preset\" must be \"mlperf-kws\", with no other key");
    }
    return job;
  }
  std::string error;
  if (!host::ParseAudioJob(j.dump(), &job, &error)) throw DataError("data.features: " + error);
  return job;
}

Dataset ComputeAudioFeatures(const Dataset& clips, int sample_rate, const host::AudioJob& job,
                             const std::string& where) {
  const dsp::AudioConfig& c = job.config;
  if (sample_rate != c.sample_rate) {
    throw DataError(where + ": the WAV files are at " + std::to_string(sample_rate) +
                    " Hz, the features expect " + std::to_string(c.sample_rate) +
                    " Hz (resample them, e.g. sox in.wav -r " + std::to_string(c.sample_rate) +
                    " out.wav)");
  }
  if (clips.h != 1 || clips.c != 1) throw DataError(where + ": audio clips must be 1 x n x 1");
  const size_t n = job.clip_samples > 0 ? static_cast<size_t>(job.clip_samples)
                                        : static_cast<size_t>(clips.w);
  if (n < static_cast<size_t>(c.frame_length)) {
    throw DataError(where + ": clips of " + std::to_string(n) +
                    " samples are shorter than one frame (" + std::to_string(c.frame_length) +
                    ")");
  }
  const int32_t frames = dsp::AudioFrameCount(c, n);
  const int32_t size = dsp::AudioFeatureSize(c);
  Dataset out;
  out.h = frames;
  out.w = size;
  out.c = 1;
  out.classes = clips.classes;
  out.labels = clips.labels;
  out.sources = clips.sources;
  out.x.resize(clips.size() * static_cast<size_t>(frames) * size);

  ErrorReporter errors;
  dsp::AudioFrontendF32 f32;
  dsp::AudioFrontendQ q;
  std::vector<uint64_t> memory(
      (job.fixed_point ? dsp::AudioFrontendQ::ScratchBytes(c)
                       : dsp::AudioFrontendF32::ScratchBytes(c)) / 8 + 1);
  const Status init = job.fixed_point ? q.Init(c, memory.data(), memory.size() * 8, &errors)
                                      : f32.Init(c, memory.data(), memory.size() * 8, &errors);
  if (init != Status::kOk) throw DataError(where + ": features: " + errors.message());
  std::vector<int16_t> pcm(n);
  std::vector<int32_t> q16(static_cast<size_t>(frames) * size);
  for (size_t i = 0; i < clips.size(); ++i) {
    const float* x = clips.sample(i);
    std::fill(pcm.begin(), pcm.end(), int16_t{0});
    const size_t have = std::min(n, static_cast<size_t>(clips.w));
    for (size_t k = 0; k < have; ++k) {
      pcm[k] = static_cast<int16_t>(std::clamp(std::lround(x[k] * 32768.0f), -32768L, 32767L));
    }
    const int32_t peak = job.peak_normalize ? dsp::PeakOf(pcm.data(), n) : 32768;
    float* dst = out.x.data() + i * static_cast<size_t>(frames) * size;
    if (job.fixed_point) {
      if (q.set_peak(peak, &errors) != Status::kOk) {
        throw DataError(where + ": features: " + errors.message());
      }
      dsp::ComputeAudioFeatures(q, pcm.data(), n, q16.data());
      for (size_t k = 0; k < q16.size(); ++k) dst[k] = static_cast<float>(q16[k]) / 65536.0f;
    } else {
      f32.set_peak(static_cast<float>(peak));
      dsp::ComputeAudioFeatures(f32, pcm.data(), n, dst);
    }
  }
  out.Validate(where);
  return out;
}

}  // namespace mote::data
