// RESIZE_BILINEAR: NHWC bilinear resize, float32 and int8.
//
// float32 follows TFLite's reference ResizeBilinear in float, operation for
// operation (source y = (i + 0.5) * scale - 0.5 with half_pixel_centers,
// else i * scale; the four weighted neighbours summed left to right). int8
// follows ResizeBilinearInteger: the same in 10-bit fixed point (scale_10 =
// round(1024 * in / out)), products summed in int64 and rounded half away
// from zero by 2^20 (TFLite's default double rounding).
#ifndef MOTE_KERNELS_REF_RESIZE_BILINEAR_H_
#define MOTE_KERNELS_REF_RESIZE_BILINEAR_H_

#include <cstdint>

#include "kernels/ref/resize_nearest_neighbor.h"
#include "mote/types.h"

namespace mote {
namespace ref {

// TFLite clamps the upper neighbour to the input but never the lower one:
// past an upscaling ratio of about 1000 (int8) or when float rounding pushes
// the last source coordinate to `in_size`, it would read past the input.
// True when every lower neighbour of an axis of `in_size` pixels resized to
// `out_size` is inside the input.
bool BilinearAxisInRange(int32_t in_size, int32_t out_size,
                         const ResizeParams& params, bool integer);

// Both: input [batch, in_h, in_w, depth], output [batch, out_h, out_w,
// depth]; align_corners and half_pixel_centers are not both set.
void ResizeBilinearF32(const ResizeParams& params, const Shape& input_shape,
                       const float* input, const Shape& output_shape,
                       float* output);
void ResizeBilinearS8(const ResizeParams& params, const Shape& input_shape,
                      const int8_t* input, const Shape& output_shape,
                      int8_t* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_RESIZE_BILINEAR_H_
