// Fixed-point arithmetic of TFLite's integer kernels, reproduced exactly.
//
// Every int8/int16 kernel rescales its int32 accumulator with
// MultiplyByQuantizedMultiplier: a Q31 multiplier applied with a saturating
// rounding doubling high multiply, then a rounding right shift. The rounding
// must match TFLite's reference bit for bit, or outputs drift by an LSB.
// Left shifts are done on unsigned values: TFLite relies on int32 wrapping
// there, which is undefined behaviour in C++.
#ifndef MOTE_KERNELS_QUANT_MATH_H_
#define MOTE_KERNELS_QUANT_MATH_H_

#include <cstdint>
#include <limits>

namespace mote {

inline int32_t ShiftLeftWrapping(int32_t x, int shift) {
  return static_cast<int32_t>(static_cast<uint32_t>(x) << shift);
}

// gemmlowp's SaturatingRoundingDoublingHighMul: round(a * b / 2^31),
// saturating the single overflow case a == b == INT32_MIN.
inline int32_t SaturatingRoundingDoublingHighMul(int32_t a, int32_t b) {
  if (a == b && a == std::numeric_limits<int32_t>::min()) {
    return std::numeric_limits<int32_t>::max();
  }
  const int64_t ab = static_cast<int64_t>(a) * static_cast<int64_t>(b);
  const int32_t nudge = ab >= 0 ? (1 << 30) : (1 - (1 << 30));
  return static_cast<int32_t>((ab + nudge) / (int64_t{1} << 31));
}

// gemmlowp's RoundingDivideByPOT: x / 2^exponent, rounding half away from 0.
inline int32_t RoundingDivideByPOT(int32_t x, int exponent) {
  const int32_t mask = static_cast<int32_t>((uint32_t{1} << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

// x * multiplier * 2^shift with TFLite's (double) rounding; shift may be
// negative (right) or positive (left).
inline int32_t MultiplyByQuantizedMultiplier(int32_t x, int32_t multiplier,
                                             int shift) {
  const int left_shift = shift > 0 ? shift : 0;
  const int right_shift = shift > 0 ? 0 : -shift;
  return RoundingDivideByPOT(
      SaturatingRoundingDoublingHighMul(ShiftLeftWrapping(x, left_shift),
                                        multiplier),
      right_shift);
}

// TFLite's int64 overload, used where the accumulator is int64 (the 16x8
// conv, depthwise and fully connected kernels). Unlike the int32 version it
// rounds only once: the Q31 multiplier is first rounded to 15 bits, then
// x * multiplier is rounded and shifted right by 15 - shift in one step.
// TFLite requires shift in [-31, 7] (callers check it in Prepare) and
// assumes |x| < 2^47; beyond that its int64 product overflows, which here
// wraps instead of being undefined behaviour.
inline int32_t MultiplyByQuantizedMultiplier(int64_t x,
                                             int32_t quantized_multiplier,
                                             int shift) {
  const int32_t reduced_multiplier =
      quantized_multiplier < 0x7FFF0000
          ? (quantized_multiplier + (1 << 15)) >> 16
          : 0x7FFF;
  const int total_shift = 15 - shift;
  const uint64_t rounded =
      static_cast<uint64_t>(x) *
          static_cast<uint64_t>(static_cast<int64_t>(reduced_multiplier)) +
      (uint64_t{1} << (total_shift - 1));
  // Arithmetic shift, then truncation to 32 bits, as TFLite's
  // `int32_t result = x >> total_shift`.
  return static_cast<int32_t>(static_cast<int64_t>(rounded) >> total_shift);
}

// The largest shift the int64 MultiplyByQuantizedMultiplier accepts.
constexpr int kMaxShiftS64 = 7;

// Splits a positive real multiplier into a Q31 value and a power-of-two
// shift, as TFLite's QuantizeMultiplier does (frexp, round half away from
// zero, renormalise 2^31, flush tiny values to zero).
void QuantizeMultiplier(double real_multiplier, int32_t* quantized_multiplier,
                        int* shift);

// TFLite's CheckedLog2: true when x is a power of two to within 1e-3 in
// the exponent, with the rounded exponent in *log2_result. Computed in float
// as TFLite does (log(x) / log(2)).
bool CheckedLog2(float x, int* log2_result);

// The int32 accumulator clamp range of a fused activation on a quantized
// output, as TFLite's CalculateActivationRangeQuantized computes it.
// `qmin`/`qmax` are the limits of the output type.
void ActivationRangeQuantized(int activation, float output_scale,
                              int32_t output_zero_point, int32_t qmin,
                              int32_t qmax, int32_t* act_min,
                              int32_t* act_max);

// ActivationRangeQuantized with TFLite's overflow check: false (and nothing
// written) when a bound the activation uses, round(bound / scale) plus the
// zero point, does not fit in int32, where TFLite's
// CalculateActivationRangeQuantized fails instead of computing it.
bool ActivationRangeQuantizedChecked(int activation, float output_scale,
                                     int32_t output_zero_point, int32_t qmin,
                                     int32_t qmax, int32_t* act_min,
                                     int32_t* act_max);

// The float clamp range of a fused activation.
void ActivationRangeFloat(int activation, float* act_min, float* act_max);

}  // namespace mote

#endif  // MOTE_KERNELS_QUANT_MATH_H_
