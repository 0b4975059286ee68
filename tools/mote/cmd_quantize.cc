// mote quantize CHECKPOINT [-o MODEL.tflite] [--method minmax|percentile|mse]
//               [--qat-epochs N] [--qat-learning-rate LR]:
// full-integer post-training quantization of a trained checkpoint, then
// optionally quantization-aware fine-tuning (train/qat.h). The calibration
// set is drawn from the training data named in the checkpoint's config; the
// int8 model is exported as .tflite, and float and int8 (the trainer's
// simulation, equal to the runtime bit for bit) accuracy on the test set
// are printed side by side.
#include <filesystem>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli_common.h"
#include "host/model_file.h"
#include "train/checkpoint.h"
#include "train/config.h"
#include "train/export.h"
#include "train/inference_graph.h"
#include "train/loss.h"
#include "train/progress.h"
#include "train/qat.h"
#include "train/quantize.h"

namespace mote::cli {
namespace {

struct QuantizeOptions {
  std::string checkpoint;
  std::string output;
  std::string method;
  double percentile = 0;
  int calibration_samples = 0;
  int qat_epochs = -1;
  float qat_learning_rate = 0;
  int threads = 0;
  bool json = false;
};

double Accuracy(const std::vector<float>& outputs, const std::vector<int32_t>& labels, int k) {
  int64_t hits = 0;
  for (size_t i = 0; i < labels.size(); ++i) {
    hits += train::ArgMax(outputs.data() + i * k, k) == labels[i];
  }
  return labels.empty() ? 0.0 : static_cast<double>(hits) / labels.size();
}

int RunQuantize(const QuantizeOptions& opt) {
  try {
    train::Checkpoint info;
    train::Network net = train::LoadCheckpoint(opt.checkpoint, &info);
    train::TrainingRun run = train::ParseTrainingRun(info.config, "");
    train::QuantizeConfig qc = run.quantization;
    if (!opt.method.empty()) qc.method = opt.method;
    if (opt.percentile > 0) qc.percentile = opt.percentile;
    if (opt.calibration_samples > 0) qc.calibration_samples = opt.calibration_samples;
    if (opt.qat_epochs >= 0) qc.qat_epochs = opt.qat_epochs;
    if (opt.qat_learning_rate > 0) qc.qat_learning_rate = opt.qat_learning_rate;
    train::ValidateQuantizeConfig(qc);
    const int threads = opt.threads > 0 ? opt.threads : run.training.threads;
    const std::string output =
        opt.output.empty()
            ? (std::filesystem::path(opt.checkpoint).parent_path() / "model_int8.tflite").string()
            : opt.output;

    const train::DataSplits splits = train::LoadData(run.data, run.training.seed);
    if (!opt.json) fmt::print("data: {}\n", splits.description);
    const train::InferenceGraph graph = train::BuildInferenceGraph(net);
    const train::Calibration cal = train::Calibrate(net, graph, splits.train, qc, threads);
    const train::QuantizedModel ptq = train::QuantizeGraph(graph, cal);
    const bool classify = net.loss() == train::LossKind::kSoftmaxCrossEntropy;
    const int k = static_cast<int>(net.output_shape().size());
    train::QuantizedModel q = ptq;
    double ptq_acc = 0.0;
    if (qc.qat_epochs > 0) {
      if (classify) {
        ptq_acc =
            Accuracy(train::PredictInt8(ptq, splits.test, threads), splits.test.labels, k);
      }
      if (!opt.json) {
        fmt::print("post-training int8 test accuracy {:.2f}%; quantization-aware fine-tuning "
                   "for {} epochs from lr {}\n",
                   100 * ptq_acc, qc.qat_epochs, qc.qat_learning_rate);
      }
      train::ProgressBar bar(stdout, false);
      const train::QatRun qat = train::FineTuneQat(
          graph, cal, qc, run.training, splits.train,
          splits.validation.size() > 0 ? &splits.validation : nullptr, nullptr,
          [&](const train::EpochResult& e, const train::Network&) {
            if (!opt.json) bar.EndEpoch(e, qc.qat_epochs, classify);
          });
      // Same activation ranges: the fine-tuned graph exports on the grid
      // it was trained on.
      q = train::QuantizeGraph(train::BuildInferenceGraph(qat.net), cal);
    }

    nlohmann::json meta;
    meta["name"] = run.name;
    meta["classes"] = info.classes;
    meta["input"] = {net.input_shape().h, net.input_shape().w, net.input_shape().c};
    meta["data_format"] = run.data.value("format", "");
    if (run.data.contains("features")) meta["features"] = run.data["features"];
    meta["quantization"] = {{"method", qc.method},
                            {"calibration_samples", qc.calibration_samples},
                            {"qat_epochs", qc.qat_epochs}};
    const std::vector<uint8_t> bytes =
        train::ExportTflite(q, meta, "mote train: " + run.name + " (int8)");
    std::string error;
    if (!host::WriteFileAtomic(output, bytes.data(), bytes.size(), &error)) return Fail(error);

    nlohmann::json j;
    j["model"] = output;
    j["model_bytes"] = bytes.size();
    j["method"] = qc.method;
    j["qat_epochs"] = qc.qat_epochs;
    if (classify) {
      const double float_acc =
          Accuracy(train::Predict(net, splits.test, threads), splits.test.labels, k);
      const double int8_acc =
          Accuracy(train::PredictInt8(q, splits.test, threads), splits.test.labels, k);
      j["float_accuracy"] = float_acc;
      j["int8_accuracy"] = int8_acc;
      if (qc.qat_epochs > 0) {
        j["int8_ptq_accuracy"] = ptq_acc;
      }
      j["test_samples"] = splits.test.size();
      if (!opt.json) {
        fmt::print("test accuracy on {} samples: float {:.2f}%, int8 {:.2f}% ({:+.2f} points)\n",
                   splits.test.size(), 100 * float_acc, 100 * int8_acc,
                   100 * (int8_acc - float_acc));
      }
    }
    if (opt.json) {
      fmt::print("{}\n", j.dump(2));
    } else {
      fmt::print("wrote {} ({} bytes, {} ops, {} calibration, {} samples)\nnext: mote eval {} "
                 "DATA\n",
                 output, bytes.size(), q.ops.size(), qc.method, qc.calibration_samples, output);
    }
    return 0;
  } catch (const std::exception& e) {
    return Fail(e.what());
  }
}

}  // namespace

void AddQuantizeCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<QuantizeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "quantize", "Quantize a trained checkpoint to an int8 .tflite (post-training)");
  cmd->add_option("checkpoint", opt->checkpoint, "Checkpoint written by mote train")->required();
  cmd->add_option("-o,--output", opt->output,
                  "Output .tflite (default: model_int8.tflite next to the checkpoint)");
  cmd->add_option("--method", opt->method, "Range calibration: minmax, percentile or mse");
  cmd->add_option("--percentile", opt->percentile, "Share of values kept (percentile method)");
  cmd->add_option("--calibration-samples", opt->calibration_samples,
                  "Training samples used for calibration");
  cmd->add_option("--qat-epochs", opt->qat_epochs,
                  "Quantization-aware fine-tuning epochs after calibration (0: none)");
  cmd->add_option("--qat-learning-rate", opt->qat_learning_rate,
                  "Learning rate of the fine-tuning (cosine decay)");
  cmd->add_option("--threads", opt->threads, "Threads");
  cmd->add_flag("--json", opt->json, "Print the results as JSON");
  cmd->callback([opt, exit_code] { *exit_code = RunQuantize(*opt); });
}

}  // namespace mote::cli
