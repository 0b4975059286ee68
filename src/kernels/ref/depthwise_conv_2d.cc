#include "kernels/ref/depthwise_conv_2d.h"

#include "kernels/ref/conv_internal.h"

namespace mote {
namespace ref {
namespace {

// For every output element (channel oc = ic * multiplier + m): Acc{}
// accumulated with `mac` over the taps of input channel ic inside the image,
// then output = finish(acc, oc).
template <typename Acc, typename In, typename Filter, typename Out,
          typename Mac, typename Finish>
void DepthwiseLoop(const DepthwiseConvParams& params, const Shape& input_shape,
                   const In* input, const Shape& filter_shape,
                   const Filter* filter, const Shape& output_shape, Out* output,
                   Mac mac, Finish finish) {
  const int batches = input_shape.dims[0];
  const int input_depth = input_shape.dims[3];
  const int multiplier = params.depth_multiplier;
  for (int b = 0; b < batches; ++b) {
    for (int out_y = 0; out_y < output_shape.dims[1]; ++out_y) {
      for (int out_x = 0; out_x < output_shape.dims[2]; ++out_x) {
        for (int ic = 0; ic < input_depth; ++ic) {
          for (int m = 0; m < multiplier; ++m) {
            const int oc = ic * multiplier + m;
            Acc acc = Acc{};
            internal::ForEachTapInside(
                params, input_shape.dims[1], input_shape.dims[2],
                filter_shape.dims[1], filter_shape.dims[2], out_y, out_x,
                [&](int in_y, int in_x, int fy, int fx) {
                  acc = mac(
                      acc,
                      input[internal::Offset4(input_shape, b, in_y, in_x, ic)],
                      filter[internal::Offset4(filter_shape, 0, fy, fx, oc)]);
                });
            output[internal::Offset4(output_shape, b, out_y, out_x, oc)] =
                finish(acc, oc);
          }
        }
      }
    }
  }
}

}  // namespace

void DepthwiseConvPerChannelS8(const DepthwiseConvParams& params,
                               const int32_t* output_multiplier,
                               const int32_t* output_shift,
                               const Shape& input_shape, const int8_t* input,
                               const Shape& filter_shape, const int8_t* filter,
                               const int32_t* bias, const Shape& output_shape,
                               int8_t* output) {
  DepthwiseLoop<int32_t>(params, input_shape, input, filter_shape, filter,
                         output_shape, output,
                         internal::MacInt<int32_t>{params.input_offset, 0},
                         internal::MakeFinishInt<int32_t, int32_t, int8_t>(
                             params, bias, output_multiplier, output_shift));
}

void DepthwiseConvPerChannelS16(const DepthwiseConvParams& params,
                                const int32_t* output_multiplier,
                                const int32_t* output_shift,
                                const Shape& input_shape, const int16_t* input,
                                const Shape& filter_shape, const int8_t* filter,
                                const int64_t* bias, const Shape& output_shape,
                                int16_t* output) {
  DepthwiseLoop<int64_t>(params, input_shape, input, filter_shape, filter,
                         output_shape, output, internal::MacInt<int64_t>{},
                         internal::MakeFinishInt<int64_t, int64_t, int16_t>(
                             params, bias, output_multiplier, output_shift));
}

void DepthwiseConvF32(const DepthwiseConvParams& params,
                      const Shape& input_shape, const float* input,
                      const Shape& filter_shape, const float* filter,
                      const float* bias, const Shape& output_shape,
                      float* output) {
  DepthwiseLoop<float>(
      params, input_shape, input, filter_shape, filter, output_shape, output,
      internal::MacF32{},
      internal::FinishF32{bias, params.float_act_min, params.float_act_max});
}

}  // namespace ref
}  // namespace mote
