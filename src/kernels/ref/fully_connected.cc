#include "kernels/ref/fully_connected.h"

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

// TFLite takes units and depth from the last two filter dimensions and the
// batch count from the output (all its dimensions but the last).
struct FcDims {
  int batches;
  int units;
  int depth;
};

inline FcDims GetFcDims(const Shape& filter_shape, const Shape& output_shape) {
  FcDims d;
  d.units = output_shape.dims[output_shape.rank - 1];
  d.depth = filter_shape.dims[filter_shape.rank - 1];
  d.batches = static_cast<int>(output_shape.FlatSize(0, output_shape.rank - 1));
  return d;
}

inline int8_t Requantize(int32_t acc, int32_t multiplier, int32_t shift,
                         const FullyConnectedParams& params) {
  acc = MultiplyByQuantizedMultiplier(acc, multiplier, shift);
  acc += params.output_offset;
  acc = std::max(acc, params.act_min);
  acc = std::min(acc, params.act_max);
  return static_cast<int8_t>(acc);
}

}  // namespace

void FullyConnectedS8(const FullyConnectedParams& params,
                      const Shape& input_shape, const int8_t* input,
                      const Shape& filter_shape, const int8_t* filter,
                      const int32_t* bias, const Shape& output_shape,
                      int8_t* output) {
  const FcDims d = GetFcDims(filter_shape, output_shape);
  for (int b = 0; b < d.batches; ++b) {
    const int8_t* in = input + b * d.depth;
    for (int u = 0; u < d.units; ++u) {
      const int8_t* w = filter + u * d.depth;
      int32_t acc = 0;
      for (int i = 0; i < d.depth; ++i) {
        acc += (static_cast<int32_t>(w[i]) + params.filter_offset) *
               (static_cast<int32_t>(in[i]) + params.input_offset);
      }
      if (bias != nullptr) acc = AddWrapping(acc, bias[u]);
      output[b * d.units + u] = Requantize(acc, params.output_multiplier,
                                           params.output_shift, params);
    }
  }
}

void FullyConnectedPerChannelS8(const FullyConnectedParams& params,
                                const int32_t* output_multiplier,
                                const int32_t* output_shift,
                                const Shape& input_shape, const int8_t* input,
                                const Shape& filter_shape, const int8_t* filter,
                                const int32_t* bias, const Shape& output_shape,
                                int8_t* output) {
  const FcDims d = GetFcDims(filter_shape, output_shape);
  for (int b = 0; b < d.batches; ++b) {
    const int8_t* in = input + b * d.depth;
    for (int u = 0; u < d.units; ++u) {
      const int8_t* w = filter + u * d.depth;
      int32_t acc = 0;
      for (int i = 0; i < d.depth; ++i) {
        acc += static_cast<int32_t>(w[i]) *
               (static_cast<int32_t>(in[i]) + params.input_offset);
      }
      if (bias != nullptr) acc = AddWrapping(acc, bias[u]);
      output[b * d.units + u] =
          Requantize(acc, output_multiplier[u], output_shift[u], params);
    }
  }
}

void FullyConnectedF32(const FullyConnectedParams& params,
                       const Shape& input_shape, const float* input,
                       const Shape& filter_shape, const float* filter,
                       const float* bias, const Shape& output_shape,
                       float* output) {
  const FcDims d = GetFcDims(filter_shape, output_shape);
  for (int b = 0; b < d.batches; ++b) {
    const float* in = input + b * d.depth;
    for (int u = 0; u < d.units; ++u) {
      const float* w = filter + u * d.depth;
      float total = 0.0f;
      for (int i = 0; i < d.depth; ++i) total += in[i] * w[i];
      // As TFLite: the bias (0.0f when absent) is added to the sum last.
      const float bias_value = bias != nullptr ? bias[u] : 0.0f;
      output[b * d.units + u] =
          std::min(std::max(total + bias_value, params.float_act_min),
                   params.float_act_max);
    }
  }
}

}  // namespace ref
}  // namespace mote
