#include "kernels/arm_mve/conv_2d.h"

#include "kernels/arm_common/entry_points.h"
#include "kernels/arm_mve/gemm.h"
#include "kernels/select.h"

namespace mote {
namespace arm_mve {
namespace {

GemmParams MakeGemm(const ConvParams& p, const int32_t* multiplier,
                    const int32_t* shift, const Shape& filter_shape,
                    const int8_t* filter, const Shape& output_shape,
                    int8_t* output, int32_t* sums) {
  GemmParams g;
  g.num_pixels =
      output_shape.dims[0] * output_shape.dims[1] * output_shape.dims[2];
  g.depth = filter_shape.dims[1] * filter_shape.dims[2] * filter_shape.dims[3];
  g.channels = output_shape.dims[3];
  g.weights = filter;
  g.sums = sums;
  g.multiplier = multiplier;
  g.shift = shift;
  g.requant_stride = 1;
  g.output_offset = p.output_offset;
  g.act_min = p.act_min;
  g.act_max = p.act_max;
  g.out = output;
  g.out_pixel_stride = output_shape.dims[3];
  return g;
}

// The window walk: every output pixel's window in order, padding taps as
// the input zero point.
struct WindowGather {
  const int8_t* input;
  int in_h, in_w, in_ch;
  int filter_h, filter_w;
  int stride_h, stride_w, dilation_h, dilation_w, pad_h, pad_w;
  int out_h, out_w;
  int8_t zero_point;
  // Derived once per call (PrepareWindows).
  int row_len;       // filter_w * in_ch
  int in_row_bytes;  // in_w * in_ch
  int y_step;        // dilation_h * in_row_bytes
  int x_step;        // stride_w * in_ch
  int last_y;        // (filter_h - 1) * dilation_h
  // Runs of windows inside the input (dilation_w 1) are copied row by row
  // without padding checks: one predicated load and store per row of at
  // most 16 bytes (first layers), a tail-predicated loop for longer ones;
  // x_hi is the last output column whose window ends inside the input (-1:
  // none).
  bool inner_runs;
  int x_hi;
  // The next pixel.
  int x, y;
  const int8_t* plane;
};

void PrepareWindows(WindowGather& g) {
  g.row_len = g.filter_w * g.in_ch;
  g.in_row_bytes = g.in_w * g.in_ch;
  g.y_step = g.dilation_h * g.in_row_bytes;
  g.x_step = g.stride_w * g.in_ch;
  g.last_y = (g.filter_h - 1) * g.dilation_h;
  g.inner_runs = g.dilation_w == 1;
  const int span = g.in_w - g.filter_w + g.pad_w;
  g.x_hi = span >= 0 ? span / g.stride_w : -1;
}

// The windows of the next n pixels at dst + p * row_stride. Its own
// function with everything in locals (as a lambda over references, gcc 12
// reloads each through its pointer per row).
__attribute__((noinline)) void GatherWindows(WindowGather& g, int n,
                                             int8_t* dst, int row_stride) {
  const int in_h = g.in_h;
  const int in_w = g.in_w;
  const int in_ch = g.in_ch;
  const int filter_h = g.filter_h;
  const int filter_w = g.filter_w;
  const int row_len = g.row_len;
  const int in_row_bytes = g.in_row_bytes;
  const int dilation_h = g.dilation_h;
  const int dilation_w = g.dilation_w;
  const int8_t zero_point = g.zero_point;
  int cx = g.x, cy = g.y;
  const int8_t* plane = g.plane;
  const bool inner_runs = g.inner_runs;
  const int last_y = g.last_y;
  const int y_step = g.y_step;
  const int stride_h = g.stride_h;
  const int stride_w = g.stride_w;
  const int pad_h = g.pad_h;
  const int pad_w = g.pad_w;
  const int out_w = g.out_w;
  const int x_step = g.x_step;
  const int x_hi = g.x_hi;
  for (int p = 0; p < n;) {
    const int y0 = cy * stride_h - pad_h;
    const int x0 = cx * stride_w - pad_w;
    if (inner_runs && y0 >= 0 && y0 + last_y < in_h && x0 >= 0 &&
        cx <= x_hi) {
      // A run of such windows along this output row.
      int run = n - p;
      if (x_hi + 1 - cx < run) run = x_hi + 1 - cx;
      if (out_w - cx < run) run = out_w - cx;
      const int8_t* src = plane + y0 * in_row_bytes + x0 * in_ch;
      if (row_len <= 16) {
        const mve_pred16_t row_bytes = vctp8q(row_len);
        for (int k = 0; k < run; ++k, src += x_step, dst += row_stride) {
          const int8_t* s = src;
          int8_t* d = dst;
          for (int fy = 0; fy < filter_h; ++fy, s += y_step, d += row_len) {
            vstrbq_p_s8(d, vldrbq_z_s8(s, row_bytes), row_bytes);
          }
        }
      } else {
        for (int k = 0; k < run; ++k, src += x_step, dst += row_stride) {
          const int8_t* s = src;
          int8_t* d = dst;
          for (int fy = 0; fy < filter_h; ++fy, s += y_step, d += row_len) {
            CopyBytesInline(d, s, row_len);
          }
        }
      }
      p += run;
      cx += run;
      if (cx == out_w) {
        cx = 0;
        if (++cy == g.out_h) {
          cy = 0;
          plane += in_h * in_row_bytes;
        }
      }
      continue;
    }
    const int8_t* const src_plane = plane;
    if (++cx == out_w) {
      cx = 0;
      if (++cy == g.out_h) {
        cy = 0;
        plane += in_h * in_row_bytes;
      }
    }
    int8_t* row_dst = dst;
    ++p;
    dst += row_stride;
    if (dilation_w == 1) {
      // Per row: `lead` padding bytes, `body` input bytes, the rest padding.
      const int8x16_t zero_points = vdupq_n_s8(zero_point);
      int fx0 = x0 < 0 ? -x0 : 0;
      if (fx0 > filter_w) fx0 = filter_w;
      int fx1 = in_w - x0 < filter_w ? in_w - x0 : filter_w;
      if (fx1 < fx0) fx1 = fx0;
      const int lead = fx0 * in_ch;
      const int body = (fx1 - fx0) * in_ch;
      const int trail = row_len - lead - body;
      const int8_t* src = src_plane + (x0 + fx0) * in_ch;
      for (int fy = 0, y = y0; fy < filter_h;
           ++fy, y += dilation_h, row_dst += row_len) {
        if (y < 0 || y >= in_h) {
          FillBytesInline(row_dst, zero_points, row_len);
          continue;
        }
        FillBytesInline(row_dst, zero_points, lead);
        CopyBytesInline(row_dst + lead, src + y * in_row_bytes, body);
        FillBytesInline(row_dst + lead + body, zero_points, trail);
      }
      continue;
    }
    for (int fy = 0; fy < filter_h; ++fy, row_dst += row_len) {
      const int y = y0 + fy * dilation_h;
      if (y < 0 || y >= in_h) {
        FillBytes(row_dst, zero_point, row_len);
        continue;
      }
      const int8_t* row = src_plane + y * in_row_bytes;
      for (int fx = 0; fx < filter_w; ++fx) {
        const int x = x0 + fx * dilation_w;
        if (x < 0 || x >= in_w) {
          FillBytes(row_dst + fx * in_ch, zero_point, in_ch);
        } else {
          CopyBytes(row_dst + fx * in_ch, row + x * in_ch, in_ch);
        }
      }
    }
  }
  g.x = cx;
  g.y = cy;
  g.plane = plane;
}

// Moves the window walk to output pixel p.
void SeekWindows(WindowGather& g, int p) {
  const int plane = g.out_h * g.out_w;
  const int b = p / plane;
  const int rest = p - b * plane;
  g.y = rest / g.out_w;
  g.x = rest - g.y * g.out_w;
  g.plane = g.input + b * g.in_h * g.in_w * g.in_ch;
}

}  // namespace

void ConvPerChannelS8_Mve(const ConvParams& params,
                          const int32_t* output_multiplier,
                          const int32_t* output_shift, const Shape& input_shape,
                          const int8_t* input, const Shape& filter_shape,
                          const int8_t* filter, const int32_t* bias,
                          const Shape& output_shape, int8_t* output,
                          void* scratch) {
  auto* sums = static_cast<int32_t*>(scratch);
  const GemmParams g = MakeGemm(params, output_multiplier, output_shift,
                                filter_shape, filter, output_shape, output,
                                sums);
  KernelSums(filter, g.depth, g.channels, bias, params.input_offset, sums);
  auto* records = reinterpret_cast<ChannelRecord*>(sums + g.channels);
  int8_t* windows = reinterpret_cast<int8_t*>(records + g.channels);

  WindowGather wg;
  wg.input = input;
  wg.in_h = input_shape.dims[1];
  wg.in_w = input_shape.dims[2];
  wg.in_ch = input_shape.dims[3];
  wg.filter_h = filter_shape.dims[1];
  wg.filter_w = filter_shape.dims[2];
  wg.stride_h = params.stride_height;
  wg.stride_w = params.stride_width;
  wg.dilation_h = params.dilation_height;
  wg.dilation_w = params.dilation_width;
  wg.pad_h = params.pad_height;
  wg.pad_w = params.pad_width;
  wg.out_h = output_shape.dims[1];
  wg.out_w = output_shape.dims[2];
  // Padding taps hold the input zero point: (zero point + offset) * w = 0.
  wg.zero_point = static_cast<int8_t>(-params.input_offset);
  wg.x = 0;
  wg.y = 0;
  wg.plane = input;
  PrepareWindows(wg);

  if (ConvUsesPairs(filter_shape)) {
    // Windows ConvPairDepth apart; weight rows that long, copied with zero
    // padding after the windows unless they already are (and aligned).
    const int padded = ConvPairDepth(g.depth);
    const int8_t* weights = filter;
    if (padded != g.depth) {
      int8_t* packed = windows + 4 * padded;
      const int8x16_t zero = vdupq_n_s8(0);
      for (int c = 0; c < g.channels; ++c) {
        CopyBytesInline(packed + c * padded, filter + c * g.depth, g.depth);
        FillBytesInline(packed + c * padded + g.depth, zero,
                        padded - g.depth);
      }
      weights = packed;
    }
    if ((reinterpret_cast<uintptr_t>(weights) & 3) == 0 &&
        g.num_pixels >= 4) {
      int next = 0;  // the gather's cursor
      GemmPairs4(g, records, weights, padded, windows, [&](int p0) {
        if (p0 != next) SeekWindows(wg, p0);
        GatherWindows(wg, 4, windows, padded);
        next = p0 + 4;
      });
      return;
    }
  }
  const int row_stride = static_cast<int>(RoundUp4(g.depth));
  auto rows = [&](int, int n, const int8_t** r) {
    GatherWindows(wg, n, windows, row_stride);
    for (int p = 0; p < 4; ++p) r[p] = windows + p * row_stride;
  };
  GemmBlocks4x1(g, records, rows);
}

void Conv1x1S8_Mve(const ConvParams& params, const int32_t* output_multiplier,
                   const int32_t* output_shift, const Shape&,
                   const int8_t* input, const Shape& filter_shape,
                   const int8_t* filter, const int32_t* bias,
                   const Shape& output_shape, int8_t* output, void* scratch) {
  auto* sums = static_cast<int32_t*>(scratch);
  const GemmParams g = MakeGemm(params, output_multiplier, output_shift,
                                filter_shape, filter, output_shape, output,
                                sums);
  KernelSums(filter, g.depth, g.channels, bias, params.input_offset, sums);
  GemmRows4x1(g, input, g.depth);
}

}  // namespace arm_mve

namespace opt {
namespace {

struct ConvS8_Mve {
  using Shapes = arm_mve::MveShapes;
  static constexpr auto& Conv1x1 = arm_mve::Conv1x1S8_Mve;
  static constexpr auto& General = arm_mve::ConvPerChannelS8_Mve;
};

}  // namespace

size_t ConvPerChannelS8_ScratchBytes(const ConvParams& params,
                                     const Shape& input_shape,
                                     const Shape& filter_shape,
                                     const Shape& output_shape) {
  return arm_common::ConvScratchBytes<arm_mve::MveShapes>(
      params, input_shape, filter_shape, output_shape);
}

void ConvPerChannelS8(const ConvParams& params,
                      const int32_t* output_multiplier,
                      const int32_t* output_shift, const Shape& input_shape,
                      const int8_t* input, const Shape& filter_shape,
                      const int8_t* filter, const int32_t* bias,
                      const Shape& output_shape, int8_t* output,
                      void* scratch) {
  arm_common::RunConvPerChannelS8<ConvS8_Mve>(
      params, output_multiplier, output_shift, input_shape, input,
      filter_shape, filter, bias, output_shape, output, scratch);
}

}  // namespace opt
}  // namespace mote
