// mote run MODEL (--input FILE... | --random SEED) [--output FILE...]
// [--repeat N [--reset-every K]]: N inferences on the same inputs (default 1),
// so the state of a stateful model (SVDF, LSTM, variables) carries from one
// to the next; prints the outputs of each (top-k for classifiers, float view
// of quantized values). --reset-every K resets the state before invokes K,
// 2K, ... --output files get the last invoke's outputs.
#include <algorithm>
#include <cstring>
#include <numeric>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli_common.h"
#include "host/model_stats.h"

namespace mote::cli {
namespace {

struct RunOptions {
  std::string model;
  std::vector<std::string> inputs;
  std::vector<std::string> outputs;
  int64_t random_seed = -1;
  int top_k = 5;
  bool json = false;
  int repeat = 1;
  int reset_every = 0;  // 0: never
};

// Prints (or adds to `json`) every output of the last invoke.
void ReportOutputs(const RunOptions& opt, Interpreter& interp, nlohmann::json* json) {
  for (int i = 0; i < interp.outputs_size(); ++i) {
    const TensorInfo info = interp.output_info(i);
    const std::vector<float> values = OutputAsFloat(interp, i);
    // Classifier-shaped outputs ([1, N] or [N]) get a top-k list.
    const bool classifier = values.size() > 1 &&
                            (info.shape.rank == 1 ||
                             (info.shape.rank == 2 && info.shape.dims[0] == 1));
    std::vector<int> order(values.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return values[a] > values[b]; });
    const int k = std::min<int>(opt.top_k, static_cast<int>(values.size()));
    if (opt.json) {
      nlohmann::json out;
      out["name"] = info.name;
      out["dtype"] = DataTypeName(info.type);
      out["values"] = values;
      if (classifier) out["top"] = std::vector<int>(order.begin(), order.begin() + k);
      (*json)["outputs"].push_back(out);
      continue;
    }
    fmt::print("output {} '{}' {}\n", i, info.name, host::DescribeTensor(info));
    if (classifier) {
      for (int r = 0; r < k; ++r) {
        fmt::print("  #{}  class {:>4}  {:.5f}\n", r + 1, order[r], values[order[r]]);
      }
    } else {
      const size_t shown = std::min<size_t>(values.size(), 16);
      std::string line;
      for (size_t v = 0; v < shown; ++v) line += fmt::format(" {:.5g}", values[v]);
      fmt::print("  values:{}{}\n", line, values.size() > shown ? " ..." : "");
    }
  }
}

int RunRun(const RunOptions& opt) {
  LoadedModel loaded;
  std::string error;
  if (!LoadModel(opt.model, &loaded, &error)) return Fail(error);
  Runtime runtime;
  if (!PrepareRuntime(loaded.model, &runtime, &error)) return Fail(error);
  Interpreter& interp = *runtime.interpreter;

  if (opt.random_seed >= 0) {
    if (!opt.inputs.empty()) return Fail("give either --input or --random, not both");
    FillRandomInputs(interp, static_cast<uint32_t>(opt.random_seed));
  } else {
    if (static_cast<int>(opt.inputs.size()) != interp.inputs_size()) {
      return Fail(fmt::format("the model has {} input(s); {} --input file(s) given "
                              "(or use --random SEED)",
                              interp.inputs_size(), opt.inputs.size()));
    }
    for (int i = 0; i < interp.inputs_size(); ++i) {
      if (!ReadInputFile(opt.inputs[i], interp, i, &error)) return Fail(error);
    }
  }
  if (!opt.outputs.empty() && static_cast<int>(opt.outputs.size()) != interp.outputs_size()) {
    return Fail(fmt::format("the model has {} output(s); {} --output file(s) given",
                            interp.outputs_size(), opt.outputs.size()));
  }

  // The planner may reuse an input's memory once the input is consumed, so
  // each invoke gets a fresh copy of the inputs.
  std::vector<std::vector<uint8_t>> input_bytes;
  for (int i = 0; i < interp.inputs_size(); ++i) {
    const uint8_t* p = static_cast<const uint8_t*>(interp.input(i)->data);
    input_bytes.emplace_back(p, p + interp.input_bytes(i));
  }

  // One invoke: the JSON has "outputs". Several: "invokes", one object with
  // "outputs" (and "reset": true after a state reset) per invoke.
  nlohmann::json j;
  for (int n = 0; n < opt.repeat; ++n) {
    nlohmann::json& slot = opt.repeat > 1 ? j["invokes"][n] : j;
    for (int i = 0; i < interp.inputs_size(); ++i) {
      if (!input_bytes[i].empty()) {
        std::memcpy(interp.input(i)->data, input_bytes[i].data(), input_bytes[i].size());
      }
    }
    if (n > 0 && opt.reset_every > 0 && n % opt.reset_every == 0) {
      if (interp.ResetState() != Status::kOk) return Fail(interp.errors().message());
      if (opt.json) slot["reset"] = true;
      else fmt::print("reset state\n");
    }
    if (interp.Invoke() != Status::kOk) return Fail(interp.errors().message());
    if (opt.repeat > 1 && !opt.json) fmt::print("invoke {}\n", n + 1);
    ReportOutputs(opt, interp, &slot);
  }
  for (size_t i = 0; i < opt.outputs.size(); ++i) {
    if (!WriteOutputFile(opt.outputs[i], interp, static_cast<int>(i), &error)) {
      return Fail(error);
    }
  }
  if (opt.json) fmt::print("{}\n", j.dump(2));
  return 0;
}

}  // namespace

void AddRunCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand("run", "Run inference (once, or --repeat N times)");
  cmd->add_option("model", opt->model, "TFLite model file")->required();
  cmd->add_option("--input,-i", opt->inputs, "Input file per model input (.npy or raw bytes)");
  cmd->add_option("--random", opt->random_seed, "Fill inputs with seeded random values")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--output,-o", opt->outputs, "Output file per model output (.npy or raw)");
  cmd->add_option("--top", opt->top_k, "How many classes to list")->check(CLI::PositiveNumber);
  cmd->add_flag("--json", opt->json, "Print one JSON object");
  cmd->add_option("--repeat", opt->repeat,
                  "Invoke N times on the same inputs, printing each output (state "
                  "carries over)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--reset-every", opt->reset_every,
                  "With --repeat: reset the model state before every K-th invoke")
      ->check(CLI::PositiveNumber);
  cmd->callback([opt, exit_code] { *exit_code = RunRun(*opt); });
}

}  // namespace mote::cli
