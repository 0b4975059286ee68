#include "data/wav_folder.h"

#include <sndfile.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

#include "data/folder_util.h"

namespace mote::data {
namespace {

struct Clip {
  int rate = 0;
  std::vector<float> samples;
};

uint32_t Le32(const unsigned char* p) {
  return uint32_t{p[0]} | (uint32_t{p[1]} << 8) | (uint32_t{p[2]} << 16) | (uint32_t{p[3]} << 24);
}

// libsndfile quietly shortens a RIFF/WAVE file whose data chunk is cut off
// (an interrupted download or recording); walk the chunks and compare the
// data chunk's declared size with the bytes that are really there.
void CheckRiffComplete(const std::string& path, uintmax_t file_bytes) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return;  // sf_open reports it
  unsigned char header[12];
  const bool riff = std::fread(header, 1, 12, f) == 12 && std::memcmp(header, "RIFF", 4) == 0 &&
                    std::memcmp(header + 8, "WAVE", 4) == 0;
  uintmax_t at = 12;
  while (riff) {
    unsigned char chunk[8];
    if (std::fread(chunk, 1, 8, f) != 8) {
      std::fclose(f);
      throw DataError(path + ": truncated: no data chunk before the end of the file");
    }
    const uint32_t size = Le32(chunk + 4);
    at += 8;
    if (std::memcmp(chunk, "data", 4) == 0) {
      std::fclose(f);
      if (at + size > file_bytes) {
        throw DataError(path + ": truncated: the data chunk declares " + std::to_string(size) +
                        " bytes, the file holds " + std::to_string(file_bytes - at));
      }
      return;
    }
    at += size + (size & 1);
    if (at > file_bytes || std::fseek(f, static_cast<long>(at), SEEK_SET) != 0) {
      std::fclose(f);
      throw DataError(path + ": truncated inside its header chunks");
    }
  }
  std::fclose(f);
}

Clip ReadClip(const std::string& path) {
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(path, ec);
  if (ec) throw DataError(path + ": cannot read (" + ec.message() + ")");
  if (bytes == 0) throw DataError(path + ": empty file");
  CheckRiffComplete(path, bytes);
  SF_INFO info{};
  SNDFILE* f = sf_open(path.c_str(), SFM_READ, &info);
  if (f == nullptr) {
    throw DataError(path + ": not a readable audio file (" + sf_strerror(nullptr) + ")");
  }
  Clip clip;
  clip.rate = info.samplerate;
  if (info.channels != 1) {
    sf_close(f);
    throw DataError(path + ": " + std::to_string(info.channels) +
                    " channels; mono clips only (convert with: sox in.wav -c 1 out.wav)");
  }
  if (info.frames <= 0) {
    sf_close(f);
    throw DataError(path + ": no samples");
  }
  // Read as int16 so integer PCM is exact; float files are scaled by sndfile.
  std::vector<short> pcm(static_cast<size_t>(info.frames));
  const sf_count_t got = sf_readf_short(f, pcm.data(), info.frames);
  sf_close(f);
  if (got != info.frames) {
    throw DataError(path + ": truncated: the header announces " + std::to_string(info.frames) +
                    " samples, only " + std::to_string(got) + " could be read");
  }
  clip.samples.resize(pcm.size());
  for (size_t i = 0; i < pcm.size(); ++i) clip.samples[i] = pcm[i] / 32768.0f;
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
