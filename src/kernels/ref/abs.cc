#include "kernels/ref/abs.h"

#include <limits>

#include "kernels/quant_math.h"

namespace mote {
namespace ref {
namespace {

template <typename T>
void AbsQ(const AbsParamsQ& p, int64_t size, const T* input, T* output) {
  constexpr int32_t kMin = std::numeric_limits<T>::min();
  constexpr int32_t kMax = std::numeric_limits<T>::max();
  for (int64_t i = 0; i < size; ++i) {
    const int32_t centered = input[i] - p.input_zero_point;
    const int32_t value = centered < 0 ? -centered : centered;
    int32_t out = p.needs_rescale ? MultiplyByQuantizedMultiplier(
                                        value, p.multiplier, p.shift)
                                  : value;
    out += p.output_zero_point;
    if (out < kMin) out = kMin;
    if (out > kMax) out = kMax;
    output[i] = static_cast<T>(out);
  }
}

}  // namespace

AbsParamsQ MakeAbsParams(float input_scale, int32_t input_zero_point,
                         float output_scale, int32_t output_zero_point) {
  AbsParamsQ p;
  p.input_zero_point = input_zero_point;
  p.output_zero_point = output_zero_point;
  p.needs_rescale = input_scale != output_scale;
  if (p.needs_rescale) {
    QuantizeMultiplier(
        static_cast<double>(input_scale) / static_cast<double>(output_scale),
        &p.multiplier, &p.shift);
  }
  return p;
}

void AbsS8(const AbsParamsQ& params, int64_t size, const int8_t* input,
           int8_t* output) {
  AbsQ(params, size, input, output);
}

void AbsS16(const AbsParamsQ& params, int64_t size, const int16_t* input,
            int16_t* output) {
  AbsQ(params, size, input, output);
}

}  // namespace ref
}  // namespace mote
