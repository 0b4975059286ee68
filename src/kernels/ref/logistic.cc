#include "kernels/ref/logistic.h"

#include <cmath>

#include "kernels/ref/lstm_activations.h"

namespace mote {
namespace ref {

void LogisticS8(const Q4InputParamsS8& params, int32_t size,
                const int8_t* input, int8_t* output) {
  // Q0.31 -> 1/256 steps, offset by the output zero point -128.
  MapQ4InputS8(params, size, input, output, /*output_shift=*/31 - 8,
               /*output_zero_point=*/-128, [](auto x) {
                 return fixed::Logistic(x);
               });
}

void LogisticS16(const SigmoidTableInputS16& params, int32_t size,
                 const int16_t* input, int16_t* output) {
  SigmoidS16(params.input_multiplier, params.input_left_shift, size, input,
             output);
}

void LogisticF32(int32_t size, const float* input, float* output) {
  // TFLite's cutoffs: above the upper one 1/(1+exp(-x)) rounds to 1 in
  // float; below the lower one it equals exp(x) to float precision.
  constexpr float kCutoffUpper = 16.619047164916992188f;
  constexpr float kCutoffLower = -9.0f;
  for (int32_t i = 0; i < size; ++i) {
    const float x = input[i];
    if (x > kCutoffUpper) {
      output[i] = 1.0f;
    } else if (x < kCutoffLower) {
      output[i] = std::exp(x);
    } else {
      output[i] = 1.0f / (1.0f + std::exp(-x));
    }
  }
}

}  // namespace ref
}  // namespace mote
