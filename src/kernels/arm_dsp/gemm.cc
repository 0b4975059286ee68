#include "kernels/arm_dsp/gemm.h"

namespace mote {
namespace arm_dsp {

// A wide channel's four outputs (dsp_common.h: kWideChannel).
template <RequantMode kClamp>
MOTE_DSP_INLINE void FinishWide(const int32_t* a, const FastChannel& f,
                                int8_t* o, int stride, int n,
                                int32_t output_offset, int32_t act_min,
                                int32_t act_max) {
  const int32_t r = f.right_shift - kWideChannel;
  const int32_t high = int32_t{1} << (r - 2);
  for (int p = 0; p < n; ++p, o += stride) {
    o[0] = ClampFast<kClamp>(RequantizeWide(a[p], f.round_zp, f.multiplier,
                                            high, r - 1, output_offset),
                             act_min, act_max);
  }
}

template <RequantMode kMode, RequantMode kClamp>
void GemmColumnsFast(const GemmParams& g, const FastChannel* fast,
                     const int16_t* col, int8_t* out, int32_t output_offset,
                     int32_t act_min, int32_t act_max) {
  const int8_t* w = g.weights;
  const int depth = g.depth;
  const int stride = g.out_pixel_stride;
  const int32_t zp = output_offset;
  int8_t* const first = out;
  int8_t* const end = out + g.channels;
  for (; out != end; ++out, ++fast, w += depth) {
    const int32_t b = fast->bias2;
    int32_t a[4] = {b, b, b, b};
    Mac1x4(w, col, depth, a);
    const int32_t m = fast->multiplier;
    const int32_t rz = fast->round_zp;
    const int32_t r = fast->right_shift;
    int8_t* o = out;
    if (kMode == RequantMode::kFastMixed && r >= kWideChannel) {
      if (r != kSlowChannel) {
        FinishWide<kClamp>(a, *fast, o, stride, 4, zp, act_min, act_max);
        continue;
      }
      const int channel = g.channel_base + static_cast<int>(out - first);
      const int32_t bias = g.bias != nullptr ? g.bias[channel] : 0;
      for (int p = 0; p < 4; ++p, o += stride) {
        o[0] = ClampFast<kClamp>(RequantizeSlowChannel(a[p], *fast, bias, zp),
                                 act_min, act_max);
      }
      continue;
    }
    o[0] = ClampFast<kClamp>(RequantizeDoubled(a[0], m, rz, r), act_min,
                             act_max);
    o += stride;
    o[0] = ClampFast<kClamp>(RequantizeDoubled(a[1], m, rz, r), act_min,
                             act_max);
    o += stride;
    o[0] = ClampFast<kClamp>(RequantizeDoubled(a[2], m, rz, r), act_min,
                             act_max);
    o += stride;
    o[0] = ClampFast<kClamp>(RequantizeDoubled(a[3], m, rz, r), act_min,
                             act_max);
  }
}

#define MOTE_DSP_GEMM_COLUMNS(MODE, CLAMP)                                  \
  template void GemmColumnsFast<RequantMode::MODE, RequantMode::CLAMP>(     \
      const GemmParams&, const FastChannel*, const int16_t*, int8_t*,       \
      int32_t, int32_t, int32_t);
MOTE_DSP_GEMM_COLUMNS(kFast, kFast)
MOTE_DSP_GEMM_COLUMNS(kFastClamp, kFastClamp)
MOTE_DSP_GEMM_COLUMNS(kFastMixed, kFastClamp)
#undef MOTE_DSP_GEMM_COLUMNS

// One group of the 1x4 loop (dsp_common.h, Mac1x4), registers fixed:
// accumulators r0-r3, weights r4, column r5.
#define MOTE_DSP_MAC_GROUP                       \
  "ldr    r12, [r4], #4\n\t"                   \
  "ldm    r5!, {r8, r9, r10, r11}\n\t"         \
  "sxtb16 lr, r12\n\t"                         \
  "sxtb16 r12, r12, ror #8\n\t"                \
  "smlad  r0, lr, r8, r0\n\t"                  \
  "smlad  r0, r12, r9, r0\n\t"                 \
  "smlad  r1, lr, r10, r1\n\t"                 \
  "smlad  r1, r12, r11, r1\n\t"                \
  "ldm    r5!, {r8, r9, r10, r11}\n\t"         \
  "smlad  r2, lr, r8, r2\n\t"                  \
  "smlad  r2, r12, r9, r2\n\t"                 \
  "smlad  r3, lr, r10, r3\n\t"                 \
  "smlad  r3, r12, r11, r3\n\t"

// RequantizeDoubled and SSAT of accumulator R (m r10, round_zp r11, right
// shift r12).
#define MOTE_DSP_FINISH_FAST(R)                 \
  "add    lr, r11, " R ", asr #31\n\t"         \
  "smmlar " R ", " R ", r10, lr\n\t"           \
  "asr    " R ", " R ", r12\n\t"               \
  "ssat   " R ", #8, " R "\n\t"

// RequantizeWide and SSAT of accumulator R (m r10, bias r11, r - 1 r12,
// 2^(r-2) r6, output offset r5).
#define MOTE_DSP_FINISH_WIDE(R)                 \
  "add    r9, r11, " R ", asr #1\n\t"          \
  "add    lr, r6, r9, asr #31\n\t"             \
  "and    r8, r9, #0x80000000\n\t"             \
  "orr    r8, r8, #0x40000000\n\t"             \
  "smlal  r8, lr, r9, r10\n\t"                 \
  "asr    lr, lr, r12\n\t"                     \
  "add    " R ", lr, r5\n\t"                   \
  "ssat   " R ", #8, " R "\n\t"

// The channel loop; BODY is the groups of one loop iteration, TAIL one
// more group after the loop, or nothing. Stack frame: fast, out, out end,
// col, loop iterations, stride, zp.
#define MOTE_DSP_SSAT_LOOP(BODY, TAIL)                                   \
  __asm__ volatile(                                                      \
      "sub    sp, sp, #32\n\t"                                          \
      "ldm    r5, {r0, r1, r2, r3, r6, r8, r9, r10}\n\t"                \
      "stm    sp, {r0, r1, r2, r3, r6, r8, r9, r10}\n"                   \
      "1:\n\t"                                                          \
      "ldr    r8, [sp, #0]\n\t"                                         \
      "ldr    r0, [r8]\n\t"                                             \
      "mov    r1, r0\n\t"                                               \
      "mov    r2, r0\n\t"                                               \
      "mov    r3, r0\n\t"                                               \
      "ldrd   r5, r6, [sp, #12]\n"                                       \
      "2:\n\t" BODY                                                      \
      "subs   r6, r6, #1\n\t"                                           \
      "bne    2b\n\t" TAIL                                              \
      "ldr    r8, [sp, #0]\n\t"                                         \
      "ldm    r8!, {r9, r10, r11, r12}\n\t"                             \
      "str    r8, [sp, #0]\n\t"                                         \
      "cmp    r12, #32\n\t"                                             \
      "bge    3f\n\t" MOTE_DSP_FINISH_FAST("r0") MOTE_DSP_FINISH_FAST(    \
          "r1") MOTE_DSP_FINISH_FAST("r2") MOTE_DSP_FINISH_FAST("r3")     \
      "4:\n\t"                                                          \
      "ldr    r8, [sp, #4]\n\t"                                         \
      "ldr    r12, [sp, #20]\n\t"                                       \
      "strb   r1, [r8, r12]\n\t"                                        \
      "add    lr, r8, r12, lsl #1\n\t"                                  \
      "strb   r2, [lr]\n\t"                                             \
      "strb   r3, [lr, r12]\n\t"                                        \
      "strb   r0, [r8], #1\n\t"                                         \
      "str    r8, [sp, #4]\n\t"                                         \
      "ldr    lr, [sp, #8]\n\t"                                         \
      "cmp    r8, lr\n\t"                                               \
      "bne    1b\n\t"                                                   \
      "b      5f\n"                                                      \
      "3:\n\t"                                                          \
      "sub    r12, r12, #33\n\t"                                        \
      "movs   r6, #1\n\t"                                               \
      "sub    r9, r12, #1\n\t"                                          \
      "lsl    r6, r6, r9\n\t"                                           \
      "ldr    r5, [sp, #24]\n\t" MOTE_DSP_FINISH_WIDE("r0")              \
          MOTE_DSP_FINISH_WIDE("r1") MOTE_DSP_FINISH_WIDE("r2")           \
              MOTE_DSP_FINISH_WIDE("r3")                                  \
      "b      4b\n"                                                      \
      "5:\n\t"                                                          \
      "add    sp, sp, #32\n\t"                                          \
      : "+r"(w), "+r"(c)                                                 \
      :                                                                  \
      : "r0", "r1", "r2", "r3", "r6", "r8", "r9", "r10", "r11", "r12",   \
        "lr", "cc", "memory")

void GemmColumnsSsat(const GemmParams& g, const FastChannel* fast,
                     const int16_t* col, int8_t* out, int32_t output_offset) {
  // What the loop reloads per channel, copied to the stack inside the asm
  // (every register is taken): fast, out, out end, col, pairs of groups,
  // stride, zp (and a spare word).
  int32_t ctx[8] = {
      static_cast<int32_t>(reinterpret_cast<uintptr_t>(fast)),
      static_cast<int32_t>(reinterpret_cast<uintptr_t>(out)),
      static_cast<int32_t>(reinterpret_cast<uintptr_t>(out + g.channels)),
      static_cast<int32_t>(reinterpret_cast<uintptr_t>(col)),
      (g.depth & 31) == 0   ? g.depth >> 5
      : (g.depth & 15) == 0 ? g.depth >> 4
                            : g.depth >> 3,
      g.out_pixel_stride,
      output_offset,
      0};
  register const int8_t* w __asm__("r4") = g.weights;
  register int32_t* c __asm__("r5") = ctx;
#define MOTE_DSP_MAC_GROUP4 \
  MOTE_DSP_MAC_GROUP MOTE_DSP_MAC_GROUP MOTE_DSP_MAC_GROUP MOTE_DSP_MAC_GROUP
  if ((g.depth & 31) == 0) {
    // Eight groups per iteration (depths 32, 64, ...: most 1x1 layers), the
    // loop's two instructions spread over 64 MACs.
    MOTE_DSP_SSAT_LOOP(MOTE_DSP_MAC_GROUP4 MOTE_DSP_MAC_GROUP4, "");
  } else if ((g.depth & 15) == 0) {
    // Four (depths 16, 48, ...).
    MOTE_DSP_SSAT_LOOP(MOTE_DSP_MAC_GROUP4, "");
  } else if ((g.depth & 4) != 0) {
    MOTE_DSP_SSAT_LOOP(MOTE_DSP_MAC_GROUP MOTE_DSP_MAC_GROUP,
                       MOTE_DSP_MAC_GROUP);
  } else {
    MOTE_DSP_SSAT_LOOP(MOTE_DSP_MAC_GROUP MOTE_DSP_MAC_GROUP, "");
  }
#undef MOTE_DSP_MAC_GROUP4
}

#undef MOTE_DSP_SSAT_LOOP
#undef MOTE_DSP_MAC_GROUP
#undef MOTE_DSP_FINISH_FAST
#undef MOTE_DSP_FINISH_WIDE

void GemmColumnsFastPartial(const GemmParams& g, const FastChannel* fast,
                            const int16_t* col, int8_t* out, int n,
                            int32_t output_offset, int32_t act_min,
                            int32_t act_max) {
  const int8_t* w = g.weights;
  for (int c = 0; c < g.channels; ++c, w += g.depth, ++fast) {
    const int32_t b = fast->bias2;
    int32_t a[4] = {b, b, b, b};
    if (n == 1) {
      // One valid column (VWW's 3x3 layers: 9 pixels): a quarter of the
      // 1x4 kernel's work.
      a[0] = Mac1x1(w, col, g.depth, b);
    } else {
      Mac1x4(w, col, g.depth, a);
    }
    if (fast->right_shift >= kWideChannel &&
        fast->right_shift != kSlowChannel) {
      FinishWide<RequantMode::kFastClamp>(a, *fast, out + c,
                                          g.out_pixel_stride, n,
                                          output_offset, act_min, act_max);
      continue;
    }
    for (int p = 0; p < n; ++p) {
      const int32_t v =
          fast->right_shift == kSlowChannel
              ? RequantizeSlowChannel(
                    a[p], *fast,
                    g.bias != nullptr ? g.bias[g.channel_base + c] : 0,
                    output_offset)
              : RequantizeDoubled(a[p], fast->multiplier, fast->round_zp,
                                  fast->right_shift);
      out[p * g.out_pixel_stride + c] =
          ClampFast<RequantMode::kFastClamp>(v, act_min, act_max);
    }
  }
}

void GemmColumnsReference(const GemmParams& g, const OutputStage& stage,
                          const int16_t* col, int8_t* out, int n) {
  const int8_t* w = g.weights;
  for (int c = 0; c < g.channels; ++c, w += g.depth) {
    const int channel = g.channel_base + c;
    const int32_t b = g.bias != nullptr ? g.bias[channel] : 0;
    int32_t a[4] = {b, b, b, b};
    Mac1x4(w, col, g.depth, a);
    const ChannelRequant q = MakeChannelRequant(stage, channel);
    for (int p = 0; p < n; ++p) {
      out[p * g.out_pixel_stride + c] = RequantizeReference(a[p], q, stage);
    }
  }
}

}  // namespace arm_dsp
}  // namespace mote
