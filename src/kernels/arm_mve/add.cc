#include "kernels/arm_mve/add.h"

#include "kernels/arm_mve/mve_common.h"
#include "kernels/select.h"

namespace mote {
namespace arm_mve {
namespace {

// MultiplyByQuantizedMultiplier on four lanes: Requantize4 without the
// output offset and clamp.
MOTE_MVE_INLINE int32x4_t Scale4(int32x4_t x, const Requant4& q) {
  x = vshlq_s32(x, q.left_shift);
  x = vqrdmulhq_s32(x, q.multiplier);
  const int32x4_t fixup = vshrq_n_s32(vandq_s32(x, q.right_shift), 31);
  return vrshlq_s32(vqaddq_s32(x, fixup), q.right_shift);
}

}  // namespace

bool AddS8_Mve_Applies(const ref::AddSubParams& params,
                       const Shape& input1_shape, const Shape& input2_shape) {
  // The offsets keep (q + offset) << left_shift as the reference computes
  // it (wrapping there only for malformed zero points).
  return input1_shape == input2_shape && InputOffsetFits(params.input1_offset) &&
         InputOffsetFits(params.input2_offset) && params.left_shift >= 0 &&
         params.left_shift <= 22;
}

void AddS8_Mve(const ref::AddSubParams& p, const Shape& input1_shape,
               const int8_t* input1, const Shape&, const int8_t* input2,
               int8_t* output) {
  const Requant4 q1 = BroadcastRequant4(p.input1_multiplier, p.input1_shift);
  const Requant4 q2 = BroadcastRequant4(p.input2_multiplier, p.input2_shift);
  const Requant4 qo = BroadcastRequant4(p.output_multiplier, p.output_shift);
  const int32x4_t left = vdupq_n_s32(p.left_shift);
  const int32x4_t lo = vdupq_n_s32(p.act_min);
  const int32x4_t hi = vdupq_n_s32(p.act_max);
  int64_t n = input1_shape.FlatSize();
  for (; n > 0; n -= 4, input1 += 4, input2 += 4, output += 4) {
    const mve_pred16_t pred = vctp32q(static_cast<uint32_t>(n < 4 ? n : 4));
    const int32x4_t a = vshlq_s32(
        vaddq_n_s32(vldrbq_z_s32(input1, pred), p.input1_offset), left);
    const int32x4_t b = vshlq_s32(
        vaddq_n_s32(vldrbq_z_s32(input2, pred), p.input2_offset), left);
    int32x4_t v = Scale4(vaddq_s32(Scale4(a, q1), Scale4(b, q2)), qo);
    v = vminq_s32(vmaxq_s32(vaddq_n_s32(v, p.output_offset), lo), hi);
    vstrbq_p_s32(output, v, pred);
  }
}

}  // namespace arm_mve

namespace opt {

bool AddS8(const ref::AddSubParams& params, const Shape& input1_shape,
           const int8_t* input1, const Shape& input2_shape,
           const int8_t* input2, int8_t* output) {
  if (arm_mve::AddS8_Mve_Applies(params, input1_shape, input2_shape)) {
    arm_mve::AddS8_Mve(params, input1_shape, input1, input2_shape, input2,
                       output);
    return true;
  }
  return ref::AddS8(params, input1_shape, input1, input2_shape, input2,
                    output);
}

}  // namespace opt
}  // namespace mote
