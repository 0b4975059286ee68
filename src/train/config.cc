#include "train/config.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <stdexcept>
#include <type_traits>

#include "data/audio_features.h"
#include "data/csv_series.h"
#include "data/idx.h"
#include "data/image_folder.h"
#include "data/wav_folder.h"
#include "train/random.h"

namespace mote::train {
namespace {

using nlohmann::json;

void CheckKeys(const json& j, const std::string& where, std::set<std::string> allowed) {
  if (!j.is_object()) throw std::invalid_argument(where + ": must be an object");
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (allowed.count(it.key()) == 0) {
      std::string list;
      for (const auto& k : allowed) list += (list.empty() ? "" : ", ") + k;
      throw std::invalid_argument(where + ": unknown key '" + it.key() + "' (allowed: " + list +
                                  ")");
    }
  }
}

// A JSON number converted to T: nlohmann's get<T>() is a plain static_cast,
// undefined behaviour for a value T cannot hold (1e300 as float, 1e10 as int).
template <typename T>
bool NumberFits(const json& v) {
  if constexpr (std::is_arithmetic_v<T> && !std::is_same_v<T, bool>) {
    if (!v.is_number()) return true;  // get<T>() reports the wrong type
    if (v.is_number_float()) {
      const double d = v.get<double>();
      if (!std::isfinite(d)) return false;
      if constexpr (std::is_integral_v<T>) {
        // Exclusive upper bound: max() + 1 is a power of two, exact in double.
        return d >= static_cast<double>(std::numeric_limits<T>::min()) &&
               d < static_cast<double>(std::numeric_limits<T>::max()) + 1.0;
      } else {
        return std::fabs(d) <= static_cast<double>(std::numeric_limits<T>::max());
      }
    }
    if constexpr (std::is_integral_v<T>) {
      if (v.is_number_unsigned()) {
        return v.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<T>::max());
      }
      const int64_t i = v.get<int64_t>();
      if constexpr (std::is_unsigned_v<T>) {
        return i >= 0;
      } else {
        return i >= static_cast<int64_t>(std::numeric_limits<T>::min()) &&
               i <= static_cast<int64_t>(std::numeric_limits<T>::max());
      }
    }
  }
  return true;
}

template <typename T>
T Get(const json& j, const char* key, T fallback, const std::string& where) {
  if (!j.contains(key)) return fallback;
  const json& v = j.at(key);
  bool fits = true;
  if constexpr (std::is_same_v<T, std::vector<float>>) {
    if (v.is_array()) {
      for (const json& e : v) fits = fits && NumberFits<float>(e);
    }
  } else {
    fits = NumberFits<T>(v);
  }
  if (!fits) throw std::invalid_argument(where + "." + key + ": out of range (" + v.dump() + ")");
  try {
    return v.get<T>();
  } catch (const json::exception&) {
    throw std::invalid_argument(where + "." + key + ": wrong type (" + v.dump() + ")");
  }
}

std::string Absolute(const std::string& path, const std::string& base) {
  std::filesystem::path p(path);
  if (p.is_absolute() || base.empty()) return p.string();
  return (std::filesystem::path(base) / p).lexically_normal().string();
}

bool HasIdx(const std::string& folder, const std::string& split) {
  namespace fs = std::filesystem;
  for (const char* ext : {".gz", ""}) {
    if (fs::exists(fs::path(folder) / (split + "-images-idx3-ubyte" + ext))) return true;
  }
  return false;
}

// The first file found under <root>/<class>/ decides between images and WAV.
std::string FolderKind(const std::string& root) {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (const auto& cls : fs::directory_iterator(root, ec)) {
    if (!cls.is_directory()) continue;
    for (const auto& f : fs::directory_iterator(cls.path(), ec)) {
      std::string ext = f.path().extension().string();
      for (char& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (ext == ".wav") return "wav_folder";
      if (ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".bmp") return "image_folder";
    }
  }
  return "";
}

}  // namespace

