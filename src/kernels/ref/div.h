// DIV: element-wise a / b with broadcasting (rank <= 6): float32, int32 and
// int8, with fused RELU/RELU6/RELU_N1_TO_1.
//
// - float32: a / b clamped to the activation range, whose "no activation"
//   bounds are +-FLT_MAX as in TFLite: x / 0 gives +-FLT_MAX, not +-inf,
//   and 0 / 0 gives NaN (the clamp lets NaN through).
// - int32: C++ integer division (towards zero), clamped. The op refuses a
//   zero divisor before calling the kernel (TFLite checks every divisor);
//   INT32_MIN / -1 wraps to INT32_MIN instead of trapping.
// - int8: TFLite Micro's DivElementwise. With v1 = a - za and v2 = b - zb
//   (signs moved to v1 so v2 > 0), 1/v2 is a Q0.31 reciprocal
//   (GetReciprocal) with a shift, v1 is normalised by its headroom, and the
//   quotient is rescaled by input1_scale / (input2_scale * output_scale) --
//   a ratio computed in float, as TFLite does -- with a final rounding
//   shift right by recip_shift + headroom - output_shift.
//
//   That final shift reaches 32 and more (e.g. 0 / b: v1 = 0 has 31 bits
//   of headroom), past the 31 gemmlowp's RoundingDivideByPOT allows. Its
//   arithmetic stays defined there except the final `x >> exponent`: the
//   mask (computed in 64 bits) becomes all ones, so the rounding term adds
//   1 when x >= 0. mote takes the shift as Cortex-M's ASR does (TFLite
//   Micro's target): all sign bits. The result is TFLite Micro's on the
//   device: 0 / b with a large enough b gives output_zero_point + 1, and
//   tiny quotients give +1 or -1, within 1 LSB of the exact result.
#ifndef MOTE_KERNELS_REF_DIV_H_
#define MOTE_KERNELS_REF_DIV_H_

#include <cstdint>

#include "mote/types.h"

namespace mote {
namespace ref {

struct DivParamsS8 {
  int32_t input1_offset = 0;  // minus the zero points
  int32_t input2_offset = 0;
  int32_t output_offset = 0;
  int32_t output_multiplier = 0;
  int output_shift = 0;
  int32_t act_min = -128;
  int32_t act_max = 127;
};

// TFLite Micro's CalculateOpDataDiv. False when TFLite would fail (an
// activation bound overflowing int32) or when the ratio's shift is outside
// [-25, 23], where the final rounding shift could be negative or exceed 63
// bits (ratios below 2^-26 or above 2^23, far from any trained model).
bool MakeDivParamsS8(float input1_scale, int32_t input1_zero_point,
                     float input2_scale, int32_t input2_zero_point,
                     float output_scale, int32_t output_zero_point,
                     Activation activation, DivParamsS8* params);

// The index of the first zero divisor (raw 0 for int32, the zero point for
// int8), or -1.
int64_t FindZeroDivisorS32(int64_t size, const int32_t* input2);
int64_t FindZeroDivisorS8(int64_t size, const int8_t* input2,
                          int32_t zero_point);

// gemmlowp's RoundingDivideByPOT for exponents 0..63, as it computes them
// (see above): defined for every exponent here.
int32_t RoundingDivideByPOTWide(int32_t x, int exponent);

// The output has the broadcast shape of the inputs. Each returns false (and
// writes nothing) when the input shapes do not broadcast. A zero divisor
// gives the output zero point (int8) or 0 (int32); the op never passes one.
bool DivS8(const DivParamsS8& params, const Shape& s1, const int8_t* in1,
           const Shape& s2, const int8_t* in2, int8_t* out);
bool DivS32(int32_t act_min, int32_t act_max, const Shape& s1,
            const int32_t* in1, const Shape& s2, const int32_t* in2,
            int32_t* out);
bool DivF32(float act_min, float act_max, const Shape& s1, const float* in1,
            const Shape& s2, const float* in2, float* out);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_DIV_H_
