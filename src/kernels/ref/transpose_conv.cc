#include "kernels/ref/transpose_conv.h"

#include <algorithm>

#include "kernels/quant_math.h"

namespace mote {
namespace ref {
namespace {

inline int64_t Offset4(const Shape& s, int64_t i0, int64_t i1, int64_t i2,
                       int64_t i3) {
  return ((i0 * s.dims[1] + i1) * s.dims[2] + i2) * s.dims[3] + i3;
}

// The scatter loop shared by both types: calls add(out_index, in_index,
// filter_index) for every (input element, tap) pair that lands inside the
// output, in TFLite's loop order.
template <typename Add>
void Scatter(const ConvParams& params, const Shape& input_shape,
             const Shape& filter_shape, const Shape& output_shape, Add add) {
  const int32_t batches = input_shape.dims[0];
  const int32_t in_height = input_shape.dims[1];
  const int32_t in_width = input_shape.dims[2];
  const int32_t in_depth = input_shape.dims[3];
  const int32_t filter_height = filter_shape.dims[1];
  const int32_t filter_width = filter_shape.dims[2];
  const int32_t out_height = output_shape.dims[1];
  const int32_t out_width = output_shape.dims[2];
  const int32_t out_depth = output_shape.dims[3];
  for (int32_t b = 0; b < batches; ++b) {
    for (int32_t in_y = 0; in_y < in_height; ++in_y) {
      for (int32_t in_x = 0; in_x < in_width; ++in_x) {
        for (int32_t ic = 0; ic < in_depth; ++ic) {
          const int64_t in_index = Offset4(input_shape, b, in_y, in_x, ic);
          const int64_t out_x_origin =
              int64_t{in_x} * params.stride_width - params.pad_width;
          const int64_t out_y_origin =
              int64_t{in_y} * params.stride_height - params.pad_height;
          for (int32_t fy = 0; fy < filter_height; ++fy) {
            const int64_t out_y = out_y_origin + fy;
            for (int32_t fx = 0; fx < filter_width; ++fx) {
              const int64_t out_x = out_x_origin + fx;
              if (out_x < 0 || out_x >= out_width || out_y < 0 ||
                  out_y >= out_height) {
                continue;
              }
              for (int32_t oc = 0; oc < out_depth; ++oc) {
                add(Offset4(output_shape, b, out_y, out_x, oc), in_index,
                    Offset4(filter_shape, oc, fy, fx, ic));
              }
            }
          }
        }
      }
    }
  }
}

}  // namespace

void TransposeConvPerChannelS8(const ConvParams& params,
                               const int32_t* output_multiplier,
                               const int32_t* output_shift,
                               const Shape& input_shape, const int8_t* input,
                               const Shape& filter_shape, const int8_t* filter,
                               const int32_t* bias, const Shape& output_shape,
                               int8_t* output, int32_t* scratch) {
  const int64_t n = output_shape.FlatSize();
  for (int64_t i = 0; i < n; ++i) scratch[i] = 0;
  const int32_t input_offset = params.input_offset;
  // The wrapper bounds the taps per output, so the int32 sums cannot
  // overflow.
  Scatter(params, input_shape, filter_shape, output_shape,
          [&](int64_t o, int64_t i, int64_t f) {
            scratch[o] += (input[i] + input_offset) * filter[f];
          });
  const int32_t depth = output_shape.dims[3];
  for (int64_t i = 0; i < n; ++i) {
    const int32_t oc = static_cast<int32_t>(i % depth);
    int32_t acc = scratch[i];
    if (bias != nullptr) {
      // Wraps like the two's-complement hardware TFLite runs on.
      acc = static_cast<int32_t>(static_cast<uint32_t>(acc) +
                                 static_cast<uint32_t>(bias[oc]));
    }
    acc = MultiplyByQuantizedMultiplier(acc, output_multiplier[oc],
                                        output_shift[oc]);
    acc += params.output_offset;
    acc = std::max(acc, params.act_min);
    acc = std::min(acc, params.act_max);
    output[i] = static_cast<int8_t>(acc);
  }
}

void TransposeConvF32(const ConvParams& params, const Shape& input_shape,
                      const float* input, const Shape& filter_shape,
                      const float* filter, const float* bias,
                      const Shape& output_shape, float* output) {
  const int64_t n = output_shape.FlatSize();
  for (int64_t i = 0; i < n; ++i) output[i] = 0.0f;
  Scatter(params, input_shape, filter_shape, output_shape,
          [&](int64_t o, int64_t i, int64_t f) {
            output[o] += input[i] * filter[f];
          });
  const int32_t depth = output_shape.dims[3];
  for (int64_t i = 0; i < n; ++i) {
    float acc = output[i];
    if (bias != nullptr) acc += bias[i % depth];
    output[i] = std::min(std::max(acc, params.float_act_min),
                         params.float_act_max);
  }
}

}  // namespace ref
}  // namespace mote
