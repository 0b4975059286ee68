// int16 sigmoid and tanh as TFLite's reference_integer_ops compute them for
// 16-bit activations: linear interpolation in a 256-entry table of
// sigmoid(i / 24) in 0.16 fixed point (tanh(x) = 2 sigmoid(2x) - 1 uses the
// same table). The integer LSTM applies them to Q3.12 gate inputs and
// writes Q0.15 outputs.
#ifndef MOTE_KERNELS_REF_LSTM_ACTIVATIONS_H_
#define MOTE_KERNELS_REF_LSTM_ACTIVATIONS_H_

#include <cstdint>

namespace mote {
namespace ref {

// TFLite's sigmoid_table_uint16, entry by entry (the values are rounded
// from a higher-precision computation, so they are data, not a formula).
extern const uint16_t kSigmoidTableU16[256];

// The input is first rescaled to x * input_multiplier >> input_left_shift
// (rounding half up); input_multiplier 0 selects the power-of-two case,
// multiplier 3 << input_left_shift and no shift. With multiplier 3 a Q3.12
// input lands on the table's 1/24 steps with 9 (sigmoid) or 8 (tanh)
// fraction bits: 3 q / 2^9 = 24 q / 2^12. input_left_shift must be in
// [0, 31] and |x * multiplier| below 2^31.
// `input` and `output` may be the same array.
void SigmoidS16(int32_t input_multiplier, int32_t input_left_shift,
                int32_t size, const int16_t* input, int16_t* output);
void TanhS16(int32_t input_multiplier, int32_t input_left_shift, int32_t size,
             const int16_t* input, int16_t* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_LSTM_ACTIVATIONS_H_
