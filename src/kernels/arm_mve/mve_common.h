// Building blocks of the Cortex-M55 Helium (MVE) kernels: the vector
// requantization, the per-channel kernel sums that carry the input offset,
// and the 4x1 micro-kernel of CONV_2D, depthwise convolution with a depth
// multiplier and FULLY_CONNECTED.
//
// VMLADAVA multiplies 16 int8 pairs and adds all 16 products to a scalar
// accumulator, so activations stay int8: sum((x + offset) * w) is computed
// as sum(x * w) + offset * sum(w), the second term (plus the bias) once per
// call and output channel. Padding taps hold the input zero point, whose
// product with the weight cancels its share of that term exactly. Integer
// sums wrap identically in any order, so the results equal the reference
// kernels' bit for bit. Internal to src/kernels/arm_mve.
#ifndef MOTE_KERNELS_ARM_MVE_MVE_COMMON_H_
#define MOTE_KERNELS_ARM_MVE_MVE_COMMON_H_

#include <arm_mve.h>

#include <cstdint>

#include "kernels/arm_mve/selection.h"

namespace mote {
namespace arm_mve {

#define MOTE_MVE_INLINE inline __attribute__((always_inline))

// --- requantization ----------------------------------------------------------
//
// TFLite's MultiplyByQuantizedMultiplier on four lanes, as gemmlowp's NEON
// code does it and bit-exact with the scalar reference: the left shift
// (wrapping), VQRDMULH (= SaturatingRoundingDoublingHighMul, including its
// rounding of negative halves and its one saturating case), then
// RoundingDivideByPOT as a rounding shift (VRSHL) of x - 1 for negative x
// (VQADD, so INT32_MIN stays put), which rounds halves away from zero.

// Four output channels' constants, or one channel's broadcast.
struct Requant4 {
  int32x4_t multiplier;
  int32x4_t left_shift;   // max(shift, 0)
  int32x4_t right_shift;  // -max(-shift, 0), for VRSHL
};

MOTE_MVE_INLINE Requant4 LoadRequant4(const int32_t* multiplier,
                                      const int32_t* shift) {
  const int32x4_t s = vldrwq_s32(shift);
  const int32x4_t zero = vdupq_n_s32(0);
  return {vldrwq_s32(multiplier), vmaxq_s32(s, zero), vminq_s32(s, zero)};
}

MOTE_MVE_INLINE Requant4 BroadcastRequant4(int32_t multiplier, int32_t shift) {
  return {vdupq_n_s32(multiplier), vdupq_n_s32(shift > 0 ? shift : 0),
          vdupq_n_s32(shift < 0 ? shift : 0)};
}

// clamp(MultiplyByQuantizedMultiplier(acc) + zp, act_min, act_max).
MOTE_MVE_INLINE int32x4_t Requantize4(int32x4_t acc, const Requant4& q,
                                      int32_t output_offset, int32_t act_min,
                                      int32_t act_max) {
  int32x4_t x = vshlq_s32(acc, q.left_shift);
  x = vqrdmulhq_s32(x, q.multiplier);
  const int32x4_t fixup = vshrq_n_s32(vandq_s32(x, q.right_shift), 31);
  x = vrshlq_s32(vqaddq_s32(x, fixup), q.right_shift);
  x = vaddq_n_s32(x, output_offset);
  x = vmaxq_s32(x, vdupq_n_s32(act_min));
  return vminq_s32(x, vdupq_n_s32(act_max));
}

// Four scalars in one vector.
MOTE_MVE_INLINE int32x4_t Vector4(int32_t a0, int32_t a1, int32_t a2,
                                  int32_t a3) {
  int32x4_t v = vdupq_n_s32(a0);
  v = vsetq_lane_s32(a1, v, 1);
  v = vsetq_lane_s32(a2, v, 2);
  return vsetq_lane_s32(a3, v, 3);
}

// The same on scalar per-channel constants (the VSHL/VQRDMULH/VRSHL forms
// that take a general register), for loops that requantize one output
// channel's four pixels at a time: no constant vectors to keep live.
struct RequantScalar {
  int32_t multiplier;
  int32_t left_shift;   // max(shift, 0)
  int32_t right_shift;  // min(shift, 0), for VRSHL
  int32_t round;        // 1 if right_shift < 0, else 0: the x - 1 fix-up
};

MOTE_MVE_INLINE RequantScalar MakeRequantScalar(int32_t multiplier,
                                                int32_t shift) {
  return {multiplier, shift > 0 ? shift : 0, shift < 0 ? shift : 0,
          shift < 0 ? 1 : 0};
}

// Requantize4 with q's scalars. kRightShift: q.right_shift < 0 and
// q.left_shift == 0 are known (the common case), two instructions fewer.
template <bool kRightShift>
MOTE_MVE_INLINE int32x4_t RequantizeScalar4(int32x4_t acc,
                                            const RequantScalar& q,
                                            int32_t output_offset,
                                            int32x4_t act_min,
                                            int32x4_t act_max) {
  int32x4_t x;
  if (kRightShift) {
    x = vqrdmulhq_n_s32(acc, q.multiplier);
    x = vqaddq_s32(x, vshrq_n_s32(x, 31));
  } else {
    x = vshlq_r_s32(acc, q.left_shift);
    x = vqrdmulhq_n_s32(x, q.multiplier);
    x = vqaddq_s32(x, vmulq_n_s32(vshrq_n_s32(x, 31), q.round));
  }
  x = vrshlq_n_s32(x, q.right_shift);
  x = vaddq_n_s32(x, output_offset);
  x = vmaxq_s32(x, act_min);
  return vminq_s32(x, act_max);
}

// Four scalars in one vector in two instructions (the two-lane VMOV from
// two registers; gcc 12 builds Vector4 lane by lane, four). Which of each
// pair lands in the low lane is not relied on: QEMU 7.2 puts the first
// register in lanes 0/1, binutils' syntax reads as lanes 2/3. So a Pack4
// vector may only meet lane-wise operations and vectors made by Pack4 from
// the same argument order, e.g. the scatter offsets of its four pixels
// (ScatterOffsets4): each value then goes to its own pixel either way.
MOTE_MVE_INLINE int32x4_t Pack4(int32_t a0, int32_t a1, int32_t a2,
                                int32_t a3) {
  int32x4_t v;
  __asm__("vmov %q0[2], %q0[0], %1, %3\n\t"
          "vmov %q0[3], %q0[1], %2, %4"
          : "=&w"(v)
          : "r"(a0), "r"(a1), "r"(a2), "r"(a3));
  return v;
}

// Byte offsets 0, stride, 2 * stride, 3 * stride in Pack4's lane order.
MOTE_MVE_INLINE uint32x4_t ScatterOffsets4(int32_t stride) {
  return vreinterpretq_u32_s32(Pack4(0, stride, 2 * stride, 3 * stride));
}

// The lanes of ScatterOffsets4(stride) that belong to pixels 0 .. n-1.
MOTE_MVE_INLINE mve_pred16_t FirstPixels4(uint32x4_t offsets, int32_t stride,
                                          int n) {
  return vcmphiq_u32(vdupq_n_u32(static_cast<uint32_t>(n * stride)), offsets);
}

// --- kernel sums ----------------------------------------------------------------

// sum[c] = bias[c] + offset * (sum of weight row c), rows of `depth` int8
// with stride `depth`; bias may be null. Wrapping like the reference.
void KernelSums(const int8_t* weights, int depth, int rows,
                const int32_t* bias, int32_t offset, int32_t* sum);

// --- bytes ------------------------------------------------------------------

// n bytes of src to dst, or of value v at dst (any alignment; the last
// partial vector predicated).
void CopyBytes(int8_t* dst, const int8_t* src, int n);
void FillBytes(int8_t* dst, int8_t v, int n);

// The same inline, as tail-predicated low-overhead loops (WLSTP/LETP: n == 0
// does nothing): four instructions for up to 16 bytes, for the short rows of
// a gathered convolution window.
MOTE_MVE_INLINE void CopyBytesInline(int8_t* dst, const int8_t* src, int n) {
  int8x16_t v;
  __asm__ volatile(
      "wlstp.8    lr, %[n], 2f\n"
      "1:\n\t"
      "vldrb.u8   %q[v], [%[s]], #16\n\t"
      "vstrb.8    %q[v], [%[d]], #16\n\t"
      "letp       lr, 1b\n"
      "2:\n"
      : [s] "+r"(src), [d] "+r"(dst), [v] "=&w"(v)
      : [n] "r"(n)
      : "lr", "memory");
}

MOTE_MVE_INLINE void FillBytesInline(int8_t* dst, int8x16_t v, int n) {
  __asm__ volatile(
      "wlstp.8    lr, %[n], 2f\n"
      "1:\n\t"
      "vstrb.8    %q[v], [%[d]], #16\n\t"
      "letp       lr, 1b\n"
      "2:\n"
      : [d] "+r"(dst)
      : [n] "r"(n), [v] "w"(v)
      : "lr", "memory");
}

// --- the 4x1 micro-kernel ----------------------------------------------------

// a0 .. a3 += the dot products of `chunks` (> 0) full 16-byte chunks of w
// against x0 .. x3. Written out: with the intrinsics gcc 12 spills the four
// row pointers around every call. VMLAVA's accumulator must be an even
// register ("Te").
MOTE_MVE_INLINE void MacChunks4(const int8_t* w, const int8_t* x0,
                                const int8_t* x1, const int8_t* x2,
                                const int8_t* x3, int chunks, int32_t& a0,
                                int32_t& a1, int32_t& a2, int32_t& a3) {
  int8x16_t vw, v0, v1;
  __asm__ volatile(
      "1:\n\t"
      "vldrb.u8   %q[vw], [%[w]], #16\n\t"
      "vldrb.u8   %q[v0], [%[x0]], #16\n\t"
      "vldrb.u8   %q[v1], [%[x1]], #16\n\t"
      "vmlava.s8  %[a0], %q[v0], %q[vw]\n\t"
      "vldrb.u8   %q[v0], [%[x2]], #16\n\t"
      "vmlava.s8  %[a1], %q[v1], %q[vw]\n\t"
      "vldrb.u8   %q[v1], [%[x3]], #16\n\t"
      "vmlava.s8  %[a2], %q[v0], %q[vw]\n\t"
      "vmlava.s8  %[a3], %q[v1], %q[vw]\n\t"
      "subs       %[n], %[n], #1\n\t"
      "bne        1b\n\t"
      : [a0] "+Te"(a0), [a1] "+Te"(a1), [a2] "+Te"(a2), [a3] "+Te"(a3),
        [w] "+r"(w), [x0] "+r"(x0), [x1] "+r"(x1), [x2] "+r"(x2),
        [x3] "+r"(x3), [n] "+r"(chunks), [vw] "=&w"(vw), [v0] "=&w"(v0),
        [v1] "=&w"(v1)
      :
      : "cc", "memory");
}

// a0 .. a3 += dot(w, x_p) over `depth` (> 0) bytes: a tail-predicated
// low-overhead loop (DLSTP/LETP), so the last partial chunk costs nothing
// extra and no byte past `depth` is read. The pointers are advanced.
MOTE_MVE_INLINE void MacDepth4(const int8_t*& w, const int8_t*& x0,
                               const int8_t*& x1, const int8_t*& x2,
                               const int8_t*& x3, int depth, int32_t& a0,
                               int32_t& a1, int32_t& a2, int32_t& a3) {
  int8x16_t vw, v0, v1;
  __asm__ volatile(
      "dlstp.8    lr, %[n]\n"
      "1:\n\t"
      "vldrb.u8   %q[vw], [%[w]], #16\n\t"
      "vldrb.u8   %q[v0], [%[x0]], #16\n\t"
      "vldrb.u8   %q[v1], [%[x1]], #16\n\t"
      "vmlava.s8  %[a0], %q[v0], %q[vw]\n\t"
      "vldrb.u8   %q[v0], [%[x2]], #16\n\t"
      "vmlava.s8  %[a1], %q[v1], %q[vw]\n\t"
      "vldrb.u8   %q[v1], [%[x3]], #16\n\t"
      "vmlava.s8  %[a2], %q[v0], %q[vw]\n\t"
      "vmlava.s8  %[a3], %q[v1], %q[vw]\n\t"
      "letp       lr, 1b\n"
      : [a0] "+Te"(a0), [a1] "+Te"(a1), [a2] "+Te"(a2), [a3] "+Te"(a3),
        [w] "+r"(w), [x0] "+r"(x0), [x1] "+r"(x1), [x2] "+r"(x2),
        [x3] "+r"(x3), [vw] "=&w"(vw), [v0] "=&w"(v0), [v1] "=&w"(v1)
      : [n] "r"(depth)
      : "lr", "memory");
}

// a[p] += dot(weights[0 .. depth), x_p[0 .. depth)) for four int8 rows x_p
// (any alignment). The last partial chunk is read with a predicate, so no
// byte past `depth` is touched. (Intrinsics: for the short gathered windows
// of Gemm4x1 gcc schedules this better than MacChunks4.)
MOTE_MVE_INLINE void Mac4x1(const int8_t* w, const int8_t* x0,
                            const int8_t* x1, const int8_t* x2,
                            const int8_t* x3, int depth, int32_t* a) {
  int32_t a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
  int n = depth >> 4;
  while (n-- > 0) {
    const int8x16_t vw = vldrbq_s8(w);
    a0 = vmladavaq_s8(a0, vldrbq_s8(x0), vw);
    a1 = vmladavaq_s8(a1, vldrbq_s8(x1), vw);
    a2 = vmladavaq_s8(a2, vldrbq_s8(x2), vw);
    a3 = vmladavaq_s8(a3, vldrbq_s8(x3), vw);
    w += 16;
    x0 += 16;
    x1 += 16;
    x2 += 16;
    x3 += 16;
  }
  const int tail = depth & 15;
  if (tail != 0) {
    const mve_pred16_t p = vctp8q(tail);
    const int8x16_t vw = vldrbq_z_s8(w, p);
    a0 = vmladavaq_s8(a0, vldrbq_z_s8(x0, p), vw);
    a1 = vmladavaq_s8(a1, vldrbq_z_s8(x1, p), vw);
    a2 = vmladavaq_s8(a2, vldrbq_z_s8(x2, p), vw);
    a3 = vmladavaq_s8(a3, vldrbq_z_s8(x3, p), vw);
  }
  a[0] = a0;
  a[1] = a1;
  a[2] = a2;
  a[3] = a3;
}

}  // namespace arm_mve
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_MVE_MVE_COMMON_H_
