#include "kernels/arm_dsp/add.h"

#include "kernels/arm_dsp/dsp_common.h"
#include "kernels/select.h"

namespace mote {
namespace arm_dsp {
namespace {

bool OffsetFits(int32_t offset) { return offset >= -128 && offset <= 128; }

// A multiplier/shift pair the merged rounding takes: m >= 0 and a right
// shift r in 0 .. 30, so that 2^(r-1) plus the high word stays in int32.
bool ScaleFits(int32_t multiplier, int shift) {
  return multiplier >= 0 && shift <= 0 && shift >= -30;
}

// MultiplyByQuantizedMultiplier(x, m, -r) of a doubled x2 = 2x (|x| <
// 2^29): floor((floor((x m + 2^30) / 2^31) + 2^(r-1) - [x < 0]) / 2^r),
// for r = 0 just the first rounding (no 2^(r-1), no [x < 0]).
struct Scale {
  int32_t multiplier;
  int32_t round;      // 2^(r-1), or 0
  int32_t sign_mask;  // -1, or 0 for r = 0
  int32_t right_shift;
};

MOTE_DSP_INLINE int32_t Apply(int32_t x2, const Scale& s) {
  return Smmlar(x2, s.multiplier, s.round + ((x2 >> 31) & s.sign_mask)) >>
         s.right_shift;
}

Scale MakeScale(int32_t multiplier, int shift) {
  const int r = -shift;
  return {multiplier, r > 0 ? int32_t{1} << (r - 1) : 0, r > 0 ? -1 : 0, r};
}

template <bool kFullRange>
void AddLoop(const ref::AddSubParams& p, const int8_t* a, const int8_t* b,
             int8_t* out, int64_t n) {
  const Scale s1 = MakeScale(p.input1_multiplier, p.input1_shift);
  const Scale s2 = MakeScale(p.input2_multiplier, p.input2_shift);
  const Scale so = MakeScale(p.output_multiplier, p.output_shift);
  // (q + offset) << 20, doubled: (q + offset) << 21.
  const int32_t off1 = p.input1_offset;
  const int32_t off2 = p.input2_offset;
  const int32_t zp = p.output_offset;
  const int32_t lo = p.act_min;
  const int32_t hi = p.act_max;
  for (int64_t i = 0; i < n; ++i) {
    const int32_t x1 = Apply((a[i] + off1) * (1 << 21), s1);
    const int32_t x2 = Apply((b[i] + off2) * (1 << 21), s2);
    int32_t v = Apply((x1 + x2) * 2, so) + zp;
    if (kFullRange) {
      out[i] = static_cast<int8_t>(__ssat(v, 8));
    } else {
      v = v < lo ? lo : v;
      out[i] = static_cast<int8_t>(v > hi ? hi : v);
    }
  }
}

}  // namespace

bool AddS8_ArmDsp_Applies(const ref::AddSubParams& params,
                          const Shape& input1_shape,
                          const Shape& input2_shape) {
  return input1_shape == input2_shape && params.left_shift == 20 &&
         OffsetFits(params.input1_offset) && OffsetFits(params.input2_offset) &&
         ScaleFits(params.input1_multiplier, params.input1_shift) &&
         ScaleFits(params.input2_multiplier, params.input2_shift) &&
         ScaleFits(params.output_multiplier, params.output_shift);
}

void AddS8_ArmDsp(const ref::AddSubParams& params, const Shape& input1_shape,
                  const int8_t* input1, const Shape&, const int8_t* input2,
                  int8_t* output) {
  const int64_t n = input1_shape.FlatSize();
  if (params.act_min <= -128 && params.act_max >= 127) {
    AddLoop<true>(params, input1, input2, output, n);
  } else {
    AddLoop<false>(params, input1, input2, output, n);
  }
}

}  // namespace arm_dsp

namespace opt {

bool AddS8(const ref::AddSubParams& params, const Shape& input1_shape,
           const int8_t* input1, const Shape& input2_shape,
           const int8_t* input2, int8_t* output) {
  if (arm_dsp::AddS8_ArmDsp_Applies(params, input1_shape, input2_shape)) {
    arm_dsp::AddS8_ArmDsp(params, input1_shape, input1, input2_shape, input2,
                          output);
    return true;
  }
  return ref::AddS8(params, input1_shape, input1, input2_shape, input2,
                    output);
}

}  // namespace opt
}  // namespace mote
