// mote eval MODEL DATA [--split t10k] [--json] [--confusion-png FILE]:
// runs a classifier .tflite with mote's runtime (the int8 kernels the device
// runs) over a labelled data set: accuracy, per-class precision/recall,
// confusion matrix (text, PNG), arena and flash bytes, latency. DATA is an
// IDX folder (its t10k split by default, e.g. /usr/share/datasets/fashion-
// mnist), a folder of class folders with images or WAV files, or a CSV file.
#include <algorithm>
#include <chrono>
#include <cmath>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli_common.h"
#include "kernels/select.h"
#include "train/config.h"
#include "train/export.h"
#include "train/metrics.h"
#include "train/plot.h"
#include "train/trainer.h"

namespace mote::cli {
namespace {

struct EvalOptions {
  std::string model;
  std::string data;
  std::string split = "t10k";
  std::string label_column = "label";
  std::string confusion_png;
  int64_t limit = 0;
  int threads = 2;
  bool json = false;
};

int RunEval(const EvalOptions& opt) {
  try {
    LoadedModel loaded;
    std::string error;
    if (!LoadModel(opt.model, &loaded, &error)) return Fail(error);
    const Model& model = loaded.model;
    if (model.num_inputs() != 1 || model.num_outputs() != 1) {
      return Fail(fmt::format("{}: eval needs one input and one output, the model has {} and {}",
                              opt.model, model.num_inputs(), model.num_outputs()));
    }
    const TensorInfo in = model.tensor(model.input_tensor(0));
    const TensorInfo out = model.tensor(model.output_tensor(0));
    if (in.type != DataType::kInt8 && in.type != DataType::kFloat32) {
      return Fail(fmt::format("{}: input '{}' is {}; eval feeds int8 or float32", opt.model,
                              in.name, DataTypeName(in.type)));
    }
    // NHWC (or [1, n]) input: the sample shape the data must have.
    int h = 1, w = 1, c = 1;
    if (in.shape.rank == 4) {
      h = in.shape.dims[1];
      w = in.shape.dims[2];
      c = in.shape.dims[3];
    } else if (in.shape.rank == 3) {
      w = in.shape.dims[1];
      c = in.shape.dims[2];
    } else {
      c = static_cast<int>(in.shape.FlatSize());
    }
    // The model's metadata (mote_train) may name the audio features it was
    // trained on: WAV data then goes through the same front end.
    const nlohmann::json train_meta =
        train::ReadTrainMetadata(loaded.bytes.data(), loaded.bytes.size());
    const nlohmann::json features = train_meta.is_object() && train_meta.contains("features")
                                        ? train_meta["features"]
                                        : nlohmann::json();
    data::Dataset d =
        train::LoadEvalData(opt.data, opt.split, h, w, c, opt.label_column, features);
    if (opt.limit > 0) d = data::Limit(d, static_cast<size_t>(opt.limit), 1);
    if (d.sample_size() != in.shape.FlatSize()) {
      return Fail(fmt::format("{}: samples are {} ({} values), the model's input '{}' takes {}",
                              opt.data, d.shape_string(), d.sample_size(), in.name,
                              in.shape.FlatSize()));
    }
    const int k = static_cast<int>(out.shape.FlatSize());
    // Class names: the model's own (mote_train metadata), matched by name
    // with the data set's; otherwise the data's, in order.
    std::vector<std::string> classes = d.classes;
    const nlohmann::json& meta = train_meta;
    if (meta.is_object() && meta.contains("classes") && meta["classes"].is_array() &&
        static_cast<int>(meta["classes"].size()) == k) {
      const auto names = meta["classes"].get<std::vector<std::string>>();
      std::vector<int32_t> remap(d.classes.size(), -1);
      bool all = true;
      for (size_t i = 0; i < d.classes.size(); ++i) {
        const auto it = std::find(names.begin(), names.end(), d.classes[i]);
        if (it == names.end()) all = false;
        else remap[i] = static_cast<int32_t>(it - names.begin());
      }
      if (all) {
        for (auto& l : d.labels) l = remap[l];
        classes = names;
      } else if (static_cast<int>(d.classes.size()) != k) {
        return Fail(fmt::format("{}: the data's classes do not match the model's ({})", opt.data,
                                fmt::join(names, ", ")));
      }
    }
    if (static_cast<int>(classes.size()) != k) {
      return Fail(fmt::format("{}: {} classes, the model has {} outputs", opt.data,
                              classes.size(), k));
    }

    // One interpreter per thread, each on its own arena.
    const int threads = std::max(1, std::min<int>(opt.threads, static_cast<int>(d.size())));
    std::vector<std::unique_ptr<Runtime>> runtimes;
    for (int t = 0; t < threads; ++t) {
      runtimes.push_back(std::make_unique<Runtime>());
      if (!PrepareRuntime(model, runtimes.back().get(), &error)) {
        return Fail(opt.model + ": " + error);
      }
    }
    std::vector<int32_t> predictions(d.size());
    std::vector<double> seconds(threads, 0.0);
    const auto start = std::chrono::steady_clock::now();
    train::RunShards(threads, [&](int t) {
      Interpreter& interp = *runtimes[t]->interpreter;
      EvalTensor* input = interp.input(0);
      const float scale = in.quant.count > 0 ? in.quant.scale(0) : 1.0f;
      const int32_t zp = in.quant.count > 0 ? in.quant.zero_point(0) : 0;
      for (size_t i = t; i < d.size(); i += threads) {
        const float* x = d.sample(i);
        if (in.type == DataType::kInt8) {
          int8_t* q = static_cast<int8_t*>(input->data);
          for (int64_t j = 0; j < d.sample_size(); ++j) {
            const float v = std::round(x[j] / scale) + static_cast<float>(zp);
            q[j] = static_cast<int8_t>(std::min(127.0f, std::max(-128.0f, v)));
          }
        } else {
          std::copy(x, x + d.sample_size(), static_cast<float*>(input->data));
        }
        const auto t0 = std::chrono::steady_clock::now();
        if (interp.Invoke() != Status::kOk) {
          throw std::runtime_error(opt.model + ": " + interp.errors().message());
        }
        seconds[t] += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const std::vector<float> y = OutputAsFloat(interp, 0);
        predictions[i] = static_cast<int32_t>(std::max_element(y.begin(), y.end()) - y.begin());
      }
    });
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    double invoke_seconds = 0;
    for (double s : seconds) invoke_seconds += s;
    const double latency_us = 1e6 * invoke_seconds / d.size();

    const train::ClassificationReport report = train::MakeReport(d.labels, predictions, classes);
    const size_t arena = runtimes[0]->interpreter->arena_used_bytes();
    if (!opt.confusion_png.empty()) train::WriteConfusionPng(opt.confusion_png, report);
    if (opt.json) {
      nlohmann::json j = train::ReportJson(report);
      j["model"] = opt.model;
      j["data"] = opt.data;
      j["arena_bytes"] = arena;
      j["model_bytes"] = model.size_bytes();
      j["weights_bytes"] = model.weight_bytes();
      j["latency_us"] = latency_us;
      j["kernels"] = mote::opt::KernelIsaName();
      j["threads"] = threads;
      j["seconds"] = wall;
      fmt::print("{}\n", j.dump(2));
      return 0;
    }
    fmt::print("{} on {} ({} samples of {}), mote runtime\n", opt.model, opt.data, d.size(),
               d.shape_string());
    fmt::print("{}", train::FormatReport(report));
    fmt::print("\narena {} bytes, model (flash) {} bytes of which weights {} bytes\n", arena,
               model.size_bytes(), model.weight_bytes());
    fmt::print("latency {:.1f} us per inference (host, {} kernels; {} samples in {:.1f} s "
               "on {} threads)\n",
               latency_us, mote::opt::KernelIsaName(), d.size(), wall, threads);
    if (!opt.confusion_png.empty()) fmt::print("wrote {}\n", opt.confusion_png);
    return 0;
  } catch (const std::exception& e) {
    return Fail(e.what());
  }
}

}  // namespace

void AddEvalCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<EvalOptions>();
  CLI::App* cmd = app.add_subcommand(
      "eval", "Accuracy, per-class precision/recall and confusion of a classifier on labelled data");
  cmd->add_option("model", opt->model, "Classifier .tflite")->required();
  cmd->add_option("data", opt->data,
                  "IDX folder, folder of class folders (images or WAV) or CSV file")
      ->required();
  cmd->add_option("--split", opt->split, "IDX split prefix (default t10k)");
  cmd->add_option("--label-column", opt->label_column, "CSV label column (default label)");
  cmd->add_option("--limit", opt->limit, "Evaluate at most N samples (spread over the classes)");
  cmd->add_option("--threads", opt->threads, "Interpreters run in parallel (default 2)");
  cmd->add_option("--confusion-png", opt->confusion_png, "Write the confusion matrix as PNG");
  cmd->add_flag("--json", opt->json, "Print the results as JSON");
  cmd->callback([opt, exit_code] { *exit_code = RunEval(*opt); });
}

}  // namespace mote::cli
