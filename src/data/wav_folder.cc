#include "data/wav_folder.h"

#include <filesystem>
#include <vector>

#include "data/folder_util.h"
#include "host/wav.h"

namespace mote::data {
namespace {

struct Clip {
  int rate = 0;
  std::vector<float> samples;
};

// The file through the host library's reader (libsndfile plus its checks:
// truncated data chunks, NaN samples), then the data set's own: mono.
Clip ReadClip(const std::string& path) {
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(path, ec);
  if (ec) throw DataError(path + ": cannot read (" + ec.message() + ")");
  if (bytes == 0) throw DataError(path + ": empty file");
  host::Audio audio;
  std::string error;
  if (!host::ReadAudioFile(path, &audio, &error)) throw DataError(error);
  if (audio.channels != 1) {
    throw DataError(path + ": " + std::to_string(audio.channels) +
                    " channels; mono clips only (convert with: sox in.wav -c 1 out.wav)");
  }
  Clip clip;
  clip.rate = audio.sample_rate;
  clip.samples.resize(audio.samples.size());
  for (size_t i = 0; i < audio.samples.size(); ++i) clip.samples[i] = audio.samples[i] / 32768.0f;
  return clip;
}

}  // namespace

Dataset LoadWavFolder(const std::string& root, const WavFolderOptions& options,
                      int* sample_rate_out) {
  if (options.length < 0 || options.sample_rate < 0) {
    throw DataError(root + ": length and sample_rate must be >= 0");
  }
  const auto classes = ListClassFolders(root, {".wav"}, "WAV");
  Dataset d;
  d.h = 1;
  d.c = 1;
  d.w = options.length;
  int rate = options.sample_rate;
  std::string rate_source = rate > 0 ? "the configured sample_rate" : "";
  std::string length_source;
  for (size_t k = 0; k < classes.size(); ++k) {
    d.classes.push_back(classes[k].name);
    for (const std::string& path : classes[k].files) {
      Clip clip = ReadClip(path);
      if (rate == 0) {
        rate = clip.rate;
        rate_source = path;
      } else if (clip.rate != rate) {
        throw DataError(path + ": sample rate " + std::to_string(clip.rate) + " Hz, but " +
                        rate_source + " has " + std::to_string(rate) +
                        " Hz (resample with: sox in.wav -r " + std::to_string(rate) +
                        " out.wav)");
      }
      if (d.w == 0) {
        d.w = static_cast<int>(clip.samples.size());
        length_source = path;
      } else if (options.length == 0 && static_cast<int>(clip.samples.size()) != d.w) {
        throw DataError(path + ": " + std::to_string(clip.samples.size()) + " samples, but " +
                        length_source + " has " + std::to_string(d.w) +
                        " (set \"length\" to pad or cut every clip to one length)");
      }
      clip.samples.resize(d.w, 0.0f);
      d.x.insert(d.x.end(), clip.samples.begin(), clip.samples.end());
      d.labels.push_back(static_cast<int32_t>(k));
      d.sources.push_back(path);
    }
  }
  if (sample_rate_out != nullptr) *sample_rate_out = rate;
  d.Validate(root);
  return d;
}

}  // namespace mote::data
