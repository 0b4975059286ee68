#include "kernels/ref/depthwise_conv_2d.h"

#include <algorithm>

#include "kernels/quant_math.h"

namespace mote {
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

void DepthwiseConvPerChannelS8(const DepthwiseConvParams& params,
                               const int32_t* output_multiplier,
                               const int32_t* output_shift,
                               const Shape& input_shape, const int8_t* input,
                               const Shape& filter_shape, const int8_t* filter,
                               const int32_t* bias, const Shape& output_shape,
                               int8_t* output) {
  const int batches = input_shape.dims[0];
  const int input_height = input_shape.dims[1];
  const int input_width = input_shape.dims[2];
  const int input_depth = input_shape.dims[3];
  const int filter_height = filter_shape.dims[1];
  const int filter_width = filter_shape.dims[2];
  const int output_height = output_shape.dims[1];
  const int output_width = output_shape.dims[2];
  const int multiplier = params.depth_multiplier;

  for (int b = 0; b < batches; ++b) {
    for (int out_y = 0; out_y < output_height; ++out_y) {
      const int in_y_origin = out_y * params.stride_height - params.pad_height;
      for (int out_x = 0; out_x < output_width; ++out_x) {
        const int in_x_origin = out_x * params.stride_width - params.pad_width;
        for (int ic = 0; ic < input_depth; ++ic) {
          for (int m = 0; m < multiplier; ++m) {
            const int oc = ic * multiplier + m;
            int32_t acc = 0;
            for (int fy = 0; fy < filter_height; ++fy) {
              const int in_y = in_y_origin + params.dilation_height * fy;
              if (in_y < 0 || in_y >= input_height) continue;
              for (int fx = 0; fx < filter_width; ++fx) {
                const int in_x = in_x_origin + params.dilation_width * fx;
                if (in_x < 0 || in_x >= input_width) continue;
                const int32_t in_val =
                    input[Offset4(input_shape, b, in_y, in_x, ic)];
                const int32_t f_val =
                    filter[Offset4(filter_shape, 0, fy, fx, oc)];
                acc += f_val * (in_val + params.input_offset);
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
}

void DepthwiseConvF32(const DepthwiseConvParams& params,
                      const Shape& input_shape, const float* input,
                      const Shape& filter_shape, const float* filter,
                      const float* bias, const Shape& output_shape,
                      float* output) {
  const int batches = input_shape.dims[0];
  const int input_height = input_shape.dims[1];
  const int input_width = input_shape.dims[2];
  const int input_depth = input_shape.dims[3];
  const int filter_height = filter_shape.dims[1];
  const int filter_width = filter_shape.dims[2];
  const int output_height = output_shape.dims[1];
  const int output_width = output_shape.dims[2];
  const int multiplier = params.depth_multiplier;

  for (int b = 0; b < batches; ++b) {
    for (int out_y = 0; out_y < output_height; ++out_y) {
      const int in_y_origin = out_y * params.stride_height - params.pad_height;
      for (int out_x = 0; out_x < output_width; ++out_x) {
        const int in_x_origin = out_x * params.stride_width - params.pad_width;
        for (int ic = 0; ic < input_depth; ++ic) {
          for (int m = 0; m < multiplier; ++m) {
            const int oc = ic * multiplier + m;
            float total = 0.0f;
            for (int fy = 0; fy < filter_height; ++fy) {
              const int in_y = in_y_origin + params.dilation_height * fy;
              if (in_y < 0 || in_y >= input_height) continue;
              for (int fx = 0; fx < filter_width; ++fx) {
                const int in_x = in_x_origin + params.dilation_width * fx;
                if (in_x < 0 || in_x >= input_width) continue;
                total += input[Offset4(input_shape, b, in_y, in_x, ic)] *
                         filter[Offset4(filter_shape, 0, fy, fx, oc)];
              }
            }
            // As TFLite: the bias (0.0f when absent) is added to the sum last.
            const float bias_value = bias != nullptr ? bias[oc] : 0.0f;
            output[Offset4(output_shape, b, out_y, out_x, oc)] = std::min(
                std::max(total + bias_value, params.float_act_min),
                params.float_act_max);
          }
        }
      }
    }
  }
}

}  // namespace ref
}  // namespace mote
