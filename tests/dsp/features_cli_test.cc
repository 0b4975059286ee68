// `mote features` end to end: the files users pass, the tensors and the
// errors they get back.
#include <cmath>
#include <cstring>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_util.h"
#include "dsp_test_util.h"
#include "host/image_io.h"
#include "host/npy.h"
#include "host/wav.h"

#if defined(MOTE_CLI)
namespace mote::dsp {
namespace {

using testing::DataPath;
using testing::LoadVector;
using testing::Mote;
using testing::Result;

std::string Shared(const std::string& name) { return std::string(MOTE_SHARED_MODELS) + "/" + name; }

// Writes raw bytes; little helpers for hand-made WAV files.
void WriteBytes(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}
std::string Le32(uint32_t v) { return std::string(reinterpret_cast<const char*>(&v), 4); }
std::string Le16(uint16_t v) { return std::string(reinterpret_cast<const char*>(&v), 2); }

// A 32-bit float mono WAV holding `samples` (data chunk size may lie).
std::string FloatWav(const std::vector<float>& samples, int rate, uint32_t data_bytes) {
  std::string fmt = Le16(3) + Le16(1) + Le32(rate) + Le32(rate * 4) + Le16(4) + Le16(32);
  std::string data(reinterpret_cast<const char*>(samples.data()), samples.size() * 4);
  std::string body = "WAVE" + std::string("fmt ") + Le32(16) + fmt + "data" + Le32(data_bytes) + data;
  return "RIFF" + Le32(static_cast<uint32_t>(body.size())) + body;
}

class FeaturesCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(testing::ScratchDir("features_cli"));
    const std::vector<int16_t> s = LoadVector<int16_t>("audio_signal.npy");
    std::string error;
    ASSERT_TRUE(host::WriteWav(Path("signal.wav"), s.data(), s.size(), 1, 16000, &error)) << error;
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }
  static std::string Path(const std::string& name) { return (*dir_ / name).string(); }
  static Result Run(const std::string& args) { return Mote(args, *dir_); }
  // The command must fail with a message containing `phrase`.
  static void ExpectError(const std::string& args, const std::string& phrase) {
    const Result r = Run(args);
    EXPECT_NE(r.exit_code, 0) << args;
    EXPECT_NE(r.err.find(phrase), std::string::npos) << args << "\nstderr: " << r.err;
  }
  static std::filesystem::path* dir_;
};
std::filesystem::path* FeaturesCli::dir_ = nullptr;

