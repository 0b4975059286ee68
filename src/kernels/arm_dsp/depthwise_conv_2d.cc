#include "kernels/arm_dsp/depthwise_conv_2d.h"

#include "kernels/arm_common/entry_points.h"
#include "kernels/arm_dsp/conv_2d.h"
#include "kernels/arm_dsp/gemm.h"
#include "kernels/depthwise_window.h"
#include "kernels/select.h"

namespace mote {
namespace arm_dsp {
namespace {

static_assert(sizeof(const int8_t*) == 4, "selection.h plans 4-byte pointers");

OutputStage MakeStage(const DepthwiseConvParams& p, const int32_t* multiplier,
                      const int32_t* shift) {
  return {multiplier, shift, 1, p.output_offset, p.act_min, p.act_max};
}

// The multiplier-1 kernels' scratch, carved in selection.h's order.
struct LanesScratch {
  FastChannel* fast;           // [channels]
  int32_t* weights;            // [groups][taps][2]: 2w of lanes (0,2), (1,3)
  int8_t* zero_point_row;      // [channels] of the input zero point
  const int8_t** taps;         // [taps] this pixel's tap rows
};

LanesScratch CarveLanes(void* scratch, int channels, int taps) {
  LanesScratch s;
  auto* p = static_cast<uint8_t*>(scratch);
  s.fast = reinterpret_cast<FastChannel*>(p);
  p += channels * 16;
  s.weights = reinterpret_cast<int32_t*>(p);
  p += (channels + 3) / 4 * taps * 8;
  s.zero_point_row = reinterpret_cast<int8_t*>(p);
  p += (channels + 3) / 4 * 4;
  s.taps = reinterpret_cast<const int8_t**>(p);
  return s;
}

// Requantization constants with the offset folded into the bias (doubled,
// like the int16 weights), the int16 weights of every full group of four
// channels, and the zero-point row.
void PrepareLanes(const DepthwiseConvParams& params, const OutputStage& stage,
                  const int8_t* filter, const int32_t* bias, int channels,
                  int taps, const LanesScratch& s) {
  PrepareFastChannels(stage, bias, 0, channels, s.fast);
  const int32_t offset = params.input_offset;
  auto fold = [&](int c, int32_t sum) {
    s.fast[c].bias2 = static_cast<int32_t>(
        static_cast<uint32_t>(s.fast[c].bias2) +
        (static_cast<uint32_t>(offset * sum) << 1));
    s.zero_point_row[c] = static_cast<int8_t>(-offset);
  };
  // Full groups a word at a time: SXTB16 gives the lanes (0, 2) and (1, 3),
  // doubled for the weights and summed in int16 lanes (at most 255 taps of
  // |w| <= 128 fit).
  const int full = taps <= 255 ? channels / 4 : 0;
  int32_t* w = s.weights;
  for (int g = 0; g < full; ++g) {
    int32_t sum02 = 0;
    int32_t sum13 = 0;
    for (int t = 0; t < taps; ++t, w += 2) {
      const int32_t f = Load32(filter + t * channels + g * 4);
      const int32_t lo = Sxtb16(f);
      const int32_t hi = Sxtb16Ror8(f);
      w[0] = Sadd16(lo, lo);
      w[1] = Sadd16(hi, hi);
      sum02 = Sadd16(sum02, lo);
      sum13 = Sadd16(sum13, hi);
    }
    fold(g * 4, static_cast<int16_t>(sum02));
    fold(g * 4 + 1, static_cast<int16_t>(sum13));
    fold(g * 4 + 2, sum02 >> 16);
    fold(g * 4 + 3, sum13 >> 16);
  }
  for (int c = full * 4; c < channels; ++c) {
    int32_t sum = 0;
    for (int t = 0; t < taps; ++t) sum += filter[t * channels + c];
    fold(c, sum);
  }
  for (int g = full; g < channels / 4; ++g) {
    for (int t = 0; t < taps; ++t, w += 2) {
      const int8_t* f = filter + t * channels + g * 4;
      w[0] = ((f[0] * 2) & 0xFFFF) |
             static_cast<int32_t>(static_cast<uint32_t>(f[2] * 2) << 16);
      w[1] = ((f[1] * 2) & 0xFFFF) |
             static_cast<int32_t>(static_cast<uint32_t>(f[3] * 2) << 16);
    }
  }
}

// One tap of four channels: the input word at tap + channel, its lanes
// (0, 2) and (1, 3) against the int16 weights, per-lane 16x16 MACs.
#define MOTE_DSP_LANES_TAP(T)                        \
  "ldr    %[x], [%[taps], #" #T " * 4]\n\t"          \
  "ldr    %[x], [%[x], %[c]]\n\t"                    \
  "ldrd   %[w02], %[w13], [%[w]], #8\n\t"           \
  "sxtb16 %[x02], %[x]\n\t"                         \
  "sxtb16 %[x], %[x], ror #8\n\t"                   \
  "smlabb %[a0], %[x02], %[w02], %[a0]\n\t"         \
  "smlatt %[a2], %[x02], %[w02], %[a2]\n\t"         \
  "smlabb %[a1], %[x], %[w13], %[a1]\n\t"           \
  "smlatt %[a3], %[x], %[w13], %[a3]\n\t"

// Four channels' doubled accumulators over `kTaps` taps (0: `taps`).
template <int kTaps>
MOTE_DSP_INLINE void MacLanes(const int8_t* const* tap, int channel,
                              const int32_t* w, int taps, int32_t* a) {
  int32_t a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
  if (kTaps == 9) {
    int32_t x, x02, w02, w13;
    __asm__ volatile(
        MOTE_DSP_LANES_TAP(0) MOTE_DSP_LANES_TAP(1) MOTE_DSP_LANES_TAP(2)
        MOTE_DSP_LANES_TAP(3) MOTE_DSP_LANES_TAP(4) MOTE_DSP_LANES_TAP(5)
        MOTE_DSP_LANES_TAP(6) MOTE_DSP_LANES_TAP(7) MOTE_DSP_LANES_TAP(8)
        : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3),
          [w] "+r"(w), [x] "=&r"(x), [x02] "=&r"(x02), [w02] "=&r"(w02),
          [w13] "=&r"(w13)
        : [taps] "r"(tap), [c] "r"(channel)
        : "memory");
  } else {
    for (int t = 0; t < taps; ++t) {
      const int32_t x = Load32(tap[t] + channel);
      const int32_t x02 = Sxtb16(x);
      const int32_t x13 = Sxtb16Ror8(x);
      const int32_t w02 = w[2 * t];
      const int32_t w13 = w[2 * t + 1];
      a0 = __smlabb(x02, w02, a0);
      a2 = __smlatt(x02, w02, a2);
      a1 = __smlabb(x13, w13, a1);
      a3 = __smlatt(x13, w13, a3);
    }
  }
  a[0] = a0;
  a[1] = a1;
  a[2] = a2;
  a[3] = a3;
}

// Requantization (RequantizeDoubled) and SSAT of accumulator R, channel I
// of the group whose FastChannels start at lr; r8-r11 are free.
#define MOTE_DSP_LANES_FINISH(R, I)                    \
  "ldr    r9, [lr, #" #I " * 16 + 4]\n\t"             \
  "ldrd   r10, r11, [lr, #" #I " * 16 + 8]\n\t"       \
  "add    r8, r10, " R ", asr #31\n\t"                \
  "smmlar " R ", " R ", r9, r8\n\t"                   \
  "asr    " R ", " R ", r11\n\t"                      \
  "ssat   " R ", #8, " R "\n\t"

// Every full group of four channels of one output pixel, nine taps, the
// int8 range as the clamp: the whole group loop in asm (the C loop spilled
// its state around MacLanes), 122 instructions per group of 36 MACs.
// Tap t of channel c is the byte at tap[t] + c0 + c (integers): tap rows
// with c0 = 0, or offsets from the pixel's window with c0 its address.
// `w` is the groups' int16 weights, `q` their FastChannels, `out` the
// pixel's first output.
MOTE_DSP_INLINE void Lanes9SsatGroups(const uint32_t* tap, uint32_t c0,
                                      const int32_t* w, const FastChannel* q,
                                      int8_t* out, int groups) {
  register const uint32_t* taps_r __asm__("r4") = tap;
  register uint32_t c_r __asm__("r5") = c0;
  register const int32_t* w_r __asm__("r6") = w;
  register const FastChannel* q_r __asm__("lr") = q;
  register int8_t* out_r __asm__("r12") = out;
  register uint32_t end_r __asm__("r0") = c0 + groups * 4;
  __asm__ volatile(
      "sub    sp, sp, #8\n\t"
      "str    r0, [sp]\n"
      "1:\n\t"
      "ldr    r0, [lr]\n\t"
      "ldr    r1, [lr, #16]\n\t"
      "ldr    r2, [lr, #32]\n\t"
      "ldr    r3, [lr, #48]\n\t"
#define MOTE_DSP_LANES_TAP_R(T)                     \
  "ldr    r8, [r4, #" #T " * 4]\n\t"               \
  "ldr    r8, [r8, r5]\n\t"                        \
  "ldrd   r10, r11, [r6], #8\n\t"                  \
  "sxtb16 r9, r8\n\t"                              \
  "sxtb16 r8, r8, ror #8\n\t"                      \
  "smlabb r0, r9, r10, r0\n\t"                     \
  "smlatt r2, r9, r10, r2\n\t"                     \
  "smlabb r1, r8, r11, r1\n\t"                     \
  "smlatt r3, r8, r11, r3\n\t"
      MOTE_DSP_LANES_TAP_R(0) MOTE_DSP_LANES_TAP_R(1) MOTE_DSP_LANES_TAP_R(2)
      MOTE_DSP_LANES_TAP_R(3) MOTE_DSP_LANES_TAP_R(4) MOTE_DSP_LANES_TAP_R(5)
      MOTE_DSP_LANES_TAP_R(6) MOTE_DSP_LANES_TAP_R(7) MOTE_DSP_LANES_TAP_R(8)
#undef MOTE_DSP_LANES_TAP_R
      MOTE_DSP_LANES_FINISH("r0", 0)
      MOTE_DSP_LANES_FINISH("r1", 1)
      MOTE_DSP_LANES_FINISH("r2", 2)
      MOTE_DSP_LANES_FINISH("r3", 3)
      "strb   r0, [r12, #0]\n\t"
      "strb   r1, [r12, #1]\n\t"
      "strb   r2, [r12, #2]\n\t"
      "strb   r3, [r12, #3]\n\t"
      "add    r12, r12, #4\n\t"
      "add    lr, lr, #64\n\t"
      "add    r5, r5, #4\n\t"
      "ldr    r8, [sp]\n\t"
      "cmp    r5, r8\n\t"
      "bne    1b\n\t"
      "add    sp, sp, #8\n\t"
      : "+r"(taps_r), "+r"(c_r), "+r"(w_r), "+r"(q_r), "+r"(out_r),
        "+r"(end_r)
      :
      : "r1", "r2", "r3", "r8", "r9", "r10", "r11", "cc", "memory");
}

#undef MOTE_DSP_LANES_FINISH
#undef MOTE_DSP_LANES_TAP

template <int kTaps, RequantMode kMode>
void DepthwiseLanes(const DepthwiseConvParams& params, const Shape& input_shape,
                    const int8_t* input, const Shape& filter_shape,
                    const int8_t* filter, const OutputStage& stage,
                    const Shape& output_shape, int8_t* output,
                    const LanesScratch& s) {
  const int channels = input_shape.dims[3];
  const int taps = filter_shape.dims[1] * filter_shape.dims[2];
  const int groups = channels / 4;
  const int32_t act_min = stage.act_min;
  const int32_t act_max = stage.act_max;
  DepthwiseTapRows tap_rows_walk(params, input_shape, filter_shape, input,
                                 s.zero_point_row, s.taps);
  int8_t* out = output;
  for (int b = 0; b < output_shape.dims[0]; ++b) {
    for (int out_y = 0; out_y < output_shape.dims[1]; ++out_y) {
      tap_rows_walk.Row(b, out_y);
      for (int out_x = 0; out_x < output_shape.dims[2]; ++out_x) {
        // This pixel's taps: input pixels, or the zero-point row.
        tap_rows_walk.Pixel<kTaps>(out_x);
        const FastChannel* q = s.fast;
        const int32_t* w = s.weights;
        for (int g = 0; g < groups; ++g, q += 4, w += 2 * taps, out += 4) {
          int32_t a[4] = {q[0].bias2, q[1].bias2, q[2].bias2, q[3].bias2};
          MacLanes<kTaps>(s.taps, g * 4, w, taps, a);
          out[0] = ClampFast<kMode>(
              RequantizeDoubled(a[0], q[0].multiplier, q[0].round_zp,
                                q[0].right_shift),
              act_min, act_max);
          out[1] = ClampFast<kMode>(
              RequantizeDoubled(a[1], q[1].multiplier, q[1].round_zp,
                                q[1].right_shift),
              act_min, act_max);
          out[2] = ClampFast<kMode>(
              RequantizeDoubled(a[2], q[2].multiplier, q[2].round_zp,
                                q[2].right_shift),
              act_min, act_max);
          out[3] = ClampFast<kMode>(
              RequantizeDoubled(a[3], q[3].multiplier, q[3].round_zp,
                                q[3].right_shift),
              act_min, act_max);
        }
        // The last channels one at a time.
        for (int c = groups * 4; c < channels; ++c, ++out, ++q) {
          int32_t acc = q->bias2;
          for (int i = 0; i < taps; ++i) {
            acc += s.taps[i][c] * 2 * filter[i * channels + c];
          }
          *out = ClampFast<kMode>(RequantizeDoubled(acc, q->multiplier,
                                                    q->round_zp,
                                                    q->right_shift),
                                  act_min, act_max);
        }
      }
    }
  }
}

// 3x3, the int8 range as the clamp: the asm group loop. A pixel whose
// window lies inside the input reads its taps at fixed offsets from the
// window's first byte (no tap rows to move); the others read s.taps, set
// here, with the zero-point row in the padding.
void DepthwiseLanes9Ssat(const DepthwiseConvParams& params,
                         const Shape& input_shape, const int8_t* input,
                         const Shape& filter_shape, const int8_t* filter,
                         const Shape& output_shape, int8_t* output,
                         const LanesScratch& s) {
  const int in_h = input_shape.dims[1];
  const int in_w = input_shape.dims[2];
  const int channels = input_shape.dims[3];
  const int groups = channels / 4;
  const int dil_h = params.dilation_height;
  const int dil_w = params.dilation_width;
  uint32_t offsets[9];
  for (int fy = 0; fy < 3; ++fy) {
    for (int fx = 0; fx < 3; ++fx) {
      offsets[fy * 3 + fx] =
          static_cast<uint32_t>((fy * dil_h * in_w + fx * dil_w) * channels);
    }
  }
  auto* rows = reinterpret_cast<uint32_t*>(s.taps);
  int8_t* out = output;
  for (int b = 0; b < output_shape.dims[0]; ++b) {
    for (int out_y = 0; out_y < output_shape.dims[1]; ++out_y) {
      const int y0 = out_y * params.stride_height - params.pad_height;
      const bool rows_inside = y0 >= 0 && y0 + 2 * dil_h < in_h;
      for (int out_x = 0; out_x < output_shape.dims[2]; ++out_x) {
        const int x0 = out_x * params.stride_width - params.pad_width;
        const uint32_t* table = offsets;
        uint32_t c0 = 0;
        if (rows_inside && x0 >= 0 && x0 + 2 * dil_w < in_w) {
          c0 = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(
              input + ((b * in_h + y0) * in_w + x0) * channels));
        } else {
          for (int fy = 0; fy < 3; ++fy) {
            const int y = y0 + fy * dil_h;
            for (int fx = 0; fx < 3; ++fx) {
              const int x = x0 + fx * dil_w;
              const int8_t* row =
                  y >= 0 && y < in_h && x >= 0 && x < in_w
                      ? input + ((b * in_h + y) * in_w + x) * channels
                      : s.zero_point_row;
              rows[fy * 3 + fx] =
                  static_cast<uint32_t>(reinterpret_cast<uintptr_t>(row));
            }
          }
          table = rows;
        }
        if (groups > 0) Lanes9SsatGroups(table, c0, s.weights, s.fast, out,
                                         groups);
        out += groups * 4;
        // The last channels one at a time.
        const FastChannel* q = s.fast + groups * 4;
        for (int c = groups * 4; c < channels; ++c, ++out, ++q) {
          int32_t acc = q->bias2;
          for (int i = 0; i < 9; ++i) {
            const auto* x = reinterpret_cast<const int8_t*>(
                static_cast<uintptr_t>(table[i] + c0 + c));
            acc += *x * 2 * filter[i * channels + c];
          }
          *out = ClampFast<RequantMode::kFast>(
              RequantizeDoubled(acc, q->multiplier, q->round_zp,
                                q->right_shift),
              -128, 127);
        }
      }
    }
  }
}

// Multiplier 1: the fast path, or the reference kernel where the fast
// requantization cannot be proven exact.
template <int kTaps>
void RunLanes(const DepthwiseConvParams& params,
              const int32_t* output_multiplier, const int32_t* output_shift,
              const Shape& input_shape, const int8_t* input,
              const Shape& filter_shape, const int8_t* filter,
              const int32_t* bias, const Shape& output_shape, int8_t* output,
              void* scratch) {
  const OutputStage stage =
      MakeStage(params, output_multiplier, output_shift);
  const int channels = input_shape.dims[3];
  const int taps = filter_shape.dims[1] * filter_shape.dims[2];
  const RequantMode mode = ChooseRequantMode(stage, channels, bias, taps);
  if (mode == RequantMode::kReference) {
    ref::DepthwiseConvPerChannelS8(params, output_multiplier, output_shift,
                                   input_shape, input, filter_shape, filter,
                                   bias, output_shape, output);
    return;
  }
  const LanesScratch s = CarveLanes(scratch, channels, taps);
  PrepareLanes(params, stage, filter, bias, channels, taps, s);
  // Two compiled versions: the 3x3 asm loop for the int8 range, and the
  // general window with an explicit clamp (exact for the int8 range too) for
  // everything else; a copy per window size and clamp (unrolled tap loops)
  // cost flash for layers none of the shared models has.
  if (kTaps == 9 && mode == RequantMode::kFast) {
    DepthwiseLanes9Ssat(params, input_shape, input, filter_shape, filter,
                        output_shape, output, s);
  } else {
    DepthwiseLanes<0, RequantMode::kFastClamp>(params, input_shape, input,
                                               filter_shape, filter, stage,
                                               output_shape, output, s);
  }
}

}  // namespace

