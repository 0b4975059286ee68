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
  kFastMixed,  // kFastClamp, and some kSlowChannel channels (GEMM only)
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
// weight. With `channel_fallback` (the GEMM's callers, which check
// FastChannel::right_shift), channels whose multiplier or shift the fast
// path cannot take (the shifts below -22 and biases near 2^30 that TFLite
// gives near-dead channels) do not send the whole call to the reference:
// they are requantized one by one.
RequantMode ChooseRequantMode(const OutputStage& stage, int channels,
                              const int32_t* bias, int64_t depth,
                              bool channel_fallback = false);

// One channel's constants for the reference path.
struct ChannelRequant {
  int32_t multiplier;
  int32_t shift;
};

MOTE_DSP_INLINE ChannelRequant MakeChannelRequant(const OutputStage& s,
                                                  int channel) {
  const int q = channel * s.channel_stride;
  return {s.multiplier[q], s.shift[q]};
}

// The reference path: the int8 output of accumulator `acc`.
MOTE_DSP_INLINE int8_t RequantizeReference(int32_t acc,
                                           const ChannelRequant& c,
                                           const OutputStage& s) {
  int32_t v = MultiplyByQuantizedMultiplier(acc, c.multiplier, c.shift);
  v += s.output_offset;
  v = v < s.act_min ? s.act_min : v;
  v = v > s.act_max ? s.act_max : v;
  return static_cast<int8_t>(v);
}

// One channel's constants for the fast path, computed once per call: the
// fast kernels accumulate twice the sum (their columns hold 2 * (input +
// offset)), so the SMMLAR operand needs no shift.
struct FastChannel {
  int32_t bias2;        // 2 * bias
  int32_t multiplier;
  int32_t round_zp;     // 2^(r-1) + (zp << r); the shift when kSlowChannel
  int32_t right_shift;  // r = -shift, or kSlowChannel
};

// FastChannel::right_shift of a channel the fast path cannot requantize
// (RequantizeSlowChannel instead).
constexpr int32_t kSlowChannel = 64;

// A kSlowChannel's output (before the clamp) from its doubled accumulator,
// which holds no bias (bias2 = 0: a bias near 2^30, as TFLite gives dead
// channels, would overflow the doubling); the bias is added here, wrapping
// like the reference's int32 sum.
MOTE_DSP_INLINE int32_t RequantizeSlowChannel(int32_t acc2,
                                              const FastChannel& f,
                                              int32_t bias,
                                              int32_t output_offset) {
  const int32_t acc = static_cast<int32_t>(static_cast<uint32_t>(acc2 >> 1) +
                                           static_cast<uint32_t>(bias));
  return MultiplyByQuantizedMultiplier(acc, f.multiplier, f.round_zp) +
         output_offset;
}

// FastChannel::right_shift of a "wide" channel: kWideChannel + r, for a
// right shift r in [2, 31] the fast path cannot take (above 22, as the
// near-dead channels of MobileNets have) or a bias whose doubling could
// overflow, and for a zero multiplier (r = 2). round_zp holds the bias,
// bias2 is 0 (the accumulator holds twice the products only), and
// RequantizeWide finishes it with one SMLAL; still exact, some 8
// instructions instead of RequantizeSlowChannel's 30.
constexpr int32_t kWideChannel = 32;

