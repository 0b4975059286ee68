// Building blocks of the Cortex-M DSP-extension kernels (M4, M33, M7):
// ACLE intrinsics and the few instructions ACLE lacks, the requantization
// stage, and the column buffer + 1x4 micro-kernel that CONV_2D, depthwise
// convolution with a depth multiplier and FULLY_CONNECTED share.
//
// The DSP extension multiplies pairs of int16 (SMLAD: acc += a.lo * b.lo +
// a.hi * b.hi). Weights stay int8 in flash: SXTB16 sign-extends bytes 0 and
// 2 of a word into one register and SXTB16 ROR #8 bytes 1 and 3 into
// another, so the activations are stored as int16 in that order ([k0, k2],
// [k1, k3]) with the input offset already added. Integer sums are exact in
// any order, so the results equal the reference kernels' bit for bit.
// Internal to src/kernels/arm_dsp.
#ifndef MOTE_KERNELS_ARM_DSP_DSP_COMMON_H_
#define MOTE_KERNELS_ARM_DSP_DSP_COMMON_H_

#include <arm_acle.h>

#include <cstdint>
#include <cstring>

#include "kernels/arm_dsp/selection.h"
#include "kernels/quant_math.h"

namespace mote {
namespace arm_dsp {

#define MOTE_DSP_INLINE inline __attribute__((always_inline))

// --- instructions -----------------------------------------------------------

// An unaligned 32-bit load (LDR allows it on ARMv7E-M and ARMv8-M Mainline).
MOTE_DSP_INLINE int32_t Load32(const void* p) {
  int32_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

MOTE_DSP_INLINE void Store32(void* p, int32_t v) {
  std::memcpy(p, &v, sizeof(v));
}

// Bytes 0 and 2 of x, sign-extended to two int16.
MOTE_DSP_INLINE int32_t Sxtb16(int32_t x) { return __sxtb16(x); }

// Bytes 1 and 3 of x, sign-extended (GCC 12's ACLE has no __ror to fold).
MOTE_DSP_INLINE int32_t Sxtb16Ror8(int32_t x) {
  int32_t r;
  __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(x));
  return r;
}

MOTE_DSP_INLINE int32_t Smlad(int32_t a, int32_t b, int32_t acc) {
  return __smlad(a, b, acc);
}

MOTE_DSP_INLINE int32_t Sadd16(int32_t a, int32_t b) { return __sadd16(a, b); }

// (ra * 2^32 + a * b + 2^31) >> 32: the rounded high word (SMMLAR).
MOTE_DSP_INLINE int32_t Smmlar(int32_t a, int32_t b, int32_t ra) {
  int32_t r;
  __asm__("smmlar %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(ra));
  return r;
}

// Two int16 lanes holding `v`.
MOTE_DSP_INLINE int32_t Dup16(int32_t v) {
  return static_cast<int32_t>((static_cast<uint32_t>(v) & 0xFFFFu) |
                              (static_cast<uint32_t>(v) << 16));
}

// --- requantization ----------------------------------------------------------
//
// The reference: clamp(MultiplyByQuantizedMultiplier(acc, m, shift) + zp).
// MultiplyByQuantizedMultiplier rounds twice: y = SRDHM(acc, m) =
// floor((acc * m + 2^30) / 2^31) (m >= 0), then RoundingDivideByPOT(y, r) =
// floor((y + 2^(r-1) - [y < 0]) / 2^r). Both floors merge into one
// (floor(floor(a) / n) = floor(a / n)), and for m >= 0, [y < 0] may be
// taken as [acc < 0] (they differ only where y = 0, which rounds to 0 either
// way). With |acc| < 2^30 (so 2 * acc fits), SMMLAR computes the first
// rounding with the second's constant as its accumulator:
//   out = SMMLAR(2 * acc, m, 2^(r-1) - [acc < 0] + (zp << r)) >> r
// three instructions instead of some twenty. ChooseRequantMode() checks the
// conditions once per call; the reference path serves everything else.

enum class RequantMode : uint8_t {
  kReference,  // MultiplyByQuantizedMultiplier, clamp
  kFast,       // SMMLAR; the clamp is the int8 range (SSAT)
  kFastClamp,  // SMMLAR; a narrower activation clamp
};

// The right shifts the fast path accepts: 2^(r-1) + (zp << r) and the
// SMMLAR sum then stay below 2^30 in magnitude.
constexpr int32_t kFastMaxRightShift = 22;
// |acc| must stay below this for 2 * acc to fit in int32.
constexpr int64_t kFastMaxAccumulator = (int64_t{1} << 30) - 1;

// Requantization of one call: per-channel arrays (stride 1) or one
// multiplier for all channels (stride 0).
struct OutputStage {
  const int32_t* multiplier;
  const int32_t* shift;
  int channel_stride;
  int32_t output_offset;
  int32_t act_min;
  int32_t act_max;
};

// The mode for `channels` channels whose accumulators are bias[c] plus at
// most `depth` products of an int16 activation in [-255, 255] and an int8
// weight.
RequantMode ChooseRequantMode(const OutputStage& stage, int channels,
                              const int32_t* bias, int64_t depth);

// One channel's constants, computed once per block of outputs.
struct ChannelRequant {
  int32_t multiplier;
  int32_t shift;        // the reference's shift (kReference)
  int32_t right_shift;  // -shift (fast modes)
  int32_t round_zp;     // 2^(r-1) + (zp << r) (fast modes)
};

template <RequantMode kMode>
MOTE_DSP_INLINE ChannelRequant MakeChannelRequant(const OutputStage& s,
                                                  int channel) {
  const int q = channel * s.channel_stride;
  ChannelRequant c;
  c.multiplier = s.multiplier[q];
  c.shift = s.shift[q];
  c.right_shift = -c.shift;
  c.round_zp = 0;
  if (kMode != RequantMode::kReference) {
    c.round_zp = static_cast<int32_t>(
        (uint32_t{1} << (c.right_shift - 1)) +
        (static_cast<uint32_t>(s.output_offset) << c.right_shift));
  }
  return c;
}

// The int8 output of accumulator `acc`.
template <RequantMode kMode>
MOTE_DSP_INLINE int8_t Requantize(int32_t acc, const ChannelRequant& c,
                                  const OutputStage& s) {
  if (kMode == RequantMode::kReference) {
    int32_t v = MultiplyByQuantizedMultiplier(acc, c.multiplier, c.shift);
    v += s.output_offset;
    v = v < s.act_min ? s.act_min : v;
    v = v > s.act_max ? s.act_max : v;
    return static_cast<int8_t>(v);
  }
  const int32_t doubled = static_cast<int32_t>(static_cast<uint32_t>(acc) << 1);
  const int32_t v =
      Smmlar(doubled, c.multiplier, c.round_zp + (acc >> 31)) >> c.right_shift;
  if (kMode == RequantMode::kFast) return static_cast<int8_t>(__ssat(v, 8));
  const int32_t lo = v < s.act_min ? s.act_min : v;
  return static_cast<int8_t>(lo > s.act_max ? s.act_max : lo);
}

// --- column buffer and the 1x4 micro-kernel ---------------------------------
//
// Four columns (output pixels, or batch rows) of K activations each, with
// the input offset added, as int16 in groups of four k: group g of column
// p is the four halfwords at int16 index (g * 4 + p) * 4, holding k = 4g,
// 4g+2, 4g+1, 4g+3. Positions past K in the last group are zero.

// ColumnBufferBytes(depth) (selection.h) is a buffer's size.
// Writes activations k .. k+n-1 of column p: src[i] + offset.
void ColumnPutRun(int16_t* col, int p, int k, const int8_t* src, int n,
                  int32_t offset);
// Writes zeros (padding: input + offset = 0) at k .. k+n-1 of column p.
void ColumnPutZeros(int16_t* col, int p, int k, int n);
// Zeros the unused positions of the last group of every column.
void ColumnPadTail(int16_t* col, int depth);

// The weight word of the last, partial group (depth % 4 bytes, rest zero).
MOTE_DSP_INLINE int32_t TailWeights(const int8_t* w, int n) {
  uint32_t v = static_cast<uint8_t>(w[0]);
  if (n > 1) v |= static_cast<uint32_t>(static_cast<uint8_t>(w[1])) << 8;
  if (n > 2) v |= static_cast<uint32_t>(static_cast<uint8_t>(w[2])) << 16;
  return static_cast<int32_t>(v);
}

// One group: a[p] += sum of the four products of column p.
MOTE_DSP_INLINE void MacGroup1x4(int32_t wv, const int32_t* c, int32_t* a) {
  const int32_t w02 = Sxtb16(wv);
  const int32_t w13 = Sxtb16Ror8(wv);
  a[0] = Smlad(w13, c[1], Smlad(w02, c[0], a[0]));
  a[1] = Smlad(w13, c[3], Smlad(w02, c[2], a[1]));
  a[2] = Smlad(w13, c[5], Smlad(w02, c[4], a[2]));
  a[3] = Smlad(w13, c[7], Smlad(w02, c[6], a[3]));
}

// a[p] += dot(weights[0 .. depth), column p) for the four columns.
// `weights` is one int8 row (any alignment), `col` a column buffer.
MOTE_DSP_INLINE void Mac1x4(const int8_t* weights, const int16_t* col,
                            int depth, int32_t* a) {
  const int32_t* c = reinterpret_cast<const int32_t*>(col);
  int32_t a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
  int groups = depth >> 2;
  if (groups > 0) {
    // Two groups per iteration; LDRD takes one column's group at a time.
    int32_t wv, w02, x0, x1;
    if (groups & 1) {
      __asm__ volatile(
          "ldr    %[wv], [%[w]], #4\n\t"
          "ldrd   %[x0], %[x1], [%[c]], #8\n\t"
          "sxtb16 %[w02], %[wv]\n\t"
          "sxtb16 %[wv], %[wv], ror #8\n\t"
          "smlad  %[a0], %[w02], %[x0], %[a0]\n\t"
          "smlad  %[a0], %[wv], %[x1], %[a0]\n\t"
          "ldrd   %[x0], %[x1], [%[c]], #8\n\t"
          "smlad  %[a1], %[w02], %[x0], %[a1]\n\t"
          "smlad  %[a1], %[wv], %[x1], %[a1]\n\t"
          "ldrd   %[x0], %[x1], [%[c]], #8\n\t"
          "smlad  %[a2], %[w02], %[x0], %[a2]\n\t"
          "smlad  %[a2], %[wv], %[x1], %[a2]\n\t"
          "ldrd   %[x0], %[x1], [%[c]], #8\n\t"
          "smlad  %[a3], %[w02], %[x0], %[a3]\n\t"
          "smlad  %[a3], %[wv], %[x1], %[a3]\n\t"
          : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3),
            [w] "+r"(weights), [c] "+r"(c), [wv] "=&r"(wv), [w02] "=&r"(w02),
            [x0] "=&r"(x0), [x1] "=&r"(x1)
          :
          : "memory");
    }
    groups >>= 1;
    if (groups > 0) {
      __asm__ volatile(
          "1:\n\t"
          "ldr    %[wv], [%[w]], #4\n\t"
          "ldrd   %[x0], %[x1], [%[c]], #8\n\t"
          "sxtb16 %[w02], %[wv]\n\t"
          "sxtb16 %[wv], %[wv], ror #8\n\t"
          "smlad  %[a0], %[w02], %[x0], %[a0]\n\t"
          "smlad  %[a0], %[wv], %[x1], %[a0]\n\t"
          "ldrd   %[x0], %[x1], [%[c]], #8\n\t"
          "smlad  %[a1], %[w02], %[x0], %[a1]\n\t"
          "smlad  %[a1], %[wv], %[x1], %[a1]\n\t"
          "ldrd   %[x0], %[x1], [%[c]], #8\n\t"
          "smlad  %[a2], %[w02], %[x0], %[a2]\n\t"
          "smlad  %[a2], %[wv], %[x1], %[a2]\n\t"
          "ldrd   %[x0], %[x1], [%[c]], #8\n\t"
          "smlad  %[a3], %[w02], %[x0], %[a3]\n\t"
          "smlad  %[a3], %[wv], %[x1], %[a3]\n\t"
          "ldr    %[wv], [%[w]], #4\n\t"
          "ldrd   %[x0], %[x1], [%[c]], #8\n\t"
          "sxtb16 %[w02], %[wv]\n\t"
          "sxtb16 %[wv], %[wv], ror #8\n\t"
          "smlad  %[a0], %[w02], %[x0], %[a0]\n\t"
          "smlad  %[a0], %[wv], %[x1], %[a0]\n\t"
          "ldrd   %[x0], %[x1], [%[c]], #8\n\t"
          "smlad  %[a1], %[w02], %[x0], %[a1]\n\t"
          "smlad  %[a1], %[wv], %[x1], %[a1]\n\t"
          "ldrd   %[x0], %[x1], [%[c]], #8\n\t"
          "smlad  %[a2], %[w02], %[x0], %[a2]\n\t"
          "smlad  %[a2], %[wv], %[x1], %[a2]\n\t"
          "ldrd   %[x0], %[x1], [%[c]], #8\n\t"
          "smlad  %[a3], %[w02], %[x0], %[a3]\n\t"
          "smlad  %[a3], %[wv], %[x1], %[a3]\n\t"
          "subs   %[n], %[n], #1\n\t"
          "bne    1b\n\t"
          : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3),
            [w] "+r"(weights), [c] "+r"(c), [n] "+r"(groups), [wv] "=&r"(wv),
            [w02] "=&r"(w02), [x0] "=&r"(x0), [x1] "=&r"(x1)
          :
          : "cc", "memory");
    }
  }
  const int tail = depth & 3;
  if (tail != 0) {
    int32_t t[4] = {a0, a1, a2, a3};
    MacGroup1x4(TailWeights(weights, tail), c, t);
    a0 = t[0];
    a1 = t[1];
    a2 = t[2];
    a3 = t[3];
  }
  a[0] = a0;
  a[1] = a1;
  a[2] = a2;
  a[3] = a3;
}

}  // namespace arm_dsp
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_DSP_DSP_COMMON_H_
