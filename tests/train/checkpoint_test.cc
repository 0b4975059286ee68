// Checkpoints, reports and the progress line.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "train/checkpoint.h"
#include "train/metrics.h"
#include "train/progress.h"

namespace mote::train {
namespace {

namespace fs = std::filesystem;

nlohmann::json Spec() {
  return nlohmann::json::parse(R"({"input": [4, 4, 1], "layers": [
    {"type": "conv2d", "filters": 2, "batch_norm": true, "activation": "relu"},
    {"type": "flatten"}, {"type": "dense", "units": 3}]})");
}

TEST(Checkpoint, RoundTripsWeightsStateAndInfo) {
  const std::string path =
      (fs::temp_directory_path() / ("mote_ckpt_" + std::to_string(getpid()) + ".ckpt")).string();
  Network net = Network::FromSpec(Spec(), 3);
  net.state()[0]->value = {0.5f, -0.25f};  // running mean
  Checkpoint info;
  info.config = {{"name", "x"}};
  info.classes = {"a", "b", "c"};
  info.epoch = 7;
  info.metrics = {{"val_accuracy", 0.75}};
  SaveCheckpoint(path, net, info);
  EXPECT_FALSE(fs::exists(path + ".tmp"));

  Checkpoint back;
  Network loaded = LoadCheckpoint(path, &back);
  ASSERT_EQ(loaded.params().size(), net.params().size());
  for (size_t i = 0; i < net.params().size(); ++i) {
    EXPECT_EQ(loaded.params()[i]->value, net.params()[i]->value) << net.params()[i]->name;
  }
  EXPECT_EQ(loaded.state()[0]->value, (std::vector<float>{0.5f, -0.25f}));
  EXPECT_EQ(back.classes, info.classes);
  EXPECT_EQ(back.epoch, 7);
  EXPECT_EQ(back.config["name"], "x");
  EXPECT_DOUBLE_EQ(back.metrics["val_accuracy"].get<double>(), 0.75);

  // Cut short: an error naming the file, never a crash or garbage weights.
  fs::resize_file(path, fs::file_size(path) - 8);
  try {
    LoadCheckpoint(path, nullptr);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
  std::ofstream(path) << "not a checkpoint at all";
  EXPECT_THROW(LoadCheckpoint(path, nullptr), std::runtime_error);
  fs::remove(path);
}

TEST(Report, PrecisionRecallAndConfusion) {
  // true: a a a b b c ; predicted: a a b b c c
  const ClassificationReport r =
      MakeReport({0, 0, 0, 1, 1, 2}, {0, 0, 1, 1, 2, 2}, {"a", "b", "c"});
  EXPECT_EQ(r.correct, 4);
  EXPECT_DOUBLE_EQ(r.accuracy, 4.0 / 6);
  EXPECT_EQ(r.confusion[0], (std::vector<int64_t>{2, 1, 0}));
  EXPECT_DOUBLE_EQ(r.classes[0].precision, 1.0);
  EXPECT_DOUBLE_EQ(r.classes[0].recall, 2.0 / 3);
  EXPECT_DOUBLE_EQ(r.classes[1].precision, 0.5);
  EXPECT_DOUBLE_EQ(r.classes[2].recall, 1.0);
  const std::string text = FormatReport(r);
  EXPECT_NE(text.find("accuracy 66.67% (4 of 6)"), std::string::npos) << text;
  const nlohmann::json j = ReportJson(r);
  EXPECT_EQ(j["per_class"][1]["class"], "b");
  EXPECT_THROW(MakeReport({0}, {3}, {"a", "b"}), std::invalid_argument);
}

TEST(Progress, LineShowsEpochLossAccuracyAndEta) {
  BatchProgress p;
  p.epoch = 3;
  p.epochs = 10;
  p.done = 500;
  p.total = 1000;
  p.loss = 0.4213;
  p.accuracy = 0.847;
  p.seconds = 0.25;
  const std::string line = ProgressBar::Render(p, 75, 10);
  EXPECT_EQ(line,
            "epoch  3/10 [=====>    ]  50%  loss 0.4213  acc  84.7%  2000 samples/s  ETA 1:15");
  EXPECT_EQ(ProgressBar::Duration(3725), "1:02:05");
}

}  // namespace
}  // namespace mote::train
