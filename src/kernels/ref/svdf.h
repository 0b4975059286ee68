// SVDF (singular value decomposition filter): a rank-`rank` factorised 1-D
// convolution over time, as TFLite Micro's reference kernels compute it.
//
// Each invoke:
//   1. shifts the activation state [batches, filters, memory] left by one
//      element (the oldest activation of each filter drops out);
//   2. writes feature[b, f] = weights_feature[f, :] . input[b, :] into the
//      newest slot of each filter (int8: requantized to the state's scale);
//   3. time[b, f] = weights_time[f, :] . state[b, f, :];
//   4. output[b, u] = bias[u] + sum of time[b, f] over the `rank` filters of
//      unit u, rescaled to the output (float32: then the fused activation).
// The state is the op's fifth input, a variable tensor that persists between
// invokes.
#ifndef MOTE_KERNELS_REF_SVDF_H_
#define MOTE_KERNELS_REF_SVDF_H_

#include <cstdint>

#include "mote/types.h"

namespace mote {

struct SvdfDims {
  int32_t batches = 0;
  int32_t input_size = 0;
  int32_t num_filters = 0;  // rows of weights_feature = units * rank
  int32_t rank = 1;
  int32_t memory_size = 0;  // columns of weights_time

  int32_t units() const { return num_filters / rank; }
};

// Integer SVDF: int8 input, weights_feature and output; int8 or int16
// weights_time and state; int32 bias.
struct SvdfParamsS8 {
  int32_t input_zero_point = 0;
  int32_t state_zero_point = 0;
  int32_t output_zero_point = 0;
  // input_scale * weights_feature_scale / state_scale.
  int32_t feature_multiplier = 0;
  int feature_shift = 0;
  // state_scale * weights_time_scale / output_scale.
  int32_t output_multiplier = 0;
  int output_shift = 0;
};

namespace ref {

// `scratch` holds batches * num_filters int32, `scratch_output` batches *
// units int32; `bias` may be null. TFLite Micro's integer SVDF ignores the
// fused activation: the output is only clamped to int8.
//
// The new state value is clamped to the state type and then offset by the
// state zero point, narrowing with wrap-around, exactly as TFLite Micro's
// EvalIntegerSvdfReference does (an int8 state with a non-zero zero point
// can wrap there).
void SvdfS8StateS16(const SvdfParamsS8& params, const SvdfDims& dims,
                    const int8_t* input, const int8_t* weights_feature,
                    const int16_t* weights_time, const int32_t* bias,
                    int16_t* state, int32_t* scratch, int32_t* scratch_output,
                    int8_t* output);
void SvdfS8StateS8(const SvdfParamsS8& params, const SvdfDims& dims,
                   const int8_t* input, const int8_t* weights_feature,
                   const int8_t* weights_time, const int32_t* bias,
                   int8_t* state, int32_t* scratch, int32_t* scratch_output,
                   int8_t* output);

// float32: `scratch` holds batches * num_filters floats; `bias` may be null;
// `activation` is applied to the output as TFLite's ActivationValFloat.
void SvdfF32(Activation activation, const SvdfDims& dims, const float* input,
             const float* weights_feature, const float* weights_time,
             const float* bias, float* state, float* scratch, float* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_SVDF_H_
