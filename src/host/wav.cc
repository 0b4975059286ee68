#include "host/wav.h"

#include <sndfile.h>

#include <cmath>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>

namespace mote::host {
namespace {

uint32_t ReadLe32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
         (static_cast<uint32_t>(p[2]) << 16) | (static_cast<uint32_t>(p[3]) << 24);
}

// For RIFF/WAVE files: false with a message when the data chunk (or the
// chunk before it) claims more bytes than the file holds. libsndfile only
// logs this and reads what is there.
bool CheckRiffComplete(const std::string& path, std::string* error) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return true;  // libsndfile will report it
  std::fseek(f, 0, SEEK_END);
  const long size = std::ftell(f);
  std::fseek(f, 0, SEEK_SET);
  uint8_t header[12];
  bool ok = true;
  if (size >= 12 && std::fread(header, 1, 12, f) == 12 && std::memcmp(header, "RIFF", 4) == 0 &&
      std::memcmp(header + 8, "WAVE", 4) == 0) {
    long pos = 12;
    while (pos + 8 <= size) {
      uint8_t chunk[8];
      if (std::fseek(f, pos, SEEK_SET) != 0 || std::fread(chunk, 1, 8, f) != 8) break;
      const uint32_t length = ReadLe32(chunk + 4);
      const long available = size - pos - 8;
      const bool data = std::memcmp(chunk, "data", 4) == 0;
      // 0 and 0xFFFFFFFF mark streamed files whose length was never filled in.
      const bool unknown = data && (length == 0 || length == 0xFFFFFFFFu);
      if (!unknown && static_cast<long long>(length) > available) {
        // The id is 4 raw bytes, not a C string: hostile files put anything there.
        std::string id;
        for (int i = 0; i < 4; ++i) {
          const uint8_t c = chunk[i];
          id += (c >= 0x20 && c < 0x7f) ? std::string(1, static_cast<char>(c))
                                        : fmt::format("\\x{:02x}", c);
        }
        *error = fmt::format("{}: truncated: the '{}' chunk declares {} bytes, the file holds {}",
                             path, id, length, available);
        ok = false;
        break;
      }
      if (data) break;
      pos += 8 + static_cast<long>(length) + (length & 1);
    }
  }
  std::fclose(f);
  return ok;
}

}  // namespace

bool ReadAudioFile(const std::string& path, Audio* out, std::string* error) {
  if (!CheckRiffComplete(path, error)) return false;
  SF_INFO info;
  std::memset(&info, 0, sizeof(info));
  SNDFILE* file = sf_open(path.c_str(), SFM_READ, &info);
  if (file == nullptr) {
    *error = fmt::format("{}: cannot read audio ({})", path, sf_strerror(nullptr));
    return false;
  }
  if (info.frames <= 0 || info.channels <= 0) {
    sf_close(file);
    *error = fmt::format("{}: no audio samples", path);
    return false;
  }
  if (info.channels > 64 || info.frames > (int64_t{1} << 31) / info.channels) {
    sf_close(file);
    *error = fmt::format("{}: too large ({} frames x {} channels)", path,
                         static_cast<long long>(info.frames), info.channels);
    return false;
  }
  const int subtype = info.format & SF_FORMAT_SUBMASK;
  const bool is_float = subtype == SF_FORMAT_FLOAT || subtype == SF_FORMAT_DOUBLE;
  const size_t count = static_cast<size_t>(info.frames) * static_cast<size_t>(info.channels);
  out->sample_rate = info.samplerate;
  out->channels = info.channels;
  out->samples.assign(count, 0);
  sf_count_t got = 0;
  if (is_float) {
    std::vector<float> values(count);
    got = sf_readf_float(file, values.data(), info.frames);
    for (size_t i = 0; i < static_cast<size_t>(got) * info.channels; ++i) {
      if (!std::isfinite(values[i])) {
        sf_close(file);
        *error = fmt::format("{}: sample {} (channel {}) is {}", path, i / info.channels,
                             i % info.channels, std::isnan(values[i]) ? "NaN" : "infinite");
        return false;
      }
      const float v = std::nearbyint(values[i] * 32768.0f);
      out->samples[i] = static_cast<int16_t>(v > 32767.0f ? 32767.0f : (v < -32768.0f ? -32768.0f : v));
    }
  } else {
    got = sf_readf_short(file, out->samples.data(), info.frames);
  }
  sf_close(file);
  if (got != info.frames) {
    *error = fmt::format("{}: truncated: read {} of {} frames", path, static_cast<long long>(got),
                         static_cast<long long>(info.frames));
    return false;
  }
  return true;
}

bool WriteWav(const std::string& path, const int16_t* samples, size_t frames, int channels,
              int sample_rate, std::string* error) {
  SF_INFO info;
  std::memset(&info, 0, sizeof(info));
  info.samplerate = sample_rate;
  info.channels = channels;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
  if (file == nullptr) {
    *error = fmt::format("{}: cannot write ({})", path, sf_strerror(nullptr));
    return false;
  }
  const sf_count_t written = sf_writef_short(file, samples, static_cast<sf_count_t>(frames));
  sf_close(file);
  if (written != static_cast<sf_count_t>(frames)) {
    *error = fmt::format("{}: short write", path);
    return false;
  }
  return true;
}

bool CheckAudioFormat(const std::string& path, const Audio& audio, int sample_rate,
                      std::string* error) {
  if (audio.channels != 1) {
    *error = fmt::format("{}: has {} channels, the features need mono "
                         "(convert: sox {} -c 1 mono.wav)", path, audio.channels, path);
    return false;
  }
  if (audio.sample_rate != sample_rate) {
    *error = fmt::format("{}: sample rate is {} Hz, the config expects {} Hz "
                         "(resample: sox {} -r {} out.wav)", path, audio.sample_rate,
                         sample_rate, path, sample_rate);
    return false;
  }
  return true;
}

}  // namespace mote::host
