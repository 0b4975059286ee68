// 1 / sqrt(x) of a positive int32 as a quantized multiplier: TFLite's
// GetInvSqrtQuantizedMultiplierExp, used by int8 RSQRT and
// L2_NORMALIZATION.
//
// x is normalised into [2^27, 2^29) by whole bit pairs (so the square root
// shifts by whole bits), then five Newton-Raphson steps x <- 1.5 x - 0.5 a x^3
// from x = 1 run in Q3.28 fixed point with gemmlowp's rounding, and the
// result is scaled by sqrt(2)/2. Inputs 0 and 1 give INT32_MAX with shift 0,
// as TFLite (0 is "invalid but seen in incompletely trained models").
#ifndef MOTE_KERNELS_REF_INV_SQRT_H_
#define MOTE_KERNELS_REF_INV_SQRT_H_

#include <cstdint>

namespace mote {
namespace ref {

// `reverse_shift` is -1 (TFLite's kReverseShift): the returned shift is then
// a left shift (<= 0 in practice) for MultiplyByQuantizedMultiplier.
// Negative inputs are treated as 0 (TFLite only DCHECKs them).
void InvSqrtQuantizedMultiplierExp(int32_t input, int reverse_shift,
                                   int32_t* multiplier, int* shift);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_INV_SQRT_H_
