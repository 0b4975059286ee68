// mote train CONFIG [--out DIR] [--epochs N] [--limit N] [--threads N]:
// trains the float model a config describes, with a progress bar; keeps the
// best checkpoint (validation accuracy) in DIR/model.ckpt and writes the
// training curve (DIR/training_curve.png) and history (DIR/history.json).
// `mote quantize DIR/model.ckpt` then makes the int8 .tflite.
#include <unistd.h>

#include <filesystem>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli_common.h"
#include "host/model_file.h"
#include "train/checkpoint.h"
#include "train/config.h"
#include "train/plot.h"
#include "train/progress.h"

namespace mote::cli {
namespace {

struct TrainOptions {
  std::string config;
  std::string out;
  int epochs = 0;
  int64_t limit = -1;
  int threads = 0;
  bool progress = true;
};

nlohmann::json HistoryJson(const std::vector<train::EpochResult>& history) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& e : history) {
    j.push_back({{"epoch", e.epoch},
                 {"train_loss", e.train_loss},
                 {"train_accuracy", e.train_accuracy},
                 {"val_loss", e.val_loss},
                 {"val_accuracy", e.val_accuracy},
                 {"learning_rate", e.learning_rate},
                 {"seconds", e.seconds},
                 {"samples_per_second", e.samples_per_second},
                 {"cpu_seconds", e.cpu_seconds}});
  }
  return j;
}

void WriteJson(const std::string& path, const nlohmann::json& j) {
  const std::string text = j.dump(2) + "\n";
  std::string error;
  if (!host::WriteFileAtomic(path, text.data(), text.size(), &error)) {
    throw std::runtime_error(error);
  }
}

int RunTrain(const TrainOptions& opt) {
  try {
    train::TrainingRun run = train::LoadTrainingRun(opt.config);
    if (opt.epochs > 0) run.training.epochs = opt.epochs;
    if (opt.threads > 0) run.training.threads = opt.threads;
    if (opt.limit >= 0) {
      run.data["limit"] = opt.limit;
      run.data["test_limit"] = opt.limit;
    }
    run.source["data"] = run.data;
    run.source["training"]["epochs"] = run.training.epochs;
    const std::string out = opt.out.empty() ? run.output : opt.out;
    std::filesystem::create_directories(out);

    const train::DataSplits splits = train::LoadData(run.data, run.training.seed);
    fmt::print("data: {}\n", splits.description);
    train::Network net = train::Network::FromSpec(run.model, run.training.seed);
    const bool classify = net.loss() == train::LossKind::kSoftmaxCrossEntropy;
    fmt::print("model '{}':\n{}", run.name, net.Summary());
    fmt::print("training: {} epochs, batch {}, {} on {} threads, {} schedule from lr {}\n",
               run.training.epochs, run.training.batch_size, run.training.optimizer.type,
               run.training.threads, run.training.schedule.type,
               run.training.schedule.learning_rate);

    const std::string ckpt_path = (std::filesystem::path(out) / "model.ckpt").string();
    const std::string curve_path = (std::filesystem::path(out) / "training_curve.png").string();
    const std::string history_path = (std::filesystem::path(out) / "history.json").string();
    train::ProgressBar bar(stdout, opt.progress && isatty(fileno(stdout)));
    std::vector<train::EpochResult> history;
    train::Checkpoint info;
    info.config = run.source;
    info.classes = splits.train.classes;

    train::Trainer trainer(&net, run.training);
    const train::TrainResult result = trainer.Fit(
        splits.train, splits.validation.size() > 0 ? &splits.validation : nullptr,
        [&](const train::BatchProgress& p) { bar.Update(p); },
        [&](const train::EpochResult& e, const train::Network& n) {
          bar.EndEpoch(e, run.training.epochs, classify);
          history.push_back(e);
          if (e.best) {
            info.epoch = e.epoch;
            info.metrics = {{"val_accuracy", e.val_accuracy}, {"val_loss", e.val_loss}};
            SaveCheckpoint(ckpt_path, n, info);
          }
          WriteJson(history_path, HistoryJson(history));
          WriteTrainingCurvePng(curve_path, history, classify, run.name);
        });
    if (result.stopped_early) {
      fmt::print("early stop: no better validation result for {} epochs\n",
                 run.training.patience);
    }
    // The best epoch's weights are back in `net`: measure them on the test set.
    const train::EvalResult test = train::Evaluate(net, splits.test, run.training.threads);
    info.epoch = result.best_epoch;
    info.metrics["test_loss"] = test.loss;
    if (classify) info.metrics["test_accuracy"] = test.accuracy;
    SaveCheckpoint(ckpt_path, net, info);
    double samples_per_second = 0, cpu_seconds = 0;
    for (const auto& e : history) {
      samples_per_second += e.samples_per_second;
      cpu_seconds += e.cpu_seconds;
    }
    samples_per_second /= std::max<size_t>(1, history.size());
    const double per_cpu_second =
        cpu_seconds > 0 ? static_cast<double>(splits.train.size()) * history.size() / cpu_seconds
                        : 0.0;
    if (classify) {
      fmt::print("best epoch {}: float test accuracy {:.2f}% ({} samples)\n", result.best_epoch,
                 100 * test.accuracy, splits.test.size());
    } else {
      fmt::print("best epoch {}: float test loss {:.5f}\n", result.best_epoch, test.loss);
    }
    fmt::print("trained in {} ({:.0f} samples/s on average; {:.0f} samples per CPU-second "
               "over the {} threads)\n",
               train::ProgressBar::Duration(result.seconds), samples_per_second, per_cpu_second,
               run.training.threads);
    fmt::print("wrote {}, {}, {}\nnext: mote quantize {}\n", ckpt_path, curve_path, history_path,
               ckpt_path);
    return 0;
  } catch (const std::exception& e) {
    return Fail(e.what());
  }
}

}  // namespace

void AddTrainCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<TrainOptions>();
  CLI::App* cmd = app.add_subcommand("train", "Train a float model from a config file (JSON)");
  cmd->add_option("config", opt->config, "Training config (e.g. examples/fashion-mnist/config.json)")
      ->required();
  cmd->add_option("-o,--out", opt->out, "Output folder (default: the config's \"output\")");
  cmd->add_option("--epochs", opt->epochs, "Override the number of epochs");
  cmd->add_option("--limit", opt->limit,
                  "Use at most N training and N test samples (quick runs)");
  cmd->add_option("--threads", opt->threads, "Override the number of threads (shards)");
  cmd->add_flag("!--no-progress", opt->progress, "No progress bar, one line per epoch");
  cmd->callback([opt, exit_code] { *exit_code = RunTrain(*opt); });
}

}  // namespace mote::cli
