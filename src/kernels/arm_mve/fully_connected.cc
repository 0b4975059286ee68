#include "kernels/arm_mve/fully_connected.h"

#include "kernels/arm_common/entry_points.h"
#include "kernels/arm_mve/gemm.h"
#include "kernels/select.h"

namespace mote {
namespace arm_mve {
namespace {

// a_r += dot(x, w_r) and s_r += sum(w_r) over `depth` (> 0) bytes for three
// weight rows (the sums carry the input offset: sum((x + o) * w) =
// dot(x, w) + o * sum(w)). A tail-predicated low-overhead loop: eleven
// instructions per 48 MACs. Three rows because VMLAVA/VADDVA accumulate in
// even registers: six sums, the loop counter in LR, leave r12 for gcc.
MOTE_MVE_INLINE void MacRows3(const int8_t* x, const int8_t* w0,
                              const int8_t* w1, const int8_t* w2, int depth,
                              int32_t& a0, int32_t& a1, int32_t& a2,
                              int32_t& s0, int32_t& s1, int32_t& s2) {
  int8x16_t vx, v0, v1;
  __asm__ volatile(
      "dlstp.8    lr, %[n]\n"
      "1:\n\t"
      "vldrb.u8   %q[vx], [%[x]], #16\n\t"
      "vldrb.u8   %q[v0], [%[w0]], #16\n\t"
      "vldrb.u8   %q[v1], [%[w1]], #16\n\t"
      "vmlava.s8  %[a0], %q[vx], %q[v0]\n\t"
      "vaddva.s8  %[s0], %q[v0]\n\t"
      "vldrb.u8   %q[v0], [%[w2]], #16\n\t"
      "vmlava.s8  %[a1], %q[vx], %q[v1]\n\t"
      "vaddva.s8  %[s1], %q[v1]\n\t"
      "vmlava.s8  %[a2], %q[vx], %q[v0]\n\t"
      "vaddva.s8  %[s2], %q[v0]\n\t"
      "letp       lr, 1b\n"
      : [a0] "+Te"(a0), [a1] "+Te"(a1), [a2] "+Te"(a2), [s0] "+Te"(s0),
        [s1] "+Te"(s1), [s2] "+Te"(s2), [x] "+r"(x), [w0] "+r"(w0),
        [w1] "+r"(w1), [w2] "+r"(w2), [vx] "=&w"(vx), [v0] "=&w"(v0),
        [v1] "=&w"(v1)
      : [n] "r"(depth)
      : "lr", "memory");
}

struct RowsPass {
  const int8_t* x;
  const int8_t* filter;
  const int32_t* bias;
  const int32_t* multiplier;  // per channel, or null
  const int32_t* shift;
  int depth;
  int channels;
  int32_t offset;
  int32_t zp;
  RequantScalar tensor_q;
  int32x4_t act_min;
  int32x4_t act_max;
  int8_t* out;
};

// One input row against every weight row, three at a time: the three
// channels' sums, bias and constants in one vector (Pack4 order, so bias
// and constants are gathered and the result scattered with Pack4's
// offsets), requantized together. kPerChannel: constant vectors gathered
// per pass; else the tensor's scalar constants (kRightShift: its shift is
// negative). Its own function: inlined into the batch loop, gcc 12 spills
// around the loop.
template <bool kPerChannel, bool kRightShift>
__attribute__((noinline)) void RowsOneInput(const RowsPass& f) {
  const int8_t* const x = f.x;
  const int8_t* w = f.filter;
  const int32_t* const bias = f.bias;
  const int depth = f.depth;
  const int32_t offset = f.offset;
  const int32_t zp = f.zp;
  const int32x4_t act_min = f.act_min;
  const int32x4_t act_max = f.act_max;
  const RequantScalar tensor_q = f.tensor_q;
  int8_t* const out = f.out;
  const uint32x4_t bytes = ScatterOffsets4(1);
  const uint32x4_t words = ScatterOffsets4(4);
  auto pass = [&](int o, int n, mve_pred16_t p) {
    // Missing rows repeat the first: computed, never stored.
    const int8_t* w1 = n > 1 ? w + depth : w;
    const int8_t* w2 = n > 2 ? w + 2 * depth : w;
    int32_t a0 = 0, a1 = 0, a2 = 0, s0 = 0, s1 = 0, s2 = 0;
    MacRows3(x, w, w1, w2, depth, a0, a1, a2, s0, s1, s2);
    int32x4_t acc =
        vmlaq_n_s32(Pack4(a0, a1, a2, a2), Pack4(s0, s1, s2, s2), offset);
    if (bias != nullptr) {
      acc = vaddq_s32(acc, vldrwq_gather_offset_z_s32(bias + o, words, p));
    }
    int32x4_t v;
    if (kPerChannel) {
      const int32x4_t zero = vdupq_n_s32(0);
      const int32x4_t sh = vldrwq_gather_offset_z_s32(f.shift + o, words, p);
      const Requant4 q = {
          vldrwq_gather_offset_z_s32(f.multiplier + o, words, p),
          vmaxq_s32(sh, zero), vminq_s32(sh, zero)};
      v = Requantize4(acc, q, zp, vgetq_lane_s32(act_min, 0),
                      vgetq_lane_s32(act_max, 0));
    } else {
      v = RequantizeScalar4<kRightShift>(acc, tensor_q, zp, act_min,
                                         act_max);
    }
    vstrbq_scatter_offset_p_s32(out + o, bytes, v, p);
  };
  const int full = f.channels / 3 * 3;
  const mve_pred16_t p3 = FirstPixels4(bytes, 1, 3);
  int o = 0;
  for (; o < full; o += 3, w += 3 * depth) pass(o, 3, p3);
  if (o < f.channels) {
    const int n = f.channels - o;
    pass(o, n, FirstPixels4(bytes, 1, n));
  }
}

}  // namespace

namespace {

int32_t FcDepth(const Shape& filter_shape) {
  return filter_shape.dims[filter_shape.rank - 1];
}
int32_t FcChannels(const Shape& output_shape) {
  return output_shape.dims[output_shape.rank - 1];
}

}  // namespace

void FullyConnectedRowsS8_Mve(const FullyConnectedParams& params,
                              const int32_t* output_multiplier,
                              const int32_t* output_shift, const Shape&,
                              const int8_t* input, const Shape& filter_shape,
                              const int8_t* filter, const int32_t* bias,
                              const Shape& output_shape, int8_t* output,
                              void*) {
  RowsPass f;
  f.depth = FcDepth(filter_shape);
  f.channels = FcChannels(output_shape);
  f.filter = filter;
  f.bias = bias;
  f.multiplier = output_multiplier;
  f.shift = output_shift;
  f.offset = params.input_offset;
  f.zp = params.output_offset;
  f.tensor_q = MakeRequantScalar(params.output_multiplier, params.output_shift);
  f.act_min = vdupq_n_s32(params.act_min);
  f.act_max = vdupq_n_s32(params.act_max);
  const int batches = FullyConnectedBatches(output_shape);
  for (int b = 0; b < batches; ++b) {
    f.x = input + b * f.depth;
    f.out = output + b * f.channels;
    if (output_multiplier != nullptr) {
      RowsOneInput<true, false>(f);
    } else if (params.output_shift < 0) {
      RowsOneInput<false, true>(f);
    } else {
      RowsOneInput<false, false>(f);
    }
  }
}

void FullyConnectedBatchS8_Mve(const FullyConnectedParams& params,
                               const int32_t* output_multiplier,
                               const int32_t* output_shift, const Shape&,
                               const int8_t* input, const Shape& filter_shape,
                               const int8_t* filter, const int32_t* bias,
                               const Shape& output_shape, int8_t* output,
                               void* scratch) {
  auto* sums = static_cast<int32_t*>(scratch);
  GemmParams g;
  g.num_pixels = FullyConnectedBatches(output_shape);
  g.depth = FcDepth(filter_shape);
  g.channels = FcChannels(output_shape);
  g.weights = filter;
  g.sums = sums;
  const bool per_channel = output_multiplier != nullptr;
  g.multiplier = per_channel ? output_multiplier : &params.output_multiplier;
  g.shift = per_channel ? output_shift : &params.output_shift;
  g.requant_stride = per_channel ? 1 : 0;
  g.output_offset = params.output_offset;
  g.act_min = params.act_min;
  g.act_max = params.act_max;
  g.out = output;
  g.out_pixel_stride = g.channels;
  KernelSums(filter, g.depth, g.channels, bias, params.input_offset, sums);
  GemmRows4x1(g, input, g.depth);
}

}  // namespace arm_mve

namespace opt {
namespace {

struct FullyConnectedS8_Mve {
  static constexpr auto& Rows = arm_mve::FullyConnectedRowsS8_Mve;
  static constexpr auto& Batch = arm_mve::FullyConnectedBatchS8_Mve;
};

}  // namespace

size_t FullyConnectedS8_ScratchBytes(const FullyConnectedParams& params,
                                     const Shape& input_shape,
                                     const Shape& filter_shape,
                                     const Shape& output_shape) {
  return arm_common::FullyConnectedScratchBytes<arm_mve::MveShapes>(
      params, input_shape, filter_shape, output_shape);
}

void FullyConnectedS8(const FullyConnectedParams& params,
                      const Shape& input_shape, const int8_t* input,
                      const Shape& filter_shape, const int8_t* filter,
                      const int32_t* bias, const Shape& output_shape,
                      int8_t* output, void* scratch) {
  arm_common::RunFullyConnectedS8<FullyConnectedS8_Mve>(
      params, false, nullptr, nullptr, input_shape, input, filter_shape,
      filter, bias, output_shape, output, scratch);
}

size_t FullyConnectedPerChannelS8_ScratchBytes(
    const FullyConnectedParams& params, const Shape& input_shape,
    const Shape& filter_shape, const Shape& output_shape) {
  return arm_common::FullyConnectedPerChannelScratchBytes<arm_mve::MveShapes>(
      params, input_shape, filter_shape, output_shape);
}

void FullyConnectedPerChannelS8(const FullyConnectedParams& params,
                                const int32_t* output_multiplier,
                                const int32_t* output_shift,
                                const Shape& input_shape, const int8_t* input,
                                const Shape& filter_shape, const int8_t* filter,
                                const int32_t* bias, const Shape& output_shape,
                                int8_t* output, void* scratch) {
  arm_common::RunFullyConnectedS8<FullyConnectedS8_Mve>(
      params, true, output_multiplier, output_shift, input_shape, input,
      filter_shape, filter, bias, output_shape, output, scratch);
}

}  // namespace opt
}  // namespace mote
