// L2_NORMALIZATION along the last dimension: float32 and int8.
//
// float32 (TFLite's reference L2Normalization): the squares are summed in
// float in order, l2 = max(sqrt(sum), 1e-6), and each value is divided by
// l2.
// int8 (reference_integer_ops::L2Normalization): with v = q - zero_point,
// the int32 sum of v^2 (wrapping, as TFLite's int32 accumulator would past
// 2^16 elements) gives 1/sqrt through InvSqrtQuantizedMultiplierExp, and
// each v is scaled by it with 7 more bits, clamped to [-128, 127]: the
// output is in units of 1/128 with zero point 0 (an all-zero row stays 0).
#ifndef MOTE_KERNELS_REF_L2_NORMALIZATION_H_
#define MOTE_KERNELS_REF_L2_NORMALIZATION_H_

#include <cstdint>

namespace mote {
namespace ref {

// The output quantization TFLite requires for int8: scale 1/128, zero 0.
constexpr float kL2NormOutputScaleS8 = 1.0f / 128.0f;

// `outer` rows of `depth` values each.
void L2NormalizationS8(int32_t input_zero_point, int64_t outer, int32_t depth,
                       const int8_t* input, int8_t* output);
void L2NormalizationF32(int64_t outer, int32_t depth, const float* input,
                        float* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_L2_NORMALIZATION_H_
