// Training configs: defaults, overrides, errors, data splits.
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "train/config.h"

namespace mote::train {
namespace {

using nlohmann::json;

json Minimal() {
  return json::parse(R"({
    "data": {"format": "synthetic", "shape": [4, 3, 2], "samples": 200, "classes": 4,
             "validation_fraction": 0.1, "test_fraction": 0.25},
    "model": {"input": [4, 3, 2], "layers": [{"type": "flatten"}, {"type": "dense", "units": 4}]}
  })");
}

// The message ParseTrainingRun throws for `c`, or "no error".
std::string ErrorOf(const json& c) {
  try {
    ParseTrainingRun(c, "");
  } catch (const std::invalid_argument& e) {
    return std::string(e.what());
  }
  return std::string("no error");
}

TEST(Config, DefaultsAndOverrides) {
  json c = Minimal();
  c["training"] = json::parse(R"({"epochs": 3, "optimizer": {"type": "sgd", "momentum": 0.8},
    "schedule": {"type": "step", "step_epochs": 2}, "class_weights": "balanced",
    "augment": {"shift": 2, "noise": 0.1}, "early_stopping": {"patience": 4}})");
  const TrainingRun run = ParseTrainingRun(c, "/base");
  EXPECT_EQ(run.training.epochs, 3);
  EXPECT_EQ(run.training.batch_size, 128);
  EXPECT_EQ(run.training.optimizer.type, "sgd");
  EXPECT_FLOAT_EQ(run.training.optimizer.momentum, 0.8f);
  EXPECT_EQ(run.training.schedule.type, "step");
  EXPECT_TRUE(run.training.balanced_class_weights);
  EXPECT_EQ(run.training.augment.shift_h, 2);
  EXPECT_EQ(run.training.augment.shift_w, 2);
  EXPECT_EQ(run.training.patience, 4);
  EXPECT_EQ(run.quantization.method, "minmax");
  EXPECT_EQ(run.source["data"]["format"], "synthetic");
}

TEST(Config, RelativeDataPathsFollowTheConfigFile) {
  json c = Minimal();
  c["data"] = {{"format", "image_folder"}, {"path", "photos"}};
  EXPECT_EQ(ParseTrainingRun(c, "/cfg/dir").data["path"], "/cfg/dir/photos");
  c["data"]["path"] = "/abs/photos";
  EXPECT_EQ(ParseTrainingRun(c, "/cfg/dir").data["path"], "/abs/photos");
}

TEST(Config, ErrorsNameTheKey) {
  json c = Minimal();
  c["trainig"] = json::object();
  EXPECT_NE(ErrorOf(c).find("unknown key 'trainig'"), std::string::npos);
  c = Minimal();
  c["training"] = {{"epochs", "ten"}};
  EXPECT_NE(ErrorOf(c).find("training.epochs: wrong type"), std::string::npos);
  c = Minimal();
  c["training"] = {{"schedule", {{"type", "exponential"}}}};
  EXPECT_NE(ErrorOf(c).find("schedule must be"), std::string::npos);
  c = Minimal();
  c["quantization"] = {{"method", "kl"}};
  EXPECT_NE(ErrorOf(c).find("quantization: method"), std::string::npos);
  c = Minimal();
  c.erase("model");
  EXPECT_NE(ErrorOf(c).find("\"model\""), std::string::npos);
}

// nlohmann's get<T>() is a static_cast: a number T cannot hold would be
// undefined behaviour, so it is an error that names the key.
TEST(Config, NumbersOutOfRangeAreErrors) {
  const std::vector<std::pair<std::string, json>> cases = {
      {"training.epochs", {{"epochs", 1e10}}},
      {"training.epochs", {{"epochs", 4294967296LL}}},
      {"training.seed", {{"seed", -1}}},
      {"training.optimizer.momentum", {{"optimizer", {{"momentum", 1e300}}}}},
      {"training.class_weights", {{"class_weights", {1.0, 1e39}}}},
  };
  for (const auto& [key, training] : cases) {
    json c = Minimal();
    c["training"] = training;
    EXPECT_NE(ErrorOf(c).find(key + ": out of range"), std::string::npos) << training.dump();
  }
  json c = Minimal();
  c["training"] = {{"epochs", 2.0}, {"optimizer", {{"momentum", 0.5}}}};
  EXPECT_EQ(ParseTrainingRun(c, "").training.epochs, 2);
}

TEST(Config, SyntheticDataSplitsByClass) {
  const TrainingRun run = ParseTrainingRun(Minimal(), "");
  const DataSplits s = LoadData(run.data, 1);
  EXPECT_EQ(s.test.size(), 52u);  // 25% of 50 per class, rounded: 13 x 4
  EXPECT_EQ(s.train.size() + s.validation.size(), 148u);
  EXPECT_EQ(s.validation.ClassCounts(), (std::vector<int64_t>{4, 4, 4, 4}));
  EXPECT_EQ(s.train.shape_string(), "4x3x2");
  // Same seed, same split.
  EXPECT_EQ(LoadData(run.data, 1).test.x, s.test.x);
}

}  // namespace
}  // namespace mote::train
