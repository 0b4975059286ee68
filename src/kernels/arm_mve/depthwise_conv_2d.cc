#include "kernels/arm_mve/depthwise_conv_2d.h"

#include "kernels/arm_mve/gemm.h"
#include "kernels/depthwise_window.h"
#include "kernels/select.h"

namespace mote {
namespace arm_mve {
namespace {

static_assert(sizeof(const int8_t*) == 4, "selection.h plans 4-byte pointers");

// The multiplier-1 kernels' scratch, carved in selection.h's order.
struct LanesScratch {
  // Per channel: bias + offset * window sum, multiplier, left shift
  // max(shift, 0), right shift min(shift, 0); each array [channels], in the
  // kernel's lane order within full blocks of 16 (PermuteBlocks).
  int32_t* sums;
  int32_t* multiplier;
  int32_t* left_shift;
  int32_t* right_shift;
  int8_t* weights;  // blocks of 16 channels [tap][16], one of 8, then of 4
  int8_t* zero_point_row;  // [RoundUp4(channels)] of the input zero point
  const int8_t** taps;     // [taps] this pixel's tap rows
};

LanesScratch CarveLanes(void* scratch, int channels, int taps) {
  LanesScratch s;
  auto* p = static_cast<uint8_t*>(scratch);
  s.sums = reinterpret_cast<int32_t*>(p);
  s.multiplier = s.sums + channels;
  s.left_shift = s.multiplier + channels;
  s.right_shift = s.left_shift + channels;
  p += channels * 16;
  s.weights = reinterpret_cast<int8_t*>(p);
  p += RoundUp4(channels) * taps;
  s.zero_point_row = reinterpret_cast<int8_t*>(p);
  p += RoundUp4(channels);
  s.taps = reinterpret_cast<const int8_t**>(p);
  return s;
}

// Within each full block of 16 channels, the order of the kernel's four
// accumulators: even channels of the first eight, odd, even of the second
// eight, odd (VMULLB/VMULLT); likewise the block of eight that may follow.
void PermuteBlocks(int32_t* v, int channels) {
  for (int blk = 0; blk < channels / 16; ++blk) {
    int32_t* b16 = v + blk * 16;
    int32_t t[16];
    for (int i = 0; i < 16; ++i) t[i] = b16[i];
    for (int i = 0; i < 4; ++i) {
      b16[i] = t[2 * i];
      b16[4 + i] = t[2 * i + 1];
      b16[8 + i] = t[8 + 2 * i];
      b16[12 + i] = t[9 + 2 * i];
    }
  }
  // A block of eight after them: even channels, odd.
  if (channels % 16 >= 8) {
    int32_t* b8 = v + channels / 16 * 16;
    int32_t t[8];
    for (int i = 0; i < 8; ++i) t[i] = b8[i];
    for (int i = 0; i < 4; ++i) {
      b8[i] = t[2 * i];
      b8[4 + i] = t[2 * i + 1];
    }
  }
}

// The per-channel constants, the weights regrouped so that each block's
// taps follow one another (one pointer walks them), the last group of four
// zero-padded, and the zero-point row.
void PrepareLanes(int32_t input_offset, const int8_t* filter,
                  const int32_t* bias, const int32_t* output_multiplier,
                  const int32_t* output_shift, int channels, int taps,
                  const LanesScratch& s) {
  for (int c = 0; c < channels; ++c) {
    uint32_t sum = 0;
    for (int t = 0; t < taps; ++t) {
      sum += static_cast<uint32_t>(filter[t * channels + c]);
    }
    const uint32_t b = bias != nullptr ? static_cast<uint32_t>(bias[c]) : 0u;
    s.sums[c] =
        static_cast<int32_t>(b + sum * static_cast<uint32_t>(input_offset));
    s.multiplier[c] = output_multiplier[c];
    s.left_shift[c] = output_shift[c] > 0 ? output_shift[c] : 0;
    s.right_shift[c] = output_shift[c] < 0 ? output_shift[c] : 0;
  }
  PermuteBlocks(s.sums, channels);
  PermuteBlocks(s.multiplier, channels);
  PermuteBlocks(s.left_shift, channels);
  PermuteBlocks(s.right_shift, channels);
  FillBytes(s.zero_point_row, static_cast<int8_t>(-input_offset),
            static_cast<int>(RoundUp4(channels)));
  int8_t* w = s.weights;
  const int full = channels / 16 * 16;
  for (int c0 = 0; c0 < full; c0 += 16) {
    for (int t = 0; t < taps; ++t, w += 16) {
      CopyBytes(w, filter + t * channels + c0, 16);
    }
  }
  int c8 = full;
  if (channels - full >= 8) {
    for (int t = 0; t < taps; ++t, w += 8) {
      CopyBytes(w, filter + t * channels + full, 8);
    }
    c8 += 8;
  }
  for (int c0 = c8; c0 < channels; c0 += 4) {
    const int n = channels - c0 < 4 ? channels - c0 : 4;
    for (int t = 0; t < taps; ++t, w += 4) {
      for (int i = 0; i < 4; ++i) {
        w[i] = i < n ? filter[t * channels + c0 + i] : int8_t{0};
      }
    }
  }
}

// One tap of sixteen channels (c .. c+15 of tap row T): two widening loads
// of input and of weights, VMULLB/VMULLT and four adds.
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
// instructions for 16 MACs; otherwise a loop of 16). Written out because
// gcc 12 keeps more vectors live than the eight Q registers and spills in
// this loop.
template <int kTaps>
MOTE_MVE_INLINE void MacTaps16(const int8_t* const* tap, int taps, int c,
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
          [w] "+r"(w), [x] "=&r"(x), [xv] "=&w"(xv), [wv] "=&w"(wv),
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
        [tap] "+r"(tap), [w] "+r"(w), [n] "+r"(taps), [x] "=&r"(x),
        [xv] "=&w"(xv), [wv] "=&w"(wv), [p] "=&w"(prod)
      : [c] "r"(c)
      : "cc", "memory");
}

// Eight channels: the first half of MacTaps16.
template <int kTaps>
MOTE_MVE_INLINE void MacTaps8(const int8_t* const* tap, int taps, int c,
                              const int8_t* w, int32x4_t& e0, int32x4_t& o0) {
  const int8_t* x;
  int16x8_t xv, wv;
  int32x4_t prod;
  if (kTaps == 9) {
    __asm__ volatile(
        MOTE_MVE_TAP8(0) MOTE_MVE_TAP8(1) MOTE_MVE_TAP8(2)
        MOTE_MVE_TAP8(3) MOTE_MVE_TAP8(4) MOTE_MVE_TAP8(5)
        MOTE_MVE_TAP8(6) MOTE_MVE_TAP8(7) MOTE_MVE_TAP8(8)
        : [e0] "+w"(e0), [o0] "+w"(o0), [w] "+r"(w), [x] "=&r"(x),
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
      : [e0] "+w"(e0), [o0] "+w"(o0), [tap] "+r"(tap), [w] "+r"(w),
        [n] "+r"(taps), [x] "=&r"(x), [xv] "=&w"(xv), [wv] "=&w"(wv),
        [p] "=&w"(prod)
      : [c] "r"(c)
      : "cc", "memory");
}

#undef MOTE_MVE_TAP16
#undef MOTE_MVE_TAP8

// Requantizes four accumulators with the constants at k and stores them at
// out + offsets (bytes).
MOTE_MVE_INLINE void StoreRequant4(int32x4_t acc, const int32_t* multiplier,
                                   const int32_t* left_shift,
                                   const int32_t* right_shift, int32_t zp,
                                   int32_t lo, int32_t hi, int8_t* out,
                                   uint32x4_t offsets) {
  const Requant4 q = {vldrwq_s32(multiplier), vldrwq_s32(left_shift),
                      vldrwq_s32(right_shift)};
  vstrbq_scatter_offset_s32(out, offsets, Requantize4(acc, q, zp, lo, hi));
}

template <int kTaps>
void DepthwiseLanes(const DepthwiseConvParams& params, const Shape& input_shape,
                    const int8_t* input, const Shape& filter_shape,
                    const Shape& output_shape, int8_t* output,
                    const LanesScratch& s) {
  const int channels = input_shape.dims[3];
  const int taps =
      kTaps != 0 ? kTaps : filter_shape.dims[1] * filter_shape.dims[2];
  const int full = channels / 16 * 16;
  const int32_t zp = params.output_offset;
  const int32_t lo = params.act_min;
  const int32_t hi = params.act_max;
  const int8_t* const* tap_rows = s.taps;
  const int32_t* const sums = s.sums;
  const int32_t* const mult = s.multiplier;
  const int32_t* const lsh = s.left_shift;
  const int32_t* const rsh = s.right_shift;
  // Byte offsets of the even channels of eight (0, 2, 4, 6).
  const uint32x4_t even = vmulq_n_u32(vidupq_n_u32(0, 1), 2);
  const uint32x4_t seq = vidupq_n_u32(0, 1);
  DepthwiseTapRows tap_rows_walk(params, input_shape, filter_shape, input,
                                 s.zero_point_row, s.taps);
  int8_t* out = output;
  for (int b = 0; b < output_shape.dims[0]; ++b) {
    for (int out_y = 0; out_y < output_shape.dims[1]; ++out_y) {
      tap_rows_walk.Row(b, out_y);
      for (int out_x = 0; out_x < output_shape.dims[2]; ++out_x) {
        // This pixel's taps: input pixels, or the zero-point row.
        tap_rows_walk.Pixel<kTaps>(out_x);
        const int8_t* w = s.weights;
        int c = 0;
        for (; c < full; c += 16, out += 16, w += 16 * taps) {
          int32x4_t e0 = vldrwq_s32(sums + c);
          int32x4_t o0 = vldrwq_s32(sums + c + 4);
          int32x4_t e1 = vldrwq_s32(sums + c + 8);
          int32x4_t o1 = vldrwq_s32(sums + c + 12);
          MacTaps16<kTaps>(tap_rows, taps, c, w, e0, o0, e1, o1);
          StoreRequant4(e0, mult + c, lsh + c, rsh + c, zp, lo, hi, out, even);
          StoreRequant4(o0, mult + c + 4, lsh + c + 4, rsh + c + 4, zp, lo, hi,
                        out + 1, even);
          StoreRequant4(e1, mult + c + 8, lsh + c + 8, rsh + c + 8, zp, lo, hi,
                        out + 8, even);
          StoreRequant4(o1, mult + c + 12, lsh + c + 12, rsh + c + 12, zp, lo,
                        hi, out + 9, even);
        }
        if (channels - c >= 8) {
          int32x4_t e0 = vldrwq_s32(sums + c);
          int32x4_t o0 = vldrwq_s32(sums + c + 4);
          MacTaps8<kTaps>(tap_rows, taps, c, w, e0, o0);
          StoreRequant4(e0, mult + c, lsh + c, rsh + c, zp, lo, hi, out, even);
          StoreRequant4(o0, mult + c + 4, lsh + c + 4, rsh + c + 4, zp, lo, hi,
                        out + 1, even);
          c += 8;
          out += 8;
          w += 8 * taps;
        }
        // The last channels four at a time; the input reads predicated (the
        // zero-point row and the weights are padded to four).
        for (; c < channels; c += 4) {
          const int n = channels - c < 4 ? channels - c : 4;
          const mve_pred16_t p = vctp32q(n);
          int32x4_t a = vldrwq_z_s32(sums + c, p);
          for (int i = 0; i < taps; ++i, w += 4) {
            a = vaddq_s32(
                a, vmulq_s32(vldrbq_z_s32(tap_rows[i] + c, p), vldrbq_s32(w)));
          }
          const Requant4 q = {vldrwq_z_s32(mult + c, p),
                              vldrwq_z_s32(lsh + c, p),
                              vldrwq_z_s32(rsh + c, p)};
          vstrbq_scatter_offset_p_s32(out, seq, Requantize4(a, q, zp, lo, hi),
                                      p);
          out += n;
        }
      }
    }
  }
}

template <int kTaps>
void RunLanes(const DepthwiseConvParams& params,
              const int32_t* output_multiplier, const int32_t* output_shift,
              const Shape& input_shape, const int8_t* input,
              const Shape& filter_shape, const int8_t* filter,
              const int32_t* bias, const Shape& output_shape, int8_t* output,
              void* scratch) {
  const int channels = input_shape.dims[3];
  const int taps = filter_shape.dims[1] * filter_shape.dims[2];
  const LanesScratch s = CarveLanes(scratch, channels, taps);
  PrepareLanes(params.input_offset, filter, bias, output_multiplier,
               output_shift, channels, taps, s);
  DepthwiseLanes<kTaps>(params, input_shape, input, filter_shape, output_shape,
                        output, s);
}

}  // namespace

void DepthwiseConvS8_Mve(const DepthwiseConvParams& params,
                         const int32_t* output_multiplier,
                         const int32_t* output_shift, const Shape& input_shape,
                         const int8_t* input, const Shape& filter_shape,
                         const int8_t* filter, const int32_t* bias,
                         const Shape& output_shape, int8_t* output,
                         void* scratch) {
  RunLanes<0>(params, output_multiplier, output_shift, input_shape, input,
              filter_shape, filter, bias, output_shape, output, scratch);
}

void DepthwiseConv3x3S8_Mve(const DepthwiseConvParams& params,
                            const int32_t* output_multiplier,
                            const int32_t* output_shift,
                            const Shape& input_shape, const int8_t* input,
                            const Shape& filter_shape, const int8_t* filter,
                            const int32_t* bias, const Shape& output_shape,
                            int8_t* output, void* scratch) {
  RunLanes<9>(params, output_multiplier, output_shift, input_shape, input,
              filter_shape, filter, bias, output_shape, output, scratch);
}

void DepthwiseConvMultS8_Mve(const DepthwiseConvParams& params,
                             const int32_t* output_multiplier,
                             const int32_t* output_shift,
                             const Shape& input_shape, const int8_t* input,
                             const Shape& filter_shape, const int8_t* filter,
                             const int32_t* bias, const Shape& output_shape,
                             int8_t* output, void* scratch) {
  const int in_ch = input_shape.dims[3];
  const int taps = filter_shape.dims[1] * filter_shape.dims[2];
  const int mult = params.depth_multiplier;
  const int out_ch = output_shape.dims[3];
  const int out_h = output_shape.dims[1];
  const int out_w = output_shape.dims[2];
  // Scratch in selection.h's order: sums, rows, four windows.
  auto* sums = static_cast<int32_t*>(scratch);
  int8_t* rows = reinterpret_cast<int8_t*>(sums + mult);
  int8_t* windows = rows + RoundUp4(static_cast<size_t>(mult) * taps);
  const int window_stride = static_cast<int>(RoundUp4(taps));
  const int8_t zero_point = static_cast<int8_t>(-params.input_offset);
  for (int ic = 0; ic < in_ch; ++ic) {
    for (int m = 0; m < mult; ++m) {
      const int oc = ic * mult + m;
      for (int t = 0; t < taps; ++t) rows[m * taps + t] = filter[t * out_ch + oc];
    }
    KernelSums(rows, taps, mult, bias != nullptr ? bias + ic * mult : nullptr,
               params.input_offset, sums);
    GemmParams g;
    g.num_pixels = output_shape.dims[0] * out_h * out_w;
    g.depth = taps;
    g.channels = mult;
    g.weights = rows;
    g.sums = sums;
    g.multiplier = output_multiplier + ic * mult;
    g.shift = output_shift + ic * mult;
    g.requant_stride = 1;
    g.output_offset = params.output_offset;
    g.act_min = params.act_min;
    g.act_max = params.act_max;
    g.out = output + ic * mult;
    g.out_pixel_stride = out_ch;
    auto gather = [&](int8_t* dst, int pixel) {
      ForEachWindowTap(params, input_shape, filter_shape, output_shape, input,
                       ic, pixel, [&](int k, const int8_t* x) {
                         dst[k] = x != nullptr ? *x : zero_point;
                       });
    };
    Gemm4x1<false>(g, [&](int p0, int n, const int8_t** r) {
      for (int p = 0; p < 4; ++p) {
        int8_t* dst = windows + p * window_stride;
        if (p < n) gather(dst, p0 + p);
        r[p] = dst;
      }
    });
  }
}

}  // namespace arm_mve

namespace opt {

size_t DepthwiseConvPerChannelS8_ScratchBytes(const DepthwiseConvParams& params,
                                              const Shape& input_shape,
                                              const Shape& filter_shape,
                                              const Shape& output_shape) {
  return arm_mve::DepthwiseScratchBytes(params, input_shape, filter_shape,
                                        output_shape);
}

void DepthwiseConvPerChannelS8(const DepthwiseConvParams& params,
                               const int32_t* output_multiplier,
                               const int32_t* output_shift,
                               const Shape& input_shape, const int8_t* input,
                               const Shape& filter_shape, const int8_t* filter,
                               const int32_t* bias, const Shape& output_shape,
                               int8_t* output, void* scratch) {
  switch (arm_mve::SelectDepthwise(params, input_shape, filter_shape,
                                   output_shape)) {
    case arm_mve::DepthwiseKernel::k3x3:
      arm_mve::DepthwiseConv3x3S8_Mve(params, output_multiplier, output_shift,
                                      input_shape, input, filter_shape, filter,
                                      bias, output_shape, output, scratch);
      return;
    case arm_mve::DepthwiseKernel::kGeneral:
      arm_mve::DepthwiseConvS8_Mve(params, output_multiplier, output_shift,
                                   input_shape, input, filter_shape, filter,
                                   bias, output_shape, output, scratch);
      return;
    case arm_mve::DepthwiseKernel::kMult:
      arm_mve::DepthwiseConvMultS8_Mve(params, output_multiplier, output_shift,
                                       input_shape, input, filter_shape,
                                       filter, bias, output_shape, output,
                                       scratch);
      return;
    case arm_mve::DepthwiseKernel::kReference:
      break;
  }
  ref::DepthwiseConvPerChannelS8(params, output_multiplier, output_shift,
                                 input_shape, input, filter_shape, filter,
                                 bias, output_shape, output);
}

}  // namespace opt
}  // namespace mote
