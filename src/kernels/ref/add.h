// ADD: element-wise sum with broadcasting (rank <= 6), int8, int16, int32,
// float32.
//
// The int8 and int16 paths are TFLite's general requantizing add: both
// inputs are offset by their zero points, shifted left for headroom (20 bits
// for int8, 15 for int16), scaled to a common scale (twice the larger input
// scale), summed, and the sum is rescaled to the output scale. SUB uses the
// same parameters and arithmetic with a difference.
//
// TFLite's other int16 path (power-of-two scales, AddOptions.pot_scale_int16)
// exists only in TFLite proper: TFLite Micro runs the general path whatever
// the option says, and so does mote.
#ifndef MOTE_KERNELS_REF_ADD_H_
#define MOTE_KERNELS_REF_ADD_H_

#include <algorithm>
#include <cstdint>

#include "kernels/quant_math.h"
#include "mote/types.h"

namespace mote {
namespace ref {

// The int8/int16 requantization of ADD and SUB, computed once in Prepare.
struct AddSubParams {
  int32_t input1_offset = 0;  // minus the input zero points
  int32_t input2_offset = 0;
  int32_t output_offset = 0;  // plus the output zero point
  int left_shift = 20;        // 20 for int8, 15 for int16
  int32_t input1_multiplier = 0;
  int input1_shift = 0;  // <= 0: a right shift
  int32_t input2_multiplier = 0;
  int input2_shift = 0;
  int32_t output_multiplier = 0;
  int output_shift = 0;
  int32_t act_min = -128;  // fused activation clamp, in output units
  int32_t act_max = 127;
};

// QuantizeMultiplier restricted to (0, 1), as TFLite's
// QuantizeMultiplierSmallerThanOneExp: false (TFLite would abort) when
// `real` is not in (0, 1) or rounds up to 1.
bool QuantizeMultiplierSmallerThanOne(double real, int32_t* multiplier,
                                      int* shift);

// ADD's Prepare (TFLite's CalculateOpDataAdd) for an int8 or int16 `type`:
// the scales are widened to double before dividing. False where TFLite
// refuses the model: a multiplier out of range (e.g. an output scale below
// 2^-19 times the larger input scale for int8) or an activation bound that
// overflows int32.
bool MakeAddParams(DataType type, float input1_scale, int32_t input1_zero_point,
                   float input2_scale, int32_t input2_zero_point,
                   float output_scale, int32_t output_zero_point,
                   Activation activation, AddSubParams* params);

// The part of ADD's and SUB's Prepare after the three real multipliers,
// which each op computes in its own precision: offsets, multipliers,
// activation range (int8 or int16 by `type`). False as MakeAddParams.
bool FinishAddSubParams(DataType type, double real_input1, double real_input2,
                        double real_output, int32_t input1_zero_point,
                        int32_t input2_zero_point, float output_scale,
                        int32_t output_zero_point, Activation activation,
                        AddSubParams* params);

// One element of the requantizing ADD (kSubtract false) or SUB.
template <bool kSubtract, typename T>
inline T AddSubQuantized(const AddSubParams& p, T a, T b) {
  // (q - zp) fits in 9 (int8) or 17 (int16) bits, so the 20- or 15-bit
  // shift cannot overflow; the wrapping shift only keeps a malformed zero
  // point free of UB.
  const int32_t shifted1 = ShiftLeftWrapping(p.input1_offset + a, p.left_shift);
  const int32_t shifted2 = ShiftLeftWrapping(p.input2_offset + b, p.left_shift);
  // Shifts are <= 0, where MultiplyByQuantizedMultiplier is exactly
  // TFLite's MultiplyByQuantizedMultiplierSmallerThanOneExp.
  const int32_t scaled1 = MultiplyByQuantizedMultiplier(
      shifted1, p.input1_multiplier, p.input1_shift);
  const int32_t scaled2 = MultiplyByQuantizedMultiplier(
      shifted2, p.input2_multiplier, p.input2_shift);
  const int32_t raw = MultiplyByQuantizedMultiplier(
                          kSubtract ? scaled1 - scaled2 : scaled1 + scaled2,
                          p.output_multiplier, p.output_shift) +
                      p.output_offset;
  return static_cast<T>(std::min(p.act_max, std::max(p.act_min, raw)));
}

// The output has the broadcast shape of the inputs. Each returns false (and
// writes nothing) when the input shapes do not broadcast.
bool AddS8(const AddSubParams& params, const Shape& input1_shape,
           const int8_t* input1, const Shape& input2_shape,
           const int8_t* input2, int8_t* output);
bool AddS16(const AddSubParams& params, const Shape& input1_shape,
            const int16_t* input1, const Shape& input2_shape,
            const int16_t* input2, int16_t* output);

// The sum wraps, then is clamped to [act_min, act_max] (TFLite ignores the
// fused activation of an int32 ADD: pass the whole int32 range).
bool AddS32(int32_t act_min, int32_t act_max, const Shape& input1_shape,
            const int32_t* input1, const Shape& input2_shape,
            const int32_t* input2, int32_t* output);

// `act_min`/`act_max` from ActivationRangeFloat.
bool AddF32(float act_min, float act_max, const Shape& input1_shape,
            const float* input1, const Shape& input2_shape, const float* input2,
            float* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_ADD_H_
