// Instruction counts of kernels/select.h's int16x8 CONV_2D /
// FULLY_CONNECTED, int8 pooling and SOFTMAX against their reference kernels
// on a few fixed shapes, for BENCHMARKS.md: each call sits between two `mov r11,
// r11` marks and prints "fw: op <name> code 0 marks <a> <b>", which
// targets/cortex-m/run.sh --plugin turns into "insn: op <name> code 0 <n>"
// (without the plugin the marks are no-ops). Outputs are not checked here
// (the testers do).
#include <cstdio>

#include "kernels/ref/conv_2d.h"
#include "kernels/ref/fully_connected.h"
#include "kernels/ref/pooling.h"
#include "kernels/ref/softmax.h"
#include "kernels/select.h"
#include "tester.h"

namespace mote {
namespace kernel_test {
namespace {

#if defined(__arm__)
#define MOTE_MARK() __asm__ volatile("mov r11, r11" ::: "memory")
#else
#define MOTE_MARK() do {} while (0)
#endif

int g_marks = 0;

template <typename F>
void Measure(const char* name, F f) {
  const int a = g_marks++;
  MOTE_MARK();
  f();
  MOTE_MARK();
  const int b = g_marks++;
  std::printf("fw: op %s code 0 marks %d %d\n", name, a, b);
}

int16_t g_in[2048];
int16_t g_out[2048];
int8_t g_w[16384];
int64_t g_bias[64];
int32_t g_mult[64];
int32_t g_shift[64];
alignas(16) uint8_t g_scratch[1024];

void Conv(const char* name, int in_hw, int depth, int f, int out_c) {
  ConvParams p;
  p.stride_height = p.stride_width = 1;
  p.dilation_height = p.dilation_width = 1;
  p.pad_height = p.pad_width = f / 2;
  p.act_min = -32768;
  p.act_max = 32767;
  const Shape in = MakeShape({1, in_hw, in_hw, depth});
  const Shape filter = MakeShape({out_c, f, f, depth});
  const Shape out = MakeShape({1, in_hw, in_hw, out_c});
  char label[48];
  std::snprintf(label, sizeof(label), "ref_%s", name);
  Measure(label, [&] {
    ref::ConvPerChannelS16(p, g_mult, g_shift, in, g_in, filter, g_w, g_bias,
                           out, g_out);
  });
  std::snprintf(label, sizeof(label), "opt_%s", name);
  Measure(label, [&] {
    opt::ConvPerChannelS16(p, g_mult, g_shift, in, g_in, filter, g_w, g_bias,
                           out, g_out, g_scratch);
  });
}

void Softmax(const char* name, int rows, int depth, Rng& rng) {
  ref::SoftmaxParamsS8 params;
  ref::PrepareSoftmaxS8(0.1f, 1.0f, &params);
  const Shape s = MakeShape({rows, depth});
  int8_t* in = TestBuffers().input;
  int8_t* out = TestBuffers().output;
  FillRandom(rng, in, static_cast<size_t>(rows * depth));
  char label[48];
  std::snprintf(label, sizeof(label), "ref_%s", name);
  Measure(label, [&] { ref::SoftmaxS8(params, s, in, out); });
  std::snprintf(label, sizeof(label), "opt_%s", name);
  Measure(label, [&] { opt::SoftmaxS8(params, s, in, out, g_scratch); });
}

}  // namespace

void BenchMarks() {
  Rng rng(42);
  for (int16_t& v : g_in) v = static_cast<int16_t>(rng.Next());
  FillRandom(rng, g_w, sizeof(g_w));
  for (int i = 0; i < 64; ++i) {
    g_bias[i] = rng.Range(-100000, 100000);
    g_mult[i] = (1 << 30) + rng.Range(0, (1 << 30) - 1);
    g_shift[i] = -rng.Range(8, 14);
  }
  static_assert(sizeof(g_scratch) >= 256 * sizeof(int32_t), "softmax table");
  Conv("conv_s16_3x3_10x10x16_to16", 10, 16, 3, 16);
  Conv("conv_s16_1x1_8x8x32_to32", 8, 32, 1, 32);
  {
    FullyConnectedParams p;
    p.output_multiplier = 1 << 30;
    p.output_shift = -12;
    p.act_min = -32768;
    p.act_max = 32767;
    const Shape in = MakeShape({1, 256});
    const Shape filter = MakeShape({64, 256});
    const Shape out = MakeShape({1, 64});
    Measure("ref_fully_connected_s16_256_to64", [&] {
      ref::FullyConnectedS16(p, in, g_in, filter, g_w, g_bias, out, g_out);
    });
    Measure("opt_fully_connected_s16_256_to64", [&] {
      opt::FullyConnectedS16(p, in, g_in, filter, g_w, g_bias, out, g_out,
                             nullptr);
    });
  }
  {
    // KWS's global average pool (25x5x64), and a 2x2 max pool.
    int8_t* in = TestBuffers().input;
    int8_t* out = TestBuffers().output;
    FillRandom(rng, in, 25 * 5 * 64);
    ref::PoolParams p;
    p.stride_height = p.stride_width = 1;
    p.filter_height = 25;
    p.filter_width = 5;
    p.act_min = -128;
    p.act_max = 127;
    const Shape s = MakeShape({1, 25, 5, 64});
    const Shape o = MakeShape({1, 1, 1, 64});
    Measure("ref_average_pool_25x5x64_global",
            [&] { ref::AveragePoolS8(p, s, in, o, out); });
    Measure("opt_average_pool_25x5x64_global",
            [&] { opt::AveragePoolS8(p, s, in, o, out, nullptr); });
    p.stride_height = p.stride_width = 2;
    p.filter_height = p.filter_width = 2;
    const Shape m = MakeShape({1, 12, 12, 32});
    const Shape mo = MakeShape({1, 6, 6, 32});
    Measure("ref_max_pool_2x2_12x12x32",
            [&] { ref::MaxPoolS8(p, m, in, mo, out); });
    Measure("opt_max_pool_2x2_12x12x32",
            [&] { opt::MaxPoolS8(p, m, in, mo, out); });
  }
  Softmax("softmax_1x12", 1, 12, rng);
  Softmax("softmax_1x1000", 1, 1000, rng);
  Softmax("softmax_8x64", 8, 64, rng);
  std::printf("fw: marks %d\n", g_marks);
}

}  // namespace kernel_test
}  // namespace mote
