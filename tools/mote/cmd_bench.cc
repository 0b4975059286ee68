// mote bench MODEL: warm-up, N timed invokes, latency statistics, MAC/s and
// a per-op time table.
#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli_common.h"
#include "cmd_bench_target.h"
#include "host/model_stats.h"
#include "kernels/kernel_variants.h"
#include "mote/profiler.h"

namespace mote::cli {
namespace {

using Clock = std::chrono::steady_clock;

struct BenchOptions {
  std::string model;
  int warmup = 10;
  int runs = 100;
  uint32_t seed = 1;
  bool json = false;
  std::string kernels = "auto";  // --kernels: a kernel variant, or the best
};

// Selects the kernel variant --kernels names ("auto": the best this CPU
// runs); false, with the valid names in *error, for any other name.
bool SelectKernels(const std::string& name, std::string* error) {
  const int count = opt::KernelVariantCount();
  if (name == "auto") {
    opt::SetKernelVariant(count - 1);
    return true;
  }
  std::string names = "auto";
  for (int v = 0; v < count; ++v) {
    if (name == opt::KernelVariantName(v)) {
      opt::SetKernelVariant(v);
      return true;
    }
    names += std::string(", ") + opt::KernelVariantName(v);
  }
  *error = "--kernels " + name + ": this build and CPU run " + names;
  return false;
}

// Sums the time of each op over all timed invokes.
class OpTimer final : public Profiler {
 public:
  explicit OpTimer(int num_ops) : total_ns_(num_ops, 0) {}
  void OpBegin(int) override { start_ = Clock::now(); }
  void OpEnd(int op) override {
    total_ns_[op] += std::chrono::duration<double, std::nano>(Clock::now() - start_).count();
  }
  const std::vector<double>& total_ns() const { return total_ns_; }

 private:
  std::vector<double> total_ns_;
  Clock::time_point start_;
};

double Percentile(std::vector<double> sorted, double p) {
  if (sorted.empty()) return 0;
  const size_t i = std::min(sorted.size() - 1,
                            static_cast<size_t>(p / 100.0 * static_cast<double>(sorted.size())));
  return sorted[i];
}

int RunBench(const BenchOptions& opt) {
  LoadedModel loaded;
  std::string error;
  // Before Prepare: scratch sizes do not depend on it, but keep it simple.
  if (!SelectKernels(opt.kernels, &error)) return Fail(error);
  if (!LoadModel(opt.model, &loaded, &error)) return Fail(error);
  Runtime runtime;
  if (!PrepareRuntime(loaded.model, &runtime, &error)) return Fail(error);
  Interpreter& interp = *runtime.interpreter;
  FillRandomInputs(interp, opt.seed);

  for (int i = 0; i < opt.warmup; ++i) {
    if (interp.Invoke() != Status::kOk) return Fail(interp.errors().message());
  }
  // Latency runs without the profiler, so its overhead is not counted.
  std::vector<double> us;
  us.reserve(opt.runs);
  for (int i = 0; i < opt.runs; ++i) {
    const auto t0 = Clock::now();
    const Status s = interp.Invoke();
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    if (s != Status::kOk) return Fail(interp.errors().message());
  }
  const int num_ops = loaded.model.num_operators();
  OpTimer timer(num_ops);
  interp.set_profiler(&timer);
  for (int i = 0; i < opt.runs; ++i) {
    if (interp.Invoke() != Status::kOk) return Fail(interp.errors().message());
  }
  interp.set_profiler(nullptr);

  std::sort(us.begin(), us.end());
  double mean = 0;
  for (double v : us) mean += v;
  mean /= static_cast<double>(us.size());
  const double median = Percentile(us, 50);
  const double p99 = Percentile(us, 99);
  const auto stats = host::ComputeAllOpStats(loaded.model);
  int64_t macs = 0;
  for (const auto& s : stats) macs += s.macs;
  const double mac_per_s = median > 0 ? static_cast<double>(macs) / (median * 1e-6) : 0;
  const ArenaUsage& usage = interp.arena_usage();

  if (opt.json) {
    nlohmann::json j;
    j["model"] = opt.model;
    j["runs"] = opt.runs;
    j["kernels"] = opt::KernelVariantName(opt::ActiveKernelVariant());
    j["warmup"] = opt.warmup;
    j["mean_us"] = mean;
    j["median_us"] = median;
    j["p99_us"] = p99;
    j["min_us"] = us.front();
    j["max_us"] = us.back();
    j["macs"] = macs;
    j["mac_per_s"] = mac_per_s;
    j["arena_bytes"] = usage.total();
    j["weights_bytes"] = loaded.model.weight_bytes();
    for (int i = 0; i < num_ops; ++i) {
      nlohmann::json op;
      op["index"] = i;
      op["op"] = stats[i].name;
      op["macs"] = stats[i].macs;
      op["mean_us"] = timer.total_ns()[i] / 1000.0 / opt.runs;
      j["ops"].push_back(op);
    }
    fmt::print("{}\n", j.dump(2));
    return 0;
  }
  fmt::print("model    {}\n", opt.model);
  fmt::print("kernels  {}\n", opt::KernelVariantName(opt::ActiveKernelVariant()));
  fmt::print("latency  median {:.1f} us, mean {:.1f} us, p99 {:.1f} us, min {:.1f} us ({} runs after {} warm-up)\n",
             median, mean, p99, us.front(), opt.runs, opt.warmup);
  fmt::print("compute  {} MACs, {:.3f} GMAC/s\n", macs, mac_per_s / 1e9);
  fmt::print("memory   arena {} bytes, weights {} bytes\n\n", usage.total(),
             loaded.model.weight_bytes());
  double total_ns = 0;
  for (double v : timer.total_ns()) total_ns += v;
  fmt::print("{:>3}  {:<22} {:>10} {:>10} {:>6}\n", "#", "op", "MACs", "mean us", "%");
  for (int i = 0; i < num_ops; ++i) {
    const double op_us = timer.total_ns()[i] / 1000.0 / opt.runs;
    fmt::print("{:>3}  {:<22} {:>10} {:>10.1f} {:>5.1f}%\n", i, stats[i].name, stats[i].macs,
               op_us, total_ns > 0 ? 100.0 * timer.total_ns()[i] / total_ns : 0.0);
  }
  return 0;
}

}  // namespace

void AddBenchCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<BenchOptions>();
  CLI::App* cmd = app.add_subcommand("bench", "Measure latency, MAC/s and per-op time");
  cmd->add_option("model", opt->model, "TFLite model file")->required();
  cmd->add_option("--runs", opt->runs, "Timed invokes")->check(CLI::Range(1, 1000000));
  cmd->add_option("--warmup", opt->warmup, "Untimed invokes first")->check(CLI::Range(0, 1000000));
  cmd->add_option("--seed", opt->seed, "Seed of the random inputs");
  cmd->add_flag("--json", opt->json, "Print one JSON object");
  cmd->add_option("--kernels", opt->kernels,
                  "Host kernels: auto (the fastest this CPU runs), ref (the "
                  "reference kernels), or one variant: avx2, avx512vnni")
      ->capture_default_str();
  // --target CPU: instructions, flash and RAM on a Cortex-M under QEMU.
  auto target = std::make_shared<TargetBenchOptions>();
  AddTargetBenchOptions(cmd, target.get());
  cmd->callback([opt, target, exit_code] {
    if (target->cpu.empty()) {
      *exit_code = RunBench(*opt);
      return;
    }
    target->model = opt->model;
    target->seed = opt->seed;
    target->json = opt->json;
    *exit_code = RunTargetBench(*target);
  });
}

}  // namespace mote::cli
