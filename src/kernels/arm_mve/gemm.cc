#include "kernels/arm_mve/gemm.h"

namespace mote {
namespace arm_mve {
namespace {

// One output channel against every row.
struct ChannelPass {
  const int8_t* w;
  const int8_t* x;
  int row_stride;
  int depth;
  int num_pixels;
  int32_t sum;
  RequantScalar q;
  int32_t zp;
  int32x4_t act_min;
  int32x4_t act_max;
  int8_t* out;
  int out_stride;
  uint32x4_t scatter;
};

// Blocks of four rows through the tail-predicated 4x1 loop, the four sums
// requantized on the channel's scalar constants and scattered to the four
// pixels. Its own function, everything in locals: inlined into the channel
// loop, gcc 12 spills the row pointers and constants around every block.
template <bool kRightShift>
__attribute__((noinline)) void RowsOneChannel(const ChannelPass& c) {
  const int8_t* const w = c.w;
  const int8_t* x = c.x;
  const int row_stride = c.row_stride;
  const int depth = c.depth;
  const int num_pixels = c.num_pixels;
  const int32_t sum = c.sum;
  const RequantScalar q = c.q;
  const int32_t zp = c.zp;
  const int32x4_t act_min = c.act_min;
  const int32x4_t act_max = c.act_max;
  int8_t* out = c.out;
  const int out_step = 4 * c.out_stride;
  const uint32x4_t scatter = c.scatter;
  const int full = num_pixels & ~3;
  // MacDepth4 moves the pointers by depth rounded up to 16: x3 + next is
  // the next block's first row.
  const int next = row_stride - ((depth + 15) & ~15);
  for (int p0 = 0; p0 < full; p0 += 4) {
    int32_t a0 = sum, a1 = sum, a2 = sum, a3 = sum;
    const int8_t* wp = w;
    const int8_t* x0 = x;
    const int8_t* x1 = x + row_stride;
    const int8_t* x2 = x1 + row_stride;
    const int8_t* x3 = x2 + row_stride;
    MacDepth4(wp, x0, x1, x2, x3, depth, a0, a1, a2, a3);
    const int32x4_t v = RequantizeScalar4<kRightShift>(
        Pack4(a0, a1, a2, a3), q, zp, act_min, act_max);
    vstrbq_scatter_offset_s32(out, scatter, v);
    x = x3 + next;
    out += out_step;
  }
  const int n = num_pixels - full;
  if (n > 0) {
    // The missing rows repeat the first: computed, never stored.
    int32_t a0 = sum, a1 = sum, a2 = sum, a3 = sum;
    const int8_t* wp = w;
    const int8_t* x0 = x;
    const int8_t* x1 = n > 1 ? x + row_stride : x;
    const int8_t* x2 = n > 2 ? x + 2 * row_stride : x;
    const int8_t* x3 = x;
    MacDepth4(wp, x0, x1, x2, x3, depth, a0, a1, a2, a3);
    const int32x4_t v = RequantizeScalar4<kRightShift>(
        Pack4(a0, a1, a2, a3), q, zp, act_min, act_max);
    vstrbq_scatter_offset_p_s32(out, scatter, v,
                                FirstPixels4(scatter, c.out_stride, n));
  }
}

// Rows of exactly kDepth bytes one after another (kDepth a multiple of 16,
// at most 508; rows and weights 4-byte aligned): four rows against two
// channels' weight rows in one pass, the eight sums in r0, r2, .. r12, lr
// (VMLADAVA accumulates in even registers), stored to acc[8] with one STM:
// acc[0..3] channel 0's four pixels, acc[4..7] channel 1's. The rows and
// the second weight row are addressed from two pointers with VLDRW
// immediate offsets (the same 16 bytes as VLDRB), so the loop is unrolled
// at assembly time: 14 instructions per 128 MACs, the first chunk
// non-accumulating. Advances x and w by kDepth.
template <int kDepth>
MOTE_MVE_INLINE void Mac4x2Rows(const int8_t*& x, const int8_t*& w,
                                int32_t* acc) {
  static_assert(kDepth % 16 == 0 && kDepth >= 16 && kDepth <= 508,
                "VLDRW immediate offsets");
  if constexpr (3 * kDepth > 508) {
    // Rows 2 and 3 from a second pointer: offsets up to kDepth only.
    const int8_t* x2 = x + 2 * kDepth;
    __asm__ volatile(
        "vldrw.u32    q1, [%[w], #%c[d1]]\n\t"
        "vldrw.u32    q0, [%[w]], #16\n\t"
        "vldrw.u32    q2, [%[x], #%c[d1]]\n\t"
        "vmladav.s8   r2, q2, q0\n\t"
        "vmladav.s8   r10, q2, q1\n\t"
        "vldrw.u32    q2, [%[x2]], #16\n\t"
        "vmladav.s8   r4, q2, q0\n\t"
        "vmladav.s8   r12, q2, q1\n\t"
        "vldrw.u32    q2, [%[x2], #%c[d1m]]\n\t"
        "vmladav.s8   r6, q2, q0\n\t"
        "vmladav.s8   lr, q2, q1\n\t"
        "vldrw.u32    q2, [%[x]], #16\n\t"
        "vmladav.s8   r0, q2, q0\n\t"
        "vmladav.s8   r8, q2, q1\n\t"
        ".rept %c[more]\n\t"
        "vldrw.u32    q1, [%[w], #%c[d1]]\n\t"
        "vldrw.u32    q0, [%[w]], #16\n\t"
        "vldrw.u32    q2, [%[x], #%c[d1]]\n\t"
        "vmladava.s8  r2, q2, q0\n\t"
        "vmladava.s8  r10, q2, q1\n\t"
        "vldrw.u32    q2, [%[x2]], #16\n\t"
        "vmladava.s8  r4, q2, q0\n\t"
        "vmladava.s8  r12, q2, q1\n\t"
        "vldrw.u32    q2, [%[x2], #%c[d1m]]\n\t"
        "vmladava.s8  r6, q2, q0\n\t"
        "vmladava.s8  lr, q2, q1\n\t"
        "vldrw.u32    q2, [%[x]], #16\n\t"
        "vmladava.s8  r0, q2, q0\n\t"
        "vmladava.s8  r8, q2, q1\n\t"
        ".endr\n\t"
        "stm          %[acc], {r0, r2, r4, r6, r8, r10, r12, lr}"
        : [x] "+r"(x), [w] "+r"(w), [x2] "+r"(x2)
        : [acc] "r"(acc), [d1] "i"(kDepth), [d1m] "i"(kDepth - 16),
          [more] "i"(kDepth / 16 - 1)
        : "r0", "r2", "r4", "r6", "r8", "r10", "r12", "lr", "q0", "q1", "q2",
          "memory");
    return;
  }
  __asm__ volatile(
      "vldrw.u32    q1, [%[w], #%c[d1]]\n\t"
      "vldrw.u32    q0, [%[w]], #16\n\t"
      "vldrw.u32    q2, [%[x], #%c[d1]]\n\t"
      "vmladav.s8   r2, q2, q0\n\t"
      "vmladav.s8   r10, q2, q1\n\t"
      "vldrw.u32    q2, [%[x], #%c[d2]]\n\t"
      "vmladav.s8   r4, q2, q0\n\t"
      "vmladav.s8   r12, q2, q1\n\t"
      "vldrw.u32    q2, [%[x], #%c[d3]]\n\t"
      "vmladav.s8   r6, q2, q0\n\t"
      "vmladav.s8   lr, q2, q1\n\t"
      "vldrw.u32    q2, [%[x]], #16\n\t"
      "vmladav.s8   r0, q2, q0\n\t"
      "vmladav.s8   r8, q2, q1\n\t"
      ".rept %c[more]\n\t"
      "vldrw.u32    q1, [%[w], #%c[d1]]\n\t"
      "vldrw.u32    q0, [%[w]], #16\n\t"
      "vldrw.u32    q2, [%[x], #%c[d1]]\n\t"
      "vmladava.s8  r2, q2, q0\n\t"
      "vmladava.s8  r10, q2, q1\n\t"
      "vldrw.u32    q2, [%[x], #%c[d2]]\n\t"
      "vmladava.s8  r4, q2, q0\n\t"
      "vmladava.s8  r12, q2, q1\n\t"
      "vldrw.u32    q2, [%[x], #%c[d3]]\n\t"
      "vmladava.s8  r6, q2, q0\n\t"
      "vmladava.s8  lr, q2, q1\n\t"
      "vldrw.u32    q2, [%[x]], #16\n\t"
      "vmladava.s8  r0, q2, q0\n\t"
      "vmladava.s8  r8, q2, q1\n\t"
      ".endr\n\t"
      "stm          %[acc], {r0, r2, r4, r6, r8, r10, r12, lr}"
      : [x] "+r"(x), [w] "+r"(w)
      : [acc] "r"(acc), [d1] "i"(kDepth), [d2] "i"(2 * kDepth),
        [d3] "i"(3 * kDepth), [more] "i"(kDepth / 16 - 1)
      : "r0", "r2", "r4", "r6", "r8", "r10", "r12", "lr", "q0", "q1", "q2",
        "memory");
}

// Mac4x2Rows for rows of 8 bytes: each 16-byte load holds two pixels'
// rows; each of the four weight vectors holds one channel's row in one half
// and zeros in the other (c0 low, c0 high, c1 low, c1 high), so each
// VMLADAV takes one pixel against one channel.
MOTE_MVE_INLINE void Mac4x2Rows8(const int8_t*& x, int8x16_t c0_lo,
                                 int8x16_t c0_hi, int8x16_t c1_lo,
                                 int8x16_t c1_hi, int32_t* acc) {
  __asm__ volatile(
      "vldrw.u32    q2, [%[x]], #16\n\t"
      "vmladav.s8   r0, q2, %q[c0_lo]\n\t"
      "vmladav.s8   r2, q2, %q[c0_hi]\n\t"
      "vmladav.s8   r8, q2, %q[c1_lo]\n\t"
      "vmladav.s8   r10, q2, %q[c1_hi]\n\t"
      "vldrw.u32    q2, [%[x]], #16\n\t"
      "vmladav.s8   r4, q2, %q[c0_lo]\n\t"
      "vmladav.s8   r6, q2, %q[c0_hi]\n\t"
      "vmladav.s8   r12, q2, %q[c1_lo]\n\t"
      "vmladav.s8   lr, q2, %q[c1_hi]\n\t"
      "stm          %[acc], {r0, r2, r4, r6, r8, r10, r12, lr}"
      : [x] "+r"(x)
      : [acc] "r"(acc), [c0_lo] "w"(c0_lo), [c0_hi] "w"(c0_hi),
        [c1_lo] "w"(c1_lo), [c1_hi] "w"(c1_hi)
      : "r0", "r2", "r4", "r6", "r8", "r10", "r12", "lr", "q2", "memory");
}

// The end of a pair block when both channels' shifts are right shifts, in
// one assembly block (as intrinsics, gcc 12 reloads each constant from the
// stack after the sums' block clobbered the registers): the sums acc[0..3]
// (channel 0's pixels) and acc[4..7] (channel 1's) plus
// k = {sum0, sum1, multiplier0, multiplier1, shift0, shift1, zp}, requantized
// as RequantizeScalar4<true>, clamped and scattered to out and out + 1.
MOTE_MVE_INLINE void FinishPairRightShift(const int32_t* acc,
                                          const int32_t* k, int8_t* out,
                                          uint32x4_t scatter,
                                          int32x4_t act_min,
                                          int32x4_t act_max) {
  __asm__ volatile(
      "vldrw.u32    q0, [%[acc]]\n\t"
      "vldrw.u32    q1, [%[acc], #16]\n\t"
      "ldm          %[k], {r0, r2, r4, r6, r8, r10, r12}\n\t"
      "vadd.i32     q0, q0, r0\n\t"
      "vadd.i32     q1, q1, r2\n\t"
      "vqrdmulh.s32 q0, q0, r4\n\t"
      "vqrdmulh.s32 q1, q1, r6\n\t"
      "vshr.s32     q2, q0, #31\n\t"
      "vqadd.s32    q0, q0, q2\n\t"
      "vshr.s32     q2, q1, #31\n\t"
      "vqadd.s32    q1, q1, q2\n\t"
      "vrshl.s32    q0, r8\n\t"
      "vrshl.s32    q1, r10\n\t"
      "vadd.i32     q0, q0, r12\n\t"
      "vadd.i32     q1, q1, r12\n\t"
      "vmax.s32     q0, q0, %q[mn]\n\t"
      "vmax.s32     q1, q1, %q[mn]\n\t"
      "vmin.s32     q0, q0, %q[mx]\n\t"
      "vmin.s32     q1, q1, %q[mx]\n\t"
      "vstrb.32     q0, [%[out], %q[sc]]\n\t"
      "adds         r0, %[out], #1\n\t"
      "vstrb.32     q1, [r0, %q[sc]]"
      :
      : [acc] "r"(acc), [k] "r"(k), [out] "r"(out), [sc] "w"(scatter),
        [mn] "w"(act_min), [mx] "w"(act_max)
      : "r0", "r2", "r4", "r6", "r8", "r10", "r12", "q0", "q1", "q2", "cc",
        "memory");
}

// The end of a pair block of the general kernel in one assembly block: the
// sums acc[0..7] (acc[8]: the output zero point) and the two channels' records (rec[0], rec[1]: sum,
// multiplier, left and right shift), requantized as RequantizeScalar4<false>
// (the x - 1 fix-up scaled by right_shift < 0), clamped and scattered to out
// and out + 1. Advances rec by two.
MOTE_MVE_INLINE void FinishPairRecords(const int32_t* acc,
                                       const ChannelRecord*& rec,
                                       int8_t* out, uint32x4_t scatter,
                                       int32x4_t act_min, int32x4_t act_max) {
  __asm__ volatile(
      "vldrw.u32    q0, [%[acc]]\n\t"
      "vldrw.u32    q1, [%[acc], #16]\n\t"
      "ldm          %[rec]!, {r0, r2, r4, r6, r8, r10, r12, lr}\n\t"
      "vadd.i32     q0, q0, r0\n\t"
      "vadd.i32     q1, q1, r8\n\t"
      "vshl.s32     q0, r4\n\t"
      "vshl.s32     q1, r12\n\t"
      "vqrdmulh.s32 q0, q0, r2\n\t"
      "vqrdmulh.s32 q1, q1, r10\n\t"
      "vshr.s32     q2, q0, #31\n\t"
      "lsrs         r0, r6, #31\n\t"
      "vmul.i32     q2, q2, r0\n\t"
      "vqadd.s32    q0, q0, q2\n\t"
      "vshr.s32     q2, q1, #31\n\t"
      "lsrs         r8, lr, #31\n\t"
      "vmul.i32     q2, q2, r8\n\t"
      "vqadd.s32    q1, q1, q2\n\t"
      "vrshl.s32    q0, r6\n\t"
      "vrshl.s32    q1, lr\n\t"
      "ldr          r8, [%[acc], #32]\n\t"
      "vadd.i32     q0, q0, r8\n\t"
      "vadd.i32     q1, q1, r8\n\t"
      "vmax.s32     q0, q0, %q[mn]\n\t"
      "vmax.s32     q1, q1, %q[mn]\n\t"
      "vmin.s32     q0, q0, %q[mx]\n\t"
      "vmin.s32     q1, q1, %q[mx]\n\t"
      "vstrb.32     q0, [%[out], %q[sc]]\n\t"
      "adds         r0, %[out], #1\n\t"
      "vstrb.32     q1, [r0, %q[sc]]"
      : [rec] "+r"(rec)
      : [acc] "r"(acc), [out] "r"(out), [sc] "w"(scatter),
        [mn] "w"(act_min), [mx] "w"(act_max)
      : "r0", "r2", "r4", "r6", "r8", "r10", "r12", "lr", "q0", "q1", "q2",
        "cc", "memory");
}

struct PairPass {
  const int8_t* w;  // channel c's row; c + 1's follows
  const int8_t* x;
  int num_pixels;  // at least 4
  int32_t sum0, sum1;
  RequantScalar q0, q1;
  int32_t zp;
  int32x4_t act_min;
  int32x4_t act_max;
  int8_t* out;  // channel c of pixel 0
  int out_stride;
  uint32x4_t scatter;  // 0, 1, 2, 3 times out_stride
};

// Two output channels whose shifts are both right shifts against every
// row, Mac4x2Rows (Mac4x2Rows8) per block of four pixels; a last partial
// block is the last four pixels again
// (their outputs written twice, equal).
template <int kDepth>
__attribute__((noinline)) void RowsTwoChannels(const PairPass& c) {
  const int8_t* const w = c.w;
  const int8_t* const x0 = c.x;
  const int last = c.num_pixels - 4;
  const int32_t sum0 = c.sum0;
  const int32_t sum1 = c.sum1;
  const RequantScalar q0 = c.q0;
  const RequantScalar q1 = c.q1;
  const int32_t zp = c.zp;
  const int32x4_t act_min = c.act_min;
  const int32x4_t act_max = c.act_max;
  int8_t* const out0 = c.out;
  const int out_stride = c.out_stride;
  const uint32x4_t scatter = c.scatter;
  int8x16_t c0_lo = vdupq_n_s8(0), c0_hi = c0_lo, c1_lo = c0_lo,
            c1_hi = c0_lo;
  if constexpr (kDepth == 8) {
    // Halves of w (c0 then c1) with zeros in the other half; predicated-off
    // lanes read nothing.
    const mve_pred16_t lo = vctp8q(8);
    const mve_pred16_t hi = vpnot(lo);
    c0_lo = vldrbq_z_s8(w, lo);
    c1_hi = vldrbq_z_s8(w, hi);
    c0_hi = vldrbq_z_s8(w - 8, hi);
    c1_lo = vldrbq_z_s8(w + 8, lo);
  }
  const int8_t* const x_last = x0 + last * kDepth;
  int8_t* const out_last = out0 + last * out_stride;
  const int out_step = 4 * out_stride;
  alignas(16) int32_t acc[8];
  const int32_t k[7] = {sum0,          sum1,          q0.multiplier,
                        q1.multiplier, q0.right_shift, q1.right_shift,
                        zp};
  const int8_t* x = x0;
  int8_t* out = out0;
  for (;;) {
    const int8_t* xb = x;
    if constexpr (kDepth == 8) {
      Mac4x2Rows8(xb, c0_lo, c0_hi, c1_lo, c1_hi, acc);
    } else {
      const int8_t* wp = w;
      Mac4x2Rows<kDepth>(xb, wp, acc);
    }
    FinishPairRightShift(acc, k, out, scatter, act_min, act_max);
    if (x == x_last) break;
    x += 4 * kDepth;
    out += out_step;
    if (x > x_last) {
      x = x_last;
      out = out_last;
    }
  }
}

using PairFn = void (*)(const PairPass&);

// The Mac4x2Rows pass for this depth (both channels' shifts right shifts),
// or null. Only the right-shift finish is compiled per depth: a channel
// with a left shift (an effective scale of at least 0.5, rare in trained
// models) takes the depth-generic one-channel pass instead, which saves a
// second copy of every unrolled depth (3.5 KB of flash).
PairFn SelectPairKernel(int depth) {
  switch (depth) {
    case 8:
      return RowsTwoChannels<8>;
    case 16:
      return RowsTwoChannels<16>;
    case 32:
      return RowsTwoChannels<32>;
    case 64:
      return RowsTwoChannels<64>;
    case 128:
      return RowsTwoChannels<128>;
    case 256:
      return RowsTwoChannels<256>;
    default:
      return nullptr;
  }
}

}  // namespace

void MakeChannelRecords(const GemmParams& g, ChannelRecord* records) {
  for (int c = 0; c < g.channels; ++c) {
    const int q = c * g.requant_stride;
    const int32_t shift = g.shift[q];
    records[c] = {g.sums[c], g.multiplier[q], shift > 0 ? shift : 0,
                  shift < 0 ? shift : 0};
  }
}

template <bool kAllStored>
void Block4AllChannels(const BlockPass& b) {
  const int8_t* const r0 = b.r[0];
  const int8_t* const r1 = b.r[1];
  const int8_t* const r2 = b.r[2];
  const int8_t* const r3 = b.r[3];
  const int8_t* w = b.weights;
  const ChannelRecord* rec = b.records;
  const ChannelRecord* const end = rec + b.channels;
  const int depth = b.depth;
  // MacDepth4 moves w by depth rounded up to 16.
  const int w_back = depth - ((depth + 15) & ~15);
  const int32_t zp = b.zp;
  const int32x4_t act_min = b.act_min;
  const int32x4_t act_max = b.act_max;
  const uint32x4_t scatter = b.scatter;
  const mve_pred16_t store = b.store;
  int8_t* out = b.out;
  for (; rec != end; ++rec, ++out) {
    int32_t a0 = rec->sum, a1 = a0, a2 = a0, a3 = a0;
    const int8_t* x0 = r0;
    const int8_t* x1 = r1;
    const int8_t* x2 = r2;
    const int8_t* x3 = r3;
    MacDepth4(w, x0, x1, x2, x3, depth, a0, a1, a2, a3);
    w += w_back;
    const int32_t right = rec->right_shift;
    const RequantScalar q = {rec->multiplier, rec->left_shift, right,
                             static_cast<int32_t>(
                                 static_cast<uint32_t>(right) >> 31)};
    const int32x4_t v = RequantizeScalar4<false>(Pack4(a0, a1, a2, a3), q,
                                                 zp, act_min, act_max);
    if (kAllStored) {
      vstrbq_scatter_offset_s32(out, scatter, v);
    } else {
      vstrbq_scatter_offset_p_s32(out, scatter, v, store);
    }
  }
}
template void Block4AllChannels<true>(const BlockPass&);
template void Block4AllChannels<false>(const BlockPass&);

namespace {

template <int kDepth>
__attribute__((noinline)) void Block4ChannelPairs(const PairBlockPass& b) {
  const int8_t* const windows = b.windows;
  const int8_t* w = b.weights;
  const ChannelRecord* rec = b.records;
  const ChannelRecord* const pairs_end = rec + (b.channels & ~1);
  const int32_t zp = b.zp;
  const int32x4_t act_min = b.act_min;
  const int32x4_t act_max = b.act_max;
  const uint32x4_t scatter = b.scatter;
  int8_t* out = b.out;
  alignas(16) int32_t acc[9];
  acc[8] = zp;
  while (rec != pairs_end) {
    const int8_t* x = windows;
    Mac4x2Rows<kDepth>(x, w, acc);
    w += kDepth;  // Mac4x2Rows moved w past the first row
    FinishPairRecords(acc, rec, out, scatter, act_min, act_max);
    out += 2;
  }
  if ((b.channels & 1) != 0) {
    const ChannelRecord r = *rec;
    int32_t a0 = r.sum, a1 = r.sum, a2 = r.sum, a3 = r.sum;
    const int8_t* x0 = windows;
    const int8_t* x1 = windows + kDepth;
    const int8_t* x2 = windows + 2 * kDepth;
    const int8_t* x3 = windows + 3 * kDepth;
    MacDepth4(w, x0, x1, x2, x3, kDepth, a0, a1, a2, a3);
    const RequantScalar q = {
        r.multiplier, r.left_shift, r.right_shift,
        static_cast<int32_t>(static_cast<uint32_t>(r.right_shift) >> 31)};
    const int32x4_t v = RequantizeScalar4<false>(Pack4(a0, a1, a2, a3), q, zp,
                                                 act_min, act_max);
    vstrbq_scatter_offset_s32(out, b.pack_scatter, v);
  }
}

}  // namespace

PairBlockFn SelectPairBlock(int depth_stride) {
  switch (depth_stride) {
    case 16:
      return Block4ChannelPairs<16>;
    case 32:
      return Block4ChannelPairs<32>;
    case 48:
      return Block4ChannelPairs<48>;
    case 64:
      return Block4ChannelPairs<64>;
    case 128:
      return Block4ChannelPairs<128>;
    case 144:
      return Block4ChannelPairs<144>;
    default:
      return Block4ChannelPairs<288>;
  }
}

template <bool kAllStored>
void Block4ChannelsDirect(const DirectPass& b) {
  const GemmParams& g = *b.g;
  const int8_t* const r0 = b.r[0];
  const int8_t* const r1 = b.r[1];
  const int8_t* const r2 = b.r[2];
  const int8_t* const r3 = b.r[3];
  const int8_t* w = g.weights;
  const int depth = g.depth;
  const int w_back = depth - ((depth + 15) & ~15);
  const int channels = g.channels;
  const int32_t* const sums = g.sums;
  const int32_t* mult = g.multiplier;
  const int32_t* shift = g.shift;
  const int requant_stride = g.requant_stride;
  const int32_t zp = g.output_offset;
  const int32x4_t act_min = b.act_min;
  const int32x4_t act_max = b.act_max;
  const uint32x4_t scatter = b.scatter;
  const mve_pred16_t store = b.store;
  int8_t* out = b.out;
  for (int c = 0; c < channels;
       ++c, ++out, mult += requant_stride, shift += requant_stride) {
    int32_t a0 = sums[c], a1 = a0, a2 = a0, a3 = a0;
    const int8_t* x0 = r0;
    const int8_t* x1 = r1;
    const int8_t* x2 = r2;
    const int8_t* x3 = r3;
    MacDepth4(w, x0, x1, x2, x3, depth, a0, a1, a2, a3);
    w += w_back;
    const RequantScalar q = MakeRequantScalar(*mult, *shift);
    const int32x4_t v = RequantizeScalar4<false>(Pack4(a0, a1, a2, a3), q,
                                                 zp, act_min, act_max);
    if (kAllStored) {
      vstrbq_scatter_offset_s32(out, scatter, v);
    } else {
      vstrbq_scatter_offset_p_s32(out, scatter, v, store);
    }
  }
}
template void Block4ChannelsDirect<true>(const DirectPass&);
template void Block4ChannelsDirect<false>(const DirectPass&);

void GemmRows4x1(const GemmParams& g, const int8_t* rows, int row_stride) {
  const int stride = g.out_pixel_stride;
  const uint32x4_t scatter = ScatterOffsets4(stride);
  const int32x4_t act_min = vdupq_n_s32(g.act_min);
  const int32x4_t act_max = vdupq_n_s32(g.act_max);
  const int depth = g.depth;
  // Channel pairs through Mac4x2Rows where it applies: rows back to back,
  // a depth it is instantiated for, word-aligned rows and weights.
  const bool aligned = ((reinterpret_cast<uintptr_t>(rows) |
                         reinterpret_cast<uintptr_t>(g.weights)) & 3) == 0;
  const PairFn pair_kernel =
      row_stride == depth && aligned && g.num_pixels >= 4
          ? SelectPairKernel(depth)
          : nullptr;
  const int8_t* w = g.weights;
  for (int c = 0; c < g.channels;) {
    ChannelPass pass;
    pass.row_stride = row_stride;
    pass.depth = depth;
    pass.zp = g.output_offset;
    pass.act_min = act_min;
    pass.act_max = act_max;
    pass.out_stride = stride;
    pass.scatter = scatter;
    const int q0 = c * g.requant_stride;
    const int q1 = (c + 1) * g.requant_stride;
    if (pair_kernel != nullptr && c + 1 < g.channels && g.shift[q0] < 0 &&
        g.shift[q1] < 0) {
      PairPass pp;
      pp.w = w;
      pp.x = rows;
      pp.num_pixels = g.num_pixels;
      pp.sum0 = g.sums[c];
      pp.sum1 = g.sums[c + 1];
      pp.q0 = MakeRequantScalar(g.multiplier[q0], g.shift[q0]);
      pp.q1 = MakeRequantScalar(g.multiplier[q1], g.shift[q1]);
      pp.zp = g.output_offset;
      pp.act_min = act_min;
      pp.act_max = act_max;
      pp.out = g.out + c;
      pp.out_stride = stride;
      pp.scatter = vmulq_n_u32(vidupq_n_u32(0, 1), static_cast<uint32_t>(stride));
      pair_kernel(pp);
      c += 2;
      w += 2 * depth;
      continue;
    }
    const int q = c * g.requant_stride;
    const int32_t shift = g.shift[q];
    pass.w = w;
    pass.x = rows;
    pass.num_pixels = g.num_pixels;
    pass.sum = g.sums[c];
    pass.q = MakeRequantScalar(g.multiplier[q], shift);
    pass.out = g.out + c;
    if (shift < 0) {
      RowsOneChannel<true>(pass);
    } else {
      RowsOneChannel<false>(pass);
    }
    ++c;
    w += depth;
  }
}

}  // namespace arm_mve
}  // namespace mote