TEST_F(FeaturesCli, PresetWritesTheModelInputTensor) {
  const Result r = Run("features audio " + Path("signal.wav") + " --preset mlperf-kws -o " +
                       Path("kws.bin") + " --plot " + Path("kws.png"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string bytes = testing::Slurp(Path("kws.bin"));
  const std::vector<int8_t> want = LoadVector<int8_t>("audio_kws_s8.npy");
  ASSERT_EQ(bytes.size(), want.size());
  EXPECT_EQ(std::memcmp(bytes.data(), want.data(), want.size()), 0);
  EXPECT_EQ(testing::Slurp(Path("kws.png")).substr(1, 3), "PNG");

  // The same through the model's own quantization, as .npy with its shape.
  const Result m = Run("features audio " + Path("signal.wav") + " --preset mlperf-kws --model " +
                       Shared("kws_ref_model.tflite") + " -o " + Path("kws.npy") + " --json");
  ASSERT_EQ(m.exit_code, 0) << m.err;
  const auto j = nlohmann::json::parse(m.out);
  EXPECT_EQ(j["shape"], nlohmann::json({1, 49, 10, 1}));
  EXPECT_EQ(j["zero_point"], 83);
  const host::NpyReadResult npy = host::ReadNpyFile(Path("kws.npy"));
  ASSERT_TRUE(npy.ok()) << npy.error;
  EXPECT_EQ(npy.array.ToVector<int8_t>(), want);

  // And it runs: `mote run` takes the file as is.
  const Result run = Run("run " + Shared("kws_ref_model.tflite") + " --input " + Path("kws.bin"));
  EXPECT_EQ(run.exit_code, 0) << run.err;
}

TEST_F(FeaturesCli, FixedPointIsWithinOneStep) {
  const Result r = Run("features audio " + Path("signal.wav") + " --preset mlperf-kws --fixed -o " +
                       Path("kws_fixed.bin"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string bytes = testing::Slurp(Path("kws_fixed.bin"));
  const std::vector<int8_t> want = LoadVector<int8_t>("audio_kws_s8.npy");
  ASSERT_EQ(bytes.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_LE(std::abs(static_cast<int8_t>(bytes[i]) - want[i]), 1) << i;
  }
}

TEST_F(FeaturesCli, ConfigFileGivesFloatFeatures) {
  const Result r = Run("features audio " + Path("signal.wav") + " --config " +
                       DataPath("audio_librosa.json") + " -o " + Path("lib.npy"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const host::NpyReadResult npy = host::ReadNpyFile(Path("lib.npy"));
  ASSERT_TRUE(npy.ok()) << npy.error;
  std::vector<int64_t> shape;
  const std::vector<float> want = LoadVector<float>("audio_librosa_features.npy", &shape);
  EXPECT_EQ(npy.array.shape, shape);
  const std::vector<float> got = npy.array.ToVector<float>();
  ASSERT_EQ(got.size(), want.size());
  EXPECT_GT(testing::SnrDb(want, got), 80.0);
}

TEST_F(FeaturesCli, Imu) {
  const Result r = Run("features imu " + DataPath("imu_signal.csv") + " --config " +
                       DataPath("imu_plain.json") + " -o " + Path("imu.npy") + " --json --plot " +
                       Path("imu.png"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["axes"], nlohmann::json({"ax", "ay", "az"}));  // timestamp skipped
  const host::NpyReadResult npy = host::ReadNpyFile(Path("imu.npy"));
  ASSERT_TRUE(npy.ok());
  EXPECT_EQ(npy.array.shape, (std::vector<int64_t>{1, 51}));
  const std::vector<double> want = LoadVector<double>("imu_plain_features.npy");
  const std::vector<float> got = npy.array.ToVector<float>();
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-3 * (1 + std::fabs(want[i])));
}

TEST_F(FeaturesCli, ImageForAModelInput) {
  std::vector<int64_t> shape;
  const std::vector<uint8_t> rgb = LoadVector<uint8_t>("image_rgb.npy", &shape);
  std::string error;
  ASSERT_TRUE(host::WritePng(Path("in.png"), rgb.data(), static_cast<int>(shape[1]),
                             static_cast<int>(shape[0]), 3, &error));
  // person_detect: [1, 96, 96, 1] int8: grayscale, resized, quantized.
  const Result r = Run("features image " + Path("in.png") + " --model " +
                       Shared("person_detect.tflite") + " -o " + Path("img.npy") + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["shape"], nlohmann::json({1, 96, 96, 1}));
  EXPECT_EQ(j["dtype"], "int8");
  // Explicit config: area resize to 20x12 RGB, float output.
  const std::string cfg = Path("img.json");
  std::ofstream(cfg) << R"({"type": "image", "width": 20, "height": 12, "resize": "area",
                           "mean": [0.5], "std": [0.5]})";
  const Result f = Run("features image " + Path("in.png") + " --config " + cfg + " -o " + Path("img20.npy"));
  ASSERT_EQ(f.exit_code, 0) << f.err;
  const host::NpyReadResult npy = host::ReadNpyFile(Path("img20.npy"));
  ASSERT_TRUE(npy.ok());
  const std::vector<float> got = npy.array.ToVector<float>();
  const std::vector<float> area = LoadVector<float>("image_area_20x12.npy");
  ASSERT_EQ(got.size(), area.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_NEAR(got[i], (area[i] / 255.0 - 0.5) / 0.5, 2.0 / 255 / 0.5 + 1e-6) << i;
  }
}

TEST_F(FeaturesCli, BadAudioInputs) {
  const std::string preset = " --preset mlperf-kws -o " + Path("x.bin");
  WriteBytes(Path("empty.wav"), "");
  ExpectError("features audio " + Path("empty.wav") + preset, "cannot read audio");
  const std::vector<int16_t> none;
  std::string error;
  ASSERT_TRUE(host::WriteWav(Path("zero.wav"), none.data(), 0, 1, 16000, &error));
  ExpectError("features audio " + Path("zero.wav") + preset, "no audio samples");
  std::vector<int16_t> stereo(2 * 16000, 100);
  ASSERT_TRUE(host::WriteWav(Path("stereo.wav"), stereo.data(), 16000, 2, 16000, &error));
  ExpectError("features audio " + Path("stereo.wav") + preset, "2 channels");
  std::vector<int16_t> mono(8000, 100);
  ASSERT_TRUE(host::WriteWav(Path("8k.wav"), mono.data(), 8000, 1, 8000, &error));
  ExpectError("features audio " + Path("8k.wav") + preset, "sample rate is 8000 Hz");
  ASSERT_TRUE(host::WriteWav(Path("short.wav"), mono.data(), 100, 1, 16000, &error));
  ExpectError("features audio " + Path("short.wav") + " --config " + DataPath("audio_logmel.json") +
                  " -o " + Path("x.npy"),
              "shorter than one frame");
  std::vector<float> f(1000, 0.1f);
  f[500] = NAN;
  WriteBytes(Path("nan.wav"), FloatWav(f, 16000, 4000));
  ExpectError("features audio " + Path("nan.wav") + preset, "NaN");
  f[500] = INFINITY;
  WriteBytes(Path("inf.wav"), FloatWav(f, 16000, 4000));
  ExpectError("features audio " + Path("inf.wav") + preset, "infinite");
  f[500] = 0.0f;
  WriteBytes(Path("trunc.wav"), FloatWav(f, 16000, 64000));  // claims 16000 samples
  ExpectError("features audio " + Path("trunc.wav") + preset, "truncated");
  WriteBytes(Path("garbage.wav"), std::string("RIFF\x10\0\0\0WAVEjunk", 16));
  ExpectError("features audio " + Path("garbage.wav") + preset, "garbage.wav");
}

TEST_F(FeaturesCli, BadConfigsAndArguments) {
  const std::string wav = Path("signal.wav");
  const std::string cfg = Path("bad.json");
  auto with_config = [&](const std::string& json, const std::string& phrase) {
    std::ofstream(cfg) << json;
    ExpectError("features audio " + wav + " --config " + cfg + " -o " + Path("x.npy"), phrase);
  };
  with_config(R"({"frame_length": 0})", "frame_length must be positive");
  with_config(R"({"frame_step": 0})", "frame_step must be positive");
  with_config(R"({"num_mel_bins": 0})", "num_mel_bins");
  with_config(R"({"fft_size": 0})", "power of two");
  with_config(R"({"sample_rate": 0})", "sample_rate must be positive");
  with_config(R"({"frame_lenght": 400})", "unknown key \"frame_lenght\"");
  with_config(R"({"window": "blackman"})", "\"window\" must be one of");
  with_config(R"({"lower_hz": "low"})", "\"lower_hz\" must be a number");
  with_config(R"({"type": "imu"})", "expected \"audio\"");
  with_config("{ not json", "not valid JSON");
  // Found by mote_host_input_fuzzer: a number JSON cannot hold was an
  // uncaught exception (abort), one beyond float's range a UB conversion.
  with_config(R"({"fft_size": 1e999})", "not valid JSON");
  with_config(R"({"lower_hz": 1e300})", "in float range");
  ExpectError("features audio " + wav + " -o " + Path("x.bin"), "--config FILE.json or --preset");
  ExpectError("features audio " + wav + " --preset nope -o " + Path("x.bin"), "unknown preset");
  ExpectError("features audio " + wav + " --preset mlperf-kws --model " +
                  Shared("hello_world_int8.tflite") + " -o " + Path("x.bin"),
              "the model input [1,1] takes 1");
  ExpectError("features imu " + DataPath("imu_signal.csv") + " --config " +
                  DataPath("audio_kws.json") + " -o " + Path("x.npy"),
              "expected \"imu\"");
  std::ofstream(Path("bad.csv")) << "ax,ay\n1,2\n3\n";
  ExpectError("features imu " + Path("bad.csv") + " --config " + DataPath("imu_plain.json") +
                  " -o " + Path("x.npy"),
              "bad.csv:3: 1 fields, expected 2");
  std::ofstream(Path("nan.csv")) << "ax\n1\nnan\n";
  ExpectError("features imu " + Path("nan.csv") + " --config " + DataPath("imu_plain.json") +
                  " -o " + Path("x.npy"),
              "NaN");
  WriteBytes(Path("empty.csv"), "");
  ExpectError("features imu " + Path("empty.csv") + " --config " + DataPath("imu_plain.json") +
                  " -o " + Path("x.npy"),
              "empty");
  WriteBytes(Path("bad.png"), "not a png");
  ExpectError("features image " + Path("bad.png") + " --model " + Shared("person_detect.tflite") +
                  " -o " + Path("x.npy"),
              "not a readable image");
}

}  // namespace
}  // namespace mote::dsp
#endif  // MOTE_CLI
