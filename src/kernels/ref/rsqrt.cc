#include "kernels/ref/rsqrt.h"

#include <cmath>

#include "kernels/quant_math.h"
#include "kernels/ref/inv_sqrt.h"

namespace mote {
namespace ref {

RsqrtParamsS8 MakeRsqrtParamsS8(float input_scale, int32_t input_zero_point,
                                float output_scale,
                                int32_t output_zero_point) {
  RsqrtParamsS8 p;
  p.input_zero_point = input_zero_point;
  p.output_zero_point = output_zero_point;
  const double scale = 1.0 / (std::sqrt(static_cast<double>(input_scale)) *
                              static_cast<double>(output_scale));
  QuantizeMultiplier(scale, &p.multiplier, &p.shift);
  return p;
}

int64_t RsqrtS8(const RsqrtParamsS8& p, int64_t size, const int8_t* input,
                int8_t* output) {
  for (int64_t i = 0; i < size; ++i) {
    const int32_t value = input[i] - p.input_zero_point;
    if (value < 0) return i;
    if (value == 0) {
      output[i] = 127;
      continue;
    }
    int32_t inv_sqrt_multiplier;
    int inv_sqrt_shift;
    InvSqrtQuantizedMultiplierExp(value, -1, &inv_sqrt_multiplier,
                                  &inv_sqrt_shift);
    const int32_t data = MultiplyByQuantizedMultiplier(
        int32_t{1}, inv_sqrt_multiplier, inv_sqrt_shift + kRsqrtExtraBits);
    int32_t out = MultiplyByQuantizedMultiplier(data, p.multiplier,
                                                p.shift - kRsqrtExtraBits) +
                  p.output_zero_point;
    if (out < -128) out = -128;
    if (out > 127) out = 127;
    output[i] = static_cast<int8_t>(out);
  }
  return -1;
}

}  // namespace ref
}  // namespace mote
