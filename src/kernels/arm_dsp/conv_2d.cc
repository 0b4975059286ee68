#include "kernels/arm_dsp/conv_2d.h"

#include "kernels/arm_common/entry_points.h"
#include "kernels/arm_dsp/gemm.h"
#include "kernels/select.h"

namespace mote {
namespace arm_dsp {
namespace {

int Depth(const Shape& filter_shape) {
  return filter_shape.dims[1] * filter_shape.dims[2] * filter_shape.dims[3];
}

OutputStage MakeStage(const ConvParams& p, const int32_t* multiplier,
                      const int32_t* shift) {
  return {multiplier, shift, 1, p.output_offset, p.act_min, p.act_max};
}

GemmParams MakeGemm(const Shape& filter_shape, const int8_t* filter,
                    const int32_t* bias, const Shape& output_shape,
                    int8_t* output) {
  GemmParams g;
  g.num_pixels = output_shape.dims[0] * output_shape.dims[1] *
                 output_shape.dims[2];
  g.depth = Depth(filter_shape);
  g.channels = output_shape.dims[3];
  g.weights = filter;
  g.bias = bias;
  g.channel_base = 0;
  g.out = output;
  g.out_pixel_stride = output_shape.dims[3];
  return g;
}

// Group g of column p of a column buffer from four input bytes `w`:
// (w + offset) * 2 in SXTB16 order (the fast paths' doubled columns).
MOTE_DSP_INLINE void PutGroupDoubled(int16_t* col, int p, int g, int32_t w,
                                     int32_t offset2) {
  int32_t* dst = reinterpret_cast<int32_t*>(col + (g * 4 + p) * 4);
  const int32_t lo = Sadd16(Sxtb16(w), offset2);
  const int32_t hi = Sadd16(Sxtb16Ror8(w), offset2);
  dst[0] = Sadd16(lo, lo);
  dst[1] = Sadd16(hi, hi);
}

// Column p of a permuted window (WindowRowsPermuted) whose row fy starts at
// src + fy * row_step: `rows` rows of `words` whole words and `rest` last
// bytes.
void FillPermutedDoubled(int16_t* col, int p, const int8_t* src,
                         int row_step, int rows, int words, int rest,
                         int32_t offset2, uint32_t zp_byte) {
  int grp = 0;
  const int8_t* row = src;
  for (int fy = 0; fy < rows; ++fy, row += row_step) {
    for (int j = 0; j < words; ++j) {
      PutGroupDoubled(col, p, grp++, Load32(row + 4 * j), offset2);
    }
  }
  // The rows' last bytes, four to a group, the last group filled with zero
  // points.
  uint32_t packed = 0;
  int n = 0;
  row = src + words * 4;
  for (int fy = 0; fy < rows; ++fy, row += row_step) {
    for (int i = 0; i < rest; ++i) {
      packed |= static_cast<uint32_t>(static_cast<uint8_t>(row[i])) << (8 * n);
      if (++n == 4) {
        PutGroupDoubled(col, p, grp++, static_cast<int32_t>(packed), offset2);
        packed = 0;
        n = 0;
      }
    }
  }
  if (n != 0) {
    for (; n < 4; ++n) packed |= zp_byte << (8 * n);
    PutGroupDoubled(col, p, grp, static_cast<int32_t>(packed), offset2);
  }
}

// FillPermutedDoubled for three rows of nine bytes (VWW's first layer),
// written out: six words, then the rows' ninth bytes and a zero point.
MOTE_DSP_INLINE void FillPermuted3x9Doubled(int16_t* col, int p,
                                            const int8_t* src, int row_step,
                                            int32_t offset2,
                                            uint32_t zp_high) {
  const int8_t* r1 = src + row_step;
  const int8_t* r2 = r1 + row_step;
  PutGroupDoubled(col, p, 0, Load32(src), offset2);
  PutGroupDoubled(col, p, 1, Load32(src + 4), offset2);
  PutGroupDoubled(col, p, 2, Load32(r1), offset2);
  PutGroupDoubled(col, p, 3, Load32(r1 + 4), offset2);
  PutGroupDoubled(col, p, 4, Load32(r2), offset2);
  PutGroupDoubled(col, p, 5, Load32(r2 + 4), offset2);
  const uint32_t packed =
      static_cast<uint32_t>(static_cast<uint8_t>(src[8])) |
      (static_cast<uint32_t>(static_cast<uint8_t>(r1[8])) << 8) |
      (static_cast<uint32_t>(static_cast<uint8_t>(r2[8])) << 16) | zp_high;
  PutGroupDoubled(col, p, 6, static_cast<int32_t>(packed), offset2);
}

}  // namespace

// ConvWindowRowsPermuted (selection.h): the window's rows are read a word
// at a time in place (pixels inside the input) or from a byte copy with the
// padding as the input zero point (border pixels), each row's whole words
// first, then the rows' last bytes packed into words; the weights are
// reordered once per call to match. Integer sums are exact in any order.
void ConvWindowPermutedS8(const ConvParams& params,
                          const int32_t* output_multiplier,
                          const int32_t* output_shift,
                          const Shape& input_shape, const int8_t* input,
                          const Shape& filter_shape, const int8_t* filter,
                          int channel_stride, int tap_stride,
                          const int32_t* bias, const Shape& output_shape,
                          int8_t* output, void* scratch) {
  const OutputStage stage =
      MakeStage(params, output_multiplier, output_shift);
  const int in_h = input_shape.dims[1];
  const int in_w = input_shape.dims[2];
  const int in_ch = input_shape.dims[3];
  const int filter_h = filter_shape.dims[1];
  const int filter_w = filter_shape.dims[2];
  const int out_h = output_shape.dims[1];
  const int out_w = output_shape.dims[2];
  const int channels = output_shape.dims[3];
  const int row_len = filter_w * in_ch;
  const int words = row_len / 4;
  const int rest = row_len % 4;
  const int permuted = PermutedWindowDepth(filter_shape);
  const int32_t offset = params.input_offset;
  const int8_t zp = static_cast<int8_t>(-offset);

  int8_t* rows = static_cast<int8_t*>(scratch) +
                 GemmScratchBytes(permuted, channels);
  int8_t* window = rows + channels * permuted;
  for (int c = 0; c < channels; ++c) {
    const int8_t* f = filter + c * channel_stride;
    int8_t* r = rows + c * permuted;
    int k = 0;
    for (int fy = 0; fy < filter_h; ++fy) {
      for (int i = 0; i < words * 4; ++i) {
        r[k++] = f[(fy * row_len + i) * tap_stride];
      }
    }
    for (int fy = 0; fy < filter_h; ++fy) {
      for (int i = words * 4; i < row_len; ++i) {
        r[k++] = f[(fy * row_len + i) * tap_stride];
      }
    }
    for (; k < permuted; ++k) r[k] = 0;
  }
  GemmParams g;
  g.num_pixels = output_shape.dims[0] * out_h * out_w;
  g.depth = permuted;
  g.channels = channels;
  g.weights = rows;
  g.bias = bias;
  g.channel_base = 0;
  g.out = output;
  g.out_pixel_stride = channels;
  // The mode for the permuted depth, which PrepareFastChannels bounds by.
  const RequantMode mode =
      ChooseRequantMode(stage, channels, bias, permuted, true);

  const int32_t offset2 = Dup16(offset);
  const uint32_t zp_byte = static_cast<uint8_t>(zp);
  const bool unrolled = filter_h == 3 && words == 2 && rest == 1;
  // The first pixel of the pass whose four columns the call at p = 0 filled.
  int filled_pass = -1;
  Gemm1x4(mode, g, stage, scratch, [&](int16_t* col, int p, int pixel,
                                       bool doubled) {
    if (p > 0 && pixel - p == filled_pass) return;
    const int plane = out_h * out_w;
    const int b = pixel / plane;
    const int rem = pixel - b * plane;
    const int out_y = rem / out_w;
    const int out_x = rem - out_y * out_w;
    const int y0 = out_y * params.stride_height - params.pad_height;
    const int x0 = out_x * params.stride_width - params.pad_width;
    const int y_last = y0 + (filter_h - 1) * params.dilation_height;
    if (p == 0) {
      filled_pass = -1;
      // Four pixels of one output row, every window inside the input (most
      // of VWW's first layer): one address computation for the four.
      const int x_last = x0 + 3 * params.stride_width;
      if (unrolled && doubled && pixel + 4 <= g.num_pixels &&
          out_x + 3 < out_w && x0 >= 0 && x_last + filter_w <= in_w &&
          y0 >= 0 && y_last < in_h) {
        const int8_t* first = input + ((b * in_h + y0) * in_w + x0) * in_ch;
        const int row_step = params.dilation_height * in_w * in_ch;
        const int step = params.stride_width * in_ch;
        for (int q = 0; q < 4; ++q) {
          FillPermuted3x9Doubled(col, q, first + q * step, row_step, offset2,
                                 zp_byte << 24);
        }
        filled_pass = pixel;
        return;
      }
    }
    // Row fy of the window starts at src + fy * row_step.
    const int8_t* src;
    int row_step;
    if (x0 >= 0 && x0 + filter_w <= in_w && y0 >= 0 && y_last < in_h) {
      src = input + ((b * in_h + y0) * in_w + x0) * in_ch;
      row_step = params.dilation_height * in_w * in_ch;
    } else {
      // The taps inside the input are one run of each row (dilation 1).
      int fx0 = x0 < 0 ? -x0 : 0;
      if (fx0 > filter_w) fx0 = filter_w;
      int fx1 = in_w - x0 < filter_w ? in_w - x0 : filter_w;
      if (fx1 < fx0) fx1 = fx0;
      int8_t* dst = window;
      for (int fy = 0; fy < filter_h; ++fy, dst += row_len) {
        const int y = y0 + fy * params.dilation_height;
        if (y < 0 || y >= in_h) {
          for (int i = 0; i < row_len; ++i) dst[i] = zp;
          continue;
        }
        const int8_t* row = input + ((b * in_h + y) * in_w + x0) * in_ch;
        for (int i = 0; i < fx0 * in_ch; ++i) dst[i] = zp;
        for (int i = fx0 * in_ch; i < fx1 * in_ch; ++i) dst[i] = row[i];
        for (int i = fx1 * in_ch; i < row_len; ++i) dst[i] = zp;
      }
      src = window;
      row_step = row_len;
    }
    if (!doubled) {
      // The reference requantization: plain (undoubled) columns.
      int k = 0;
      for (int fy = 0; fy < filter_h; ++fy) {
        for (int i = 0; i < words * 4; ++i, ++k) {
          ColumnPut(col, p, k, static_cast<int16_t>(src[fy * row_step + i] +
                                                    offset));
        }
      }
      for (int fy = 0; fy < filter_h; ++fy) {
        for (int i = words * 4; i < row_len; ++i, ++k) {
          ColumnPut(col, p, k, static_cast<int16_t>(src[fy * row_step + i] +
                                                    offset));
        }
      }
      for (; k < permuted; ++k) ColumnPut(col, p, k, 0);
      return;
    }
    if (unrolled) {
      FillPermuted3x9Doubled(col, p, src, row_step, offset2, zp_byte << 24);
    } else {
      FillPermutedDoubled(col, p, src, row_step, filter_h, words, rest,
                          offset2, zp_byte);
    }
  });
}

void ConvPerChannelS8_ArmDsp(const ConvParams& params,
                             const int32_t* output_multiplier,
                             const int32_t* output_shift,
                             const Shape& input_shape, const int8_t* input,
                             const Shape& filter_shape, const int8_t* filter,
                             const int32_t* bias, const Shape& output_shape,
                             int8_t* output, void* scratch) {
  if (ConvWindowRowsPermuted(params, filter_shape)) {
    ConvWindowPermutedS8(params, output_multiplier, output_shift, input_shape,
                         input, filter_shape, filter, Depth(filter_shape), 1,
                         bias, output_shape, output, scratch);
    return;
  }
  const OutputStage stage =
      MakeStage(params, output_multiplier, output_shift);

  const GemmParams g =
      MakeGemm(filter_shape, filter, bias, output_shape, output);
  const RequantMode mode =
      ChooseRequantMode(stage, g.channels, bias, g.depth, true);

  const int in_h = input_shape.dims[1];
  const int in_w = input_shape.dims[2];
  const int in_ch = input_shape.dims[3];
  const int filter_h = filter_shape.dims[1];
  const int filter_w = filter_shape.dims[2];
  const int out_h = output_shape.dims[1];
  const int out_w = output_shape.dims[2];
  const int32_t offset = params.input_offset;
  // The taps of one filter row, in input channels.
  const int row_len = filter_w * in_ch;

  auto fill = [&](int16_t* col, int p, int pixel, bool doubled) {
    const int plane = out_h * out_w;
    const int b = pixel / plane;
    const int rest = pixel - b * plane;
    const int out_y = rest / out_w;
    const int out_x = rest - out_y * out_w;
    const int y0 = out_y * params.stride_height - params.pad_height;
    const int x0 = out_x * params.stride_width - params.pad_width;
    int k = 0;
    for (int fy = 0; fy < filter_h; ++fy, k += row_len) {
      const int y = y0 + fy * params.dilation_height;
      if (y < 0 || y >= in_h) {
        ColumnPutZeros(col, p, k, row_len);
        continue;
      }
      const int8_t* row = input + (b * in_h + y) * in_w * in_ch;
      if (params.dilation_width == 1) {
        // The taps inside the image are one run of the input row.
        int fx0 = x0 < 0 ? -x0 : 0;
        if (fx0 > filter_w) fx0 = filter_w;
        int fx1 = in_w - x0 < filter_w ? in_w - x0 : filter_w;
        if (fx1 < fx0) fx1 = fx0;
        ColumnPutZeros(col, p, k, fx0 * in_ch);
        ColumnPutRun(col, p, k + fx0 * in_ch, row + (x0 + fx0) * in_ch,
                     (fx1 - fx0) * in_ch, offset, doubled);
        ColumnPutZeros(col, p, k + fx1 * in_ch, (filter_w - fx1) * in_ch);
        continue;
      }
      for (int fx = 0; fx < filter_w; ++fx) {
        const int x = x0 + fx * params.dilation_width;
        if (x < 0 || x >= in_w) {
          ColumnPutZeros(col, p, k + fx * in_ch, in_ch);
        } else {
          ColumnPutRun(col, p, k + fx * in_ch, row + x * in_ch, in_ch, offset,
                       doubled);
        }
      }
    }
  };
  Gemm1x4(mode, g, stage, scratch, fill);
}

void Conv1x1S8_ArmDsp(const ConvParams& params,
                      const int32_t* output_multiplier,
                      const int32_t* output_shift, const Shape& input_shape,
                      const int8_t* input, const Shape& filter_shape,
                      const int8_t* filter, const int32_t* bias,
                      const Shape& output_shape, int8_t* output,
                      void* scratch) {
  const OutputStage stage =
      MakeStage(params, output_multiplier, output_shift);
  const GemmParams g =
      MakeGemm(filter_shape, filter, bias, output_shape, output);
  const RequantMode mode =
      ChooseRequantMode(stage, g.channels, bias, g.depth, true);
  const int in_h = input_shape.dims[1];
  const int in_w = input_shape.dims[2];
  const int in_ch = input_shape.dims[3];
  const int out_h = output_shape.dims[1];
  const int out_w = output_shape.dims[2];
  const int32_t offset = params.input_offset;
  if (params.stride_height == 1 && params.stride_width == 1) {
    // Output pixel i reads input pixel i; a full pass of four fills its
    // columns in one call (at p = 0).
    const int full = g.num_pixels & ~3;
    Gemm1x4(mode, g, stage, scratch,
            [&](int16_t* c, int p, int pixel, bool doubled) {
              if (doubled && pixel < full) {
                if (p == 0) {
                  ColumnPutRun4Doubled(c, input + pixel * in_ch, in_ch, in_ch,
                                       offset);
                }
                return;
              }
              ColumnPutRun(c, p, 0, input + pixel * in_ch, in_ch, offset,
                           doubled);
            });
    return;
  }
  Gemm1x4(mode, g, stage, scratch, [&](int16_t* c, int p, int pixel,
                                       bool doubled) {
    const int plane = out_h * out_w;
    const int b = pixel / plane;
    const int rest = pixel - b * plane;
    const int out_y = rest / out_w;
    const int out_x = rest - out_y * out_w;
    const int y = out_y * params.stride_height;
    const int x = out_x * params.stride_width;
    ColumnPutRun(c, p, 0, input + ((b * in_h + y) * in_w + x) * in_ch, in_ch,
                 offset, doubled);
  });
}

}  // namespace arm_dsp

namespace opt {
namespace {

struct ConvS8_ArmDsp {
  using Shapes = arm_dsp::ArmDspShapes;
  static constexpr auto& Conv1x1 = arm_dsp::Conv1x1S8_ArmDsp;
  static constexpr auto& General = arm_dsp::ConvPerChannelS8_ArmDsp;
};

}  // namespace

size_t ConvPerChannelS8_ScratchBytes(const ConvParams& params,
                                     const Shape& input_shape,
                                     const Shape& filter_shape,
                                     const Shape& output_shape) {
  return arm_common::ConvScratchBytes<arm_dsp::ArmDspShapes>(
      params, input_shape, filter_shape, output_shape);
}

void ConvPerChannelS8(const ConvParams& params,
                      const int32_t* output_multiplier,
                      const int32_t* output_shift, const Shape& input_shape,
                      const int8_t* input, const Shape& filter_shape,
                      const int8_t* filter, const int32_t* bias,
                      const Shape& output_shape, int8_t* output,
                      void* scratch) {
  arm_common::RunConvPerChannelS8<ConvS8_ArmDsp>(
      params, output_multiplier, output_shift, input_shape, input,
      filter_shape, filter, bias, output_shape, output, scratch);
}

}  // namespace opt
}  // namespace mote
