// Audio files via libsndfile (WAV and whatever else it reads), as int16.
//
// Reading checks what libsndfile lets through: an empty file or one with no
// samples, a RIFF/WAVE whose data chunk is shorter than its header says (a
// truncated download or recording), and NaN/Inf samples in float files.
#ifndef MOTE_HOST_WAV_H_
#define MOTE_HOST_WAV_H_

#include <cstdint>
#include <string>
#include <vector>

namespace mote::host {

struct Audio {
  int sample_rate = 0;
  int channels = 0;
  std::vector<int16_t> samples;  // interleaved, frames * channels
  size_t frames() const { return channels > 0 ? samples.size() / channels : 0; }
};

// Integer PCM reads exactly; float samples are scaled by 32768, rounded and
// clipped to int16.
bool ReadAudioFile(const std::string& path, Audio* out, std::string* error);

// 16-bit PCM WAV.
bool WriteWav(const std::string& path, const int16_t* samples, size_t frames, int channels,
              int sample_rate, std::string* error);

// Checks an audio file against what a feature config expects (mono, the
// sample rate) with a message saying how to convert it.
bool CheckAudioFormat(const std::string& path, const Audio& audio, int sample_rate,
                      std::string* error);

}  // namespace mote::host

#endif  // MOTE_HOST_WAV_H_
