// Host throughput of mote's feature extraction (src/dsp).
//   build/release/bench/mote_dsp_bench --benchmark_min_time=1
// Kws*: the mlperf-kws front end on 1 s of 16 kHz audio (49 frames, 10 MFCC);
// the "x_realtime" counter is seconds of audio processed per second.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "dsp/audio_frontend.h"
#include "dsp/fft.h"
#include "dsp/image.h"
#include "dsp/imu_features.h"
#include "dsp/presets.h"

namespace {

using namespace mote::dsp;

std::vector<int16_t> TestAudio() {
  // A chirp with noise: every frame has energy across the spectrum.
  std::vector<int16_t> s(16000);
  uint32_t x = 1;
  for (size_t i = 0; i < s.size(); ++i) {
    x = x * 1664525u + 1013904223u;
    const double t = i / 16000.0;
    const double v = 0.5 * std::sin(2 * M_PI * (100 + 2000 * t) * t) + ((x >> 16) / 65536.0 - 0.5) * 0.1;
    s[i] = static_cast<int16_t>(std::lround(v * 32767));
  }
  return s;
}

void BM_RfftF32(benchmark::State& state) {
  const int32_t n = static_cast<int32_t>(state.range(0));
  std::vector<float> in(n), out(n + 2);
  for (int32_t i = 0; i < n; ++i) in[i] = std::sin(0.37f * i);
  for (auto _ : state) {
    RfftF32(in.data(), n, out.data());
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(BM_RfftF32)->RangeMultiplier(2)->Range(64, 1024);

void BM_RfftQ31(benchmark::State& state) {
  const int32_t n = static_cast<int32_t>(state.range(0));
  std::vector<int32_t> in(n), out(n + 2);
  for (int32_t i = 0; i < n; ++i) in[i] = static_cast<int32_t>(std::sin(0.37 * i) * (1 << RfftQ31InputBits(n)) * 0.9);
  for (auto _ : state) {
    RfftQ31(in.data(), n, out.data());
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(BM_RfftQ31)->RangeMultiplier(2)->Range(64, 1024);

void BM_RfftQ15(benchmark::State& state) {
  const int32_t n = static_cast<int32_t>(state.range(0));
  std::vector<int16_t> in(n), out(n + 2);
  for (int32_t i = 0; i < n; ++i) in[i] = static_cast<int16_t>(std::sin(0.37 * i) * 16000);
  for (auto _ : state) {
    RfftQ15(in.data(), n, out.data());
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(BM_RfftQ15)->RangeMultiplier(2)->Range(64, 1024);

template <typename Frontend>
void BM_KwsFeatures(benchmark::State& state) {
  const KwsPreset preset = MlperfKwsPreset();
  const std::vector<int16_t> audio = TestAudio();
  std::vector<uint64_t> memory(Frontend::ScratchBytes(preset.config) / 8 + 1);
  Frontend fe;
  if (fe.Init(preset.config, memory.data(), memory.size() * 8, nullptr) != mote::Status::kOk) {
    state.SkipWithError("init failed");
    return;
  }
  std::vector<typename Frontend::Feature> out(49 * 10);
  for (auto _ : state) {
    benchmark::DoNotOptimize(ComputeAudioFeatures(fe, audio.data(), audio.size(), out.data()));
  }
  state.counters["x_realtime"] = benchmark::Counter(1.0, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["frames"] = benchmark::Counter(49, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_KwsFeatures<AudioFrontendF32>)->Name("BM_KwsFeatures/float");
BENCHMARK(BM_KwsFeatures<AudioFrontendQ>)->Name("BM_KwsFeatures/fixed");

template <typename Frontend>
void BM_KwsInit(benchmark::State& state) {
  const KwsPreset preset = MlperfKwsPreset();
  std::vector<uint64_t> memory(Frontend::ScratchBytes(preset.config) / 8 + 1);
  for (auto _ : state) {
    Frontend fe;
    benchmark::DoNotOptimize(fe.Init(preset.config, memory.data(), memory.size() * 8, nullptr));
  }
}
BENCHMARK(BM_KwsInit<AudioFrontendF32>)->Name("BM_KwsInit/float");
BENCHMARK(BM_KwsInit<AudioFrontendQ>)->Name("BM_KwsInit/fixed");

void BM_ImuFeatures(benchmark::State& state) {
  ImuConfig c;
  c.fft_size = 128;
  c.filter = FilterType::kLowPass;
  c.cutoff_hz = 20.0f;
  c.filter_order = 4;
  const int32_t window = 300;
  std::vector<float> x(window * 3);
  for (size_t i = 0; i < x.size(); ++i) x[i] = std::sin(0.05f * i) + 0.1f * std::cos(1.3f * i);
  std::vector<uint64_t> memory(ImuFeatures::ScratchBytes(c, window) / 8 + 1);
  ImuFeatures imu;
  imu.Init(c, window, memory.data(), memory.size() * 8, nullptr);
  std::vector<float> out(ImuFeaturesPerAxis(c));
  for (auto _ : state) {
    for (int a = 0; a < 3; ++a) imu.ComputeAxis(x.data() + a, window, 3, out.data(), nullptr);
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(BM_ImuFeatures);

void BM_Resize(benchmark::State& state) {
  const bool area = state.range(0) != 0;
  std::vector<uint8_t> in(320 * 240 * 3), out(96 * 96 * 3);
  for (size_t i = 0; i < in.size(); ++i) in[i] = static_cast<uint8_t>(i * 7);
  const ImageView v{in.data(), 320, 240, 3, 320 * 3};
  const MutableImage o{out.data(), 96, 96, 3, 96 * 3};
  for (auto _ : state) {
    if (area) {
      ResizeArea(v, o, nullptr);
    } else {
      ResizeBilinear(v, o, nullptr);
    }
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(BM_Resize)->Arg(0)->Arg(1)->ArgNames({"area"});

}  // namespace

BENCHMARK_MAIN();
