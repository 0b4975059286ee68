// Elementwise activations: RELU, RELU6, LEAKY_RELU and HARD_SWISH, int8 and
// float32, as TFLite Micro's reference kernels compute them.
#ifndef MOTE_KERNELS_REF_ACTIVATIONS_H_
#define MOTE_KERNELS_REF_ACTIVATIONS_H_

#include <cstdint>

namespace mote {
namespace ref {

// --- RELU: requantizes from the input's to the output's scale. ----------

struct ReluParamsS8 {
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  int32_t output_multiplier = 0;  // input_scale / output_scale
  int output_shift = 0;
  int32_t act_min = 0;  // the output's quantized 0, at least -128
  int32_t act_max = 0;
};

// The requantizing kernels (ReluS8, LeakyReluS8) need input_scale /
// output_scale (times |alpha|) below 2^31: the multiplier's left shift must
// stay within int32.
ReluParamsS8 PrepareReluS8(float input_scale, int32_t input_zero_point,
                           float output_scale, int32_t output_zero_point);
void ReluS8(const ReluParamsS8& params, int32_t size, const int8_t* input,
            int8_t* output);
void ReluF32(int32_t size, const float* input, float* output);

// --- RELU6 ---------------------------------------------------------------
// TFLite Micro clamps in the input's quantization and never requantizes: it
// assumes the output shares the input's scale and zero point (converters
// normally make it so). That is Relu6S8. For an output quantized otherwise
// TFLite Micro would mislabel its result; TFLite requantizes like RELU with
// 6.0 as an upper bound, which is PrepareRelu6RequantizingS8 + ReluS8.

// TFLite's ReluPrepare + QuantizedReluX(0, 6): note the multiplier comes
// from the float quotient input_scale / output_scale, unlike RELU above.
ReluParamsS8 PrepareRelu6RequantizingS8(float input_scale,
                                        int32_t input_zero_point,
                                        float output_scale,
                                        int32_t output_zero_point);

struct Relu6ParamsS8 {
  int8_t zero = 0;  // quantized 0.0
  int8_t six = 0;   // quantized 6.0, saturated to int8
};

Relu6ParamsS8 PrepareRelu6S8(float input_scale, int32_t input_zero_point);
void Relu6S8(const Relu6ParamsS8& params, int32_t size, const int8_t* input,
             int8_t* output);
void Relu6F32(int32_t size, const float* input, float* output);

// --- LEAKY_RELU: x >= 0 and x < 0 each have their own multiplier. --------

struct LeakyReluParamsS8 {
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  int32_t output_multiplier_identity = 0;  // input_scale / output_scale
  int output_shift_identity = 0;
  // alpha * input_scale / output_scale; the multiplier is negative for a
  // negative alpha.
  int32_t output_multiplier_alpha = 0;
  int output_shift_alpha = 0;
};

LeakyReluParamsS8 PrepareLeakyReluS8(float input_scale,
                                     int32_t input_zero_point,
                                     float output_scale,
                                     int32_t output_zero_point, float alpha);
void LeakyReluS8(const LeakyReluParamsS8& params, int32_t size,
                 const int8_t* input, int8_t* output);
void LeakyReluF32(float alpha, int32_t size, const float* input, float* output);

// --- HARD_SWISH: x * relu6(x + 3) / 6, in int16 fixed point. -------------

struct HardSwishParamsS8 {
  int16_t input_zero_point = 0;
  int16_t output_zero_point = 0;
  // (input_scale / 128) / (3 / 32768): maps the input to the "reluish"
  // scale where 3.0 is 32768.
  int16_t reluish_multiplier = 0;
  int reluish_exponent = 0;
  // (input_scale / 128) / output_scale; the exponent is never positive.
  int16_t output_multiplier = 0;
  int output_exponent = 0;
};

// Returns false when output_scale is too small for the scheme (the output
// multiplier would need a left shift; TFLite Micro rejects that too), or a
// scale ratio overflows float.
bool PrepareHardSwishS8(float input_scale, int32_t input_zero_point,
                        float output_scale, int32_t output_zero_point,
                        HardSwishParamsS8* params);
void HardSwishS8(const HardSwishParamsS8& params, int32_t size,
                 const int8_t* input, int8_t* output);
void HardSwishF32(int32_t size, const float* input, float* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_ACTIVATIONS_H_
