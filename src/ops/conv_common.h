// Prepare-time checks and requantization set-up shared by CONV_2D,
// DEPTHWISE_CONV_2D and FULLY_CONNECTED. Each helper reports through
// ctx.Fail with a message that names the offending tensor.
#ifndef MOTE_OPS_CONV_COMMON_H_
#define MOTE_OPS_CONV_COMMON_H_

#include <cstdint>

#include "kernels/ref/conv_2d.h"
#include "mote/op.h"

namespace mote {

// NONE, RELU, RELU_N1_TO_1 and RELU6 are what TFLite's kernels clamp; a
// fused TANH or SIGN_BIT would be silently ignored by them, so reject it.
Status CheckFusedActivation(PrepareContext& ctx, Activation activation);

// An int8 activation tensor (input or output): per-tensor quantization with
// a positive finite scale and a zero point in [-128, 127].
Status CheckActivationQuantS8(PrepareContext& ctx, const TensorInfo& t,
                              const char* role);

// An int8 filter with `channels` output channels: one scale, or one per
// channel along a quantized_dimension of that size; finite non-negative
// scales; every zero point 0 (symmetric, as TFLite's int8 kernels assume).
Status CheckFilterQuantS8(PrepareContext& ctx, const TensorInfo& filter,
                          int32_t channels);

// An optional bias: absent, or `type` with exactly `channels` elements. Its
// quantization parameters are not used (TFLite ignores them too, and some
// converters write a wrong quantized_dimension there).
Status CheckBias(PrepareContext& ctx, const TensorInfo& bias, DataType type,
                 int32_t channels);

// Per-channel requantization exactly as TFLite's
// PopulateConvolutionQuantizationParams: for each channel, in double,
// input_scale * filter_scale[c] / output_scale, then QuantizeMultiplier. A
// per-tensor filter scale is broadcast. `multipliers` and `shifts` hold
// `channels` entries.
Status PopulatePerChannelMultipliers(PrepareContext& ctx,
                                     const TensorInfo& input,
                                     const TensorInfo& filter,
                                     const TensorInfo& output,
                                     int32_t channels, int32_t* multipliers,
                                     int32_t* shifts);

// Checks that a multiplier from QuantizeMultiplier can be applied:
// MultiplyByQuantizedMultiplier shifts left by at most 31.
Status CheckMultiplierShift(PrepareContext& ctx, int shift,
                            const char* what);

// The int8 clamp range of `activation` on `output`, as TFLite's
// CalculateActivationRangeQuantized (which fails when a bound does not fit
// in int32; so does this).
Status ActivationRangeS8(PrepareContext& ctx, Activation activation,
                         const TensorInfo& output, int32_t* act_min,
                         int32_t* act_max);

// Input, filter and output types of an int8 or float32 conv/FC: input int8
// or float32, output of the same type, filter of the same type (float input
// with int8 weights is TFLite's "hybrid" mode, which TFLite Micro rejects
// too).
Status CheckConvTypes(PrepareContext& ctx, const TensorInfo& input,
                      const TensorInfo& filter, const TensorInfo& output);

// Every dimension of `t` is at least 1 and its rank is `rank`.
Status CheckRankAndDims(PrepareContext& ctx, const TensorInfo& t, int rank,
                        const char* role);

// The spatial part of a conv/depthwise Prepare: checks strides and
// dilations, computes output size and padding exactly as TFLite's
// ComputePaddingHeightWidth, checks the model's output height/width against
// them, and fills the geometry fields of `params`. `input`/`output` are NHWC.
Status PrepareConvGeometry(PrepareContext& ctx, const TensorInfo& input,
                           int32_t filter_height, int32_t filter_width,
                           const TensorInfo& output, Padding padding,
                           int32_t stride_height, int32_t stride_width,
                           int32_t dilation_height, int32_t dilation_width,
                           ConvParams* params);

// The int8 part of a conv/depthwise Prepare: quantization checks, one
// multiplier/shift per output channel (allocated persistent, reused if
// already set), zero-point offsets and the activation clamp.
Status PrepareConvQuantS8(PrepareContext& ctx, const TensorInfo& input,
                          const TensorInfo& filter, const TensorInfo& output,
                          Activation activation, int32_t channels,
                          ConvParams* params, int32_t** multipliers,
                          int32_t** shifts);

// The largest number of products an int8 accumulator may sum: each is at
// most 128 * 255 in magnitude, and the int32 sum must not overflow. TFLite
// does not check this (it assumes < 2^16 taps); mote refuses such a model
// instead of overflowing.
constexpr int64_t kMaxAccumulationDepthS8 = 2147483647 / (128 * 255);

}  // namespace mote

#endif  // MOTE_OPS_CONV_COMMON_H_
