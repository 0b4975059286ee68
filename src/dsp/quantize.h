// Quantizing features straight into a model's int8 input tensor.
#ifndef MOTE_DSP_QUANTIZE_H_
#define MOTE_DSP_QUANTIZE_H_

#include <cstddef>
#include <cstdint>

#include "mote/status.h"

namespace mote::dsp {

// q = clamp(round(x / scale) + zero_point, -128, 127), computed in float and
// rounded half away from zero, as TFLite's QUANTIZE kernel does. NaN maps to
// the zero point.
void QuantizeF32ToS8(const float* in, size_t count, float scale, int32_t zero_point,
                     int8_t* out);

// The same for Q16 fixed-point features, integer only: the Q31 multiplier
// of 1 / (scale * 2^16) and its shift, as TFLite's QuantizeMultiplier makes
// them, applied with its rounding. May differ from the float path by one
// step where x / scale lies within rounding of a half.
struct Q16ToS8Params {
  int32_t multiplier = 0;
  int shift = 0;
  int32_t zero_point = 0;
};
Status MakeQ16ToS8Params(float scale, int32_t zero_point, Q16ToS8Params* params,
                         ErrorReporter* errors);
void QuantizeQ16ToS8(const int32_t* in, size_t count, const Q16ToS8Params& params,
                     int8_t* out);

}  // namespace mote::dsp

#endif  // MOTE_DSP_QUANTIZE_H_
