// mote train -> quantize -> eval end to end on a tiny IDX data set, and the
// CLI's handling of bad configs and data.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "train/random.h"

#ifdef MOTE_CLI  // built with the tools
namespace mote::train {
namespace {

namespace fs = std::filesystem;

struct Result {
  int code = -1;
  std::string out;  // stdout and stderr
};

Result RunCli(const std::string& args) {
  Result r;
  const std::string cmd = std::string(MOTE_CLI) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

void WriteIdx(const std::string& path, std::vector<uint32_t> dims,
              const std::vector<uint8_t>& values) {
  std::vector<uint8_t> b = {0, 0, 0x08, static_cast<uint8_t>(dims.size())};
  for (uint32_t d : dims) {
    for (int s = 24; s >= 0; s -= 8) b.push_back(static_cast<uint8_t>(d >> s));
  }
  b.insert(b.end(), values.begin(), values.end());
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
}

// Three classes of 8x8 images: a bright row band at the top, middle or bottom.
void WriteSplit(const std::string& dir, const std::string& split, int n, uint64_t seed) {
  Random rng(seed);
  std::vector<uint8_t> images, labels;
  for (int i = 0; i < n; ++i) {
    const int label = i % 3;
    labels.push_back(static_cast<uint8_t>(label));
    for (int y = 0; y < 8; ++y) {
      for (int x = 0; x < 8; ++x) {
        const bool on = y / 3 == label || (label == 2 && y == 7);
        images.push_back(static_cast<uint8_t>((on ? 180 : 30) + rng.Below(60)));
      }
    }
  }
  WriteIdx(dir + "/" + split + "-images-idx3-ubyte", {static_cast<uint32_t>(n), 8, 8}, images);
  WriteIdx(dir + "/" + split + "-labels-idx1-ubyte", {static_cast<uint32_t>(n)}, labels);
}

class CliFlow : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("mote_cli_train_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "data");
    WriteSplit((dir_ / "data").string(), "train", 300, 1);
    WriteSplit((dir_ / "data").string(), "t10k", 90, 2);
    config_ = {
        {"name", "tiny"},
        {"data", {{"format", "idx"}, {"path", "data"}, {"validation_fraction", 0.2}}},
        {"model",
         {{"input", {8, 8, 1}},
          {"layers",
           {{{"type", "conv2d"}, {"filters", 4}, {"kernel", 3}, {"batch_norm", true},
             {"activation", "relu"}},
            {{"type", "max_pool"}, {"size", 2}},
            {{"type", "flatten"}},
            {{"type", "dense"}, {"units", 3}}}}}},
        {"training",
         {{"epochs", 3}, {"batch_size", 16}, {"schedule", {{"learning_rate", 0.01}}}}},
        {"output", (dir_ / "out").string()}};
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string WriteConfig(const nlohmann::json& j, const std::string& name = "config.json") {
    const fs::path p = dir_ / name;
    std::ofstream(p) << j.dump(2);
    return p.string();
  }
  fs::path dir_;
  nlohmann::json config_;
};

TEST_F(CliFlow, TrainQuantizeEvalAgree) {
  const std::string config = WriteConfig(config_);
  const Result train = RunCli("train " + config + " --no-progress");
  ASSERT_EQ(train.code, 0) << train.out;
  EXPECT_NE(train.out.find("epoch 3/3"), std::string::npos) << train.out;
  EXPECT_NE(train.out.find("float test accuracy"), std::string::npos) << train.out;
  for (const char* f : {"model.ckpt", "training_curve.png", "history.json"}) {
    EXPECT_TRUE(fs::exists(dir_ / "out" / f)) << f;
  }
  const nlohmann::json history = nlohmann::json::parse(std::ifstream(dir_ / "out/history.json"));
  EXPECT_EQ(history.size(), 3u);

  const Result quant = RunCli("quantize " + (dir_ / "out/model.ckpt").string() + " --json");
  ASSERT_EQ(quant.code, 0) << quant.out;
  const nlohmann::json q = nlohmann::json::parse(quant.out);
  EXPECT_GT(q["int8_accuracy"].get<double>(), 0.9) << quant.out;
  EXPECT_NEAR(q["int8_accuracy"].get<double>(), q["float_accuracy"].get<double>(), 0.05);
  const std::string model = q["model"];
  EXPECT_TRUE(fs::exists(model));

  // The runtime's accuracy on the same test split equals the simulation's.
  const std::string png = (dir_ / "out/confusion.png").string();
  const Result eval =
      RunCli("eval " + model + " " + (dir_ / "data").string() + " --json --confusion-png " + png);
  ASSERT_EQ(eval.code, 0) << eval.out;
  const nlohmann::json e = nlohmann::json::parse(eval.out);
  EXPECT_DOUBLE_EQ(e["accuracy"].get<double>(), q["int8_accuracy"].get<double>());
  EXPECT_EQ(e["samples"], 90);
  EXPECT_EQ(e["per_class"].size(), 3u);
  EXPECT_GT(e["arena_bytes"].get<int>(), 0);
  EXPECT_TRUE(fs::exists(png));

  // MSE ranges and quantization-aware fine-tuning: the runtime still agrees.
  const std::string qat_model = (dir_ / "out/qat.tflite").string();
  const Result qat = RunCli("quantize " + (dir_ / "out/model.ckpt").string() +
                            " --method mse --qat-epochs 1 --qat-learning-rate 0.001 --json -o " +
                            qat_model);
  ASSERT_EQ(qat.code, 0) << qat.out;
  const nlohmann::json qj = nlohmann::json::parse(qat.out);
  EXPECT_EQ(qj["qat_epochs"], 1);
  EXPECT_GT(qj["int8_ptq_accuracy"].get<double>(), 0.9) << qat.out;
  EXPECT_GT(qj["int8_accuracy"].get<double>(), 0.9) << qat.out;
  const Result qat_eval = RunCli("eval " + qat_model + " " + (dir_ / "data").string() + " --json");
  ASSERT_EQ(qat_eval.code, 0) << qat_eval.out;
  EXPECT_DOUBLE_EQ(nlohmann::json::parse(qat_eval.out)["accuracy"].get<double>(),
                   qj["int8_accuracy"].get<double>());

  const Result text = RunCli("eval " + model + " " + (dir_ / "data").string());
  ASSERT_EQ(text.code, 0) << text.out;
  EXPECT_NE(text.out.find("confusion matrix"), std::string::npos) << text.out;
  const Result inspect = RunCli("inspect " + model);
  ASSERT_EQ(inspect.code, 0) << inspect.out;
  EXPECT_NE(inspect.out.find("CONV_2D"), std::string::npos) << inspect.out;
  EXPECT_NE(inspect.out.find("SOFTMAX"), std::string::npos) << inspect.out;
  // Nothing half-written left behind.
  for (const auto& f : fs::directory_iterator(dir_ / "out")) {
    EXPECT_NE(f.path().extension(), ".tmp") << f.path();
  }
}

TEST_F(CliFlow, BadConfigsAndDataNameTheProblem) {
  nlohmann::json typo = config_;
  typo["training"]["epoch"] = 3;
  Result r = RunCli("train " + WriteConfig(typo, "typo.json"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("typo.json: training: unknown key 'epoch'"), std::string::npos) << r.out;

  nlohmann::json missing = config_;
  missing["data"]["path"] = "nowhere";
  r = RunCli("train " + WriteConfig(missing, "missing.json"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("nowhere: not a folder"), std::string::npos) << r.out;

  nlohmann::json wrong_units = config_;
  wrong_units["model"]["layers"][3]["units"] = 5;
  r = RunCli("train " + WriteConfig(wrong_units, "units.json"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("3 classes, but the model ends with 5 outputs"), std::string::npos)
      << r.out;

  std::ofstream(dir_ / "broken.json") << "{\"name\": ";
  r = RunCli("train " + (dir_ / "broken.json").string());
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("not valid JSON"), std::string::npos) << r.out;

  // A truncated data file: the error names it, and no output is written.
  fs::resize_file(dir_ / "data/train-images-idx3-ubyte", 100);
  r = RunCli("train " + WriteConfig(config_));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("train-images-idx3-ubyte: truncated"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir_ / "out/model.ckpt"));

  std::ofstream(dir_ / "fake.ckpt") << "MOTECKPT garbage";
  r = RunCli("quantize " + (dir_ / "fake.ckpt").string());
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("fake.ckpt"), std::string::npos) << r.out;

  r = RunCli("eval " + (dir_ / "fake.ckpt").string() + " " + (dir_ / "data").string());
  EXPECT_EQ(r.code, 1);
}

}  // namespace
}  // namespace mote::train
#endif  // MOTE_CLI
