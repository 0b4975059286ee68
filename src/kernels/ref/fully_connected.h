// FULLY_CONNECTED reference kernels.
//
// output[b, u] = sum_d input[b, d] * weights[u, d] + bias[u], with the input
// read as [batches, depth] whatever its rank. The arithmetic is TFLite's
// reference arithmetic: for int8, sum((filter + filter_offset) *
// (input + input_offset)) in int32, plus the bias, MultiplyByQuantizedMultiplier,
// plus the output zero point, clamped; for int16 (16x8) the same in int64
// with an int64 bias; for float32, a float sum in depth order with the bias
// added last.
#ifndef MOTE_KERNELS_REF_FULLY_CONNECTED_H_
#define MOTE_KERNELS_REF_FULLY_CONNECTED_H_

#include <cstdint>

#include "mote/types.h"

namespace mote {

struct FullyConnectedParams {
  // Quantized only (int16: input and output offsets 0).
  int32_t input_offset = 0;   // minus the input zero point
  int32_t filter_offset = 0;  // minus the weights zero point (per-tensor only)
  int32_t output_offset = 0;  // the output zero point
  // Per-tensor requantization; the per-channel kernel takes arrays instead.
  int32_t output_multiplier = 0;
  int32_t output_shift = 0;
  int32_t act_min = -128;
  int32_t act_max = 127;

  // float32 only.
  float float_act_min = 0.0f;
  float float_act_max = 0.0f;
};

namespace ref {

// filter [units, depth]; output: any rank whose last dimension is units, its
// other dimensions giving the batch count; input: batches * depth elements;
// bias [units] or null. No scratch.
void FullyConnectedS8(const FullyConnectedParams& params,
                      const Shape& input_shape, const int8_t* input,
                      const Shape& filter_shape, const int8_t* filter,
                      const int32_t* bias, const Shape& output_shape,
                      int8_t* output);

// int16 input and output, int8 weights, int64 bias (or null), per-tensor
// (TFLite has no per-channel 16x8 kernel): int64 accumulator and the int64
// MultiplyByQuantizedMultiplier; output_shift must be <= kMaxShiftS64. The
// input zero point is 0 and not applied. No scratch.
void FullyConnectedS16(const FullyConnectedParams& params,
                       const Shape& input_shape, const int16_t* input,
                       const Shape& filter_shape, const int8_t* filter,
                       const int64_t* bias, const Shape& output_shape,
                       int16_t* output);

// Per-channel weights (symmetric: filter_offset is ignored, as in TFLite);
// one multiplier/shift per unit. No scratch.
void FullyConnectedPerChannelS8(const FullyConnectedParams& params,
                                const int32_t* output_multiplier,
                                const int32_t* output_shift,
                                const Shape& input_shape, const int8_t* input,
                                const Shape& filter_shape, const int8_t* filter,
                                const int32_t* bias, const Shape& output_shape,
                                int8_t* output);

// float32, clamped to [float_act_min, float_act_max]. No scratch.
void FullyConnectedF32(const FullyConnectedParams& params,
                       const Shape& input_shape, const float* input,
                       const Shape& filter_shape, const float* filter,
                       const float* bias, const Shape& output_shape,
                       float* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_FULLY_CONNECTED_H_