void DepthwiseConvS8_ArmDsp(const DepthwiseConvParams& params,
                            const int32_t* output_multiplier,
                            const int32_t* output_shift,
                            const Shape& input_shape, const int8_t* input,
                            const Shape& filter_shape, const int8_t* filter,
                            const int32_t* bias, const Shape& output_shape,
                            int8_t* output, void* scratch) {
  RunLanes<0>(params, output_multiplier, output_shift, input_shape, input,
              filter_shape, filter, bias, output_shape, output, scratch);
}

void DepthwiseConv3x3S8_ArmDsp(const DepthwiseConvParams& params,
                               const int32_t* output_multiplier,
                               const int32_t* output_shift,
                               const Shape& input_shape, const int8_t* input,
                               const Shape& filter_shape, const int8_t* filter,
                               const int32_t* bias, const Shape& output_shape,
                               int8_t* output, void* scratch) {
  RunLanes<9>(params, output_multiplier, output_shift, input_shape, input,
              filter_shape, filter, bias, output_shape, output, scratch);
}

void DepthwiseConvMultS8_ArmDsp(const DepthwiseConvParams& params,
                                const int32_t* output_multiplier,
                                const int32_t* output_shift,
                                const Shape& input_shape, const int8_t* input,
                                const Shape& filter_shape, const int8_t* filter,
                                const int32_t* bias, const Shape& output_shape,
                                int8_t* output, void* scratch) {
  if (DepthwiseOneChannelAsConv(params, input_shape)) {
    ConvWindowPermutedS8(params, output_multiplier, output_shift, input_shape,
                         input, DepthwiseOneChannelConvFilter(filter_shape),
                         filter, 1, output_shape.dims[3], bias, output_shape,
                         output, scratch);
    return;
  }
  const OutputStage stage =
      MakeStage(params, output_multiplier, output_shift);
  const int in_ch = input_shape.dims[3];
  const int taps = filter_shape.dims[1] * filter_shape.dims[2];
  const int mult = params.depth_multiplier;
  const int out_ch = output_shape.dims[3];
  const int out_h = output_shape.dims[1];
  const int out_w = output_shape.dims[2];
  const RequantMode mode =
      ChooseRequantMode(stage, out_ch, bias, taps, true);
  // The rows of weights after the product's own scratch.
  int8_t* rows = static_cast<int8_t*>(scratch) + GemmScratchBytes(taps, mult);
  const int32_t offset = params.input_offset;
  for (int ic = 0; ic < in_ch; ++ic) {
    for (int m = 0; m < mult; ++m) {
      const int oc = ic * mult + m;
      for (int t = 0; t < taps; ++t) rows[m * taps + t] = filter[t * out_ch + oc];
    }
    GemmParams g;
    g.num_pixels = output_shape.dims[0] * out_h * out_w;
    g.depth = taps;
    g.channels = mult;
    g.weights = rows;
    g.bias = bias;
    g.channel_base = ic * mult;
    g.out = output + ic * mult;
    g.out_pixel_stride = out_ch;
    Gemm1x4(mode, g, stage, scratch,
            [&](int16_t* col, int p, int pixel, bool doubled) {
              const int scale = doubled ? 2 : 1;
              ForEachWindowTap(params, input_shape, filter_shape, output_shape,
                               input, ic, pixel,
                               [&](int k, const int8_t* x) {
                                 const int32_t v =
                                     x != nullptr ? (*x + offset) * scale : 0;
                                 ColumnPut(col, p, k, static_cast<int16_t>(v));
                               });
            });
  }
}

}  // namespace arm_dsp

