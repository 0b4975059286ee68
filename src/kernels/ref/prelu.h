// PRELU: x >= 0 ? x : alpha * x element-wise, alpha broadcast against the
// input (rank <= 6); float32 and int8.
//
// float32: `x >= 0.0f ? x : x * alpha`, TFLite Micro's
// BroadcastPrelu4DSlowFloat: -0.0 passes through unscaled, NaN gives NaN.
// int8: TFLite's reference Prelu with two multipliers: a non-negative
// v = x - zx is rescaled by input_scale / output_scale, a negative one
// times (alpha - za) by input_scale * alpha_scale / output_scale; plus the
// output zero point, clamped.
#ifndef MOTE_KERNELS_REF_PRELU_H_
#define MOTE_KERNELS_REF_PRELU_H_

#include <cstdint>

#include "mote/types.h"

namespace mote {
namespace ref {

struct PreluParamsS8 {
  int32_t input_offset = 0;  // minus the zero points
  int32_t alpha_offset = 0;
  int32_t output_offset = 0;
  int32_t output_multiplier_1 = 0;  // input / output
  int output_shift_1 = 0;
  int32_t output_multiplier_2 = 0;  // input * alpha / output
  int output_shift_2 = 0;
};

// TFLite Micro's CalculatePreluParams (ratios in double).
PreluParamsS8 MakePreluParamsS8(float input_scale, int32_t input_zero_point,
                                float alpha_scale, int32_t alpha_zero_point,
                                float output_scale, int32_t output_zero_point);

// The output has the broadcast shape of input and alpha. Each returns false
// (and writes nothing) when the shapes do not broadcast.
bool PreluS8(const PreluParamsS8& params, const Shape& input_shape,
             const int8_t* input, const Shape& alpha_shape,
             const int8_t* alpha, int8_t* output);
bool PreluF32(const Shape& input_shape, const float* input,
              const Shape& alpha_shape, const float* alpha, float* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_PRELU_H_
