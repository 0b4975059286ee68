// The window walk the Arm pooling kernels share (arm_dsp/pooling.cc,
// arm_mve/pooling.cc): every output position's window clipped to the
// image, as the reference's loops clip it, and the taps inside it. Plain
// C++; each folder only supplies what it does with a group of channels.
#ifndef MOTE_KERNELS_ARM_COMMON_POOL_WINDOWS_H_
#define MOTE_KERNELS_ARM_COMMON_POOL_WINDOWS_H_

#include <cstdint>

#include "kernels/ref/pooling.h"
#include "mote/types.h"

namespace mote {
namespace arm_common {

#define MOTE_POOL_INLINE inline __attribute__((always_inline))

// One output position's window inside the image (NHWC int8).
struct PoolWindow {
  const int8_t* first;  // channel 0 of the top-left tap inside
  int rows;
  int cols;
  int row_bytes;  // input width * depth
  int depth;      // the step from one column to the next
  int32_t count() const { return rows * cols; }
};

// Calls tap(x) for every tap of `w`, x pointing at channel `channel`.
template <typename Tap>
MOTE_POOL_INLINE void ForEachTap(const PoolWindow& w, int channel, Tap tap) {
  const int8_t* row = w.first + channel;
  for (int y = 0; y < w.rows; ++y, row += w.row_bytes) {
    const int8_t* x = row;
    for (int i = 0; i < w.cols; ++i, x += w.depth) tap(x);
  }
}

// Calls window(w, out) for every output position in order, out pointing at
// its `depth` output channels; stops and returns false as soon as window()
// does.
template <typename Window>
MOTE_POOL_INLINE bool ForEachPoolWindow(const ref::PoolParams& p,
                                        const Shape& input_shape,
                                        const int8_t* input,
                                        const Shape& output_shape,
                                        int8_t* output, Window window) {
  const int batches = input_shape.dims[0];
  const int in_h = input_shape.dims[1];
  const int in_w = input_shape.dims[2];
  const int depth = input_shape.dims[3];
  const int out_h = output_shape.dims[1];
  const int out_w = output_shape.dims[2];
  int8_t* out = output;
  for (int b = 0; b < batches; ++b) {
    const int8_t* in_batch = input + b * in_h * in_w * depth;
    for (int oy = 0; oy < out_h; ++oy) {
      const int y0 = oy * p.stride_height - p.padding_height;
      const int y_start = y0 > 0 ? y0 : 0;
      int y_end = y0 + p.filter_height < in_h ? y0 + p.filter_height : in_h;
      if (y_end < y_start) y_end = y_start;
      for (int ox = 0; ox < out_w; ++ox, out += depth) {
        const int x0 = ox * p.stride_width - p.padding_width;
        const int x_start = x0 > 0 ? x0 : 0;
        int x_end = x0 + p.filter_width < in_w ? x0 + p.filter_width : in_w;
        if (x_end < x_start) x_end = x_start;
        const PoolWindow w{in_batch + (y_start * in_w + x_start) * depth,
                           y_end - y_start, x_end - x_start, in_w * depth,
                           depth};
        if (!window(w, out)) return false;
      }
    }
  }
  return true;
}

#undef MOTE_POOL_INLINE

}  // namespace arm_common
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_COMMON_POOL_WINDOWS_H_