namespace opt {
namespace {

struct DepthwiseConvS8_ArmDsp {
  static constexpr auto& Conv3x3 = arm_dsp::DepthwiseConv3x3S8_ArmDsp;
  static constexpr auto& General = arm_dsp::DepthwiseConvS8_ArmDsp;
  static constexpr auto& Mult = arm_dsp::DepthwiseConvMultS8_ArmDsp;
};

}  // namespace

size_t DepthwiseConvPerChannelS8_ScratchBytes(const DepthwiseConvParams& params,
                                              const Shape& input_shape,
                                              const Shape& filter_shape,
                                              const Shape& output_shape) {
  return arm_common::DepthwiseScratchBytes<arm_dsp::ArmDspShapes>(
      params, input_shape, filter_shape, output_shape);
}

void DepthwiseConvPerChannelS8(const DepthwiseConvParams& params,
                               const int32_t* output_multiplier,
                               const int32_t* output_shift,
                               const Shape& input_shape, const int8_t* input,
                               const Shape& filter_shape, const int8_t* filter,
                               const int32_t* bias, const Shape& output_shape,
                               int8_t* output, void* scratch) {
  arm_common::RunDepthwiseConvPerChannelS8<DepthwiseConvS8_ArmDsp>(
      params, output_multiplier, output_shift, input_shape, input,
      filter_shape, filter, bias, output_shape, output, scratch);
}

}  // namespace opt
}  // namespace mote