TrainingRun ParseTrainingRun(const json& config, const std::string& base_dir) {
  TrainingRun run;
  CheckKeys(config, "config", {"name", "data", "model", "training", "quantization", "output"});
  run.name = Get<std::string>(config, "name", run.name, "config");
  if (!config.contains("data")) throw std::invalid_argument("config: needs a \"data\" section");
  if (!config.contains("model")) throw std::invalid_argument("config: needs a \"model\" section");
  run.data = config["data"];
  CheckKeys(run.data, "data",
            {"format", "path", "train_split", "test_split", "test_path", "test_fraction",
             "validation_fraction", "limit", "test_limit", "grayscale", "height", "width",
             "length", "sample_rate", "label_column", "columns", "window", "hop", "shape",
             "samples", "classes", "features"});
  if (run.data.contains("features")) {
    if (run.data.value("format", "") != "wav_folder") {
      throw std::invalid_argument("data.features: audio features apply to \"wav_folder\" data");
    }
    data::ParseAudioFeatures(run.data["features"]);  // fails early on a bad object
  }
  if (run.data.value("format", "") == "synthetic") {
    run.data["path"] = "";
  } else if (!run.data.contains("path")) {
    throw std::invalid_argument("data: needs a \"path\"");
  } else {
    run.data["path"] = Absolute(Get<std::string>(run.data, "path", "", "data"), base_dir);
  }
  if (run.data.contains("test_path")) {
    run.data["test_path"] = Absolute(Get<std::string>(run.data, "test_path", "", "data"), base_dir);
  }
  run.model = config["model"];
  run.output = Get<std::string>(config, "output", run.output, "config");

  const json t = config.value("training", json::object());
  CheckKeys(t, "training",
            {"epochs", "batch_size", "threads", "seed", "optimizer", "schedule", "early_stopping",
             "class_weights", "augment"});
  TrainConfig& c = run.training;
  c.epochs = Get<int>(t, "epochs", c.epochs, "training");
  c.batch_size = Get<int>(t, "batch_size", c.batch_size, "training");
  c.threads = Get<int>(t, "threads", c.threads, "training");
  c.seed = Get<uint64_t>(t, "seed", c.seed, "training");
  const json o = t.value("optimizer", json::object());
  CheckKeys(o, "training.optimizer",
            {"type", "momentum", "nesterov", "beta1", "beta2", "epsilon", "weight_decay"});
  c.optimizer.type = Get<std::string>(o, "type", c.optimizer.type, "training.optimizer");
  c.optimizer.momentum = Get<float>(o, "momentum", c.optimizer.momentum, "training.optimizer");
  c.optimizer.nesterov = Get<bool>(o, "nesterov", c.optimizer.nesterov, "training.optimizer");
  c.optimizer.beta1 = Get<float>(o, "beta1", c.optimizer.beta1, "training.optimizer");
  c.optimizer.beta2 = Get<float>(o, "beta2", c.optimizer.beta2, "training.optimizer");
  c.optimizer.epsilon = Get<float>(o, "epsilon", c.optimizer.epsilon, "training.optimizer");
  c.optimizer.weight_decay =
      Get<float>(o, "weight_decay", c.optimizer.weight_decay, "training.optimizer");
  const json s = t.value("schedule", json::object());
  CheckKeys(s, "training.schedule",
            {"type", "learning_rate", "min_learning_rate", "step_epochs", "gamma",
             "warmup_epochs"});
  c.schedule.type = Get<std::string>(s, "type", c.schedule.type, "training.schedule");
  c.schedule.learning_rate =
      Get<float>(s, "learning_rate", c.schedule.learning_rate, "training.schedule");
  c.schedule.min_learning_rate =
      Get<float>(s, "min_learning_rate", c.schedule.min_learning_rate, "training.schedule");
  c.schedule.step_epochs = Get<int>(s, "step_epochs", c.schedule.step_epochs, "training.schedule");
  c.schedule.gamma = Get<float>(s, "gamma", c.schedule.gamma, "training.schedule");
  c.schedule.warmup_epochs =
      Get<float>(s, "warmup_epochs", c.schedule.warmup_epochs, "training.schedule");
  const json e = t.value("early_stopping", json::object());
  CheckKeys(e, "training.early_stopping", {"patience", "monitor"});
  c.patience = Get<int>(e, "patience", c.patience, "training.early_stopping");
  c.monitor = Get<std::string>(e, "monitor", c.monitor, "training.early_stopping");
  if (t.contains("class_weights")) {
    const json& w = t["class_weights"];
    if (w == "balanced") {
      c.balanced_class_weights = true;
    } else if (w.is_array()) {
      c.class_weights = Get<std::vector<float>>(t, "class_weights", {}, "training");
    } else {
      throw std::invalid_argument("training.class_weights: \"balanced\" or a list of numbers");
    }
  }
  const json a = t.value("augment", json::object());
  CheckKeys(a, "training.augment", {"shift", "shift_h", "shift_w", "flip", "noise"});
  const int shift = Get<int>(a, "shift", 0, "training.augment");
  c.augment.shift_h = Get<int>(a, "shift_h", shift, "training.augment");
  c.augment.shift_w = Get<int>(a, "shift_w", shift, "training.augment");
  c.augment.flip_w = Get<bool>(a, "flip", false, "training.augment");
  c.augment.noise = Get<float>(a, "noise", 0.0f, "training.augment");
  ValidateTrainConfig(c);

  const json q = config.value("quantization", json::object());
  CheckKeys(q, "quantization",
            {"method", "percentile", "calibration_samples", "qat_epochs", "qat_learning_rate"});
  QuantizeConfig& qc = run.quantization;
  qc.method = Get<std::string>(q, "method", qc.method, "quantization");
  qc.percentile = Get<double>(q, "percentile", qc.percentile, "quantization");
  qc.calibration_samples =
      Get<int>(q, "calibration_samples", qc.calibration_samples, "quantization");
  qc.qat_epochs = Get<int>(q, "qat_epochs", qc.qat_epochs, "quantization");
  qc.qat_learning_rate =
      Get<float>(q, "qat_learning_rate", qc.qat_learning_rate, "quantization");
  ValidateQuantizeConfig(qc);
  run.source = config;
  run.source["data"] = run.data;
  return run;
}

