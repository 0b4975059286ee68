#include "kernels/ref/conv_2d.h"

#include "kernels/ref/conv_internal.h"

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

// For every output element: Acc{} accumulated with `mac` over the taps inside
// the image (input channels innermost), then output = finish(acc, channel).
template <typename Acc, typename In, typename Filter, typename Out,
          typename Mac, typename Finish>
void ConvLoop(const ConvParams& params, const Shape& input_shape,
              const In* input, const Shape& filter_shape, const Filter* filter,
              const Shape& output_shape, Out* output, Mac mac, Finish finish) {
  const int batches = input_shape.dims[0];
  const int depth = input_shape.dims[3];
  for (int b = 0; b < batches; ++b) {
    for (int out_y = 0; out_y < output_shape.dims[1]; ++out_y) {
      for (int out_x = 0; out_x < output_shape.dims[2]; ++out_x) {
        for (int oc = 0; oc < output_shape.dims[3]; ++oc) {
          Acc acc = Acc{};
          internal::ForEachTapInside(
              params, input_shape.dims[1], input_shape.dims[2],
              filter_shape.dims[1], filter_shape.dims[2], out_y, out_x,
              [&](int in_y, int in_x, int fy, int fx) {
                const In* in =
                    input + internal::Offset4(input_shape, b, in_y, in_x, 0);
                const Filter* f =
                    filter + internal::Offset4(filter_shape, oc, fy, fx, 0);
                for (int ic = 0; ic < depth; ++ic) {
                  acc = mac(acc, in[ic], f[ic]);
                }
              });
          output[internal::Offset4(output_shape, b, out_y, out_x, oc)] =
              finish(acc, oc);
        }
      }
    }
  }
}

}  // namespace

void ConvPerChannelS8(const ConvParams& params,
                      const int32_t* output_multiplier,
                      const int32_t* output_shift, const Shape& input_shape,
                      const int8_t* input, const Shape& filter_shape,
                      const int8_t* filter, const int32_t* bias,
                      const Shape& output_shape, int8_t* output) {
  ConvLoop<int32_t>(params, input_shape, input, filter_shape, filter,
                    output_shape, output,
                    internal::MacInt<int32_t>{params.input_offset, 0},
                    internal::MakeFinishInt<int32_t, int32_t, int8_t>(
                        params, bias, output_multiplier, output_shift));
}

void ConvPerChannelS16(const ConvParams& params,
                       const int32_t* output_multiplier,
                       const int32_t* output_shift, const Shape& input_shape,
                       const int16_t* input, const Shape& filter_shape,
                       const int8_t* filter, const int64_t* bias,
                       const Shape& output_shape, int16_t* output) {
  ConvLoop<int64_t>(params, input_shape, input, filter_shape, filter,
                    output_shape, output, internal::MacInt<int64_t>{},
                    internal::MakeFinishInt<int64_t, int64_t, int16_t>(
                        params, bias, output_multiplier, output_shift));
}

void ConvPerChannelS16(const ConvParams& params,
                       const int32_t* output_multiplier,
                       const int32_t* output_shift, const Shape& input_shape,
                       const int16_t* input, const Shape& filter_shape,
                       const int8_t* filter, const int32_t* bias,
                       const Shape& output_shape, int16_t* output) {
  ConvLoop<int32_t>(params, input_shape, input, filter_shape, filter,
                    output_shape, output, internal::MacInt<int32_t>{},
                    internal::MakeFinishInt<int32_t, int32_t, int16_t>(
                        params, bias, output_multiplier, output_shift));
}

void ConvF32(const ConvParams& params, const Shape& input_shape,
             const float* input, const Shape& filter_shape, const float* filter,
             const float* bias, const Shape& output_shape, float* output) {
  ConvLoop<float>(
      params, input_shape, input, filter_shape, filter, output_shape, output,
      internal::MacF32{},
      internal::FinishF32{bias, params.float_act_min, params.float_act_max});
}

}  // namespace ref
}  // namespace mote
