#include "kernels/ref/l2_normalization.h"

#include <algorithm>
#include <cmath>

#include "kernels/quant_math.h"
#include "kernels/ref/inv_sqrt.h"

namespace mote {
namespace ref {

void L2NormalizationS8(int32_t input_zero_point, int64_t outer, int32_t depth,
                       const int8_t* input, int8_t* output) {
  constexpr int kOutputScaleBits = 7;
  for (int64_t row = 0; row < outer; ++row) {
    const int8_t* in = input + row * depth;
    int8_t* out = output + row * depth;
    uint32_t acc = 0;  // TFLite's int32 sum, wrapping instead of UB
    for (int32_t c = 0; c < depth; ++c) {
      const int32_t v = in[c] - input_zero_point;
      acc += static_cast<uint32_t>(v * v);
    }
    int32_t inv_l2norm_multiplier;
    int inv_l2norm_shift;
    InvSqrtQuantizedMultiplierExp(static_cast<int32_t>(acc), -1,
                                  &inv_l2norm_multiplier, &inv_l2norm_shift);
    for (int32_t c = 0; c < depth; ++c) {
      const int32_t v = in[c] - input_zero_point;
      const int32_t scaled = MultiplyByQuantizedMultiplier(
          v, inv_l2norm_multiplier, inv_l2norm_shift + kOutputScaleBits);
      out[c] = static_cast<int8_t>(std::min<int32_t>(127, std::max<int32_t>(-128, scaled)));
    }
  }
}

void L2NormalizationF32(int64_t outer, int32_t depth, const float* input,
                        float* output) {
  const float epsilon = 1e-6f;
  for (int64_t row = 0; row < outer; ++row) {
    const float* in = input + row * depth;
    float* out = output + row * depth;
    float squared_l2_norm = 0;
    for (int32_t c = 0; c < depth; ++c) {
      const float val = in[c];
      squared_l2_norm += val * val;
    }
    const float l2_norm = std::max(std::sqrt(squared_l2_norm), epsilon);
    for (int32_t c = 0; c < depth; ++c) out[c] = in[c] / l2_norm;
  }
}

}  // namespace ref
}  // namespace mote