TrainingRun LoadTrainingRun(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::invalid_argument(path + ": cannot open");
  json config;
  try {
    config = json::parse(in, nullptr, true, /*ignore_comments=*/true);
  } catch (const json::exception& e) {  // syntax, or a number out of range
    throw std::invalid_argument(path + ": not valid JSON: " + e.what());
  }
  try {
    const std::string base =
        std::filesystem::absolute(path).parent_path().lexically_normal().string();
    return ParseTrainingRun(config, base);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(path + ": " + e.what());
  }
}

DataSplits LoadData(const json& d, uint64_t seed) {
  const std::string where = "data";
  const std::string path = Get<std::string>(d, "path", "", where);
  std::string format = Get<std::string>(d, "format", "", where);
  if (format.empty()) {
    throw std::invalid_argument(
        "data: needs a \"format\" (idx, image_folder, wav_folder or csv)");
  }
  const double val_fraction = Get<double>(d, "validation_fraction", 0.1, where);
  const double test_fraction = Get<double>(d, "test_fraction", 0.2, where);
  if (!(val_fraction >= 0.0 && val_fraction < 1.0) ||
      !(test_fraction >= 0.0 && test_fraction < 1.0)) {
    throw std::invalid_argument("data: validation_fraction and test_fraction must be in [0, 1)");
  }
  const size_t limit = Get<size_t>(d, "limit", 0, where);
  const size_t test_limit = Get<size_t>(d, "test_limit", 0, where);
  DataSplits s;
  data::Dataset all, test;
  bool have_test = false;
  auto load_one = [&](const std::string& p) -> data::Dataset {
    if (format == "image_folder") {
      data::ImageFolderOptions o;
      o.grayscale = Get<bool>(d, "grayscale", false, where);
      o.height = Get<int>(d, "height", 0, where);
      o.width = Get<int>(d, "width", 0, where);
      return data::LoadImageFolder(p, o);
    }
    if (format == "wav_folder") {
      data::WavFolderOptions o;
      o.length = Get<int>(d, "length", 0, where);
      o.sample_rate = Get<int>(d, "sample_rate", 0, where);
      if (!d.contains("features")) return data::LoadWavFolder(p, o);
      const host::AudioJob job = data::ParseAudioFeatures(d["features"]);
      if (o.length == 0) o.length = job.clip_samples;
      int rate = 0;
      const data::Dataset clips = data::LoadWavFolder(p, o, &rate);
      return data::ComputeAudioFeatures(clips, rate, job, p);
    }
    if (format == "synthetic") {
      // Seeded uniform noise with cyclic labels: for throughput measurements
      // only (nothing to learn).
      data::Dataset r;
      const auto shape = Get<std::vector<int>>(d, "shape", {}, where);
      const int samples = Get<int>(d, "samples", 0, where);
      const int classes = Get<int>(d, "classes", 2, where);
      if (shape.size() != 3 || samples < 2 || classes < 2 ||
          std::any_of(shape.begin(), shape.end(), [](int v) { return v < 1; })) {
        throw std::invalid_argument(
            "data: synthetic needs \"shape\": [h, w, c], \"samples\" >= 2, \"classes\" >= 2");
      }
      r.h = shape[0];
      r.w = shape[1];
      r.c = shape[2];
      for (int k = 0; k < classes; ++k) r.classes.push_back(std::to_string(k));
      Random rng(Derive(seed, 0x5EED));
      r.x.resize(static_cast<size_t>(samples) * r.sample_size());
      for (float& v : r.x) v = rng.Uniform();
      for (int i = 0; i < samples; ++i) r.labels.push_back(i % classes);
      return r;
    }
    if (format == "csv") {
      data::CsvOptions o;
      o.label_column = Get<std::string>(d, "label_column", o.label_column, where);
      o.columns = Get<std::vector<std::string>>(d, "columns", {}, where);
      o.window = Get<int>(d, "window", 0, where);
      o.hop = Get<int>(d, "hop", 0, where);
      return data::LoadCsv(p, o);
    }
    throw std::invalid_argument("data: unknown format '" + format +
                                "' (idx, image_folder, wav_folder or csv)");
  };
  if (format == "idx") {
    all = data::LoadIdxFolder(path, Get<std::string>(d, "train_split", "train", where));
    const std::string test_split = Get<std::string>(d, "test_split", "t10k", where);
    test = data::LoadIdxFolder(path, test_split);
    have_test = true;
  } else {
    all = load_one(path);
    if (d.contains("test_path")) {
      test = load_one(Get<std::string>(d, "test_path", "", where));
      if (test.classes != all.classes) {
        throw data::DataError(Get<std::string>(d, "test_path", "", where) +
                              ": the test classes differ from the training classes in " + path);
      }
      have_test = true;
    }
  }
  if (!have_test) {
    data::Dataset rest;
    data::StratifiedSplit(all, test_fraction, seed ^ 0x7E57ull, &rest, &test);
    all = std::move(rest);
  }
  all = data::Limit(all, limit, seed);
  test = data::Limit(test, test_limit, seed);
  if (val_fraction > 0.0) {
    data::StratifiedSplit(all, val_fraction, seed ^ 0x7A1ull, &s.train, &s.validation);
  } else {
    s.train = std::move(all);
  }
  s.test = std::move(test);
  s.description = format + " " + path + ": " + std::to_string(s.train.size()) + " train, " +
                  std::to_string(s.validation.size()) + " validation, " +
                  std::to_string(s.test.size()) + " test samples of " + s.train.shape_string() +
                  ", " + std::to_string(s.train.num_classes()) + " classes";
  return s;
}

