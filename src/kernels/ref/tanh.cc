#include "kernels/ref/tanh.h"

#include <cmath>

#include "kernels/ref/lstm_activations.h"

namespace mote {
namespace ref {

void TanhS8(const Q4InputParamsS8& params, int32_t size, const int8_t* input,
            int8_t* output) {
  // Q0.31 -> 1/128 steps (zero point 0).
  MapQ4InputS8(params, size, input, output, /*output_shift=*/31 - 7,
               /*output_zero_point=*/0,
               [](auto x) { return fixed::Tanh(x); });
}

void TanhS16(const SigmoidTableInputS16& params, int32_t size,
             const int16_t* input, int16_t* output) {
  TanhS16(params.input_multiplier, params.input_left_shift, size, input,
          output);
}

void TanhF32(int32_t size, const float* input, float* output) {
  for (int32_t i = 0; i < size; ++i) output[i] = std::tanh(input[i]);
}

}  // namespace ref
}  // namespace mote
