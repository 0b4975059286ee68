#include "kernels/arm_dsp/conv_2d.h"

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

}  // namespace

void ConvPerChannelS8_ArmDsp(const ConvParams& params,
                             const int32_t* output_multiplier,
                             const int32_t* output_shift,
                             const Shape& input_shape, const int8_t* input,
                             const Shape& filter_shape, const int8_t* filter,
                             const int32_t* bias, const Shape& output_shape,
                             int8_t* output, void* scratch) {
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
    // Output pixel i reads input pixel i.
    Gemm1x4(mode, g, stage, scratch,
            [&](int16_t* c, int p, int pixel, bool doubled) {
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

size_t ConvPerChannelS8_ScratchBytes(const ConvParams& params,
                                     const Shape& input_shape,
                                     const Shape& filter_shape,
                                     const Shape& output_shape) {
  return arm_dsp::ConvScratchBytes(params, input_shape, filter_shape,
                                   output_shape);
}

void ConvPerChannelS8(const ConvParams& params,
                      const int32_t* output_multiplier,
                      const int32_t* output_shift, const Shape& input_shape,
                      const int8_t* input, const Shape& filter_shape,
                      const int8_t* filter, const int32_t* bias,
                      const Shape& output_shape, int8_t* output,
                      void* scratch) {
  switch (arm_dsp::SelectConv(params, input_shape, filter_shape,
                              output_shape)) {
    case arm_dsp::ConvKernel::k1x1:
      arm_dsp::Conv1x1S8_ArmDsp(params, output_multiplier, output_shift,
                                input_shape, input, filter_shape, filter, bias,
                                output_shape, output, scratch);
      return;
    case arm_dsp::ConvKernel::kGeneral:
      arm_dsp::ConvPerChannelS8_ArmDsp(params, output_multiplier,
                                       output_shift, input_shape, input,
                                       filter_shape, filter, bias,
                                       output_shape, output, scratch);
      return;
    case arm_dsp::ConvKernel::kReference:
      break;
  }
  ref::ConvPerChannelS8(params, output_multiplier, output_shift, input_shape,
                        input, filter_shape, filter, bias, output_shape,
                        output);
}

}  // namespace opt
}  // namespace mote
