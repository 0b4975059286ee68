// im2col / col2im for NHWC convolutions with TFLite's padding: the patch of
// output pixel (oy, ox) is one row of kh*kw*cin values in (ky, kx, ci)
// order, which matches an HWIO kernel's rows. Used by the float layers and
// by the int8 simulation (padding filled with the input zero point there).
#ifndef MOTE_TRAIN_IM2COL_H_
#define MOTE_TRAIN_IM2COL_H_

#include <algorithm>
#include <cstring>

#include "train/layer.h"

namespace mote::train {

struct ConvGeometry {
  int in_h = 0, in_w = 0, in_c = 0;
  int k_h = 1, k_w = 1;
  int stride_h = 1, stride_w = 1;
  int pad_top = 0, pad_left = 0;
  int out_h = 0, out_w = 0;

  static ConvGeometry Make(const SampleShape& in, int k_h, int k_w, int stride_h,
                           int stride_w, Padding padding) {
    ConvGeometry g;
    g.in_h = in.h;
    g.in_w = in.w;
    g.in_c = in.c;
    g.k_h = k_h;
    g.k_w = k_w;
    g.stride_h = stride_h;
    g.stride_w = stride_w;
    g.out_h = OutputSize(padding, in.h, k_h, stride_h);
    g.out_w = OutputSize(padding, in.w, k_w, stride_w);
    g.pad_top = PaddingBefore(padding, in.h, k_h, stride_h);
    g.pad_left = PaddingBefore(padding, in.w, k_w, stride_w);
    return g;
  }
  int patch() const { return k_h * k_w * in_c; }
  int pixels() const { return out_h * out_w; }
  // A 1x1 stride-1 unpadded conv reads the input as its own im2col matrix.
  bool pointwise() const {
    return k_h == 1 && k_w == 1 && stride_h == 1 && stride_w == 1 && pad_top == 0 &&
           pad_left == 0;
  }
};

// One sample: x [in_h][in_w][in_c] -> col [out_h*out_w][patch].
template <typename T>
void Im2Col(const ConvGeometry& g, const T* x, T* col, T pad_value) {
  const int row_bytes = g.k_w * g.in_c;
  for (int oy = 0; oy < g.out_h; ++oy) {
    for (int ox = 0; ox < g.out_w; ++ox) {
      T* out = col + (static_cast<size_t>(oy) * g.out_w + ox) * g.patch();
      const int iy0 = oy * g.stride_h - g.pad_top;
      const int ix0 = ox * g.stride_w - g.pad_left;
      const bool inside_x = ix0 >= 0 && ix0 + g.k_w <= g.in_w;
      for (int ky = 0; ky < g.k_h; ++ky, out += row_bytes) {
        const int iy = iy0 + ky;
        if (iy < 0 || iy >= g.in_h) {
          std::fill(out, out + row_bytes, pad_value);
          continue;
        }
        const T* row = x + (static_cast<size_t>(iy) * g.in_w) * g.in_c;
        if (inside_x) {
          std::memcpy(out, row + static_cast<size_t>(ix0) * g.in_c, row_bytes * sizeof(T));
          continue;
        }
        for (int kx = 0; kx < g.k_w; ++kx) {
          const int ix = ix0 + kx;
          T* dst = out + kx * g.in_c;
          if (ix < 0 || ix >= g.in_w) {
            std::fill(dst, dst + g.in_c, pad_value);
          } else {
            std::memcpy(dst, row + static_cast<size_t>(ix) * g.in_c, g.in_c * sizeof(T));
          }
        }
      }
    }
  }
}

// The adjoint of Im2Col for one sample: dx (zeroed by the caller) += the
// patch gradients scattered back; padded positions are dropped.
inline void Col2ImAdd(const ConvGeometry& g, const float* col, float* dx) {
  for (int oy = 0; oy < g.out_h; ++oy) {
    for (int ox = 0; ox < g.out_w; ++ox) {
      const float* in = col + (static_cast<size_t>(oy) * g.out_w + ox) * g.patch();
      const int iy0 = oy * g.stride_h - g.pad_top;
      const int ix0 = ox * g.stride_w - g.pad_left;
      for (int ky = 0; ky < g.k_h; ++ky) {
        const int iy = iy0 + ky;
        if (iy < 0 || iy >= g.in_h) continue;
        for (int kx = 0; kx < g.k_w; ++kx) {
          const int ix = ix0 + kx;
          if (ix < 0 || ix >= g.in_w) continue;
          float* dst = dx + (static_cast<size_t>(iy) * g.in_w + ix) * g.in_c;
          const float* src = in + (ky * g.k_w + kx) * g.in_c;
          for (int c = 0; c < g.in_c; ++c) dst[c] += src[c];
        }
      }
    }
  }
}

}  // namespace mote::train

#endif  // MOTE_TRAIN_IM2COL_H_
