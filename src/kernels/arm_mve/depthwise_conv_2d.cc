#include "kernels/arm_mve/depthwise_conv_2d.h"

#include "kernels/arm_mve/depthwise_mac.h"
#include "kernels/arm_mve/gemm.h"
#include "kernels/depthwise_window.h"
#include "kernels/arm_common/entry_points.h"
#include "kernels/select.h"

namespace mote {
namespace arm_mve {
namespace {

static_assert(sizeof(const int8_t*) == 4, "selection.h plans 4-byte pointers");

// The multiplier-1 kernels' scratch, carved in selection.h's order.
struct LanesScratch {
  // Per group of channels (sixteen, then one of eight, then groups of four
  // or fewer; g channels each) four arrays of g words: bias + offset * window
  // sum, multiplier, right shift min(shift, 0), left shift max(shift, 0);
  // within each array the channels in the kernel's lane order (LaneOffsets).
  // channels * 16 bytes in all.
  int32_t* records;
  int8_t* weights;  // blocks of 16 channels [tap][16], one of 8, then of 4
  int8_t* zero_point_row;  // [RoundUp4(channels)] of the input zero point
  const int8_t** taps;     // [taps] this pixel's tap rows
};

LanesScratch CarveLanes(void* scratch, int channels, int taps) {
  LanesScratch s;
  auto* p = static_cast<uint8_t*>(scratch);
  s.records = reinterpret_cast<int32_t*>(p);
  p += channels * 16;
  s.weights = reinterpret_cast<int8_t*>(p);
  p += RoundUp4(channels) * taps;
  s.zero_point_row = reinterpret_cast<int8_t*>(p);
  p += RoundUp4(channels);
  s.taps = reinterpret_cast<const int8_t**>(p);
  return s;
}

// How a layer runs: two taps per int16 sum (no weight is -128,
// depthwise_mac.h), and the cheaper rounding when every shift is a right
// shift of at least one bit.
struct LanesMode {
  bool pairs;
  bool right_only;
};

// The channels (within their group of g) of lane positions 4k .. 4k+3, for
// gathering the group's constants in the kernel's lane order: sixteen
// channels as four accumulators in MacPairs16's order (0 4 8 12 | 2 6 10 14
// | 1 5 9 13 | 3 7 11 15) or MacTaps16's (0 2 4 6 | 1 3 5 7 | 8 .. 14 |
// 9 .. 15); eight as MacTaps8's (0 2 4 6 | 1 3 5 7); fewer in order.
uint32x4_t LaneOffsets(int g, bool pairs, int k) {
  if (g == 16 && pairs) {
    constexpr uint32_t kBase[4] = {0, 2, 1, 3};
    return vaddq_n_u32(vidupq_n_u32(0, 4), kBase[k]);
  }
  if (g == 16 || g == 8) {
    constexpr uint32_t kBase[4] = {0, 1, 8, 9};
    return vaddq_n_u32(vidupq_n_u32(0, 2), kBase[k]);
  }
  return vidupq_n_u32(0, 1);
}

// The records of channels c0 .. c0+g-1 (n of the last vector valid): four
// lanes at a time, gathered in lane order.
void PrepareRecords(int32_t input_offset, const int8_t* filter,
                    const int32_t* bias, const int32_t* output_multiplier,
                    const int32_t* output_shift, int channels, int taps,
                    int c0, int g, bool pairs, int32_t* r) {
  const int n = g < 4 ? g : 4;
  const mve_pred16_t p = vctp32q(n);
  const int32x4_t zero = vdupq_n_s32(0);
  for (int k = 0; k < (g + 3) / 4; ++k) {
    const uint32x4_t off = LaneOffsets(g, pairs, k);
    int32x4_t sum = zero;
    const int8_t* f = filter + c0;
    for (int t = 0; t < taps; ++t, f += channels) {
      sum = vaddq_s32(sum, vldrbq_gather_offset_z_s32(f, off, p));
    }
    sum = vmulq_n_s32(sum, input_offset);  // wraps like the reference
    if (bias != nullptr) {
      sum = vaddq_s32(sum,
                      vldrwq_gather_shifted_offset_z_s32(bias + c0, off, p));
    }
    const int32x4_t shift =
        vldrwq_gather_shifted_offset_z_s32(output_shift + c0, off, p);
    vstrwq_p_s32(r + 4 * k, sum, p);
    vstrwq_p_s32(r + g + 4 * k,
                 vldrwq_gather_shifted_offset_z_s32(output_multiplier + c0,
                                                    off, p),
                 p);
    vstrwq_p_s32(r + 2 * g + 4 * k, vminq_s32(shift, zero), p);
    vstrwq_p_s32(r + 3 * g + 4 * k, vmaxq_s32(shift, zero), p);
  }
}

// A block of sixteen: its weights copied and their sums taken in one pass
// (int16 sums of int8 lanes, widened in the kernel's lane order: VMOVLB/T
// of the even and odd bytes for MacPairs16's order, of channels 0-7 and
// 8-15 for MacTaps16's), then the records as PrepareRecords writes them.
void PrepareBlock16(int32_t input_offset, const int8_t* filter,
                    const int32_t* bias, const int32_t* output_multiplier,
                    const int32_t* output_shift, int channels, int taps,
                    int c0, bool pairs, int32_t* r, int8_t* w) {
  int16x8_t low = vdupq_n_s16(0);
  int16x8_t high = low;
  const int8_t* f = filter + c0;
  for (int t = 0; t < taps; ++t, f += channels, w += 16) {
    const int8x16_t v = vldrbq_s8(f);
    vstrbq_s8(w, v);
    if (pairs) {
      low = vaddq_s16(low, vmovlbq_s8(v));
      high = vaddq_s16(high, vmovltq_s8(v));
    } else {
      low = vaddq_s16(low, vldrbq_s16(f));
      high = vaddq_s16(high, vldrbq_s16(f + 8));
    }
  }
  const int32x4_t sums[4] = {vmovlbq_s16(low), vmovltq_s16(low),
                             vmovlbq_s16(high), vmovltq_s16(high)};
  const int32x4_t zero = vdupq_n_s32(0);
  for (int k = 0; k < 4; ++k) {
    const uint32x4_t off = LaneOffsets(16, pairs, k);
    int32x4_t sum = vmulq_n_s32(sums[k], input_offset);  // wraps
    if (bias != nullptr) {
      sum = vaddq_s32(sum, vldrwq_gather_shifted_offset_s32(bias + c0, off));
    }
    const int32x4_t shift =
        vldrwq_gather_shifted_offset_s32(output_shift + c0, off);
    vstrwq_s32(r + 4 * k, sum);
    vstrwq_s32(r + 16 + 4 * k,
               vldrwq_gather_shifted_offset_s32(output_multiplier + c0, off));
    vstrwq_s32(r + 32 + 4 * k, vminq_s32(shift, zero));
    vstrwq_s32(r + 48 + 4 * k, vmaxq_s32(shift, zero));
  }
}

// The per-channel records, the weights regrouped so that each block's taps
// follow one another (one pointer walks them), the last group of four
// zero-padded, and the zero-point row. Runs on every call (the scratch is
// not kept between calls), so vectorized. Tap pairs only where the 3x3
// fast version will run (`fast3x3` and right shifts only): the general
// version is compiled without them.
LanesMode PrepareLanes(int32_t input_offset, const int8_t* filter,
                       const int32_t* bias, const int32_t* output_multiplier,
                       const int32_t* output_shift, int channels, int taps,
                       bool fast3x3, const LanesScratch& s) {
  LanesMode mode = {true, true};
  const int bytes = channels * taps;
  int8x16_t least = vdupq_n_s8(0);
  int i = 0;
  for (; i + 16 <= bytes; i += 16) least = vminq_s8(least, vldrbq_s8(filter + i));
  if (i < bytes) {
    least = vminq_s8(least, vldrbq_z_s8(filter + i, vctp8q(bytes - i)));
  }
  mode.pairs = vminvq_s8(0, least) != -128;
  int32_t max_shift = INT32_MIN;
  for (int c = 0; c < channels; c += 4) {
    const mve_pred16_t p = vctp32q(channels - c);
    max_shift = vmaxvq_p_s32(max_shift, vldrwq_z_s32(output_shift + c, p), p);
  }
  mode.right_only = max_shift <= -1;
  mode.pairs = mode.pairs && fast3x3 && mode.right_only;
  const int full = channels / 16 * 16;
  int32_t* r = s.records;
  int8_t* w = s.weights;
  for (int c0 = 0; c0 < channels;) {
    const int left = channels - c0;
    const int g = c0 < full ? 16 : left >= 8 ? 8 : left < 4 ? left : 4;
    if (g == 16 && taps <= 255) {  // int16 sums: 255 * 128 fits
      PrepareBlock16(input_offset, filter, bias, output_multiplier,
                     output_shift, channels, taps, c0, mode.pairs, r, w);
      r += 64;
      w += 16 * taps;
      c0 += 16;
      continue;
    }
    PrepareRecords(input_offset, filter, bias, output_multiplier,
                   output_shift, channels, taps, c0, g, mode.pairs, r);
    const int8_t* f = filter + c0;
    for (int t = 0; t < taps; ++t, f += channels, w += g > 4 ? g : 4) {
      if (g == 16) {
        vstrbq_s8(w, vldrbq_s8(f));
      } else if (g == 8) {
        vstrbq_s16(w, vldrbq_s16(f));
      } else {
        vstrbq_s32(w, vldrbq_z_s32(f, vctp32q(g)));
      }
    }
    r += 4 * g;
    c0 += g;
  }
  FillBytes(s.zero_point_row, static_cast<int8_t>(-input_offset),
            static_cast<int>(RoundUp4(channels)));
  return mode;
}

// MultiplyByQuantizedMultiplier of four accumulators (mve_common.h's
// Requantize4 without the zero point and clamp) with the constants of a
// group of g: multiplier at m, right shift at m + g, left at m + 2g.
// kRightOnly (every shift <= -1): no left shift, and the fixup of
// RoundingDivideByPOT (x - 1 for negative x) as x + (x >> 31) without the
// test for a zero shift; VQRDMULH never returns INT32_MIN (that needs
// 2ab + 2^31 <= -2^63, and |ab| <= 2^62 - 2^31), so the plain add cannot
// wrap where mve_common.h's VQADD would saturate.
template <bool kRightOnly>
MOTE_MVE_INLINE int32x4_t Scale4(int32x4_t acc, const int32_t* m, int g) {
  if (kRightOnly) {
    int32x4_t x = vqrdmulhq_s32(acc, vldrwq_s32(m));
    x = vaddq_s32(x, vshrq_n_s32(x, 31));
    return vrshlq_s32(x, vldrwq_s32(m + g));
  }
  const int32x4_t right = vldrwq_s32(m + g);
  int32x4_t x = vshlq_s32(acc, vldrwq_s32(m + 2 * g));
  x = vqrdmulhq_s32(x, vldrwq_s32(m));
  x = vqaddq_s32(x, vshrq_n_s32(vandq_s32(x, right), 31));
  return vrshlq_s32(x, right);
}

// Two scaled accumulators (lanes even | odd channels of eight) narrowed
// into eight int16 lanes in channel order (VQMOVNB/VQMOVNT), plus the
// output zero point (saturating: a saturated value stays beyond the int8
// clamp, so clamping after narrowing matches the reference's int32 clamp).
MOTE_MVE_INLINE int16x8_t NarrowPlusZp(int32x4_t even, int32x4_t odd,
                                       int32_t zp) {
  // In place (VQMOVNB may write its source): with the intrinsics gcc 12
  // copies the vector first.
  __asm__(
      "vqmovnb.s32 %q[e], %q[e]\n\t"
      "vqmovnt.s32 %q[e], %q[o]\n\t"
      "vqadd.s16   %q[e], %q[e], %[zp]"
      : [e] "+&w"(even)
      : [o] "w"(odd), [zp] "r"(zp));
  return vreinterpretq_s16_s32(even);
}

// Two int16 vectors saturated into the even and odd bytes of one int8
// vector (in place, as NarrowPlusZp).
MOTE_MVE_INLINE int8x16_t NarrowInterleave(int16x8_t even, int16x8_t odd) {
  __asm__(
      "vqmovnb.s16 %q[e], %q[e]\n\t"
      "vqmovnt.s16 %q[e], %q[o]"
      : [e] "+&w"(even)
      : [o] "w"(odd));
  return vreinterpretq_s8_s16(even);
}

// The output zero point and clamp. The clamp is duplicated into vectors
// where it is used, from registers the compiler cannot see through: hoisted
// out of the channel loop, the vectors were spilled around the tap loops
// (which take all eight Q registers) and reloaded at two instructions each.
struct LanesOut {
  int16_t zp;
  int32_t lo, hi;
  // False for the int8 range (no activation, or ReLU/ReLU6 whose range
  // fills it): the saturating narrowing is the clamp.
  bool clamp;
};

MOTE_MVE_INLINE void OpaqueClamp(const LanesOut& q, int32_t& lo, int32_t& hi) {
  lo = q.lo;
  hi = q.hi;
  __asm__("" : "+r"(lo), "+r"(hi));
}

// Eight int16 outputs clamped and stored as bytes (VSTRB.16).
MOTE_MVE_INLINE void Store8(int16x8_t v, const LanesOut& q, int8_t* out) {
  if (q.clamp) {
    int32_t lo, hi;
    OpaqueClamp(q, lo, hi);
    v = vmaxq_s16(v, vdupq_n_s16(static_cast<int16_t>(lo)));
    v = vminq_s16(v, vdupq_n_s16(static_cast<int16_t>(hi)));
  } else {
    __asm__("vqmovnb.s16 %q[v], %q[v]" : [v] "+w"(v));
  }
  vstrbq_s16(out, v);
}

// Sixteen channels in MacPairs16's order: even channels e, odd o, as int16,
// then interleaved into int8 bytes (VQMOVNB/VQMOVNT.S16), one 16-byte store.
MOTE_MVE_INLINE void StorePairs16(int32x4_t a0, int32x4_t a1, int32x4_t a2,
                                  int32x4_t a3, const LanesOut& q,
                                  int8_t* out) {
  const int16x8_t e = NarrowPlusZp(a0, a1, q.zp);
  const int16x8_t o = NarrowPlusZp(a2, a3, q.zp);
  int8x16_t r = NarrowInterleave(e, o);
  if (q.clamp) {
    int32_t lo, hi;
    OpaqueClamp(q, lo, hi);
    r = vmaxq_s8(r, vdupq_n_s8(static_cast<int8_t>(lo)));
    r = vminq_s8(r, vdupq_n_s8(static_cast<int8_t>(hi)));
  }
  vstrbq_s8(out, r);
}

// The tap rows of a 3x3 window at (y0, x0) that crosses the padding:
// row_address is the address of input row y0's first pixel (of the batch).
// (DepthwiseTapRows::Pixel does the same for any window, at several times
// the instructions.)
void BorderTaps3x3(const DepthwiseConvParams& params, int in_h, int in_w,
                   int channels, uint32_t row_address, int y0, int x0,
                   const int8_t* zero_point_row, const int8_t** taps) {
  const uint32_t zero_row = reinterpret_cast<uintptr_t>(zero_point_row);
  const int dx = params.dilation_width;
  const int dy = params.dilation_height;
  const uint32_t step_x = static_cast<uint32_t>(dx * channels);
  const uint32_t step_y = static_cast<uint32_t>(dy * in_w * channels);
  const uint32_t column = static_cast<uint32_t>(x0 * channels);
  // (Unsigned compares: a negative coordinate is out of range too.)
  const bool in0 = static_cast<unsigned>(x0) < static_cast<unsigned>(in_w);
  const bool in1 =
      static_cast<unsigned>(x0 + dx) < static_cast<unsigned>(in_w);
  const bool in2 =
      static_cast<unsigned>(x0 + 2 * dx) < static_cast<unsigned>(in_w);
  auto* out = reinterpret_cast<uint32_t*>(taps);
  auto row = [&](int fy) {
    const bool inside = static_cast<unsigned>(y0 + fy * dy) <
                        static_cast<unsigned>(in_h);
    const uint32_t at = row_address + fy * step_y + column;
    out[3 * fy] = inside && in0 ? at : zero_row;
    out[3 * fy + 1] = inside && in1 ? at + step_x : zero_row;
    out[3 * fy + 2] = inside && in2 ? at + 2 * step_x : zero_row;
  };
  row(0);
  row(1);
  row(2);
}

template <int kTaps, bool kPairs, bool kRightOnly>
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
  const LanesOut q = {static_cast<int16_t>(zp), lo, hi,
                      lo != -128 || hi != 127};
  const uint32x4_t seq = vidupq_n_u32(0, 1);
  // Tap rows of the pixels whose window crosses the padding (and of every
  // pixel of a general window): addresses, added to the channel.
  DepthwiseTapRows tap_rows_walk(params, input_shape, filter_shape, input,
                                 s.zero_point_row, s.taps);
  const uint32_t* const tap_rows = reinterpret_cast<const uint32_t*>(s.taps);
  // 3x3 pixels whose window lies inside the input: each tap's byte offset
  // within the window, added to the window's address plus the channel, so
  // that moving to the next pixel moves one address.
  const int in_h = input_shape.dims[1];
  const int in_w = input_shape.dims[2];
  const uint32_t row_bytes = static_cast<uint32_t>(in_w) * channels;
  uint32_t window[9] = {};
  if (kTaps == 9) {
    for (int fy = 0; fy < 3; ++fy) {
      for (int fx = 0; fx < 3; ++fx) {
        window[fy * 3 + fx] =
            fy * params.dilation_height * row_bytes +
            static_cast<uint32_t>(fx * params.dilation_width * channels);
      }
    }
  }
  const int out_w = output_shape.dims[2];
  // Channels after the blocks of sixteen, and where their weights and
  // records start.
  const bool rest = full < channels;
  const int8_t* const w_rest = s.weights + full * taps;
  const int32_t* const r_rest = s.records + full * 4;
  // Eight channels, stride 1, a 3x3 window: two pixels per pass.
  const bool pair8 = kTaps == 9 && channels == 8 && params.stride_width == 1;
  const int span_h = 2 * params.dilation_height;
  // Whole blocks of sixteen in the asm loop: the output columns whose
  // window lies inside the input, [interior_begin, interior_end), run
  // back to back.
  const bool run_blocks = kTaps == 9 && kPairs && kRightOnly && !rest &&
                          full > 0;
  const int stride_w = params.stride_width;
  const int pad_w = params.pad_width;
  const int interior_begin = (pad_w + stride_w - 1) / stride_w;
  const int last_x = in_w - 1 - 2 * params.dilation_width + pad_w;
  int interior_end = last_x >= 0 ? last_x / stride_w + 1 : 0;
  if (interior_end > out_w) interior_end = out_w;
  const uint32_t pixel_step = static_cast<uint32_t>(stride_w * channels);
  const int span_w = 2 * params.dilation_width;
  const uint32_t input_address = reinterpret_cast<uintptr_t>(input);
  int8_t* out = output;
  for (int b = 0; b < output_shape.dims[0]; ++b) {
    for (int out_y = 0; out_y < output_shape.dims[1]; ++out_y) {
      if (kTaps != 9) tap_rows_walk.Row(b, out_y);
      const int y0 = out_y * params.stride_height - params.pad_height;
      const bool rows_inside = y0 >= 0 && y0 + span_h < in_h;
      const uint32_t row_address =
          input_address + static_cast<uint32_t>(b * in_h + y0) * row_bytes;
      for (int out_x = 0; out_x < out_w; ++out_x) {
        if (run_blocks && rows_inside && out_x >= interior_begin &&
            out_x < interior_end) {
          // The row's pixels whose window lies inside the input, one after
          // the other: only the window address moves.
          uint32_t at = row_address +
                        static_cast<uint32_t>(
                            (out_x * params.stride_width - params.pad_width) *
                            channels);
          for (; out_x < interior_end; ++out_x, at += pixel_step) {
            if (q.clamp) {
              PixelBlocks16<true>(window, at, s.weights, s.records, out,
                                  full / 16, q.zp, lo, hi);
            } else {
              PixelBlocks16<false>(window, at, s.weights, s.records, out,
                                   full / 16, q.zp, lo, hi);
            }
            out += full;
          }
          --out_x;  // the loop's increment
          continue;
        }
        const uint32_t* tab = tap_rows;
        uint32_t base = 0;
        const int x0 = out_x * params.stride_width - params.pad_width;
        if (pair8 && kRightOnly && rows_inside && out_x >= interior_begin &&
            out_x + 1 < interior_end) {
          // Eight channels (MobileNet's first depthwise layer): the row's
          // interior pixels two at a time in one asm loop.
          const int pairs = (interior_end - out_x) / 2;
          const uint32_t at = row_address + static_cast<uint32_t>(x0 * 8);
          if (q.clamp) {
            PixelPairs8<true>(window, at, s.weights, s.records, out, pairs,
                              q.zp, lo, hi);
          } else {
            PixelPairs8<false>(window, at, s.weights, s.records, out, pairs,
                               q.zp, lo, hi);
          }
          out += 16 * pairs;
          out_x += 2 * pairs - 1;  // and the loop's increment
          continue;
        }
        if (pair8 && rows_inside && x0 >= 0 && x0 + 1 + span_w < in_w &&
            out_x + 1 < out_w) {
          // Eight channels (MobileNet's first depthwise layer), this pixel
          // and the next inside the input: both at once.
          const uint32_t at = row_address + static_cast<uint32_t>(x0 * 8);
          const int32_t* r = s.records;
          int32x4_t e0 = vldrwq_s32(r);
          int32x4_t o0 = vldrwq_s32(r + 4);
          int32x4_t e1 = e0;
          int32x4_t o1 = o0;
          MacTwoPixels8(window, at, s.weights, e0, o0, e1, o1);
          e0 = Scale4<kRightOnly>(e0, r + 8, 8);
          o0 = Scale4<kRightOnly>(o0, r + 12, 8);
          e1 = Scale4<kRightOnly>(e1, r + 8, 8);
          o1 = Scale4<kRightOnly>(o1, r + 12, 8);
          Store8(NarrowPlusZp(e0, o0, q.zp), q, out);
          Store8(NarrowPlusZp(e1, o1, q.zp), q, out + 8);
          out += 16;
          ++out_x;
          continue;
        }
        if (kTaps == 9 && rows_inside && x0 >= 0 && x0 + span_w < in_w) {
          tab = window;
          base = row_address + static_cast<uint32_t>(x0 * channels);
        } else if (kTaps == 9) {
          BorderTaps3x3(params, in_h, in_w, channels, row_address, y0, x0,
                        s.zero_point_row, s.taps);
        } else {
          // This pixel's taps: input pixels, or the zero-point row.
          tap_rows_walk.Pixel<kTaps>(out_x);
        }
        const int8_t* w = s.weights;
        const int32_t* r = s.records;
        int c = 0;
        if (kTaps == 9 && kPairs && kRightOnly) {
          if (full > 0) {
            if (q.clamp) {
              PixelBlocks16<true>(tab, base, w, r, out, full / 16, q.zp, lo,
                                  hi);
            } else {
              PixelBlocks16<false>(tab, base, w, r, out, full / 16, q.zp, lo,
                                   hi);
            }
            out += full;
          }
          if (!rest) continue;
          c = full;
          w = w_rest;
          r = r_rest;
        }
        uint32_t cb = base + c;
        for (; c < full; c += 16, cb += 16, out += 16, w += 16 * taps, r += 64) {
          int32x4_t a0 = vldrwq_s32(r);
          int32x4_t a1 = vldrwq_s32(r + 4);
          int32x4_t a2 = vldrwq_s32(r + 8);
          int32x4_t a3 = vldrwq_s32(r + 12);
          if (kPairs) {
            MacPairs16<kTaps>(tab, taps, cb, w, a0, a1, a2, a3);
          } else {
            MacTaps16<kTaps>(tab, taps, cb, w, a0, a1, a2, a3);
          }
          a0 = Scale4<kRightOnly>(a0, r + 16, 16);
          a1 = Scale4<kRightOnly>(a1, r + 20, 16);
          a2 = Scale4<kRightOnly>(a2, r + 24, 16);
          a3 = Scale4<kRightOnly>(a3, r + 28, 16);
          if (kPairs) {
            StorePairs16(a0, a1, a2, a3, q, out);
          } else {
            Store8(NarrowPlusZp(a0, a1, q.zp), q, out);
            Store8(NarrowPlusZp(a2, a3, q.zp), q, out + 8);
          }
        }
        if (channels - c >= 8) {
          int32x4_t e0 = vldrwq_s32(r);
          int32x4_t o0 = vldrwq_s32(r + 4);
          MacTaps8<kTaps>(tab, taps, base + c, w, e0, o0);
          e0 = Scale4<kRightOnly>(e0, r + 8, 8);
          o0 = Scale4<kRightOnly>(o0, r + 12, 8);
          Store8(NarrowPlusZp(e0, o0, q.zp), q, out);
          c += 8;
          out += 8;
          w += 8 * taps;
          r += 32;
        }
        // The last channels four at a time; the input reads predicated (the
        // zero-point row and the weights are padded to four).
        for (; c < channels; c += 4) {
          const int n = channels - c < 4 ? channels - c : 4;
          const mve_pred16_t p = vctp32q(n);
          int32x4_t a = vldrwq_z_s32(r, p);
          for (int i = 0; i < taps; ++i, w += 4) {
            const auto* x = reinterpret_cast<const int8_t*>(
                static_cast<uintptr_t>(tab[i] + base + c));
            a = vaddq_s32(a, vmulq_s32(vldrbq_z_s32(x, p), vldrbq_s32(w)));
          }
          const Requant4 rq = {vldrwq_z_s32(r + n, p),
                               vldrwq_z_s32(r + 3 * n, p),
                               vldrwq_z_s32(r + 2 * n, p)};
          vstrbq_scatter_offset_p_s32(out, seq, Requantize4(a, rq, zp, lo, hi),
                                      p);
          out += n;
          r += 4 * n;
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
  // The narrowing store clamps on int8/int16 lanes: an int8 output's
  // range and zero point (anything else is the reference's business).
  if (params.act_min < -128 || params.act_max > 127 ||
      params.output_offset < -128 || params.output_offset > 127) {
    ref::DepthwiseConvPerChannelS8(params, output_multiplier, output_shift,
                                   input_shape, input, filter_shape, filter,
                                   bias, output_shape, output);
    return;
  }
  const int channels = input_shape.dims[3];
  const int taps = filter_shape.dims[1] * filter_shape.dims[2];
  const LanesScratch s = CarveLanes(scratch, channels, taps);
  const LanesMode mode = PrepareLanes(params.input_offset, filter, bias,
                                      output_multiplier, output_shift,
                                      channels, taps, kTaps == 9, s);
  // Two compiled versions, not eight (each is kilobytes of unrolled tap
  // loops): the 3x3 window's fast one (pairs, right shifts only: the asm
  // pixel loops), and for everything else the general window's, one tap
  // per product, with the general rounding (exact for right shifts too).
  // A 3x3 layer with a weight of -128 or a left shift (rare in trained
  // models) pays in instructions (the general tap walk), not in flash.
  auto run = [&](auto kernel) {
    kernel(params, input_shape, input, filter_shape, output_shape, output, s);
  };
  if constexpr (kTaps == 9) {
    if (mode.pairs) {  // and right shifts only: PrepareLanes
      run(DepthwiseLanes<9, true, true>);
      return;
    }
  }
  run(DepthwiseLanes<0, false, false>);
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
namespace {

struct DepthwiseConvS8_Mve {
  static constexpr auto& Conv3x3 = arm_mve::DepthwiseConv3x3S8_Mve;
  static constexpr auto& General = arm_mve::DepthwiseConvS8_Mve;
  static constexpr auto& Mult = arm_mve::DepthwiseConvMultS8_Mve;
};

}  // namespace

size_t DepthwiseConvPerChannelS8_ScratchBytes(const DepthwiseConvParams& params,
                                              const Shape& input_shape,
                                              const Shape& filter_shape,
                                              const Shape& output_shape) {
  return arm_common::DepthwiseScratchBytes<arm_mve::MveShapes>(
      params, input_shape, filter_shape, output_shape);
}

void DepthwiseConvPerChannelS8(const DepthwiseConvParams& params,
                               const int32_t* output_multiplier,
                               const int32_t* output_shift,
                               const Shape& input_shape, const int8_t* input,
                               const Shape& filter_shape, const int8_t* filter,
                               const int32_t* bias, const Shape& output_shape,
                               int8_t* output, void* scratch) {
  arm_common::RunDepthwiseConvPerChannelS8<DepthwiseConvS8_Mve>(
      params, output_multiplier, output_shift, input_shape, input,
      filter_shape, filter, bias, output_shape, output, scratch);
}

}  // namespace opt
}  // namespace mote