// A wide channel's output (before the clamp) from its doubled accumulator:
// acc = bias + products (wrapping like the reference's int32 sum), then
//   out = floor((acc * m + 2^30 + (2^(r-1) - [acc < 0]) * 2^31) / 2^(r+31))
// (the derivation of RequantizeDoubled with a 64-bit sum): the 64-bit
// constant is hi:lo = (2^(r-2) - [acc < 0]) : (2^30 | [acc < 0] << 31), and
// the quotient is the high word shifted right by r - 1. `high` is 2^(r-2),
// `shift` is r - 1.
MOTE_DSP_INLINE int32_t RequantizeWide(int32_t acc2, int32_t bias,
                                       int32_t multiplier, int32_t high,
                                       int32_t shift, int32_t output_offset) {
  const int32_t acc = static_cast<int32_t>(static_cast<uint32_t>(acc2 >> 1) +
                                           static_cast<uint32_t>(bias));
  int32_t hi = high + (acc >> 31);
  uint32_t lo = (static_cast<uint32_t>(acc) & 0x80000000u) | 0x40000000u;
  __asm__("smlal %0, %1, %2, %3"
          : "+r"(lo), "+r"(hi)
          : "r"(acc), "r"(multiplier));
  return (hi >> shift) + output_offset;
}

// Fills fast[c] for channels base .. base + count - 1 (bias may be null).
// A channel the fast path cannot take (multiplier, shift, or bias plus
// `depth` products beyond the bounds) becomes a wide channel where it can
// (kWideChannel), else a kSlowChannel; only callers that chose their mode
// with `channel_fallback` meet those.
void PrepareFastChannels(const OutputStage& s, const int32_t* bias, int base,
                         int count, FastChannel* fast, int64_t depth = 0);

// The fast path on a doubled accumulator: the output before clamping.
MOTE_DSP_INLINE int32_t RequantizeDoubled(int32_t acc2, int32_t multiplier,
                                          int32_t round_zp,
                                          int32_t right_shift) {
  return Smmlar(acc2, multiplier, round_zp + (acc2 >> 31)) >> right_shift;
}

// The clamp of the fast modes: SSAT alone for the full int8 range.
template <RequantMode kMode>
MOTE_DSP_INLINE int8_t ClampFast(int32_t v, int32_t act_min, int32_t act_max) {
  if (kMode == RequantMode::kFast) return static_cast<int8_t>(__ssat(v, 8));
  v = v < act_min ? act_min : v;
  return static_cast<int8_t>(v > act_max ? act_max : v);
}

// --- column buffer and the 1x4 micro-kernel ---------------------------------
//
// Four columns (output pixels, or batch rows) of K activations each, with
// the input offset added, as int16 in groups of four k: group g of column
// p is the four halfwords at int16 index (g * 4 + p) * 4, holding k = 4g,
// 4g+2, 4g+1, 4g+3. Positions past K in the last group are zero.

// ColumnBufferBytes(depth) (selection.h) is a buffer's size.
// Writes activations k .. k+n-1 of column p: src[i] + offset, doubled
// when `doubled` (the fast paths' columns).
void ColumnPutRun(int16_t* col, int p, int k, const int8_t* src, int n,
                  int32_t offset, bool doubled);
// All four columns, doubled, k = 0 .. n-1: column p from
// src + p * src_stride (four consecutive pixels of a 1x1 convolution).
void ColumnPutRun4Doubled(int16_t* col, const int8_t* src, int src_stride,
                          int n, int32_t offset);
// A buffer of one column (FULLY_CONNECTED's single row): the same group
// order, four halfwords per group; the last group zero-padded.
void ColumnPutRun1(int16_t* col, const int8_t* src, int n, int32_t offset,
                   bool doubled);

