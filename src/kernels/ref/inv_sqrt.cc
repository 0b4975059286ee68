#include "kernels/ref/inv_sqrt.h"

#include <limits>

#include "kernels/fixed_point.h"

namespace mote {
namespace ref {

void InvSqrtQuantizedMultiplierExp(int32_t input, int reverse_shift,
                                   int32_t* multiplier, int* shift) {
  if (input <= 1) {
    *multiplier = std::numeric_limits<int32_t>::max();
    *shift = 0;
    return;
  }
  int output_shift = 11;
  while (input >= (1 << 29)) {
    input /= 4;
    ++output_shift;
  }
  const unsigned max_left_shift_bits =
      static_cast<unsigned>(
          fixed::CountLeadingZeros32(static_cast<uint32_t>(input))) -
      1;
  const unsigned max_left_shift_bit_pairs = max_left_shift_bits / 2;
  const unsigned left_shift_bit_pairs = max_left_shift_bit_pairs - 1;
  output_shift -= static_cast<int>(left_shift_bit_pairs);
  input = ShiftLeftWrapping(input, static_cast<int>(2 * left_shift_bit_pairs));

  using F3 = fixed::FixedPoint<3>;
  using F0 = fixed::F0;
  const F3 fixedpoint_input = F3::FromRaw(input >> 1);
  const F3 fixedpoint_half_input =
      fixed::SaturatingRoundingMultiplyByPOT<-1>(fixedpoint_input);
  const F3 fixedpoint_half_three = F3::FromRaw((1 << 28) + (1 << 27));  // 1.5
  F3 x = F3::One();
  for (int i = 0; i < 5; ++i) {
    const F3 x3 = fixed::Rescale<3>(x * x * x);
    x = fixed::Rescale<3>(fixedpoint_half_three * x -
                          fixedpoint_half_input * x3);
  }
  const F0 fixedpoint_half_sqrt_2 = F0::FromRaw(1518500250);  // sqrt(2) / 2
  x = x * fixedpoint_half_sqrt_2;
  int32_t result = x.raw;
  if (output_shift < 0) {
    result = ShiftLeftWrapping(result, -output_shift);
    output_shift = 0;
  }
  *multiplier = result;
  *shift = output_shift * reverse_shift;
}

}  // namespace ref
}  // namespace mote
