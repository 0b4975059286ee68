#include "dsp/quantize.h"

#include <math.h>

#include "dsp/scratch.h"
#include "kernels/quant_math.h"

namespace mote::dsp {
namespace {

int8_t ClampS8(int32_t v) {
  return static_cast<int8_t>(v < -128 ? -128 : (v > 127 ? 127 : v));
}

}  // namespace

void QuantizeF32ToS8(const float* in, size_t count, float scale, int32_t zero_point,
                     int8_t* out) {
  for (size_t i = 0; i < count; ++i) {
    const float q = in[i] / scale;
    if (!(q == q)) {
      out[i] = ClampS8(zero_point);
      continue;
    }
    // Clamp before converting: a huge value must not overflow int32.
    const float r = roundf(q < -1e6f ? -1e6f : (q > 1e6f ? 1e6f : q));
    out[i] = ClampS8(static_cast<int32_t>(r) + zero_point);
  }
}

Status MakeQ16ToS8Params(float scale, int32_t zero_point, Q16ToS8Params* params,
                         ErrorReporter* errors) {
  if (!(scale > 0.0f) || !(scale < 3.4e38f)) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                  "quantize: scale must be positive and finite");
  }
  if (zero_point < -128 || zero_point > 127) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                  "quantize: int8 zero point %ld out of range", static_cast<long>(zero_point));
  }
  QuantizeMultiplier(1.0 / (static_cast<double>(scale) * 65536.0), &params->multiplier,
                     &params->shift);
  // A left shift could wrap large features; scales below 2^-16 never occur.
  if (params->shift > 0 || params->shift < -31) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                  "quantize: scale out of the fixed-point range [2^-16, 2^15]");
  }
  params->zero_point = zero_point;
  return Status::kOk;
}

void QuantizeQ16ToS8(const int32_t* in, size_t count, const Q16ToS8Params& params,
                     int8_t* out) {
  for (size_t i = 0; i < count; ++i) {
    const int32_t v = MultiplyByQuantizedMultiplier(in[i], params.multiplier, params.shift);
    out[i] = ClampS8(v + params.zero_point);
  }
}

}  // namespace mote::dsp
