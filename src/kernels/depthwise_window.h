// The input window of one depthwise-convolution output pixel, shared by the
// optimised depthwise kernels of every instruction set (no intrinsics here):
// which input pixel each tap reads, and which taps fall in the padding.
// Internal to src/kernels.
#ifndef MOTE_KERNELS_DEPTHWISE_WINDOW_H_
#define MOTE_KERNELS_DEPTHWISE_WINDOW_H_

#include <cstdint>

#include "kernels/ref/depthwise_conv_2d.h"
#include "mote/types.h"

namespace mote {

// Calls fn(k, p) for the taps k = 0 .. filter_h * filter_w - 1 of output
// pixel `pixel` (flat over batch, y, x) and input channel `channel`: p points
// at the input byte the tap reads, or is null where the tap is in the
// padding.
template <typename Fn>
inline void ForEachWindowTap(const DepthwiseConvParams& params,
                             const Shape& input_shape,
                             const Shape& filter_shape,
                             const Shape& output_shape, const int8_t* input,
                             int channel, int pixel, Fn&& fn) {
  const int in_h = input_shape.dims[1];
  const int in_w = input_shape.dims[2];
  const int in_ch = input_shape.dims[3];
  const int out_w = output_shape.dims[2];
  const int plane = output_shape.dims[1] * out_w;
  const int b = pixel / plane;
  const int rest = pixel - b * plane;
  const int out_y = rest / out_w;
  const int out_x = rest - out_y * out_w;
  const int y0 = out_y * params.stride_height - params.pad_height;
  const int x0 = out_x * params.stride_width - params.pad_width;
  int k = 0;
  for (int fy = 0; fy < filter_shape.dims[1]; ++fy) {
    const int y = y0 + fy * params.dilation_height;
    const bool row_inside = y >= 0 && y < in_h;
    const int8_t* row = input + (b * in_h + y) * in_w * in_ch + channel;
    for (int fx = 0; fx < filter_shape.dims[2]; ++fx, ++k) {
      const int x = x0 + fx * params.dilation_width;
      fn(k, row_inside && x >= 0 && x < in_w ? row + x * in_ch : nullptr);
    }
  }
}

// The tap rows of the channels-in-lanes kernels: taps[t] points at channel 0
// of the input pixel tap t reads, or at a row of the input zero point where
// the tap is in the padding. Walk the output pixels in order (Row, then
// Pixel for out_x = 0, 1, ...): a pixel whose window lies inside the input,
// after one that did too, moves every row by the stride instead of
// recomputing it (most pixels of a large layer).
class DepthwiseTapRows {
 public:
  DepthwiseTapRows(const DepthwiseConvParams& params, const Shape& input_shape,
                   const Shape& filter_shape, const int8_t* input,
                   const int8_t* zero_point_row, const int8_t** taps)
      : params_(params),
        input_(input),
        zero_point_row_(zero_point_row),
        taps_(taps),
        in_h_(input_shape.dims[1]),
        in_w_(input_shape.dims[2]),
        channels_(input_shape.dims[3]),
        filter_h_(filter_shape.dims[1]),
        filter_w_(filter_shape.dims[2]),
        span_w_((filter_shape.dims[2] - 1) * params.dilation_width),
        step_(params.stride_width * input_shape.dims[3]) {}

  void Row(int b, int out_y) {
    b_ = b;
    y0_ = out_y * params_.stride_height - params_.pad_height;
    rows_inside_ =
        y0_ >= 0 && y0_ + (filter_h_ - 1) * params_.dilation_height < in_h_;
    previous_inside_ = false;
  }

  // kTaps: filter_h * filter_w when known at compile time (unrolled), or 0.
  template <int kTaps>
  void Pixel(int out_x) {
    const int x0 = out_x * params_.stride_width - params_.pad_width;
    const bool inside = rows_inside_ && x0 >= 0 && x0 + span_w_ < in_w_;
    if (inside && previous_inside_) {
      const int taps = kTaps != 0 ? kTaps : filter_h_ * filter_w_;
      for (int t = 0; t < taps; ++t) taps_[t] += step_;
    } else {
      int t = 0;
      for (int fy = 0; fy < filter_h_; ++fy) {
        const int y = y0_ + fy * params_.dilation_height;
        const bool row_inside = y >= 0 && y < in_h_;
        const int8_t* row = input_ + (b_ * in_h_ + y) * in_w_ * channels_;
        for (int fx = 0; fx < filter_w_; ++fx, ++t) {
          const int x = x0 + fx * params_.dilation_width;
          taps_[t] = row_inside && x >= 0 && x < in_w_ ? row + x * channels_
                                                       : zero_point_row_;
        }
      }
    }
    previous_inside_ = inside;
  }

 private:
  const DepthwiseConvParams& params_;
  const int8_t* input_;
  const int8_t* zero_point_row_;
  const int8_t** taps_;
  int in_h_, in_w_, channels_, filter_h_, filter_w_, span_w_, step_;
  int b_ = 0;
  int y0_ = 0;
  bool rows_inside_ = false;
  bool previous_inside_ = false;
};

}  // namespace mote

#endif  // MOTE_KERNELS_DEPTHWISE_WINDOW_H_
