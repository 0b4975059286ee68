#include "kernels/ref/sigmoid_common.h"

#include <cmath>

namespace mote {
namespace ref {

Q4InputParamsS8 PrepareQ4InputS8(float input_scale, int32_t input_zero_point) {
  Q4InputParamsS8 params;
  params.input_zero_point = input_zero_point;
  // TFLite Micro splits the multiplier with frexp and rounds it itself
  // rather than calling QuantizeMultiplier. With a float scale the rounded
  // mantissa never reaches 2^31, so the two agree.
  const double real_multiplier =
      static_cast<double>(input_scale) *
      static_cast<double>(1 << (31 - kQ4InputIntegerBits));
  int shift = 0;
  const double q = std::frexp(real_multiplier, &shift);
  params.input_multiplier = static_cast<int32_t>(
      std::round(q * static_cast<double>(int64_t{1} << 31)));
  params.input_shift = shift;
  if (shift < -31) {
    // A scale below 2^-58 (TFLite Micro has undefined shifts here): every
    // input rescales to 0.
    params.input_multiplier = 0;
    params.input_shift = 0;
  }
  // CalculateInputRadius(4, shift): the largest |x| that does not overflow
  // Q4.27 once multiplied, floored.
  const double radius = std::floor(
      std::ldexp(((1 << kQ4InputIntegerBits) - 1) *
                     static_cast<double>(1 << (31 - kQ4InputIntegerBits)),
                 -shift));
  params.input_range_radius =
      radius >= static_cast<double>(std::numeric_limits<int32_t>::max())
          ? std::numeric_limits<int32_t>::max()
          : static_cast<int32_t>(radius);
  return params;
}

bool PrepareSigmoidTableInputS16(float input_scale, int max_pot_shift,
                                 SigmoidTableInputS16* params) {
  // The table's input has 3 integer bits in TFLite's scheme (Q3.12).
  constexpr int kInputIntegerBits = 3;
  int scale_log2 = 0;
  if (CheckedLog2(input_scale, &scale_log2)) {
    const int left_shift = (15 - kInputIntegerBits) + scale_log2;
    if (left_shift >= 0 && left_shift <= max_pot_shift) {
      params->input_multiplier = 0;
      params->input_left_shift = left_shift;
      return true;
    }
  }
  // Rescale to 1 / (3 * 4096): +-2^17 then represents +-10.7.
  double multiplier = static_cast<double>(input_scale) * 4096.0 * 3.0;
  int left_shift = 0;
  while (multiplier <= 32767.0 / 2.0 && left_shift <= 30) {
    ++left_shift;
    multiplier = multiplier * 2.0;
  }
  // Above 15 bits the kernel's product overflows; a multiplier that
  // truncates to 0 would be taken for the power-of-two case.
  if (!(multiplier <= 32767.0 && multiplier >= 1.0)) return false;
  params->input_multiplier = static_cast<int32_t>(multiplier);
  params->input_left_shift = left_shift;
  return true;
}

}  // namespace ref
}  // namespace mote
