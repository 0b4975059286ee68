#include "kernels/arm_mve/depthwise_conv_2d.h"

#include "kernels/arm_mve/gemm.h"
#include "kernels/select.h"

namespace mote {
namespace arm_mve {
namespace {

static_assert(sizeof(const int8_t*) == 4, "selection.h plans 4-byte pointers");

// The multiplier-1 kernels' scratch, carved in selection.h's order.
struct LanesScratch {
  int32_t* sums;           // [channels]: bias + offset * window sum
  int8_t* weights;         // blocks of 16 channels [tap][16], then of 4
  int8_t* zero_point_row;  // [RoundUp4(channels)] of the input zero point
  const int8_t** taps;     // [taps] this pixel's tap rows
};

LanesScratch CarveLanes(void* scratch, int channels, int taps) {
  LanesScratch s;
  auto* p = static_cast<uint8_t*>(scratch);
  s.sums = reinterpret_cast<int32_t*>(p);
  p += channels * 4;
  s.weights = reinterpret_cast<int8_t*>(p);
  p += RoundUp4(channels) * taps;
  s.zero_point_row = reinterpret_cast<int8_t*>(p);
  p += RoundUp4(channels);
  s.taps = reinterpret_cast<const int8_t**>(p);
  return s;
}

// The sums, the weights regrouped so that each block's taps follow one
// another (one pointer walks them), the last group of four zero-padded.
void PrepareLanes(int32_t input_offset, const int8_t* filter,
                  const int32_t* bias, int channels, int taps,
                  const LanesScratch& s) {
  for (int c = 0; c < channels; ++c) {
    uint32_t sum = 0;
    for (int t = 0; t < taps; ++t) {
      sum += static_cast<uint32_t>(filter[t * channels + c]);
    }
    const uint32_t b = bias != nullptr ? static_cast<uint32_t>(bias[c]) : 0u;
    s.sums[c] =
        static_cast<int32_t>(b + sum * static_cast<uint32_t>(input_offset));
  }
  // Full blocks of 16 keep their sums as the kernel's accumulators: even
  // channels of the first eight, odd, even of the second eight, odd.
  const int blocks = channels / 16;
  for (int blk = 0; blk < blocks; ++blk) {
    int32_t* b16 = s.sums + blk * 16;
    int32_t t[16];
    for (int i = 0; i < 16; ++i) t[i] = b16[i];
    for (int i = 0; i < 4; ++i) {
      b16[i] = t[2 * i];
      b16[4 + i] = t[2 * i + 1];
      b16[8 + i] = t[8 + 2 * i];
      b16[12 + i] = t[8 + 2 * i + 1];
    }
  }
  FillBytes(s.zero_point_row, static_cast<int8_t>(-input_offset),
            static_cast<int>(RoundUp4(channels)));
  int8_t* w = s.weights;
  const int full = channels / 16 * 16;
  for (int c0 = 0; c0 < full; c0 += 16) {
    for (int t = 0; t < taps; ++t, w += 16) {
      CopyBytes(w, filter + t * channels + c0, 16);
    }
  }
  for (int c0 = full; c0 < channels; c0 += 4) {
    const int n = channels - c0 < 4 ? channels - c0 : 4;
    for (int t = 0; t < taps; ++t, w += 4) {
      for (int i = 0; i < 4; ++i) {
        w[i] = i < n ? filter[t * channels + c0 + i] : int8_t{0};
      }
    }
  }
}

// Requantization constants of channels c .. c+3, the first n valid.
MOTE_MVE_INLINE Requant4 LoadRequant4P(const int32_t* multiplier,
                                       const int32_t* shift,
                                       mve_pred16_t p) {
  const int32x4_t s = vldrwq_z_s32(shift, p);
  const int32x4_t zero = vdupq_n_s32(0);
  return {vldrwq_z_s32(multiplier, p), vmaxq_s32(s, zero),
          vminq_s32(s, zero)};
}

// Requantization constants of channels 0, 2, 4, 6 from `multiplier` and
// `shift` (word offsets `even`).
MOTE_MVE_INLINE Requant4 GatherRequant4(const int32_t* multiplier,
                                        const int32_t* shift,
                                        uint32x4_t even) {
  const int32x4_t s = vldrwq_gather_shifted_offset_s32(shift, even);
  const int32x4_t zero = vdupq_n_s32(0);
  return {vldrwq_gather_shifted_offset_s32(multiplier, even),
          vmaxq_s32(s, zero), vminq_s32(s, zero)};
}

template <int kTaps>
void DepthwiseLanes(const DepthwiseConvParams& params,
                    const int32_t* output_multiplier,
                    const int32_t* output_shift, const Shape& input_shape,
                    const int8_t* input, const Shape& filter_shape,
                    const Shape& output_shape, int8_t* output,
                    const LanesScratch& s) {
  const int in_h = input_shape.dims[1];
  const int in_w = input_shape.dims[2];
  const int channels = input_shape.dims[3];
  const int filter_h = filter_shape.dims[1];
  const int filter_w = filter_shape.dims[2];
  const int taps = kTaps != 0 ? kTaps : filter_h * filter_w;
  const int full = channels / 16 * 16;
  const int32_t zp = params.output_offset;
  const int32_t lo = params.act_min;
  const int32_t hi = params.act_max;
  const int8_t* const* tap_rows = s.taps;
  const int32_t* const sums_base = s.sums;
  // Word offsets of the even channels of four (0, 2, 4, 6).
  const uint32x4_t even = vmulq_n_u32(vidupq_n_u32(0, 1), 2);
  int8_t* out = output;
  for (int b = 0; b < output_shape.dims[0]; ++b) {
    for (int out_y = 0; out_y < output_shape.dims[1]; ++out_y) {
      const int y0 = out_y * params.stride_height - params.pad_height;
      for (int out_x = 0; out_x < output_shape.dims[2]; ++out_x) {
        const int x0 = out_x * params.stride_width - params.pad_width;
        // This pixel's taps: input pixels, or the zero-point row.
        int t = 0;
        for (int fy = 0; fy < filter_h; ++fy) {
          const int y = y0 + fy * params.dilation_height;
          const bool row_inside = y >= 0 && y < in_h;
          const int8_t* row = input + (b * in_h + y) * in_w * channels;
          for (int fx = 0; fx < filter_w; ++fx, ++t) {
            const int x = x0 + fx * params.dilation_width;
            s.taps[t] = row_inside && x >= 0 && x < in_w ? row + x * channels
                                                         : s.zero_point_row;
          }
        }
        const int8_t* w = s.weights;
        int c = 0;
        for (; c < full; c += 16, out += 16) {
          // Even and odd channels of each half: VMULLB/VMULLT widen the
          // int16 products of lanes 0, 2, .. and 1, 3, .. to int32.
          const int32_t* sums = sums_base + c;
          int32x4_t e0 = vldrwq_s32(sums);
          int32x4_t o0 = vldrwq_s32(sums + 4);
          int32x4_t e1 = vldrwq_s32(sums + 8);
          int32x4_t o1 = vldrwq_s32(sums + 12);
          // Not unrolled: gcc 12 hoists the unrolled loads and spills.
          for (int i = 0; i < taps; ++i, w += 16) {
            const int8_t* x = tap_rows[i] + c;
            const int16x8_t x0 = vldrbq_s16(x);
            const int16x8_t w0 = vldrbq_s16(w);
            e0 = vaddq_s32(e0, vmullbq_int_s16(x0, w0));
            o0 = vaddq_s32(o0, vmulltq_int_s16(x0, w0));
            const int16x8_t x1 = vldrbq_s16(x + 8);
            const int16x8_t w1 = vldrbq_s16(w + 8);
            e1 = vaddq_s32(e1, vmullbq_int_s16(x1, w1));
            o1 = vaddq_s32(o1, vmulltq_int_s16(x1, w1));
          }
          const int32_t* m = output_multiplier + c;
          const int32_t* sh = output_shift + c;
          const int32x4_t re0 = Requantize4(e0, GatherRequant4(m, sh, even), zp, lo, hi);
          const int32x4_t ro0 = Requantize4(o0, GatherRequant4(m + 1, sh + 1, even), zp, lo, hi);
          const int32x4_t re1 = Requantize4(e1, GatherRequant4(m + 8, sh + 8, even), zp, lo, hi);
          const int32x4_t ro1 = Requantize4(o1, GatherRequant4(m + 9, sh + 9, even), zp, lo, hi);
          // Narrow even lanes into the bottom halves, odd into the top:
          // channels in order again.
          vstrbq_s16(out, vmovntq_s32(vmovnbq_s32(vdupq_n_s16(0), re0), ro0));
          vstrbq_s16(out + 8, vmovntq_s32(vmovnbq_s32(vdupq_n_s16(0), re1), ro1));
        }
        // The last channels four at a time; the input reads predicated (the
        // zero-point row and the weights are padded to four).
        for (; c < channels; c += 4) {
          const int n = channels - c < 4 ? channels - c : 4;
          const mve_pred16_t p = vctp32q(n);
          int32x4_t a = vldrwq_z_s32(s.sums + c, p);
          for (int i = 0; i < taps; ++i, w += 4) {
            a = vaddq_s32(
                a, vmulq_s32(vldrbq_z_s32(s.taps[i] + c, p), vldrbq_s32(w)));
          }
          const Requant4 q =
              LoadRequant4P(output_multiplier + c, output_shift + c, p);
          vstrbq_p_s32(out, Requantize4(a, q, zp, lo, hi), p);
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
  PrepareLanes(params.input_offset, filter, bias, channels, taps, s);
  DepthwiseLanes<kTaps>(params, output_multiplier, output_shift, input_shape,
                        input, filter_shape, output_shape, output, s);
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
  const int in_h = input_shape.dims[1];
  const int in_w = input_shape.dims[2];
  const int in_ch = input_shape.dims[3];
  const int filter_h = filter_shape.dims[1];
  const int filter_w = filter_shape.dims[2];
  const int taps = filter_h * filter_w;
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
      const int plane = out_h * out_w;
      const int b = pixel / plane;
      const int rest = pixel - b * plane;
      const int out_y = rest / out_w;
      const int out_x = rest - out_y * out_w;
      const int y0 = out_y * params.stride_height - params.pad_height;
      const int x0 = out_x * params.stride_width - params.pad_width;
      for (int fy = 0; fy < filter_h; ++fy) {
        const int y = y0 + fy * params.dilation_height;
        const bool row_inside = y >= 0 && y < in_h;
        const int8_t* row = input + (b * in_h + y) * in_w * in_ch + ic;
        for (int fx = 0; fx < filter_w; ++fx) {
          const int x = x0 + fx * params.dilation_width;
          *dst++ = row_inside && x >= 0 && x < in_w ? row[x * in_ch]
                                                    : zero_point;
        }
      }
    };
    Gemm4x1(g, [&](int p0, int n, const int8_t** r) {
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
