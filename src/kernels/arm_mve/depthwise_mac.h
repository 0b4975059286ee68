// The tap loops of the multiplier-1 Helium depthwise kernels
// (depthwise_conv_2d.cc): sixteen or eight channels of one output pixel
// against the window's taps, written out in asm because gcc 12 keeps more
// vectors live than the eight Q registers and spills in these loops.
//
// Tap t of channel c is read at tap[t] + c (32-bit addition): tap[t] is
// either the address of channel 0 of the input pixel tap t reads (or of the
// zero-point row) and c the channel, or tap[t] is the tap's byte offset
// within the window and c the address of the window's first pixel plus the
// channel. w walks the block's weights, [tap][block] bytes. Internal to
// src/kernels/arm_mve.
#ifndef MOTE_KERNELS_ARM_MVE_DEPTHWISE_MAC_H_
#define MOTE_KERNELS_ARM_MVE_DEPTHWISE_MAC_H_

#include <cstdint>

#include "kernels/arm_mve/mve_common.h"

namespace mote {
namespace arm_mve {

// --- int16 products (any weights) ---------------------------------------------
//
// One tap of sixteen channels: two widening loads of input and of weights
// (VLDRB.S16 takes a low base register: constraint "l"), VMULLB/VMULLT.S16
// and four adds. Accumulators: e0 = channels 0, 2, 4, 6;
// o0 = 1, 3, 5, 7; e1 = 8, 10, 12, 14; o1 = 9, 11, 13, 15.
#define MOTE_MVE_TAP16(T)                        \
  "ldr        %[x], [%[tap], #" #T " * 4]\n\t"   \
  "add        %[x], %[x], %[c]\n\t"              \
  "vldrb.s16  %q[xv], [%[x]]\n\t"                \
  "vldrb.s16  %q[wv], [%[w]], #8\n\t"            \
  "vmullb.s16 %q[p], %q[xv], %q[wv]\n\t"         \
  "vadd.i32   %q[e0], %q[e0], %q[p]\n\t"         \
  "vmullt.s16 %q[p], %q[xv], %q[wv]\n\t"         \
  "vadd.i32   %q[o0], %q[o0], %q[p]\n\t"         \
  "vldrb.s16  %q[xv], [%[x], #8]\n\t"            \
  "vldrb.s16  %q[wv], [%[w]], #8\n\t"            \
  "vmullb.s16 %q[p], %q[xv], %q[wv]\n\t"         \
  "vadd.i32   %q[e1], %q[e1], %q[p]\n\t"         \
  "vmullt.s16 %q[p], %q[xv], %q[wv]\n\t"         \
  "vadd.i32   %q[o1], %q[o1], %q[p]\n\t"

// Eight channels: the first half of MOTE_MVE_TAP16.
#define MOTE_MVE_TAP8(T)                         \
  "ldr        %[x], [%[tap], #" #T " * 4]\n\t"   \
  "add        %[x], %[x], %[c]\n\t"              \
  "vldrb.s16  %q[xv], [%[x]]\n\t"                \
  "vldrb.s16  %q[wv], [%[w]], #8\n\t"            \
  "vmullb.s16 %q[p], %q[xv], %q[wv]\n\t"         \
  "vadd.i32   %q[e0], %q[e0], %q[p]\n\t"         \
  "vmullt.s16 %q[p], %q[xv], %q[wv]\n\t"         \
  "vadd.i32   %q[o0], %q[o0], %q[p]\n\t"

// Sixteen channels over `taps` taps (kTaps 9: the 3x3 window unrolled, 14
// instructions for 16 MACs; otherwise a loop of 16).
template <int kTaps>
MOTE_MVE_INLINE void MacTaps16(const uint32_t* tap, int taps, uint32_t c,
                               const int8_t* w, int32x4_t& e0, int32x4_t& o0,
                               int32x4_t& e1, int32x4_t& o1) {
  const int8_t* x;
  int16x8_t xv, wv;
  int32x4_t prod;
  if (kTaps == 9) {
    __asm__ volatile(
        MOTE_MVE_TAP16(0) MOTE_MVE_TAP16(1) MOTE_MVE_TAP16(2)
        MOTE_MVE_TAP16(3) MOTE_MVE_TAP16(4) MOTE_MVE_TAP16(5)
        MOTE_MVE_TAP16(6) MOTE_MVE_TAP16(7) MOTE_MVE_TAP16(8)
        : [e0] "+w"(e0), [o0] "+w"(o0), [e1] "+w"(e1), [o1] "+w"(o1),
          [w] "+l"(w), [x] "=&l"(x), [xv] "=&w"(xv), [wv] "=&w"(wv),
          [p] "=&w"(prod)
        : [tap] "r"(tap), [c] "r"(c)
        : "memory");
    return;
  }
  __asm__ volatile(
      "1:\n\t"
      MOTE_MVE_TAP16(0)
      "add        %[tap], %[tap], #4\n\t"
      "subs       %[n], %[n], #1\n\t"
      "bne        1b\n\t"
      : [e0] "+w"(e0), [o0] "+w"(o0), [e1] "+w"(e1), [o1] "+w"(o1),
        [tap] "+r"(tap), [w] "+l"(w), [n] "+r"(taps), [x] "=&l"(x),
        [xv] "=&w"(xv), [wv] "=&w"(wv), [p] "=&w"(prod)
      : [c] "r"(c)
      : "cc", "memory");
}

// Eight channels: the first half of MacTaps16.
template <int kTaps>
MOTE_MVE_INLINE void MacTaps8(const uint32_t* tap, int taps, uint32_t c,
                              const int8_t* w, int32x4_t& e0, int32x4_t& o0) {
  const int8_t* x;
  int16x8_t xv, wv;
  int32x4_t prod;
  if (kTaps == 9) {
    __asm__ volatile(
        MOTE_MVE_TAP8(0) MOTE_MVE_TAP8(1) MOTE_MVE_TAP8(2)
        MOTE_MVE_TAP8(3) MOTE_MVE_TAP8(4) MOTE_MVE_TAP8(5)
        MOTE_MVE_TAP8(6) MOTE_MVE_TAP8(7) MOTE_MVE_TAP8(8)
        : [e0] "+w"(e0), [o0] "+w"(o0), [w] "+l"(w), [x] "=&l"(x),
          [xv] "=&w"(xv), [wv] "=&w"(wv), [p] "=&w"(prod)
        : [tap] "r"(tap), [c] "r"(c)
        : "memory");
    return;
  }
  __asm__ volatile(
      "1:\n\t"
      MOTE_MVE_TAP8(0)
      "add        %[tap], %[tap], #4\n\t"
      "subs       %[n], %[n], #1\n\t"
      "bne        1b\n\t"
      : [e0] "+w"(e0), [o0] "+w"(o0), [tap] "+r"(tap), [w] "+l"(w),
        [n] "+r"(taps), [x] "=&l"(x), [xv] "=&w"(xv), [wv] "=&w"(wv),
        [p] "=&w"(prod)
      : [c] "r"(c)
      : "cc", "memory");
}

// Two neighbouring output pixels (stride 1) of eight channels, the 3x3
// window unrolled: per tap one weight load serves both pixels, whose input
// lies eight bytes apart (13 instructions for 16 MACs). Accumulators as
// MacTaps8's, e0/o0 for the first pixel, e1/o1 for the second.
#define MOTE_MVE_TAP8X2(T)                       \
  "ldr        %[x], [%[tap], #" #T " * 4]\n\t"   \
  "add        %[x], %[x], %[c]\n\t"              \
  "vldrb.s16  %q[wv], [%[w]], #8\n\t"            \
  "vldrb.s16  %q[xv], [%[x]]\n\t"                \
  "vmullb.s16 %q[p], %q[xv], %q[wv]\n\t"         \
  "vadd.i32   %q[e0], %q[e0], %q[p]\n\t"         \
  "vmullt.s16 %q[p], %q[xv], %q[wv]\n\t"         \
  "vadd.i32   %q[o0], %q[o0], %q[p]\n\t"         \
  "vldrb.s16  %q[xv], [%[x], #8]\n\t"            \
  "vmullb.s16 %q[p], %q[xv], %q[wv]\n\t"         \
  "vadd.i32   %q[e1], %q[e1], %q[p]\n\t"         \
  "vmullt.s16 %q[p], %q[xv], %q[wv]\n\t"         \
  "vadd.i32   %q[o1], %q[o1], %q[p]\n\t"

MOTE_MVE_INLINE void MacTwoPixels8(const uint32_t* tap, uint32_t c,
                                   const int8_t* w, int32x4_t& e0,
                                   int32x4_t& o0, int32x4_t& e1,
                                   int32x4_t& o1) {
  const int8_t* x;
  int16x8_t xv, wv;
  int32x4_t prod;
  __asm__ volatile(
      MOTE_MVE_TAP8X2(0) MOTE_MVE_TAP8X2(1) MOTE_MVE_TAP8X2(2)
      MOTE_MVE_TAP8X2(3) MOTE_MVE_TAP8X2(4) MOTE_MVE_TAP8X2(5)
      MOTE_MVE_TAP8X2(6) MOTE_MVE_TAP8X2(7) MOTE_MVE_TAP8X2(8)
      : [e0] "+w"(e0), [o0] "+w"(o0), [e1] "+w"(e1), [o1] "+w"(o1),
        [w] "+l"(w), [x] "=&l"(x), [xv] "=&w"(xv), [wv] "=&w"(wv),
        [p] "=&w"(prod)
      : [tap] "r"(tap), [c] "r"(c)
      : "memory");
}

// Pairs of neighbouring pixels of eight channels, `pairs` of them one
// after the other along a row (stride 1, windows inside the input), in one
// asm loop: MOTE_MVE_TAP8X2's taps from the window address c (tap[t] are
// the window's offsets), then the requantization of both pixels with one
// load of each constant (every shift a right shift: VQRDMULH, the fixup
// x + (x >> 31), VRSHL), VQMOVN to int16 plus the zero point, VQMOVN to
// int8 in the bottom bytes (kClamp: VMAX/VMIN on int16 first) and two
// VSTRB.16. Records r as MacTaps8's group of eight: sums, multipliers,
// right shifts, 8 words each. w: the 9 x 8 weights.
#define MOTE_MVE_SCALE2(A, B)                        \
  "vqrdmulh.s32 %q[" #A "], %q[" #A "], %q[wv]\n\t"  \
  "vqrdmulh.s32 %q[" #B "], %q[" #B "], %q[wv]\n\t"

#define MOTE_MVE_FIX(A)                          \
  "vshr.s32   %q[p], %q[" #A "], #31\n\t"        \
  "vadd.i32   %q[" #A "], %q[" #A "], %q[p]\n\t"

#define MOTE_MVE_SHIFT2(A, B)                        \
  "vrshl.s32  %q[" #A "], %q[" #A "], %q[wv]\n\t"   \
  "vrshl.s32  %q[" #B "], %q[" #B "], %q[wv]\n\t"

#define MOTE_MVE_PAIRS8_HEAD                                          \
  "1:\n\t"                                                            \
  "vldrw.u32  %q[e0], [%[r]]\n\t"                                     \
  "vldrw.u32  %q[o0], [%[r], #16]\n\t"                                \
  "vmov       %q[e1], %q[e0]\n\t"                                     \
  "vmov       %q[o1], %q[o0]\n\t"                                     \
  "mov        %[w], %[w0]\n\t"                                        \
  MOTE_MVE_TAP8X2(0) MOTE_MVE_TAP8X2(1) MOTE_MVE_TAP8X2(2)             \
  MOTE_MVE_TAP8X2(3) MOTE_MVE_TAP8X2(4) MOTE_MVE_TAP8X2(5)             \
  MOTE_MVE_TAP8X2(6) MOTE_MVE_TAP8X2(7) MOTE_MVE_TAP8X2(8)             \
  "vldrw.u32  %q[wv], [%[r], #32]\n\t"                                \
  MOTE_MVE_SCALE2(e0, e1)                                              \
  "vldrw.u32  %q[wv], [%[r], #48]\n\t"                                \
  MOTE_MVE_SCALE2(o0, o1)                                              \
  MOTE_MVE_FIX(e0) MOTE_MVE_FIX(e1) MOTE_MVE_FIX(o0) MOTE_MVE_FIX(o1)  \
  "vldrw.u32  %q[wv], [%[r], #64]\n\t"                                \
  MOTE_MVE_SHIFT2(e0, e1)                                              \
  "vldrw.u32  %q[wv], [%[r], #80]\n\t"                                \
  MOTE_MVE_SHIFT2(o0, o1)                                              \
  "vqmovnb.s32 %q[e0], %q[e0]\n\t"                                    \
  "vqmovnt.s32 %q[e0], %q[o0]\n\t"                                    \
  "vqadd.s16  %q[e0], %q[e0], %[zp]\n\t"                              \
  "vqmovnb.s32 %q[e1], %q[e1]\n\t"                                    \
  "vqmovnt.s32 %q[e1], %q[o1]\n\t"                                    \
  "vqadd.s16  %q[e1], %q[e1], %[zp]\n\t"

#define MOTE_MVE_PAIRS8_TAIL                     \
  "vqmovnb.s16 %q[e0], %q[e0]\n\t"              \
  "vqmovnb.s16 %q[e1], %q[e1]\n\t"              \
  "vstrb.16   %q[e0], [%[out]]\n\t"             \
  "vstrb.16   %q[e1], [%[out], #8]\n\t"         \
  "add        %[out], %[out], #16\n\t"          \
  "add        %[c], %[c], #16\n\t"              \
  "subs       %[n], %[n], #1\n\t"               \
  "bne        1b\n\t"

template <bool kClamp>
MOTE_MVE_INLINE void PixelPairs8(const uint32_t* tap, uint32_t c,
                                 const int8_t* w, const int32_t* r,
                                 int8_t* out, int pairs, int32_t zp,
                                 int32_t lo, int32_t hi) {
  const int8_t* x;
  const int8_t* wp;
  int32x4_t e0, o0, e1, o1, p;
  int16x8_t xv, wv;
  if (kClamp) {
    __asm__ volatile(
        MOTE_MVE_PAIRS8_HEAD
        "vdup.16    %q[o0], %[lo]\n\t"
        "vdup.16    %q[o1], %[hi]\n\t"
        "vmax.s16   %q[e0], %q[e0], %q[o0]\n\t"
        "vmin.s16   %q[e0], %q[e0], %q[o1]\n\t"
        "vmax.s16   %q[e1], %q[e1], %q[o0]\n\t"
        "vmin.s16   %q[e1], %q[e1], %q[o1]\n\t"
        MOTE_MVE_PAIRS8_TAIL
        : [e0] "=&w"(e0), [o0] "=&w"(o0), [e1] "=&w"(e1), [o1] "=&w"(o1),
          [xv] "=&w"(xv), [wv] "=&w"(wv), [p] "=&w"(p), [x] "=&l"(x),
          [w] "=&l"(wp), [c] "+r"(c), [out] "+l"(out), [n] "+r"(pairs)
        : [tap] "r"(tap), [w0] "r"(w), [r] "r"(r), [zp] "r"(zp), [lo] "r"(lo),
          [hi] "r"(hi)
        : "cc", "memory");
    return;
  }
  __asm__ volatile(
      MOTE_MVE_PAIRS8_HEAD MOTE_MVE_PAIRS8_TAIL
      : [e0] "=&w"(e0), [o0] "=&w"(o0), [e1] "=&w"(e1), [o1] "=&w"(o1),
        [xv] "=&w"(xv), [wv] "=&w"(wv), [p] "=&w"(p), [x] "=&l"(x),
        [w] "=&l"(wp), [c] "+r"(c), [out] "+l"(out), [n] "+r"(pairs)
      : [tap] "r"(tap), [w0] "r"(w), [r] "r"(r), [zp] "r"(zp)
      : "cc", "memory");
}

#undef MOTE_MVE_SCALE2
#undef MOTE_MVE_FIX
#undef MOTE_MVE_SHIFT2
#undef MOTE_MVE_PAIRS8_HEAD
#undef MOTE_MVE_PAIRS8_TAIL
#undef MOTE_MVE_TAP16
#undef MOTE_MVE_TAP8
#undef MOTE_MVE_TAP8X2

// --- int8 products, two taps per int16 sum (weights in [-127, 127]) -----------
//
// VMULLB/VMULLT.S8 multiply sixteen int8 pairs into two int16x8 vectors
// (even, odd channels). With no weight of -128 a product lies in
// [-16256, 16256] and the sum of two fits int16 exactly, so two taps'
// products are added in int16 and widened once (VMOVLB/VMOVLT) into the
// int32 accumulators (a weight of -128 against two inputs of -128 would
// make 32768: such layers take MacTaps16). Accumulators: a0 = channels 0, 4, 8, 12 (even
// sum, bottom halves); a1 = 2, 6, 10, 14 (even, top); a2 = 1, 5, 9, 13;
// a3 = 3, 7, 11, 15. The second tap's product is computed into the input
// register and the input reloaded for the odd half (VMULL on 8-bit lanes
// may write a source register; 9 Q registers would be needed otherwise).

// Products of the tap at address register X into pe (even channels) and
// po (odd).
#define MOTE_MVE_PAIR_FIRST_AT(X)                \
  "vldrb.u8   %q[xv], [%[" #X "]]\n\t"           \
  "vldrb.u8   %q[wv], [%[w]], #16\n\t"           \
  "vmullb.s8  %q[pe], %q[xv], %q[wv]\n\t"        \
  "vmullt.s8  %q[po], %q[xv], %q[wv]\n\t"

// Products of tap T into pe and po.
#define MOTE_MVE_PAIR_FIRST(T)                   \
  "ldr        %[x], [%[tap], #" #T " * 4]\n\t"   \
  "add        %[x], %[x], %[c]\n\t"              \
  MOTE_MVE_PAIR_FIRST_AT(x)

// Adds the products of the tap at address register X to pe and po.
#define MOTE_MVE_PAIR_SECOND_AT(X)               \
  "vldrb.u8   %q[xv], [%[" #X "]]\n\t"           \
  "vldrb.u8   %q[wv], [%[w]], #16\n\t"           \
  "vmullb.s8  %q[xv], %q[xv], %q[wv]\n\t"        \
  "vadd.i16   %q[pe], %q[pe], %q[xv]\n\t"        \
  "vldrb.u8   %q[xv], [%[" #X "]]\n\t"           \
  "vmullt.s8  %q[xv], %q[xv], %q[wv]\n\t"        \
  "vadd.i16   %q[po], %q[po], %q[xv]\n\t"

// Widens pe and po into the accumulators.
#define MOTE_MVE_PAIR_WIDEN                      \
  "vmovlb.s16 %q[xv], %q[pe]\n\t"                \
  "vadd.i32   %q[a0], %q[a0], %q[xv]\n\t"        \
  "vmovlt.s16 %q[xv], %q[pe]\n\t"                \
  "vadd.i32   %q[a1], %q[a1], %q[xv]\n\t"        \
  "vmovlb.s16 %q[xv], %q[po]\n\t"                \
  "vadd.i32   %q[a2], %q[a2], %q[xv]\n\t"        \
  "vmovlt.s16 %q[xv], %q[po]\n\t"                \
  "vadd.i32   %q[a3], %q[a3], %q[xv]\n\t"

// Taps T and T + 1 (their rows with one LDRD).
#define MOTE_MVE_PAIR(T)                                 \
  "ldrd       %[x], %[y], [%[tap], #" #T " * 4]\n\t"     \
  "add        %[x], %[x], %[c]\n\t"                      \
  "add        %[y], %[y], %[c]\n\t"                      \
  MOTE_MVE_PAIR_FIRST_AT(x) MOTE_MVE_PAIR_SECOND_AT(y) MOTE_MVE_PAIR_WIDEN

// Sixteen channels over `taps` taps, two at a time (kTaps 9 unrolled: 22
// instructions per 32 MACs, 14 for the ninth tap's 16).
template <int kTaps>
MOTE_MVE_INLINE void MacPairs16(const uint32_t* tap, int taps, uint32_t c,
                                const int8_t* w, int32x4_t& a0, int32x4_t& a1,
                                int32x4_t& a2, int32x4_t& a3) {
  const int8_t* x;
  const int8_t* y;
  int8x16_t xv, wv;
  int16x8_t pe, po;
  if (kTaps == 9) {
    __asm__ volatile(
        MOTE_MVE_PAIR(0) MOTE_MVE_PAIR(2) MOTE_MVE_PAIR(4) MOTE_MVE_PAIR(6)
        MOTE_MVE_PAIR_FIRST(8) MOTE_MVE_PAIR_WIDEN
        : [a0] "+w"(a0), [a1] "+w"(a1), [a2] "+w"(a2), [a3] "+w"(a3),
          [w] "+r"(w), [x] "=&r"(x), [y] "=&r"(y), [xv] "=&w"(xv),
          [wv] "=&w"(wv), [pe] "=&w"(pe), [po] "=&w"(po)
        : [tap] "r"(tap), [c] "r"(c)
        : "memory");
    return;
  }
  int pairs = taps >> 1;
  if (pairs > 0) {
    __asm__ volatile(
        "1:\n\t"
        MOTE_MVE_PAIR(0)
        "add        %[tap], %[tap], #8\n\t"
        "subs       %[n], %[n], #1\n\t"
        "bne        1b\n\t"
        : [a0] "+w"(a0), [a1] "+w"(a1), [a2] "+w"(a2), [a3] "+w"(a3),
          [tap] "+r"(tap), [w] "+r"(w), [n] "+r"(pairs), [x] "=&r"(x),
          [y] "=&r"(y), [xv] "=&w"(xv), [wv] "=&w"(wv), [pe] "=&w"(pe),
          [po] "=&w"(po)
        : [c] "r"(c)
        : "cc", "memory");
  }
  if (taps & 1) {
    __asm__ volatile(
        MOTE_MVE_PAIR_FIRST(0) MOTE_MVE_PAIR_WIDEN
        : [a0] "+w"(a0), [a1] "+w"(a1), [a2] "+w"(a2), [a3] "+w"(a3),
          [w] "+r"(w), [x] "=&r"(x), [xv] "=&w"(xv), [wv] "=&w"(wv),
          [pe] "=&w"(pe), [po] "=&w"(po)
        : [tap] "r"(tap), [c] "r"(c)
        : "memory");
  }
}

// One pixel's sixteen-channel blocks, all in one asm loop (the models'
// case: 3x3 window, two taps per int16 sum, every shift a right shift):
// per block the kernel sums from the records r (mve_common.h's layout as
// depthwise_conv_2d.cc describes: sums, multipliers, right shifts, 16 words
// each per block), the nine taps, the requantization (VQRDMULH, the
// RoundingDivideByPOT fixup x + (x >> 31), VRSHL), VQMOVN to int16 plus
// the zero point, VQMOVN to int8 (even and odd channels interleaved back in
// order) and one 16-byte store; kClamp adds VMAX/VMIN against lo and hi.
// 140 instructions per 144 MACs. Advances nothing the caller sees: tap
// rows at tap[t] + c, c += 16 per block.
#define MOTE_MVE_SCALE(A, M, R)                     \
  "vldrw.u32  %q[xv], [%[r], #" #M "]\n\t"           \
  "vqrdmulh.s32 %q[" #A "], %q[" #A "], %q[xv]\n\t"   \
  "vshr.s32   %q[xv], %q[" #A "], #31\n\t"           \
  "vadd.i32   %q[" #A "], %q[" #A "], %q[xv]\n\t"     \
  "vldrw.u32  %q[xv], [%[r], #" #R "]\n\t"           \
  "vrshl.s32  %q[" #A "], %q[" #A "], %q[xv]\n\t"

#define MOTE_MVE_BLOCKS16_HEAD                                        \
  "1:\n\t"                                                            \
  "vldrw.u32  %q[a0], [%[r]]\n\t"                                     \
  "vldrw.u32  %q[a1], [%[r], #16]\n\t"                                \
  "vldrw.u32  %q[a2], [%[r], #32]\n\t"                                \
  "vldrw.u32  %q[a3], [%[r], #48]\n\t"                                \
  MOTE_MVE_PAIR(0) MOTE_MVE_PAIR(2) MOTE_MVE_PAIR(4) MOTE_MVE_PAIR(6)  \
  MOTE_MVE_PAIR_FIRST(8) MOTE_MVE_PAIR_WIDEN                           \
  MOTE_MVE_SCALE(a0, 64, 128) MOTE_MVE_SCALE(a1, 80, 144)              \
  MOTE_MVE_SCALE(a2, 96, 160) MOTE_MVE_SCALE(a3, 112, 176)             \
  "vqmovnb.s32 %q[a0], %q[a0]\n\t"                                    \
  "vqmovnt.s32 %q[a0], %q[a1]\n\t"                                    \
  "vqadd.s16  %q[a0], %q[a0], %[zp]\n\t"                              \
  "vqmovnb.s32 %q[a2], %q[a2]\n\t"                                    \
  "vqmovnt.s32 %q[a2], %q[a3]\n\t"                                    \
  "vqadd.s16  %q[a2], %q[a2], %[zp]\n\t"                              \
  "vqmovnb.s16 %q[a0], %q[a0]\n\t"                                    \
  "vqmovnt.s16 %q[a0], %q[a2]\n\t"

#define MOTE_MVE_BLOCKS16_TAIL                   \
  "vstrb.8    %q[a0], [%[out]], #16\n\t"        \
  "add        %[r], %[r], #256\n\t"             \
  "add        %[c], %[c], #16\n\t"              \
  "subs       %[n], %[n], #1\n\t"               \
  "bne        1b\n\t"

template <bool kClamp>
MOTE_MVE_INLINE void PixelBlocks16(const uint32_t* tap, uint32_t c,
                                   const int8_t* w, const int32_t* r,
                                   int8_t* out, int blocks, int32_t zp,
                                   int32_t lo, int32_t hi) {
  const int8_t* x;
  const int8_t* y;
  int32x4_t a0, a1, a2, a3;
  int8x16_t xv, wv;
  int16x8_t pe, po;
  if (kClamp) {
    __asm__ volatile(
        MOTE_MVE_BLOCKS16_HEAD
        "vdup.8     %q[a1], %[lo]\n\t"
        "vmax.s8    %q[a0], %q[a0], %q[a1]\n\t"
        "vdup.8     %q[a1], %[hi]\n\t"
        "vmin.s8    %q[a0], %q[a0], %q[a1]\n\t"
        MOTE_MVE_BLOCKS16_TAIL
        : [a0] "=&w"(a0), [a1] "=&w"(a1), [a2] "=&w"(a2), [a3] "=&w"(a3),
          [xv] "=&w"(xv), [wv] "=&w"(wv), [pe] "=&w"(pe), [po] "=&w"(po),
          [x] "=&r"(x), [y] "=&r"(y), [c] "+r"(c), [w] "+r"(w), [r] "+r"(r),
          [out] "+r"(out), [n] "+r"(blocks)
        : [tap] "r"(tap), [zp] "r"(zp), [lo] "r"(lo), [hi] "r"(hi)
        : "cc", "memory");
    return;
  }
  __asm__ volatile(
      MOTE_MVE_BLOCKS16_HEAD MOTE_MVE_BLOCKS16_TAIL
      : [a0] "=&w"(a0), [a1] "=&w"(a1), [a2] "=&w"(a2), [a3] "=&w"(a3),
        [xv] "=&w"(xv), [wv] "=&w"(wv), [pe] "=&w"(pe), [po] "=&w"(po),
        [x] "=&r"(x), [y] "=&r"(y), [c] "+r"(c), [w] "+r"(w), [r] "+r"(r),
        [out] "+r"(out), [n] "+r"(blocks)
      : [tap] "r"(tap), [zp] "r"(zp)
      : "cc", "memory");
}

#undef MOTE_MVE_SCALE
#undef MOTE_MVE_BLOCKS16_HEAD
#undef MOTE_MVE_BLOCKS16_TAIL
#undef MOTE_MVE_PAIR
#undef MOTE_MVE_PAIR_FIRST
#undef MOTE_MVE_PAIR_FIRST_AT
#undef MOTE_MVE_PAIR_SECOND_AT
#undef MOTE_MVE_PAIR_WIDEN

}  // namespace arm_mve
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_MVE_DEPTHWISE_MAC_H_
