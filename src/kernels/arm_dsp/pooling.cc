#include "kernels/arm_dsp/pooling.h"

#include "kernels/arm_common/pool_windows.h"
#include "kernels/arm_dsp/dsp_common.h"
#include "kernels/select.h"

namespace mote {
namespace arm_dsp {
namespace {

// The reference's average: (sum +- count / 2) / count, truncating, clamped.
MOTE_DSP_INLINE int8_t Average(int32_t sum, int32_t count, int32_t half,
                               int32_t lo, int32_t hi) {
  int32_t v = sum > 0 ? (sum + half) / count : (sum - half) / count;
  v = v < lo ? lo : v;
  return static_cast<int8_t>(v > hi ? hi : v);
}

MOTE_DSP_INLINE int32_t Low16(int32_t pair) {
  return static_cast<int16_t>(static_cast<uint32_t>(pair) & 0xFFFFu);
}

MOTE_DSP_INLINE int32_t High16(int32_t pair) { return pair >> 16; }

// Byte-wise signed maximum and minimum of four int8 lanes: SSUB8 sets the
// GE flag of each byte where a >= b, SEL then picks a there, b elsewhere
// (one asm statement: the flags must not be separated from their use).
MOTE_DSP_INLINE int32_t Max8x4(int32_t a, int32_t b) {
  int32_t r;
  __asm__("ssub8 %0, %1, %2\n\tsel %0, %1, %2" : "=&r"(r) : "r"(a), "r"(b)
          : "cc");
  return r;
}

MOTE_DSP_INLINE int32_t Min8x4(int32_t a, int32_t b) {
  int32_t r;
  __asm__("ssub8 %0, %1, %2\n\tsel %0, %2, %1" : "=&r"(r) : "r"(a), "r"(b)
          : "cc");
  return r;
}

MOTE_DSP_INLINE int32_t Dup8(int32_t v) {
  return static_cast<int32_t>((static_cast<uint32_t>(v) & 0xFFu) * 0x01010101u);
}

}  // namespace

bool AveragePoolS8_ArmDsp(const ref::PoolParams& p, const Shape& input_shape,
                          const int8_t* input, const Shape& output_shape,
                          int8_t* output) {
  const int groups = input_shape.dims[3] / 4;
  const int32_t lo = p.act_min;
  const int32_t hi = p.act_max;
  return arm_common::ForEachPoolWindow(
      p, input_shape, input, output_shape, output,
      [&](const arm_common::PoolWindow& w, int8_t* out) {
        const int32_t count = w.count();
        if (count == 0) return false;
        const int32_t half = count / 2;
        for (int g = 0; g < groups; ++g) {
          int32_t s02 = 0;  // channels 0 and 2 of the group, int16 each
          int32_t s13 = 0;
          arm_common::ForEachTap(w, g * 4, [&](const int8_t* x) {
            const int32_t v = Load32(x);
            s02 = Sadd16(s02, Sxtb16(v));
            s13 = Sadd16(s13, Sxtb16Ror8(v));
          });
          int8_t* o = out + g * 4;
          o[0] = Average(Low16(s02), count, half, lo, hi);
          o[1] = Average(Low16(s13), count, half, lo, hi);
          o[2] = Average(High16(s02), count, half, lo, hi);
          o[3] = Average(High16(s13), count, half, lo, hi);
        }
        for (int c = groups * 4; c < w.depth; ++c) {
          int32_t sum = 0;
          arm_common::ForEachTap(w, c, [&](const int8_t* x) { sum += *x; });
          out[c] = Average(sum, count, half, lo, hi);
        }
        return true;
      });
}

bool MaxPoolS8_ArmDsp_Applies(const ref::PoolParams& p) {
  return p.act_min >= -128 && p.act_max <= 127 && p.act_min <= p.act_max;
}

void MaxPoolS8_ArmDsp(const ref::PoolParams& p, const Shape& input_shape,
                      const int8_t* input, const Shape& output_shape,
                      int8_t* output) {
  const int groups = input_shape.dims[3] / 4;
  const int32_t lo4 = Dup8(p.act_min);
  const int32_t hi4 = Dup8(p.act_max);
  arm_common::ForEachPoolWindow(
      p, input_shape, input, output_shape, output,
      [&](const arm_common::PoolWindow& w, int8_t* out) {
        for (int g = 0; g < groups; ++g) {
          int32_t m = Dup8(-128);
          arm_common::ForEachTap(
              w, g * 4, [&](const int8_t* x) { m = Max8x4(m, Load32(x)); });
          Store32(out + g * 4, Min8x4(Max8x4(m, lo4), hi4));
        }
        for (int c = groups * 4; c < w.depth; ++c) {
          int32_t m = -128;
          arm_common::ForEachTap(
              w, c, [&](const int8_t* x) { m = *x > m ? *x : m; });
          m = m < p.act_min ? p.act_min : m;
          out[c] = static_cast<int8_t>(m > p.act_max ? p.act_max : m);
        }
        return true;
      });
}

}  // namespace arm_dsp

namespace opt {

size_t AveragePoolS8_ScratchBytes(const ref::PoolParams&, const Shape&,
                                  const Shape&) {
  return 0;
}

void MaxPoolS8(const ref::PoolParams& params, const Shape& input_shape,
               const int8_t* input, const Shape& output_shape,
               int8_t* output) {
  if (arm_dsp::MaxPoolS8_ArmDsp_Applies(params)) {
    arm_dsp::MaxPoolS8_ArmDsp(params, input_shape, input, output_shape,
                              output);
    return;
  }
  ref::MaxPoolS8(params, input_shape, input, output_shape, output);
}

bool AveragePoolS8(const ref::PoolParams& params, const Shape& input_shape,
                   const int8_t* input, const Shape& output_shape,
                   int8_t* output, void*) {
  // int16 pair sums: windows of at most 256 values.
  if (int64_t{params.filter_height} * params.filter_width > 256) {
    return ref::AveragePoolS8(params, input_shape, input, output_shape,
                              output);
  }
  return arm_dsp::AveragePoolS8_ArmDsp(params, input_shape, input,
                                       output_shape, output);
}

}  // namespace opt
}  // namespace mote
