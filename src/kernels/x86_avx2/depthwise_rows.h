// The geometry the x86 depthwise kernels share (plain C++, no instruction
// set): which taps of an output pixel lie inside the image, and where.
#ifndef MOTE_KERNELS_X86_AVX2_DEPTHWISE_ROWS_H_
#define MOTE_KERNELS_X86_AVX2_DEPTHWISE_ROWS_H_

#include <cstddef>
#include <cstdint>

#include "kernels/ref/depthwise_conv_2d.h"
#include "kernels/x86_avx2/conv_rows.h"
#include "mote/types.h"

namespace mote {
namespace x86 {

struct DepthwiseRows {
  int batches = 0, in_h = 0, in_w = 0, in_ch = 0, multiplier = 1;
  int channels = 0;  // output channels = in_ch * multiplier
  int out_h = 0, out_w = 0, filter_h = 0, filter_w = 0;
  int stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1;
  int pad_h = 0, pad_w = 0;
  int taps = 0;  // filter_h * filter_w

  static DepthwiseRows Make(const DepthwiseConvParams& p, const Shape& input,
                            const Shape& filter, const Shape& output) {
    DepthwiseRows r;
    r.batches = input.dims[0];
    r.in_h = input.dims[1];
    r.in_w = input.dims[2];
    r.in_ch = input.dims[3];
    r.multiplier = p.depth_multiplier;
    r.channels = output.dims[3];
    r.out_h = output.dims[1];
    r.out_w = output.dims[2];
    r.filter_h = filter.dims[1];
    r.filter_w = filter.dims[2];
    r.stride_h = p.stride_height;
    r.stride_w = p.stride_width;
    r.dilation_h = p.dilation_height;
    r.dilation_w = p.dilation_width;
    r.pad_h = p.pad_height;
    r.pad_w = p.pad_width;
    r.taps = r.filter_h * r.filter_w;
    return r;
  }

  // The taps of output (oy, ox) that lie inside the image, in the
  // reference's order: their indices (fy * filter_w + fx) in tap[] and
  // their pixels in `image` (one batch) in pixel[]. Returns how many.
  int ValidTaps(const int8_t* image, int oy, int ox, int* tap,
                const int8_t** pixel) const {
    const int y0 = oy * stride_h - pad_h;
    const int x0 = ox * stride_w - pad_w;
    int n = 0;
    for (int fy = 0; fy < filter_h; ++fy) {
      const int iy = y0 + fy * dilation_h;
      if (iy < 0 || iy >= in_h) continue;
      for (int fx = 0; fx < filter_w; ++fx) {
        const int ix = x0 + fx * dilation_w;
        if (ix < 0 || ix >= in_w) continue;
        tap[n] = fy * filter_w + fx;
        pixel[n] = image + (static_cast<size_t>(iy) * in_w + ix) * in_ch;
        ++n;
      }
    }
    return n;
  }
};

// Largest filter (taps x channels) of a one-channel layer that is
// transposed on the stack and run as a convolution.
constexpr int kDepthwiseMaxOneChannelFilter = 4096;

// Whether a depthwise layer runs as a convolution (OneChannelConvRows):
// one input channel, a filter that fits the stack, and taps the packed
// convolution of the instruction set (largest K: packed_max_k) takes.
inline bool DepthwiseRunsAsConv(const DepthwiseRows& r, int packed_max_k) {
  return r.in_ch == 1 && r.taps * r.channels <= kDepthwiseMaxOneChannelFilter &&
         r.taps <= packed_max_k;
}

// A depthwise layer over one input channel is a convolution with one input
// channel and `multiplier` filters: its filter [1, H, W, M] transposed to
// [M, H, W, 1] into `transposed` (kDepthwiseMaxOneChannelFilter values),
// it runs as one, channels in lanes. Returns that convolution's rows.
inline ConvRows OneChannelConvRows(const DepthwiseRows& r,
                                   const DepthwiseConvParams& params,
                                   const Shape& input, const int8_t* filter,
                                   const Shape& output, int8_t* transposed) {
  for (int c = 0; c < r.channels; ++c) {
    for (int t = 0; t < r.taps; ++t) {
      transposed[c * r.taps + t] = filter[t * r.channels + c];
    }
  }
  const Shape conv_filter = MakeShape({r.channels, r.filter_h, r.filter_w, 1});
  return ConvRows::Make(params, input, conv_filter, output);
}

}  // namespace x86
}  // namespace mote

#endif  // MOTE_KERNELS_X86_AVX2_DEPTHWISE_ROWS_H_
