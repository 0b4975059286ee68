// CONV_2D reference kernels (NHWC) and the padding arithmetic that every
// convolution-like op shares.
//
// The arithmetic reproduces TFLite's reference kernels exactly: for int8 the
// accumulator is sum((input + input_offset) * filter) in int32 over the taps
// that fall inside the image (padding contributes nothing), plus the bias,
// rescaled per output channel with MultiplyByQuantizedMultiplier, plus the
// output zero point, clamped to the activation range. int16 activations with
// int8 weights (TFLite's 16x8 scheme, zero points 0) accumulate in int64
// with an int64 bias and rescale with the int64 MultiplyByQuantizedMultiplier,
// or, with an int32 bias, in int32 (wrapping) with the int32 one. For
// float32 the sum is accumulated in float in the order filter_y, filter_x,
// in_channel, and the bias is added last, so results are bit-identical to
// TFLite's.
#ifndef MOTE_KERNELS_REF_CONV_2D_H_
#define MOTE_KERNELS_REF_CONV_2D_H_

#include <cstdint>

#include "mote/types.h"

namespace mote {

// Geometry and requantization of a 2-D convolution. Shared by the reference
// and the optimised kernels, so it carries what any of them may need.
struct ConvParams {
  int32_t stride_height = 1;
  int32_t stride_width = 1;
  int32_t dilation_height = 1;
  int32_t dilation_width = 1;
  // Rows/columns of implicit zero padding before the image (top, left).
  int32_t pad_height = 0;
  int32_t pad_width = 0;
  // 1 when SAME padding is odd, so the bottom/right gets one more row/column
  // than the top/left. The reference kernels do not need it (they skip every
  // tap outside the image); optimised kernels that pad explicitly do.
  int32_t pad_height_offset = 0;
  int32_t pad_width_offset = 0;

  // Quantized only (int16: both offsets 0).
  int32_t input_offset = 0;  // minus the input zero point
  int32_t output_offset = 0;  // the output zero point
  int32_t act_min = -128;     // clamp of the requantized output
  int32_t act_max = 127;

  // float32 only.
  float float_act_min = 0.0f;
  float float_act_max = 0.0f;
};

// Output size and padding of one spatial axis, as TFLite computes them
// (ComputeOutSize / ComputePaddingWithOffset). `out_size` is < 1 when the
// window does not fit (VALID padding with a filter larger than the input)
// or the arguments are out of range (stride or dilation < 1).
struct ConvAxis {
  int32_t out_size = 0;
  int32_t pad = 0;         // before the image
  int32_t pad_offset = 0;  // extra padding after the image (0 or 1)
};
ConvAxis ComputeConvAxis(Padding padding, int32_t in_size, int32_t filter_size,
                         int32_t stride, int32_t dilation);

namespace ref {

// input [batches, in_h, in_w, in_ch], filter [out_ch, filter_h, filter_w,
// in_ch], bias [out_ch] or null, output [batches, out_h, out_w, out_ch].
// output_multiplier/output_shift hold one entry per output channel (a
// per-tensor filter scale is broadcast by the caller). No scratch.
void ConvPerChannelS8(const ConvParams& params,
                      const int32_t* output_multiplier,
                      const int32_t* output_shift, const Shape& input_shape,
                      const int8_t* input, const Shape& filter_shape,
                      const int8_t* filter, const int32_t* bias,
                      const Shape& output_shape, int8_t* output);

// int16 input and output, int8 filter, int64 bias (or null): int64
// accumulator. The multiplier shifts must be <= kMaxShiftS64. No scratch.
void ConvPerChannelS16(const ConvParams& params,
                       const int32_t* output_multiplier,
                       const int32_t* output_shift, const Shape& input_shape,
                       const int16_t* input, const Shape& filter_shape,
                       const int8_t* filter, const int64_t* bias,
                       const Shape& output_shape, int16_t* output);

// The same with an int32 bias: int32 accumulator, wrapping on overflow as
// TFLite's does on two's-complement hardware. No scratch.
void ConvPerChannelS16(const ConvParams& params,
                       const int32_t* output_multiplier,
                       const int32_t* output_shift, const Shape& input_shape,
                       const int16_t* input, const Shape& filter_shape,
                       const int8_t* filter, const int32_t* bias,
                       const Shape& output_shape, int16_t* output);

// Same layout, float32, clamped to [float_act_min, float_act_max]. No scratch.
void ConvF32(const ConvParams& params, const Shape& input_shape,
             const float* input, const Shape& filter_shape, const float* filter,
             const float* bias, const Shape& output_shape, float* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_CONV_2D_H_
