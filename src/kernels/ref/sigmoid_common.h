// What LOGISTIC and TANH share in TFLite Micro's integer kernels.
//
// int8: the input, minus its zero point, is rescaled to a Q4.27 fixed-point
// number (gemmlowp's logistic/tanh take it there); inputs beyond a radius
// saturate without computing. Both ops prepare and apply this identically
// and differ only in the function and the output quantization.
//
// int16: the input is rescaled onto the 1/24 steps of TFLite's sigmoid
// table (lstm_activations.h), with a multiplier of at most 15 bits.
#ifndef MOTE_KERNELS_REF_SIGMOID_COMMON_H_
#define MOTE_KERNELS_REF_SIGMOID_COMMON_H_

#include <algorithm>
#include <cstdint>
#include <limits>

#include "kernels/fixed_point.h"
#include "kernels/quant_math.h"

namespace mote {
namespace ref {

constexpr int kQ4InputIntegerBits = 4;

struct Q4InputParamsS8 {
  int32_t input_zero_point = 0;
  // |x - zero_point| at or beyond this saturates the output.
  int32_t input_range_radius = 0;
  // input_scale * 2^27 (to Q4.27) as a Q31 multiplier and a shift (either
  // direction, as MultiplyByQuantizedMultiplier takes it).
  int32_t input_multiplier = 0;
  int input_shift = 0;
};

// TFLite Micro's int8 Prepare of LOGISTIC and TANH, in double.
Q4InputParamsS8 PrepareQ4InputS8(float input_scale, int32_t input_zero_point);

// out = clamp(round(fn(x in Q4.27) / 2^output_shift) + output_zero_point),
// with saturation to -128/127 beyond the radius. `fn` maps a
// fixed::FixedPoint<4> to a Q0.31 fixed::F0.
template <typename Fn>
void MapQ4InputS8(const Q4InputParamsS8& params, int32_t size,
                  const int8_t* input, int8_t* output, int output_shift,
                  int32_t output_zero_point, Fn fn) {
  constexpr int32_t kMin = std::numeric_limits<int8_t>::min();
  constexpr int32_t kMax = std::numeric_limits<int8_t>::max();
  for (int32_t i = 0; i < size; ++i) {
    const int32_t x = input[i] - params.input_zero_point;
    if (x <= -params.input_range_radius) {
      output[i] = static_cast<int8_t>(kMin);
    } else if (x >= params.input_range_radius) {
      output[i] = static_cast<int8_t>(kMax);
    } else {
      const int32_t x_q4 = MultiplyByQuantizedMultiplier(
          x, params.input_multiplier, params.input_shift);
      const int32_t y_q0 =
          fn(fixed::FixedPoint<kQ4InputIntegerBits>::FromRaw(x_q4)).raw;
      const int32_t y =
          RoundingDivideByPOT(y_q0, output_shift) + output_zero_point;
      output[i] = static_cast<int8_t>(std::min(std::max(y, kMin), kMax));
    }
  }
}

// The int16 input rescale of LOGISTIC and TANH: x * multiplier >>
// left_shift, multiplier 0 meaning the power-of-two case (3 << left_shift).
struct SigmoidTableInputS16 {
  int32_t input_multiplier = 0;
  int32_t input_left_shift = 0;
};

// TFLite Micro's int16 Prepare of LOGISTIC (`max_pot_shift` 0) and TANH
// (1): a power-of-two input scale of 2^-12 (or 2^-11 for TANH) uses the
// table directly; any other is rescaled to 1 / (3 * 4096) with a multiplier
// doubled up to 15 bits. False when the scale is so large the multiplier
// exceeds 15 bits (TFLite only DCHECKs it; the product would overflow) or so
// small (below about 2^-44) it truncates to 0.
bool PrepareSigmoidTableInputS16(float input_scale, int max_pot_shift,
                                 SigmoidTableInputS16* params);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_SIGMOID_COMMON_H_
