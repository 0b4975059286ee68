// libFuzzer target for the host-side readers of user files: CSV tables,
// .npy arrays, the JSON configs of `mote features`, and audio files (through
// libsndfile plus our own RIFF checks). The first byte picks the reader; any
// input must end in a clear error or a value, never a crash, a hang or an
// exception escaping to the caller.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <span>
#include <string>

#include "host/csv.h"
#include "host/feature_config.h"
#include "host/npy.h"
#include "host/wav.h"

namespace {

// libsndfile reads from a path; one file per fuzzing process, rewritten
// every time (tmpfs when available).
bool ReadAudioBytes(const uint8_t* data, size_t size) {
  static const std::string path = [] {
    const char* dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    return std::string(dir) + "/mote_fuzz_audio_" + std::to_string(getpid()) + ".wav";
  }();
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return false;
  const bool written = std::fwrite(data, 1, size, f) == size;
  std::fclose(f);
  if (!written) return false;
  mote::host::Audio audio;
  std::string error;
  const bool ok = mote::host::ReadAudioFile(path, &audio, &error);
  // A success must be self-consistent; a failure must say why.
  if (ok && (audio.channels <= 0 || audio.samples.size() % audio.channels != 0)) __builtin_trap();
  if (!ok && error.empty()) __builtin_trap();
  if (ok) (void)mote::host::CheckAudioFormat(path, audio, 16000, &error);
  return ok;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > (1 << 16)) return 0;
  const uint8_t which = data[0] % 6;
  ++data;
  --size;
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::string error;
  switch (which) {
    case 0: {
      mote::host::CsvTable table;
      const bool ok = mote::host::ParseCsv(text, "fuzz.csv", &table, &error);
      if (!ok && error.empty()) __builtin_trap();
      if (ok) {
        for (const auto& column : table.columns) {
          if (column.size() != table.rows()) __builtin_trap();
        }
      }
      break;
    }
    case 1: {
      const mote::host::NpyReadResult r = mote::host::ParseNpy(std::span<const uint8_t>(data, size));
      if (r.ok() && static_cast<int64_t>(r.array.data.size()) !=
                          r.array.element_count() *
                              static_cast<int64_t>(mote::host::NpyDTypeSize(r.array.dtype))) {
        __builtin_trap();
      }
      break;
    }
    case 2: {
      mote::host::AudioJob job;
      if (!mote::host::ParseAudioJob(text, &job, &error) && error.empty()) __builtin_trap();
      break;
    }
    case 3: {
      mote::host::ImuJob job;
      if (!mote::host::ParseImuJob(text, &job, &error) && error.empty()) __builtin_trap();
      break;
    }
    case 4: {
      mote::host::ImageJob job;
      if (!mote::host::ParseImageJob(text, &job, &error) && error.empty()) __builtin_trap();
      break;
    }
    default:
      ReadAudioBytes(data, size);
      break;
  }
  return 0;
}
