// Audio file reading: a WAV written by mote reads back exactly; truncated and
// hostile RIFF files are rejected with a message that names the chunk.
#include "host/wav.h"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <unistd.h>

namespace mote::host {
namespace {

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          ("mote_wav_test_" + std::to_string(getpid()) + "_" + name))
      .string();
}

void WriteBytes(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(std::fwrite(bytes.data(), 1, bytes.size(), f), bytes.size());
  std::fclose(f);
}

void PutLe32(std::vector<uint8_t>* out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<uint8_t>(v >> (8 * i)));
}

// "RIFF" <size> "WAVE" then one chunk with the given 4 id bytes, declaring
// `declared` bytes but holding `held`.
std::vector<uint8_t> RiffWithChunk(const uint8_t id[4], uint32_t declared, size_t held) {
  std::vector<uint8_t> out = {'R', 'I', 'F', 'F'};
  PutLe32(&out, static_cast<uint32_t>(4 + 8 + held));
  out.insert(out.end(), {'W', 'A', 'V', 'E'});
  out.insert(out.end(), id, id + 4);
  PutLe32(&out, declared);
  out.resize(out.size() + held, 0x55);
  return out;
}

TEST(Wav, WrittenFileReadsBackExactly) {
  const std::string path = TempPath("roundtrip.wav");
  const std::vector<int16_t> samples = {0, 1, -1, 32767, -32768, 1234, -4321, 7};
  std::string error;
  ASSERT_TRUE(WriteWav(path, samples.data(), samples.size(), 1, 16000, &error)) << error;
  Audio audio;
  ASSERT_TRUE(ReadAudioFile(path, &audio, &error)) << error;
  EXPECT_EQ(audio.sample_rate, 16000);
  EXPECT_EQ(audio.channels, 1);
  EXPECT_EQ(audio.samples, samples);
  std::remove(path.c_str());
}

TEST(Wav, TruncatedDataChunkIsAnError) {
  const std::string path = TempPath("truncated.wav");
  const uint8_t id[4] = {'d', 'a', 't', 'a'};
  WriteBytes(path, RiffWithChunk(id, 1000, 10));
  Audio audio;
  std::string error;
  EXPECT_FALSE(ReadAudioFile(path, &audio, &error));
  EXPECT_NE(error.find("'data' chunk declares 1000 bytes"), std::string::npos) << error;
  EXPECT_NE(error.find("holds 10"), std::string::npos) << error;
  std::remove(path.c_str());
}

// Regression (host-input fuzzer): the chunk id was formatted as a C string,
// so an id with no NUL after it read past the 8-byte chunk header.
TEST(Wav, ChunkIdIsPrintedAsFourEscapedBytes) {
  const std::string path = TempPath("hostile_id.wav");
  const uint8_t id[4] = {'f', 0x01, 0xff, 'x'};
  WriteBytes(path, RiffWithChunk(id, 0x7fffffff, 3));
  Audio audio;
  std::string error;
  EXPECT_FALSE(ReadAudioFile(path, &audio, &error));
  EXPECT_NE(error.find("'f\\x01\\xffx' chunk"), std::string::npos) << error;
  std::remove(path.c_str());
}

TEST(Wav, MissingFileIsAnError) {
  Audio audio;
  std::string error;
  EXPECT_FALSE(ReadAudioFile(TempPath("does_not_exist.wav"), &audio, &error));
  EXPECT_FALSE(error.empty());
}

}  // namespace
}  // namespace mote::host
