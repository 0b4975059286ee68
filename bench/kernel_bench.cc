// Google Benchmark of the int8 kernels on the layer shapes of the shared
// models: the reference kernel against every optimised variant this CPU
// runs (kernels/kernel_variants.h), through the same kernels/select.h entry
// points the op wrappers call.
//
// Counters: GMAC/s, and MAC per TSC cycle = MACs / (seconds * TSC Hz), the
// TSC frequency calibrated against steady_clock at start-up (printed in the
// context). On this kind of VM the TSC runs at the nominal clock, so this is
// MACs per nominal cycle; a core that boosts above it does more per real
// cycle than the figure says... and less if it runs below.
#include <benchmark/benchmark.h>

#include <x86intrin.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "kernels/kernel_variants.h"
#include "kernels/ref/conv_2d.h"
#include "kernels/ref/depthwise_conv_2d.h"
#include "kernels/ref/fully_connected.h"
#include "kernels/ref/pooling.h"
#include "kernels/ref/softmax.h"
#include "kernels/select.h"

namespace mote {
namespace {

double g_tsc_hz = 0;

double CalibrateTscHz() {
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  const uint64_t c0 = __rdtsc();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const uint64_t c1 = __rdtsc();
  const double s = std::chrono::duration<double>(Clock::now() - t0).count();
  return static_cast<double>(c1 - c0) / s;
}

std::vector<int8_t> RandomInt8(size_t n, uint32_t seed) {
  std::mt19937 gen(seed);
  std::uniform_int_distribution<int> d(-128, 127);
  std::vector<int8_t> v(n);
  for (auto& x : v) x = static_cast<int8_t>(d(gen));
  return v;
}

// Realistic requantization: one multiplier/shift per channel in the range
// models use.
void Requantization(int n, std::vector<int32_t>* mult,
                    std::vector<int32_t>* shift) {
  std::mt19937 gen(5);
  std::uniform_int_distribution<int> m(1 << 30, 0x7FFFFFFF);
  std::uniform_int_distribution<int> s(-10, -6);
  mult->resize(n);
  shift->resize(n);
  for (int i = 0; i < n; ++i) {
    (*mult)[i] = m(gen);
    (*shift)[i] = s(gen);
  }
}

void SetCounters(benchmark::State& state, int64_t macs) {
  state.counters["GMAC/s"] = benchmark::Counter(
      static_cast<double>(macs) * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["MAC/cycle"] = benchmark::Counter(
      static_cast<double>(macs) / g_tsc_hz,
      benchmark::Counter::kIsIterationInvariantRate);
}

// Scratch as the arena hands it out (16-byte aligned).
struct Scratch {
  explicit Scratch(size_t n) : bytes(n) {}
  std::vector<uint8_t> bytes;
  void* data() { return bytes.empty() ? nullptr : bytes.data(); }
};

// Times `kernel()`, which writes `output`, and sets the counters for `macs`
// per call.
template <typename Kernel, typename T>
void TimeKernel(benchmark::State& state, T* output, int64_t macs,
                Kernel kernel) {
  for (auto _ : state) {
    kernel();
    benchmark::DoNotOptimize(output);
    benchmark::ClobberMemory();
  }
  SetCounters(state, macs);
}

// Registers `fn` as "<name>/<isa>".
template <typename Fn>
void Register(const std::string& name, const std::string& isa, Fn fn) {
  benchmark::RegisterBenchmark((name + "/" + isa).c_str(), std::move(fn));
}

// "<a><separator><b>", e.g. "640to128" or "1x12".
std::string PairName(std::pair<int, int> ab, const char* separator) {
  return std::to_string(ab.first) + separator + std::to_string(ab.second);
}

// Input, filter and output shapes of a layer (batch 1).
struct LayerShapes {
  Shape in, filter, out;
};

// Strides and padding (dilation 1) of a conv-like layer on `p` (ConvParams
// or DepthwiseConvParams), and its input height/width and output size.
template <typename Params>
void SetWindow(Padding padding, int in_h, int in_w, int filter_h, int filter_w,
               int stride, Params* p, int* out_h, int* out_w) {
  const ConvAxis rows = ComputeConvAxis(padding, in_h, filter_h, stride, 1);
  const ConvAxis cols = ComputeConvAxis(padding, in_w, filter_w, stride, 1);
  p->stride_height = p->stride_width = stride;
  p->pad_height = rows.pad;
  p->pad_width = cols.pad;
  *out_h = rows.out_size;
  *out_w = cols.out_size;
}

// FULLY_CONNECTED's [1, depth] x [units, depth] -> [1, units].
LayerShapes FullyConnectedShapes(int depth, int units) {
  return {MakeShape({1, depth}), MakeShape({units, depth}),
          MakeShape({1, units})};
}

struct ConvShape {
  const char* name;
  int in_h, in_w, in_ch, out_ch, filter_h, filter_w, stride;
  Padding padding;
};

// The window of `s` on `p`, and its shapes.
LayerShapes ConvLayer(const ConvShape& s, ConvParams* p) {
  int out_h = 0, out_w = 0;
  SetWindow(s.padding, s.in_h, s.in_w, s.filter_h, s.filter_w, s.stride, p,
            &out_h, &out_w);
  return {MakeShape({1, s.in_h, s.in_w, s.in_ch}),
          MakeShape({s.out_ch, s.filter_h, s.filter_w, s.in_ch}),
          MakeShape({1, out_h, out_w, s.out_ch})};
}

// CONV_2D on `s` with activations of type T and biases of type Bias (int8
// and int32, or int16 and int64); `p` holds the offsets or clamp.
template <typename T, typename Bias>
void BenchConvKernel(
    benchmark::State& state, const ConvShape& s, ConvParams p,
    std::vector<T> (*random)(size_t, uint32_t),
    size_t (*scratch_bytes)(const ConvParams&, const Shape&, const Shape&,
                            const Shape&),
    void (*kernel)(const ConvParams&, const int32_t*, const int32_t*,
                   const Shape&, const T*, const Shape&, const int8_t*,
                   const Bias*, const Shape&, T*, void*)) {
  const LayerShapes l = ConvLayer(s, &p);
  const auto input = random(l.in.FlatSize(), 1);
  const auto weights = RandomInt8(l.filter.FlatSize(), 2);
  std::vector<Bias> bias(s.out_ch, 1000);
  std::vector<int32_t> mult, shift;
  Requantization(s.out_ch, &mult, &shift);
  std::vector<T> output(l.out.FlatSize());
  Scratch scratch(scratch_bytes(p, l.in, l.filter, l.out));
  TimeKernel(state, output.data(), l.out.FlatSize() * l.filter.FlatSize(1, 4),
             [&] {
               kernel(p, mult.data(), shift.data(), l.in, input.data(),
                      l.filter, weights.data(), bias.data(), l.out,
                      output.data(), scratch.data());
             });
}

void BenchConv(benchmark::State& state, ConvShape s, int variant) {
  opt::SetKernelVariant(variant);
  ConvParams p;
  p.input_offset = 128;
  p.output_offset = -128;
  BenchConvKernel<int8_t, int32_t>(state, s, p, RandomInt8,
                                   opt::ConvPerChannelS8_ScratchBytes,
                                   opt::ConvPerChannelS8);
}

constexpr ConvShape kConvShapes[] = {
    {"vww_conv0_3x3s2_3to8", 96, 96, 3, 8, 3, 3, 2, Padding::kSame},
    {"vww_pw_48x48_8to16", 48, 48, 8, 16, 1, 1, 1, Padding::kSame},
    {"vww_pw_24x24_32to32", 24, 24, 32, 32, 1, 1, 1, Padding::kSame},
    {"vww_pw_6x6_128to128", 6, 6, 128, 128, 1, 1, 1, Padding::kSame},
    {"vww_pw_3x3_256to256", 3, 3, 256, 256, 1, 1, 1, Padding::kSame},
    {"kws_conv0_10x4s2_1to64", 49, 10, 1, 64, 10, 4, 2, Padding::kSame},
    {"kws_pw_25x5_64to64", 25, 5, 64, 64, 1, 1, 1, Padding::kSame},
    {"resnet_conv0_3x3_3to16", 32, 32, 3, 16, 3, 3, 1, Padding::kSame},
    {"resnet_3x3_32x32_16to16", 32, 32, 16, 16, 3, 3, 1, Padding::kSame},
    {"resnet_3x3_16x16_32to32", 16, 16, 32, 32, 3, 3, 1, Padding::kSame},
    {"resnet_3x3_8x8_64to64", 8, 8, 64, 64, 3, 3, 1, Padding::kSame},
};

// --- DEPTHWISE_CONV_2D, FULLY_CONNECTED int8 --------------------------------

struct DepthwiseShape {
  const char* name;
  int in_h, in_w, in_ch, multiplier, filter_h, filter_w, stride;
  int input_zero_point;
};

void BenchDepthwise(benchmark::State& state, DepthwiseShape s, int variant) {
  opt::SetKernelVariant(variant);
  DepthwiseConvParams p;
  int out_h = 0, out_w = 0;
  SetWindow(Padding::kSame, s.in_h, s.in_w, s.filter_h, s.filter_w, s.stride,
            &p, &out_h, &out_w);
  p.depth_multiplier = s.multiplier;
  p.input_offset = -s.input_zero_point;
  p.output_offset = -128;
  const int out_ch = s.in_ch * s.multiplier;
  const Shape in = MakeShape({1, s.in_h, s.in_w, s.in_ch});
  const Shape filter = MakeShape({1, s.filter_h, s.filter_w, out_ch});
  const Shape out = MakeShape({1, out_h, out_w, out_ch});
  const auto input = RandomInt8(in.FlatSize(), 1);
  const auto weights = RandomInt8(filter.FlatSize(), 2);
  std::vector<int32_t> bias(out_ch, 1000), mult, shift;
  Requantization(out_ch, &mult, &shift);
  std::vector<int8_t> output(out.FlatSize());
  Scratch scratch(
      opt::DepthwiseConvPerChannelS8_ScratchBytes(p, in, filter, out));
  TimeKernel(state, output.data(), out.FlatSize() * s.filter_h * s.filter_w,
             [&] {
               opt::DepthwiseConvPerChannelS8(
                   p, mult.data(), shift.data(), in, input.data(), filter,
                   weights.data(), bias.data(), out, output.data(),
                   scratch.data());
             });
}

constexpr DepthwiseShape kDepthwiseShapes[] = {
    {"vww_dw_48x48x8_3x3", 48, 48, 8, 1, 3, 3, 1, -128},
    {"vww_dw_48x48x16_3x3", 48, 48, 16, 1, 3, 3, 1, -128},
    {"vww_dw_12x12x128_3x3", 12, 12, 128, 1, 3, 3, 1, -128},
    {"kws_dw_25x5x64_3x3", 25, 5, 64, 1, 3, 3, 1, -128},
    {"micro_speech_dw_49x40x1_x8_10x8s2", 49, 40, 1, 8, 10, 8, 2, -128},
};

// FULLY_CONNECTED depth -> units with activations of type T and biases of
// type Bias (int8 and int32, or int16 and int64); `p` holds the offsets or
// clamp.
template <typename T, typename Bias>
void BenchFullyConnectedKernel(
    benchmark::State& state, int depth, int units,
    const FullyConnectedParams& p, std::vector<T> (*random)(size_t, uint32_t),
    size_t (*scratch_bytes)(const FullyConnectedParams&, const Shape&,
                            const Shape&, const Shape&),
    void (*kernel)(const FullyConnectedParams&, const Shape&, const T*,
                   const Shape&, const int8_t*, const Bias*, const Shape&, T*,
                   void*)) {
  const LayerShapes l = FullyConnectedShapes(depth, units);
  const auto input = random(l.in.FlatSize(), 1);
  const auto weights = RandomInt8(l.filter.FlatSize(), 2);
  std::vector<Bias> bias(units, 1000);
  std::vector<T> output(l.out.FlatSize());
  Scratch scratch(scratch_bytes(p, l.in, l.filter, l.out));
  TimeKernel(state, output.data(), int64_t{depth} * units, [&] {
    kernel(p, l.in, input.data(), l.filter, weights.data(), bias.data(), l.out,
           output.data(), scratch.data());
  });
}

void BenchFullyConnected(benchmark::State& state, int depth, int units,
                         int variant) {
  opt::SetKernelVariant(variant);
  FullyConnectedParams p;
  p.input_offset = 128;
  p.output_offset = -128;
  p.output_multiplier = 1 << 30;
  p.output_shift = -8;
  BenchFullyConnectedKernel<int8_t, int32_t>(
      state, depth, units, p, RandomInt8, opt::FullyConnectedS8_ScratchBytes,
      opt::FullyConnectedS8);
}

void RegisterDepthwiseAndFullyConnected(int v, const std::string& isa) {
  for (const DepthwiseShape& s : kDepthwiseShapes) {
    Register("depthwise/" + std::string(s.name), isa,
             [s, v](benchmark::State& st) { BenchDepthwise(st, s, v); });
  }
  // ad01's 640 -> 128 and 128 -> 128 layers, micro_speech's 4000 -> 4.
  for (const auto& du :
       {std::pair<int, int>{640, 128}, {128, 128}, {4000, 4}}) {
    Register("fc/" + PairName(du, "to"), isa, [du, v](benchmark::State& st) {
      BenchFullyConnected(st, du.first, du.second, v);
    });
  }
}

// --- pooling, softmax, int16x8 (GMAC/s counts one "MAC" per element read:
// window elements for pooling, input elements for softmax) -----------------

struct PoolShape {
  const char* name;
  int in_h, in_w, channels, filter, stride;
  bool average;
};

void BenchPool(benchmark::State& state, PoolShape s, int variant) {
  opt::SetKernelVariant(variant);
  ref::PoolParams p;
  p.filter_height = p.filter_width = s.filter;
  p.stride_height = p.stride_width = s.stride;
  int32_t out_h = 0, out_w = 0;
  ref::ComputePoolPadding(Padding::kValid, s.in_h, s.filter, s.stride, &out_h,
                          &p.padding_height);
  ref::ComputePoolPadding(Padding::kValid, s.in_w, s.filter, s.stride, &out_w,
                          &p.padding_width);
  const Shape in = MakeShape({1, s.in_h, s.in_w, s.channels});
  const Shape out = MakeShape({1, out_h, out_w, s.channels});
  const auto input = RandomInt8(in.FlatSize(), 3);
  std::vector<int8_t> output(out.FlatSize());
  TimeKernel(state, output.data(), out.FlatSize() * s.filter * s.filter, [&] {
    if (s.average) {
      benchmark::DoNotOptimize(opt::AveragePoolS8(
          p, in, input.data(), out, output.data(), nullptr));
    } else {
      opt::MaxPoolS8(p, in, input.data(), out, output.data());
    }
  });
}

constexpr PoolShape kPoolShapes[] = {
    {"avg_kws_global_25x5x64", 25, 5, 64, 5, 5, true},  // 5x5 windows
    {"avg_resnet_global_8x8x64", 8, 8, 64, 8, 8, true},
    {"avg_vww_global_3x3x256", 3, 3, 256, 3, 3, true},
    {"max_2x2s2_48x48x32", 48, 48, 32, 2, 2, false},
    {"max_3x3s2_24x24x64", 24, 24, 64, 3, 2, false},
};

void BenchSoftmax(benchmark::State& state, int rows, int depth, int variant) {
  opt::SetKernelVariant(variant);
  ref::SoftmaxParamsS8 p;
  ref::PrepareSoftmaxS8(0.1f, 1.0f, &p);
  const Shape shape = MakeShape({rows, depth});
  const auto input = RandomInt8(shape.FlatSize(), 4);
  std::vector<int8_t> output(shape.FlatSize());
  Scratch scratch(opt::SoftmaxS8_ScratchBytes(p, shape));
  TimeKernel(state, output.data(), shape.FlatSize(), [&] {
    opt::SoftmaxS8(p, shape, input.data(), output.data(), scratch.data());
  });
}

std::vector<int16_t> RandomInt16(size_t n, uint32_t seed) {
  std::mt19937 gen(seed);
  std::uniform_int_distribution<int> d(-32768, 32767);
  std::vector<int16_t> v(n);
  for (auto& x : v) x = static_cast<int16_t>(d(gen));
  return v;
}

void BenchConvS16(benchmark::State& state, ConvShape s, int variant) {
  opt::SetKernelVariant(variant);
  ConvParams p;
  p.act_min = -32768;
  p.act_max = 32767;
  BenchConvKernel<int16_t, int64_t>(state, s, p, RandomInt16,
                                    opt::ConvPerChannelS16_ScratchBytes,
                                    opt::ConvPerChannelS16);
}

constexpr ConvShape kConvS16Shapes[] = {
    {"s16_kws_conv0_10x4s2_1to64", 49, 10, 1, 64, 10, 4, 2, Padding::kSame},
    {"s16_pw_25x5_64to64", 25, 5, 64, 64, 1, 1, 1, Padding::kSame},
    {"s16_3x3_16x16_32to32", 16, 16, 32, 32, 3, 3, 1, Padding::kSame},
};

void BenchFullyConnectedS16(benchmark::State& state, int depth, int units,
                            int variant) {
  opt::SetKernelVariant(variant);
  FullyConnectedParams p;
  p.output_multiplier = 1 << 30;
  p.output_shift = -8;
  p.act_min = -32768;
  p.act_max = 32767;
  BenchFullyConnectedKernel<int16_t, int64_t>(
      state, depth, units, p, RandomInt16,
      opt::FullyConnectedS16_ScratchBytes, opt::FullyConnectedS16);
}

void RegisterNewFamilies(int v, const std::string& isa) {
  for (const PoolShape& s : kPoolShapes) {
    Register("pool/" + std::string(s.name), isa,
             [s, v](benchmark::State& st) { BenchPool(st, s, v); });
  }
  for (const auto& rd : {std::pair<int, int>{1, 12}, {1, 1000}, {64, 100}}) {
    Register("softmax/" + PairName(rd, "x"), isa,
             [rd, v](benchmark::State& st) {
               BenchSoftmax(st, rd.first, rd.second, v);
             });
  }
  for (const ConvShape& s : kConvS16Shapes) {
    Register("conv_s16/" + std::string(s.name), isa,
             [s, v](benchmark::State& st) { BenchConvS16(st, s, v); });
  }
  for (const auto& du : {std::pair<int, int>{256, 64}, {1024, 256}}) {
    Register("fc_s16/" + PairName(du, "to"), isa,
             [du, v](benchmark::State& st) {
               BenchFullyConnectedS16(st, du.first, du.second, v);
             });
  }
}

void RegisterAll() {
  for (int v = 0; v < opt::KernelVariantCount(); ++v) {
    const std::string isa = opt::KernelVariantName(v);
    for (const ConvShape& s : kConvShapes) {
      Register("conv/" + std::string(s.name), isa,
               [s, v](benchmark::State& st) { BenchConv(st, s, v); });
    }
    RegisterDepthwiseAndFullyConnected(v, isa);
    RegisterNewFamilies(v, isa);
  }
}

}  // namespace
}  // namespace mote

int main(int argc, char** argv) {
  mote::g_tsc_hz = mote::CalibrateTscHz();
  benchmark::AddCustomContext("tsc_ghz", std::to_string(mote::g_tsc_hz * 1e-9));
  mote::RegisterAll();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
