#include "kernels/arm_mve/conv_2d.h"

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
  const int row_stride = static_cast<int>(RoundUp4(g.depth));

  const int in_h = input_shape.dims[1];
  const int in_w = input_shape.dims[2];
  const int in_ch = input_shape.dims[3];
  const int filter_h = filter_shape.dims[1];
  const int filter_w = filter_shape.dims[2];
  const int out_h = output_shape.dims[1];
  const int out_w = output_shape.dims[2];
  const int row_len = filter_w * in_ch;
  // Padding taps hold the input zero point: (zero point + offset) * w = 0.
  const int8_t zero_point = static_cast<int8_t>(-params.input_offset);

  const int8x16_t zero_points = vdupq_n_s8(zero_point);
  const int stride_h = params.stride_height;
  const int stride_w = params.stride_width;
  const int dilation_h = params.dilation_height;
  const int dilation_w = params.dilation_width;
  const int in_row_bytes = in_w * in_ch;
  // The next pixel to gather: rows() asks for every pixel once, in order.
  int cur_x = 0, cur_y = 0;
  const int8_t* cur_plane = input;
  auto gather = [&](int8_t* dst) {
    const int y0 = cur_y * stride_h - params.pad_height;
    const int x0 = cur_x * stride_w - params.pad_width;
    const int8_t* const plane = cur_plane;
    if (++cur_x == out_w) {
      cur_x = 0;
      if (++cur_y == out_h) {
        cur_y = 0;
        cur_plane += in_h * in_row_bytes;
      }
    }
    if (dilation_w == 1) {
      // Per row: `lead` padding bytes, `body` input bytes, the rest padding.
      int fx0 = x0 < 0 ? -x0 : 0;
      if (fx0 > filter_w) fx0 = filter_w;
      int fx1 = in_w - x0 < filter_w ? in_w - x0 : filter_w;
      if (fx1 < fx0) fx1 = fx0;
      const int lead = fx0 * in_ch;
      const int body = (fx1 - fx0) * in_ch;
      const int trail = row_len - lead - body;
      const int8_t* src = plane + (x0 + fx0) * in_ch;
      for (int fy = 0, y = y0; fy < filter_h;
           ++fy, y += dilation_h, dst += row_len) {
        if (y < 0 || y >= in_h) {
          FillBytesInline(dst, zero_points, row_len);
          continue;
        }
        FillBytesInline(dst, zero_points, lead);
        CopyBytesInline(dst + lead, src + y * in_row_bytes, body);
        FillBytesInline(dst + lead + body, zero_points, trail);
      }
      return;
    }
    for (int fy = 0; fy < filter_h; ++fy, dst += row_len) {
      const int y = y0 + fy * dilation_h;
      if (y < 0 || y >= in_h) {
        FillBytes(dst, zero_point, row_len);
        continue;
      }
      const int8_t* row = plane + y * in_row_bytes;
      for (int fx = 0; fx < filter_w; ++fx) {
        const int x = x0 + fx * dilation_w;
        if (x < 0 || x >= in_w) {
          FillBytes(dst + fx * in_ch, zero_point, in_ch);
        } else {
          CopyBytes(dst + fx * in_ch, row + x * in_ch, in_ch);
        }
      }
    }
  };
  auto rows = [&](int, int n, const int8_t** r) {
    for (int p = 0; p < 4; ++p) {
      int8_t* dst = windows + p * row_stride;
      if (p < n) gather(dst);
      r[p] = dst;
    }
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

size_t ConvPerChannelS8_ScratchBytes(const ConvParams& params,
                                     const Shape& input_shape,
                                     const Shape& filter_shape,
                                     const Shape& output_shape) {
  return arm_mve::ConvScratchBytes(params, input_shape, filter_shape,
                                   output_shape);
}

void ConvPerChannelS8(const ConvParams& params,
                      const int32_t* output_multiplier,
                      const int32_t* output_shift, const Shape& input_shape,
                      const int8_t* input, const Shape& filter_shape,
                      const int8_t* filter, const int32_t* bias,
                      const Shape& output_shape, int8_t* output,
                      void* scratch) {
  switch (arm_mve::SelectConv(params, input_shape, filter_shape,
                              output_shape)) {
    case arm_mve::ConvKernel::k1x1:
      arm_mve::Conv1x1S8_Mve(params, output_multiplier, output_shift,
                             input_shape, input, filter_shape, filter, bias,
                             output_shape, output, scratch);
      return;
    case arm_mve::ConvKernel::kGeneral:
      arm_mve::ConvPerChannelS8_Mve(params, output_multiplier, output_shift,
                                    input_shape, input, filter_shape, filter,
                                    bias, output_shape, output, scratch);
      return;
    case arm_mve::ConvKernel::kReference:
      break;
  }
  ref::ConvPerChannelS8(params, output_multiplier, output_shift, input_shape,
                        input, filter_shape, filter, bias, output_shape,
                        output);
}

}  // namespace opt
}  // namespace mote
