// Init/Prepare/Eval pieces shared by CONV_2D, DEPTHWISE_CONV_2D and
// FULLY_CONNECTED. Each check reports through ctx.Fail with a message that
// names the offending tensor.
//
// The arithmetic of a conv-like op follows its tensor types (ConvKind):
// float32; int8 activations with int8 weights and an int32 bias; or TFLite's
// 16x8 scheme, int16 activations (zero point 0) with int8 weights and an
// int64 bias, or an int32 bias where TFLite Micro allows one (CONV_2D).
#ifndef MOTE_OPS_CONV_COMMON_H_
#define MOTE_OPS_CONV_COMMON_H_

#include <cstdint>
#include <type_traits>

#include "kernels/ref/conv_2d.h"
#include "mote/op.h"
#include "ops/op_common.h"
#include "ops/quant_common.h"
#include "schema/tflite_generated.h"

namespace mote {

// The options CONV_2D and DEPTHWISE_CONV_2D share. Without an options table
// TFLite zero-fills its parameters: stride 0, which Prepare rejects.
struct ConvOptions {
  Padding padding = Padding::kSame;
  Activation activation = Activation::kNone;
  int32_t stride_height = 0;
  int32_t stride_width = 0;
  int32_t dilation_height = 1;
  int32_t dilation_width = 1;
};

// Allocates OpData (which has a ConvOptions `options` member) and reads the
// options table `opts` (Conv2DOptions or DepthwiseConv2DOptions; may be null).
template <typename OpData, typename Options>
Status InitConvLike(PrepareContext& ctx, const Options* opts) {
  OpData* data = NewOpData<OpData>(ctx);
  if (data == nullptr) return Status::kArenaTooSmall;
  if (opts != nullptr) {
    ConvOptions& o = data->options;
    o.padding = opts->padding() == tflite::Padding_VALID ? Padding::kValid
                                                         : Padding::kSame;
    o.activation = static_cast<Activation>(opts->fused_activation_function());
    o.stride_height = opts->stride_h();
    o.stride_width = opts->stride_w();
    o.dilation_height = opts->dilation_h_factor();
    o.dilation_width = opts->dilation_w_factor();
  }
  return Status::kOk;
}

// The tensors of a conv-like op.
struct ConvTensors {
  TensorInfo input;
  TensorInfo filter;  // "weights" for FULLY_CONNECTED
  TensorInfo bias;    // !present() when absent
  TensorInfo output;
};

// Reads the tensors and checks what every conv-like op requires: 2 or 3
// inputs and 1 output, the fused activation, the types (CheckConvTypes),
// and, for `rank` > 0, that input, filter and output have that rank and no
// empty dimension. `filter_role` names the weights in messages ("filter" or
// "weights").
Status GetConvTensors(PrepareContext& ctx, Activation activation,
                      const char* filter_role, int rank, ConvTensors* t);

// Input, filter and output types: input int8 or float32 (or int16 when
// `allow_int16`), output of the same type; a filter of the input's type, an
// int8 filter for int16 input. Float input with int8 weights is TFLite's
// "hybrid" mode, which TFLite Micro rejects too.
Status CheckConvTypes(PrepareContext& ctx, const TensorInfo& input,
                      const TensorInfo& filter, const TensorInfo& output,
                      bool allow_int16 = false);

// Every dimension of `t` is at least 1 and its rank is `rank`.
Status CheckRankAndDims(PrepareContext& ctx, const TensorInfo& t, int rank,
                        const char* role);

// The output's batch equals the input's and its channels (last dimension)
// equal `out_channels`, the filter's.
Status CheckConvOutputDims(PrepareContext& ctx, const ConvTensors& t,
                           int32_t out_channels);

// The spatial part of a conv/depthwise Prepare: checks strides and
// dilations, computes output size and padding exactly as TFLite's
// ComputePaddingHeightWidth, checks the model's output height/width against
// them, and fills the geometry fields of `params`. `input`/`output` are NHWC.
Status PrepareConvGeometry(PrepareContext& ctx, const TensorInfo& input,
                           int32_t filter_height, int32_t filter_width,
                           const TensorInfo& output, const ConvOptions& options,
                           ConvParams* params);

// How a conv-like op computes, chosen in Prepare from the tensor types.
enum class ConvKind : uint8_t {
  kF32,
  kS8,          // int32 bias and accumulator
  kS16BiasS64,  // int64 bias (or none) and accumulator
  kS16BiasS32,  // int32 bias (or none), int32 accumulator
};

// What an op's TFLite Micro kernel accepts as the bias of int16 activations.
enum class S16Bias : uint8_t {
  kS64Only,      // DEPTHWISE_CONV_2D, FULLY_CONNECTED: int64 (none: int64)
  kS64OrS32,     // CONV_2D: int64, or int32 (none: the int32 kernel)
};

// Checks the bias (absent, or one value per output channel of the type the
// arithmetic needs) and returns the arithmetic in *kind. The bias's
// quantization parameters are not used (TFLite ignores them too, and some
// converters write a wrong quantized_dimension there).
Status SelectConvKind(PrepareContext& ctx, const ConvTensors& t,
                      int32_t channels, S16Bias s16_bias, ConvKind* kind);

// An int8 filter with `channels` output channels: one scale, or one per
// channel along a quantized_dimension of that size; finite non-negative
// scales; every zero point 0 (symmetric, as TFLite's int8 kernels assume).
Status CheckFilterQuantS8(PrepareContext& ctx, const TensorInfo& filter,
                          int32_t channels);

// Checks that a multiplier from QuantizeMultiplier can be applied: the
// int32 MultiplyByQuantizedMultiplier shifts left by at most 31, the int64
// one (16x8 kernels) by at most kMaxShiftS64.
Status CheckMultiplierShift(PrepareContext& ctx, int shift, int max_shift,
                            const char* what);
inline Status CheckMultiplierShift(PrepareContext& ctx, int shift,
                                   const char* what) {
  return CheckMultiplierShift(ctx, shift, 31, what);
}

// The largest shift the kernels of `kind` can apply.
int MaxShiftOf(ConvKind kind);

// Per-channel requantization exactly as TFLite's
// PopulateConvolutionQuantizationParams: for each channel, in double,
// input_scale * filter_scale[c] / output_scale, then QuantizeMultiplier. A
// per-tensor filter scale is broadcast. The arrays (`channels` entries) are
// allocated persistent on the first call and reused when Prepare runs again.
Status PopulatePerChannelMultipliers(PrepareContext& ctx,
                                     const ConvTensors& t, int32_t channels,
                                     int max_shift, int32_t** multipliers,
                                     int32_t** shifts);

// The largest number of products an int8 accumulator may sum: each is at
// most 128 * 255 in magnitude, and the int32 sum must not overflow. TFLite
// does not check this (it assumes < 2^16 taps); mote refuses such a model
// instead of overflowing. The 16x8 kernels need no limit: the int64 one
// cannot overflow for any real shape and the int32 one wraps like TFLite's.
constexpr int64_t kMaxAccumulationDepthS8 = 2147483647 / (128 * 255);

// The per-op data CONV_2D and DEPTHWISE_CONV_2D compute in Prepare beyond
// their ConvParams.
struct ConvQuant {
  ConvKind kind = ConvKind::kF32;
  int32_t* multipliers = nullptr;  // quantized: one per output channel
  int32_t* shifts = nullptr;
  int scratch_index = -1;  // the kernel's scratch (kernels/select.h)
};

// Asks for `bytes` of Eval scratch (kernels/select.h's ..._ScratchBytes);
// *index is -1 when none is needed.
Status RequestKernelScratch(PrepareContext& ctx, size_t bytes, int* index);

// The scratch buffer of `index` (null for -1).
inline void* KernelScratch(EvalContext& ctx, int index) {
  return index >= 0 ? ctx.scratch(index) : nullptr;
}

// The arithmetic part of a conv/depthwise Prepare, after the shapes: kind
// and bias, accumulation depth (products per output), quantization of every
// tensor, per-channel multipliers, zero-point offsets and the activation
// clamp (float or quantized).
Status PrepareConvArithmetic(PrepareContext& ctx, const ConvTensors& t,
                             Activation activation, int32_t channels,
                             int64_t accumulation_depth, S16Bias s16_bias,
                             ConvParams* params, ConvQuant* quant);

// --- int8-only helpers, for ops without an int16x8 path (TRANSPOSE_CONV,
// SVDF, LSTM) ---------------------------------------------------------------

// An int8 activation tensor: per-tensor quantization with a positive finite
// scale and a zero point in [-128, 127].
Status CheckActivationQuantS8(PrepareContext& ctx, const TensorInfo& t,
                              const char* role);

// An optional bias: absent, or `type` with exactly `channels` elements.
Status CheckBias(PrepareContext& ctx, const TensorInfo& bias, DataType type,
                 int32_t channels);

// The int8 clamp range of `activation` on `output` (ActivationRangeQuant
// with the int8 range).
Status ActivationRangeS8(PrepareContext& ctx, Activation activation,
                         const TensorInfo& output, int32_t* act_min,
                         int32_t* act_max);

// The int8 part of a conv-like Prepare: quantization checks, one
// multiplier/shift per output channel (allocated persistent, reused if
// already set), zero-point offsets and the activation clamp.
Status PrepareConvQuantS8(PrepareContext& ctx, const TensorInfo& input,
                          const TensorInfo& filter, const TensorInfo& output,
                          Activation activation, int32_t channels,
                          ConvParams* params, int32_t** multipliers,
                          int32_t** shifts);

// The kernels of one conv-like op, by arithmetic: int8 and int16x8 through
// kernels/select.h where it has them (with the scratch of
// ConvQuant::scratch_index), the others the reference kernels.
// An entry is null where the op has no such kernel (kS16BiasS32) or the
// registration links only one type's (ops/per_type_registration.h): Eval
// then fails with kInternal, which Prepare makes unreachable.
template <typename Params>
struct ConvKernels {
  void (*s8)(const Params&, const int32_t*, const int32_t*, const Shape&,
             const int8_t*, const Shape&, const int8_t*, const int32_t*,
             const Shape&, int8_t*, void*);
  void (*s16_bias_s64)(const Params&, const int32_t*, const int32_t*,
                       const Shape&, const int16_t*, const Shape&,
                       const int8_t*, const int64_t*, const Shape&, int16_t*,
                       void*);
  void (*s16_bias_s32)(const Params&, const int32_t*, const int32_t*,
                       const Shape&, const int16_t*, const Shape&,
                       const int8_t*, const int32_t*, const Shape&, int16_t*,
                       void*);
  void (*f32)(const Params&, const Shape&, const float*, const Shape&,
              const float*, const float*, const Shape&, float*);
};

// The Eval of CONV_2D and DEPTHWISE_CONV_2D: runs the kernel of
// quant.kind on input 0, filter 1, optional bias 2 and output 0.
template <typename Params>
Status EvalConvLike(EvalContext& ctx, const Params& params,
                    const ConvQuant& quant, const ConvKernels<Params>& k) {
  const EvalTensor* in = ctx.input(0);
  const EvalTensor* filter = ctx.input(1);
  const EvalTensor* bias = ctx.num_inputs() > 2 ? ctx.input(2) : nullptr;
  const EvalTensor* out = ctx.output(0);
  const auto bias_as = [bias](auto* typed_null) {
    using T = std::remove_pointer_t<decltype(typed_null)>;
    return bias != nullptr ? bias->as<T>() : typed_null;
  };
  switch (quant.kind) {
    case ConvKind::kS8:
      if (k.s8 == nullptr) break;
      k.s8(params, quant.multipliers, quant.shifts, in->shape(),
           in->as<const int8_t>(), filter->shape(), filter->as<const int8_t>(),
           bias_as(static_cast<const int32_t*>(nullptr)), out->shape(),
           out->as<int8_t>(), KernelScratch(ctx, quant.scratch_index));
      return Status::kOk;
    case ConvKind::kS16BiasS64:
      if (k.s16_bias_s64 == nullptr) break;
      k.s16_bias_s64(params, quant.multipliers, quant.shifts, in->shape(),
                     in->as<const int16_t>(), filter->shape(),
                     filter->as<const int8_t>(),
                     bias_as(static_cast<const int64_t*>(nullptr)),
                     out->shape(), out->as<int16_t>(),
                     KernelScratch(ctx, quant.scratch_index));
      return Status::kOk;
    case ConvKind::kS16BiasS32:
      if (k.s16_bias_s32 == nullptr) break;
      k.s16_bias_s32(params, quant.multipliers, quant.shifts, in->shape(),
                     in->as<const int16_t>(), filter->shape(),
                     filter->as<const int8_t>(),
                     bias_as(static_cast<const int32_t*>(nullptr)),
                     out->shape(), out->as<int16_t>(),
                     KernelScratch(ctx, quant.scratch_index));
      return Status::kOk;
    case ConvKind::kF32:
      if (k.f32 == nullptr) break;
      k.f32(params, in->shape(), in->as<const float>(), filter->shape(),
            filter->as<const float>(),
            bias_as(static_cast<const float*>(nullptr)), out->shape(),
            out->as<float>());
      return Status::kOk;
  }
  return ctx.Fail(Status::kInternal,
                  MOTE_MSG("arithmetic %d reached Eval",
                           static_cast<int>(quant.kind)));
}

}  // namespace mote

#endif  // MOTE_OPS_CONV_COMMON_H_
