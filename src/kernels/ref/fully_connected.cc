#include "kernels/ref/fully_connected.h"

#include "kernels/ref/conv_internal.h"

namespace mote {
namespace ref {
namespace {

using internal::FinishF32;
using internal::FinishInt;
using internal::MacF32;
using internal::MacInt;

// output[b, u] = finish(sum over d of mac(input[b, d], filter[u, d]), u).
// TFLite takes units and depth from the last two filter dimensions and the
// batch count from the output (all its dimensions but the last).
template <typename Acc, typename In, typename Filter, typename Out,
          typename Mac, typename Finish>
void FullyConnectedLoop(const Shape& filter_shape, const In* input,
                        const Filter* filter, const Shape& output_shape,
                        Out* output, Mac mac, Finish finish) {
  const int units = output_shape.dims[output_shape.rank - 1];
  const int depth = filter_shape.dims[filter_shape.rank - 1];
  const int batches =
      static_cast<int>(output_shape.FlatSize(0, output_shape.rank - 1));
  for (int b = 0; b < batches; ++b) {
    const In* in = input + b * depth;
    for (int u = 0; u < units; ++u) {
      const Filter* w = filter + u * depth;
      Acc acc = Acc{};
      for (int i = 0; i < depth; ++i) acc = mac(acc, in[i], w[i]);
      output[b * units + u] = finish(acc, u);
    }
  }
}

template <typename Acc, typename Bias, typename Out>
FinishInt<Acc, Bias, Out> PerTensorFinish(const FullyConnectedParams& p,
                                          const Bias* bias) {
  return {bias,         &p.output_multiplier, &p.output_shift, 0,
          p.output_offset, p.act_min,         p.act_max};
}

}  // namespace

void FullyConnectedS8(const FullyConnectedParams& params,
                      const Shape& input_shape, const int8_t* input,
                      const Shape& filter_shape, const int8_t* filter,
                      const int32_t* bias, const Shape& output_shape,
                      int8_t* output) {
  (void)input_shape;
  FullyConnectedLoop<int32_t>(
      filter_shape, input, filter, output_shape, output,
      MacInt<int32_t>{params.input_offset, params.filter_offset},
      PerTensorFinish<int32_t, int32_t, int8_t>(params, bias));
}

void FullyConnectedPerChannelS8(const FullyConnectedParams& params,
                                const int32_t* output_multiplier,
                                const int32_t* output_shift,
                                const Shape& input_shape, const int8_t* input,
                                const Shape& filter_shape, const int8_t* filter,
                                const int32_t* bias, const Shape& output_shape,
                                int8_t* output) {
  (void)input_shape;
  // TFLite's per-channel kernel ignores the filter offset (symmetric weights).
  FullyConnectedLoop<int32_t>(
      filter_shape, input, filter, output_shape, output,
      MacInt<int32_t>{params.input_offset, 0},
      FinishInt<int32_t, int32_t, int8_t>{bias, output_multiplier,
                                          output_shift, 1, params.output_offset,
                                          params.act_min, params.act_max});
}

void FullyConnectedS16(const FullyConnectedParams& params,
                       const Shape& input_shape, const int16_t* input,
                       const Shape& filter_shape, const int8_t* filter,
                       const int64_t* bias, const Shape& output_shape,
                       int16_t* output) {
  (void)input_shape;
  // TFLite's 16x8 kernel applies the filter offset but no input offset (the
  // input zero point is 0).
  FullyConnectedLoop<int64_t>(
      filter_shape, input, filter, output_shape, output,
      MacInt<int64_t>{0, params.filter_offset},
      PerTensorFinish<int64_t, int64_t, int16_t>(params, bias));
}

void FullyConnectedF32(const FullyConnectedParams& params,
                       const Shape& input_shape, const float* input,
                       const Shape& filter_shape, const float* filter,
                       const float* bias, const Shape& output_shape,
                       float* output) {
  (void)input_shape;
  FullyConnectedLoop<float>(
      filter_shape, input, filter, output_shape, output, MacF32{},
      FinishF32{bias, params.float_act_min, params.float_act_max});
}

}  // namespace ref
}  // namespace mote