// Writes activation k of column p.
MOTE_DSP_INLINE void ColumnPut(int16_t* col, int p, int k, int16_t v) {
  col[((k >> 2) * 4 + p) * 4 + (((k & 1) << 1) | ((k & 2) >> 1))] = v;
}

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
// `weights` is one int8 row (any alignment), `col` a column buffer. Per
// group of four: one LDR of weights, two SXTB16, two LDM of two columns
// each, eight SMLAD: 13 instructions for 16 MACs. The registers are fixed
// because LDM fills them in ascending order.
MOTE_DSP_INLINE void Mac1x4(const int8_t* weights, const int16_t* col,
                            int depth, int32_t* a) {
  register int32_t a0 __asm__("r0") = a[0];
  register int32_t a1 __asm__("r1") = a[1];
  register int32_t a2 __asm__("r2") = a[2];
  register int32_t a3 __asm__("r3") = a[3];
  register const int8_t* w __asm__("r4") = weights;
  register const int16_t* c __asm__("r5") = col;
  register int n __asm__("r6") = depth >> 3;  // pairs of groups
  if (n > 0) {
    __asm__ volatile(
        "1:\n\t"
        "ldr    r12, [%[w]], #4\n\t"
        "ldm    %[c]!, {r8, r9, r10, r11}\n\t"
        "sxtb16 lr, r12\n\t"
        "sxtb16 r12, r12, ror #8\n\t"
        "smlad  %[a0], lr, r8, %[a0]\n\t"
        "smlad  %[a0], r12, r9, %[a0]\n\t"
        "smlad  %[a1], lr, r10, %[a1]\n\t"
        "smlad  %[a1], r12, r11, %[a1]\n\t"
        "ldm    %[c]!, {r8, r9, r10, r11}\n\t"
        "smlad  %[a2], lr, r8, %[a2]\n\t"
        "smlad  %[a2], r12, r9, %[a2]\n\t"
        "smlad  %[a3], lr, r10, %[a3]\n\t"
        "smlad  %[a3], r12, r11, %[a3]\n\t"
        "ldr    r12, [%[w]], #4\n\t"
        "ldm    %[c]!, {r8, r9, r10, r11}\n\t"
        "sxtb16 lr, r12\n\t"
        "sxtb16 r12, r12, ror #8\n\t"
        "smlad  %[a0], lr, r8, %[a0]\n\t"
        "smlad  %[a0], r12, r9, %[a0]\n\t"
        "smlad  %[a1], lr, r10, %[a1]\n\t"
        "smlad  %[a1], r12, r11, %[a1]\n\t"
        "ldm    %[c]!, {r8, r9, r10, r11}\n\t"
        "smlad  %[a2], lr, r8, %[a2]\n\t"
        "smlad  %[a2], r12, r9, %[a2]\n\t"
        "smlad  %[a3], lr, r10, %[a3]\n\t"
        "smlad  %[a3], r12, r11, %[a3]\n\t"
        "subs   %[n], %[n], #1\n\t"
        "bne    1b\n\t"
        : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3),
          [w] "+r"(w), [c] "+r"(c), [n] "+r"(n)
        :
        : "r8", "r9", "r10", "r11", "r12", "lr", "cc", "memory");
  }
  int32_t t[4] = {a0, a1, a2, a3};
  const int32_t* cw = reinterpret_cast<const int32_t*>(c);
  if (depth & 4) {
    MacGroup1x4(Load32(w), cw, t);
    w += 4;
    cw += 8;
  }
  const int tail = depth & 3;
  if (tail != 0) MacGroup1x4(TailWeights(w, tail), cw, t);
  a[0] = t[0];
  a[1] = t[1];
  a[2] = t[2];
  a[3] = t[3];
}

// acc + dot(weights[0 .. depth), column 0) of a four-column buffer: the
// GEMM's last pass when it holds a single valid column.
MOTE_DSP_INLINE int32_t Mac1x1(const int8_t* weights, const int16_t* col,
                               int depth, int32_t acc) {
  const int32_t* c = reinterpret_cast<const int32_t*>(col);
  const int8_t* end = weights + (depth & ~3);
  for (; weights != end; weights += 4, c += 8) {
    const int32_t wv = Load32(weights);
    acc = Smlad(Sxtb16(wv), c[0], acc);
    acc = Smlad(Sxtb16Ror8(wv), c[1], acc);
  }
  const int tail = depth & 3;
  if (tail != 0) {
    const int32_t wv = TailWeights(weights, tail);
    acc = Smlad(Sxtb16(wv), c[0], acc);
    acc = Smlad(Sxtb16Ror8(wv), c[1], acc);
  }
  return acc;
}

}  // namespace arm_dsp
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_DSP_DSP_COMMON_H_