data::Dataset LoadEvalData(const std::string& path, const std::string& split, int height,
                           int width, int channels, const std::string& label_column,
                           const nlohmann::json& features) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) {
    data::CsvOptions o;
    o.label_column = label_column;
    if (height == 1 && width > 1) o.window = width;
    return data::LoadCsv(path, o);
  }
  if (!fs::is_directory(path, ec)) throw data::DataError(path + ": no such file or folder");
  const std::string s = split.empty() ? "t10k" : split;
  if (HasIdx(path, s)) return data::LoadIdxFolder(path, s);
  const std::string kind = FolderKind(path);
  if (kind == "image_folder") {
    data::ImageFolderOptions o;
    o.grayscale = channels == 1;
    return data::LoadImageFolder(path, o);
  }
  if (kind == "wav_folder") {
    data::WavFolderOptions o;
    if (!features.is_object()) {
      o.length = width;
      return data::LoadWavFolder(path, o);
    }
    // The model was trained on front-end features: compute the same ones.
    const host::AudioJob job = data::ParseAudioFeatures(features);
    o.length = job.clip_samples;
    int rate = 0;
    const data::Dataset clips = data::LoadWavFolder(path, o, &rate);
    return data::ComputeAudioFeatures(clips, rate, job, path);
  }
  throw data::DataError(path + ": not an IDX folder (no " + s +
                        "-images-idx3-ubyte[.gz]), nor class folders of images or WAV files");
}

}  // namespace mote::train
