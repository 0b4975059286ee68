// Host latency of whole-model inference with the reference kernels.
//   build/release/bench/mote_model_bench --benchmark_min_time=1
// Reports time per Invoke and MAC/s (counter "MACs" per iteration).
#include <benchmark/benchmark.h>

#include <cstring>
#include <string>

#include "host/model_file.h"
#include "host/model_stats.h"
#include "mote/interpreter.h"
#include "ops/ops.h"

namespace {

void BM_Invoke(benchmark::State& state, const std::string& name) {
  mote::host::AlignedBytes bytes;
  std::string error;
  if (!mote::host::ReadFile(std::string(MOTE_SHARED_MODELS) + "/" + name + ".tflite", &bytes,
                            &error)) {
    state.SkipWithError(error.c_str());
    return;
  }
  mote::ErrorReporter errors;
  mote::Model model;
  if (mote::Model::Load(bytes.data(), bytes.size(), &model, &errors) != mote::Status::kOk) {
    state.SkipWithError(errors.message());
    return;
  }
  mote::MutableOpResolver<mote::kNumBuiltinOps> resolver;
  mote::RegisterAllOps(&resolver);
  mote::host::AlignedBytes arena(4 << 20);
  mote::Interpreter interp(model, resolver, arena.data(), arena.size());
  if (interp.Prepare() != mote::Status::kOk) {
    state.SkipWithError(interp.errors().message());
    return;
  }
  for (int i = 0; i < interp.inputs_size(); ++i) {
    std::memset(interp.input(i)->data, 1, interp.input_bytes(i));
  }
  int64_t macs = 0;
  for (const auto& s : mote::host::ComputeAllOpStats(model)) macs += s.macs;
  for (auto _ : state) {
    if (interp.Invoke() != mote::Status::kOk) {
      state.SkipWithError(interp.errors().message());
      return;
    }
  }
  state.counters["MACs"] = benchmark::Counter(static_cast<double>(macs),
                                              benchmark::Counter::kIsIterationInvariantRate);
  state.counters["arena_bytes"] = static_cast<double>(interp.arena_used_bytes());
}

const char* const kModels[] = {
    "kws_ref_model", "vww_96_int8",   "pretrainedResnet_quant", "ad01_int8",
    "person_detect", "str_ww_ref_model", "micro_speech_quantized", "pretrainedResnet",
};

int Register() {
  for (const char* m : kModels) {
    benchmark::RegisterBenchmark(m, BM_Invoke, std::string(m))->Unit(benchmark::kMicrosecond);
  }
  return 0;
}
const int kRegistered = Register();

}  // namespace

BENCHMARK_MAIN();
