// The loops and the accumulator arithmetic shared by the convolution-like
// reference kernels (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED). Internal
// to src/kernels/ref: the public entry points are the typed functions in
// conv_2d.h, depthwise_conv_2d.h and fully_connected.h.
//
// Every kernel is "accumulate products, then finish": a multiply-accumulate
// step (Mac*) applied tap by tap in TFLite's order, and a finishing step
// (Finish*) that adds the bias and rescales/clamps the accumulator. Keeping
// the two steps as small function objects lets one loop serve every dtype
// while each dtype keeps TFLite's exact arithmetic.
#ifndef MOTE_KERNELS_REF_CONV_INTERNAL_H_
#define MOTE_KERNELS_REF_CONV_INTERNAL_H_

#include <algorithm>
#include <cstdint>
#include <type_traits>

#include "kernels/quant_math.h"
#include "kernels/ref/conv_2d.h"
#include "mote/types.h"

namespace mote {
namespace ref {
namespace internal {

// Integer addition that wraps like the two's-complement hardware TFLite runs
// on, without the undefined behaviour of signed overflow.
template <typename T>
inline T AddWrapping(T a, T b) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(a) + static_cast<U>(b));
}

// Row-major offset of [i0, i1, i2, i3] in a rank-4 shape.
inline int Offset4(const Shape& s, int i0, int i1, int i2, int i3) {
  return ((i0 * s.dims[1] + i1) * s.dims[2] + i2) * s.dims[3] + i3;
}

// For output position (out_y, out_x), calls tap(in_y, in_x, fy, fx) for each
// filter tap that falls inside the image, filter rows outer, columns inner,
// as TFLite's loops do. Taps in the padding contribute nothing.
template <typename Tap>
inline void ForEachTapInside(const ConvParams& p, int input_height,
                             int input_width, int filter_height,
                             int filter_width, int out_y, int out_x, Tap tap) {
  const int in_y_origin = out_y * p.stride_height - p.pad_height;
  const int in_x_origin = out_x * p.stride_width - p.pad_width;
  for (int fy = 0; fy < filter_height; ++fy) {
    const int in_y = in_y_origin + p.dilation_height * fy;
    if (in_y < 0 || in_y >= input_height) continue;
    for (int fx = 0; fx < filter_width; ++fx) {
      const int in_x = in_x_origin + p.dilation_width * fx;
      if (in_x < 0 || in_x >= input_width) continue;
      tap(in_y, in_x, fy, fx);
    }
  }
}

// float: total += input * filter.
struct MacF32 {
  float operator()(float total, float in, float filter) const {
    return total + in * filter;
  }
};

// Integer: acc += (filter + filter_offset) * (input + input_offset), the
// product in int32 as TFLite computes it, then widened to the accumulator.
// For int16 activations both offsets are 0 (symmetric), which is what
// TFLite's 16x8 kernels assume when they leave them out.
template <typename Acc>
struct MacInt {
  int32_t input_offset = 0;
  int32_t filter_offset = 0;
  template <typename In, typename Filter>
  Acc operator()(Acc acc, In in, Filter filter) const {
    const int32_t product = (static_cast<int32_t>(filter) + filter_offset) *
                            (static_cast<int32_t>(in) + input_offset);
    return AddWrapping(acc, static_cast<Acc>(product));
  }
};

// float: the bias (0 when absent) is added to the finished sum, then clamped.
struct FinishF32 {
  const float* bias;
  float act_min;
  float act_max;
  float operator()(float total, int channel) const {
    const float bias_value = bias != nullptr ? bias[channel] : 0.0f;
    return std::min(std::max(total + bias_value, act_min), act_max);
  }
};

// Integer: acc + bias, MultiplyByQuantizedMultiplier (the int32 or int64
// overload, following Acc, as TFLite's kernels), plus the output zero point,
// clamped to [act_min, act_max]. `channel_stride` 0 applies one multiplier to
// every channel (per-tensor), 1 one per channel.
template <typename Acc, typename Bias, typename Out>
struct FinishInt {
  const Bias* bias;
  const int32_t* multiplier;
  const int32_t* shift;
  int channel_stride;
  int32_t output_offset;
  int32_t act_min;
  int32_t act_max;
  Out operator()(Acc acc, int channel) const {
    if (bias != nullptr)
      acc = AddWrapping(acc, static_cast<Acc>(bias[channel]));
    const int q = channel * channel_stride;
    int32_t v = MultiplyByQuantizedMultiplier(acc, multiplier[q], shift[q]);
    // Wraps like TFLite's int32 add does on every target it runs on; a
    // saturated product plus the zero point then clamps the same way.
    v = AddWrapping(v, output_offset);
    v = std::max(v, act_min);
    v = std::min(v, act_max);
    return static_cast<Out>(v);
  }
};

template <typename Acc, typename Bias, typename Out>
FinishInt<Acc, Bias, Out> MakeFinishInt(const ConvParams& p, const Bias* bias,
                                        const int32_t* multiplier,
                                        const int32_t* shift) {
  return {bias, multiplier, shift, 1, p.output_offset, p.act_min, p.act_max};
}

}  // namespace internal
}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_CONV_INTERNAL_H_
