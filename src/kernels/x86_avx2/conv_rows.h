// A convolution seen as a matrix product, as the x86 kernels compute it:
// row m of the left matrix is the receptive field of output pixel m (NHWC
// order: batch, y, x), K = filter_h * filter_w * in_ch values in the
// filter's (fy, fx, ic) order; the filter [out_ch, K] is the right matrix.
// Plain C++ (no instruction set): shared by the AVX2 and AVX-512 kernels.
#ifndef MOTE_KERNELS_X86_AVX2_CONV_ROWS_H_
#define MOTE_KERNELS_X86_AVX2_CONV_ROWS_H_

#include <cstdint>
#include <cstring>

#include "kernels/ref/conv_2d.h"
#include "mote/types.h"

namespace mote {
namespace x86 {

// memcpy for the short runs of im2col (a few channels of a few taps):
// fixed-size overlapping moves instead of a library call per run.
inline void CopyRun(const int8_t* src, int n, int8_t* dst) {
  if (n >= 16) {
    memcpy(dst, src, static_cast<size_t>(n));
  } else if (n >= 8) {
    uint64_t a, b;
    memcpy(&a, src, 8);
    memcpy(&b, src + n - 8, 8);
    memcpy(dst, &a, 8);
    memcpy(dst + n - 8, &b, 8);
  } else if (n >= 4) {
    uint32_t a, b;
    memcpy(&a, src, 4);
    memcpy(&b, src + n - 4, 4);
    memcpy(dst, &a, 4);
    memcpy(dst + n - 4, &b, 4);
  } else {
    for (int i = 0; i < n; ++i) dst[i] = src[i];
  }
}

struct ConvRows {
  int batches = 0, in_h = 0, in_w = 0, in_ch = 0;
  int out_h = 0, out_w = 0, out_ch = 0;
  int filter_h = 0, filter_w = 0;
  int stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1;
  int pad_h = 0, pad_w = 0;
  int M = 0;  // output pixels
  int K = 0;  // values per row
  // 1x1 filter without padding: row m is one input pixel's channels.
  bool pointwise = false;

  static ConvRows Make(const ConvParams& p, const Shape& input,
                       const Shape& filter, const Shape& output) {
    ConvRows r;
    r.batches = input.dims[0];
    r.in_h = input.dims[1];
    r.in_w = input.dims[2];
    r.in_ch = input.dims[3];
    r.out_h = output.dims[1];
    r.out_w = output.dims[2];
    r.out_ch = output.dims[3];
    r.filter_h = filter.dims[1];
    r.filter_w = filter.dims[2];
    r.stride_h = p.stride_height;
    r.stride_w = p.stride_width;
    r.dilation_h = p.dilation_height;
    r.dilation_w = p.dilation_width;
    r.pad_h = p.pad_height;
    r.pad_w = p.pad_width;
    r.M = r.batches * r.out_h * r.out_w;
    r.K = r.filter_h * r.filter_w * r.in_ch;
    r.pointwise = r.filter_h == 1 && r.filter_w == 1 && r.pad_h == 0 &&
                  r.pad_w == 0;
    return r;
  }

  // The input pixel of row m of a pointwise convolution.
  const int8_t* PointwiseRow(const int8_t* input, int m) const {
    const int ox = m % out_w;
    const int rest = m / out_w;
    const int oy = rest % out_h;
    const int b = rest / out_h;
    const long offset =
        ((static_cast<long>(b) * in_h + static_cast<long>(oy) * stride_h) *
             in_w +
         static_cast<long>(ox) * stride_w) *
        in_ch;
    return input + offset;
  }

  int taps() const { return filter_h * filter_w; }

  // tap[t] = the input pixel (in_ch values) that tap t of row m reads, or
  // `zero_row` (in_ch copies of the input zero point) where it lies in the
  // padding: (zero point + input offset) * w is 0, like a skipped tap.
  void TapPointers(const int8_t* input, int m, const int8_t* zero_row,
                   const int8_t** tap) const {
    const int ox = m % out_w;
    const int rest = m / out_w;
    const int oy = rest % out_h;
    const int b = rest / out_h;
    const int y0 = oy * stride_h - pad_h;
    const int x0 = ox * stride_w - pad_w;
    for (int fy = 0; fy < filter_h; ++fy) {
      const int iy = y0 + fy * dilation_h;
      const bool row_inside = iy >= 0 && iy < in_h;
      for (int fx = 0; fx < filter_w; ++fx) {
        const int ix = x0 + fx * dilation_w;
        *tap++ = row_inside && ix >= 0 && ix < in_w
                     ? input + ((static_cast<long>(b) * in_h + iy) * in_w + ix) *
                                   in_ch
                     : zero_row;
      }
    }
  }

  // Writes row m (K values) to dst, the padding as the zero point.
  void Im2colRow(const int8_t* input, int m, int8_t zero_point,
                 int8_t* dst) const {
    Im2colWriter writer{dst, zero_point};
    ForEachRun(input, m, writer, writer);
  }

  // Walks row m in order: copy(src, n) for n values inside the image,
  // pad(n) for n values in the padding (taps the reference skips). With
  // dilation_w 1, a filter row that lies inside the image is one copy.
  template <typename Copy, typename Pad>
  void ForEachRun(const int8_t* input, int m, Copy& copy, Pad& pad) const {
    const int ox = m % out_w;
    const int rest = m / out_w;
    const int oy = rest % out_h;
    const int b = rest / out_h;
    const int y0 = oy * stride_h - pad_h;
    const int x0 = ox * stride_w - pad_w;
    const int row_values = filter_w * in_ch;
    for (int fy = 0; fy < filter_h; ++fy) {
      const int iy = y0 + fy * dilation_h;
      if (iy < 0 || iy >= in_h) {
        pad(row_values);
        continue;
      }
      const int8_t* row =
          input + (static_cast<long>(b) * in_h + iy) * in_w * in_ch;
      const int x_last = x0 + (filter_w - 1) * dilation_w;
      if (dilation_w == 1 && x0 >= 0 && x_last < in_w) {
        copy(row + static_cast<long>(x0) * in_ch, row_values);
        continue;
      }
      for (int fx = 0; fx < filter_w; ++fx) {
        const int ix = x0 + fx * dilation_w;
        if (ix < 0 || ix >= in_w) {
          pad(in_ch);
        } else {
          copy(row + static_cast<long>(ix) * in_ch, in_ch);
        }
      }
    }
  }

 private:
  struct Im2colWriter {
    int8_t* dst;
    int8_t zero_point;
    void operator()(const int8_t* src, int n) {
      CopyRun(src, n, dst);
      dst += n;
    }
    void operator()(int n) {
      memset(dst, zero_point, static_cast<size_t>(n));
      dst += n;
    }
  };
};

}  // namespace x86
}  // namespace mote

#endif  // MOTE_KERNELS_X86_AVX2_CONV_ROWS_H_
