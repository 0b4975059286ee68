#include "kernels/ref/conv_2d.h"

#include <algorithm>

#include "kernels/quant_math.h"

namespace mote {

ConvAxis ComputeConvAxis(Padding padding, int32_t in_size, int32_t filter_size,
                         int32_t stride, int32_t dilation) {
  ConvAxis axis;
  if (stride < 1 || dilation < 1 || in_size < 1 || filter_size < 1) {
    return axis;
  }
  // 64-bit: a large dilation must not overflow into a plausible size.
  const int64_t effective_filter =
      (static_cast<int64_t>(filter_size) - 1) * dilation + 1;
  int64_t out = 0;
  if (padding == Padding::kSame) {
    out = (static_cast<int64_t>(in_size) + stride - 1) / stride;
  } else {
    // TFLite truncates toward zero here; any result < 1 is rejected anyway.
    out = (static_cast<int64_t>(in_size) + stride - effective_filter) / stride;
  }
  if (out < 1 || out > INT32_MAX) return axis;
  // TFLite derives the padding from the output size for both modes; with
  // VALID it comes out as 0.
  int64_t total = (out - 1) * stride + effective_filter - in_size;
  if (total < 0) total = 0;
  axis.out_size = static_cast<int32_t>(out);
  axis.pad = static_cast<int32_t>(total / 2);
  axis.pad_offset = static_cast<int32_t>(total % 2);
  return axis;
}

namespace ref {
namespace {

// int32 addition that wraps like the two's-complement hardware TFLite runs
// on, without the undefined behaviour of signed overflow.
inline int32_t AddWrapping(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) +
                              static_cast<uint32_t>(b));
}

inline int Offset4(const Shape& s, int i0, int i1, int i2, int i3) {
  return ((i0 * s.dims[1] + i1) * s.dims[2] + i2) * s.dims[3] + i3;
}

}  // namespace

void ConvPerChannelS8(const ConvParams& params,
                      const int32_t* output_multiplier,
                      const int32_t* output_shift, const Shape& input_shape,
                      const int8_t* input, const Shape& filter_shape,
                      const int8_t* filter, const int32_t* bias,
                      const Shape& output_shape, int8_t* output) {
  const int batches = input_shape.dims[0];
  const int input_height = input_shape.dims[1];
  const int input_width = input_shape.dims[2];
  const int depth = input_shape.dims[3];
  const int filter_height = filter_shape.dims[1];
  const int filter_width = filter_shape.dims[2];
  const int output_height = output_shape.dims[1];
  const int output_width = output_shape.dims[2];
  const int output_depth = output_shape.dims[3];

  for (int b = 0; b < batches; ++b) {
    for (int out_y = 0; out_y < output_height; ++out_y) {
      const int in_y_origin = out_y * params.stride_height - params.pad_height;
      for (int out_x = 0; out_x < output_width; ++out_x) {
        const int in_x_origin = out_x * params.stride_width - params.pad_width;
        for (int oc = 0; oc < output_depth; ++oc) {
          int32_t acc = 0;
          for (int fy = 0; fy < filter_height; ++fy) {
            const int in_y = in_y_origin + params.dilation_height * fy;
            if (in_y < 0 || in_y >= input_height) continue;
            for (int fx = 0; fx < filter_width; ++fx) {
              const int in_x = in_x_origin + params.dilation_width * fx;
              if (in_x < 0 || in_x >= input_width) continue;
              const int8_t* in = input + Offset4(input_shape, b, in_y, in_x, 0);
              const int8_t* f = filter + Offset4(filter_shape, oc, fy, fx, 0);
              for (int ic = 0; ic < depth; ++ic) {
                acc += static_cast<int32_t>(f[ic]) *
                       (static_cast<int32_t>(in[ic]) + params.input_offset);
              }
            }
          }
          if (bias != nullptr) acc = AddWrapping(acc, bias[oc]);
          acc = MultiplyByQuantizedMultiplier(acc, output_multiplier[oc],
                                              output_shift[oc]);
          acc += params.output_offset;
          acc = std::max(acc, params.act_min);
          acc = std::min(acc, params.act_max);
          output[Offset4(output_shape, b, out_y, out_x, oc)] =
              static_cast<int8_t>(acc);
        }
      }
    }
  }
}

void ConvF32(const ConvParams& params, const Shape& input_shape,
             const float* input, const Shape& filter_shape, const float* filter,
             const float* bias, const Shape& output_shape, float* output) {
  const int batches = input_shape.dims[0];
  const int input_height = input_shape.dims[1];
  const int input_width = input_shape.dims[2];
  const int depth = input_shape.dims[3];
  const int filter_height = filter_shape.dims[1];
  const int filter_width = filter_shape.dims[2];
  const int output_height = output_shape.dims[1];
  const int output_width = output_shape.dims[2];
  const int output_depth = output_shape.dims[3];

  for (int b = 0; b < batches; ++b) {
    for (int out_y = 0; out_y < output_height; ++out_y) {
      const int in_y_origin = out_y * params.stride_height - params.pad_height;
      for (int out_x = 0; out_x < output_width; ++out_x) {
        const int in_x_origin = out_x * params.stride_width - params.pad_width;
        for (int oc = 0; oc < output_depth; ++oc) {
          float total = 0.0f;
          for (int fy = 0; fy < filter_height; ++fy) {
            const int in_y = in_y_origin + params.dilation_height * fy;
            if (in_y < 0 || in_y >= input_height) continue;
            for (int fx = 0; fx < filter_width; ++fx) {
              const int in_x = in_x_origin + params.dilation_width * fx;
              if (in_x < 0 || in_x >= input_width) continue;
              const float* in = input + Offset4(input_shape, b, in_y, in_x, 0);
              const float* f = filter + Offset4(filter_shape, oc, fy, fx, 0);
              for (int ic = 0; ic < depth; ++ic) total += in[ic] * f[ic];
            }
          }
          // Same expression as TFLite: the bias (0.0f when absent) is added
          // to the finished sum, never folded into it.
          const float bias_value = bias != nullptr ? bias[oc] : 0.0f;
          const float result = std::min(
              std::max(total + bias_value, params.float_act_min),
              params.float_act_max);
          output[Offset4(output_shape, b, out_y, out_x, oc)] = result;
        }
      }
    }
  }
}

}  // namespace ref
}  // namespace mote
