// Dot products of int16 activations with int8 weights on the DSP
// extension, for the int16x8 kernels (arm_common/s16_loops.h): four
// weights per load, sign-extended to two int16 pairs by SXTB16 (bytes 0,2
// and 1,3), the activations re-paired to match with PKHBT/PKHTB, then
// SMLALD (int64 accumulator, exact) or SMLAD (int32, wrapping as TFLite's
// int32 sum).
#ifndef MOTE_KERNELS_ARM_DSP_DOT_S16_H_
#define MOTE_KERNELS_ARM_DSP_DOT_S16_H_

#include <arm_acle.h>

#include <cstdint>

#include "kernels/arm_dsp/dsp_common.h"

namespace mote {
namespace arm_dsp {

// Activation pairs (in0, in2) and (in1, in3) of four int16.
MOTE_DSP_INLINE void Pairs02And13(const int16_t* in, int32_t* p02,
                                  int32_t* p13) {
  const int32_t a = Load32(in);      // in0 | in1 << 16
  const int32_t b = Load32(in + 2);  // in2 | in3 << 16
  // GCC's ACLE has no __pkhbt/__pkhtb; it emits them for these masks.
  const uint32_t ua = static_cast<uint32_t>(a);
  const uint32_t ub = static_cast<uint32_t>(b);
  *p02 = static_cast<int32_t>((ua & 0xFFFFu) | (ub << 16));
  *p13 = static_cast<int32_t>((ua >> 16) | (ub & 0xFFFF0000u));
}

MOTE_DSP_INLINE int64_t DotS16S8(int64_t acc, const int16_t* in,
                                 const int8_t* w, int32_t n) {
  int32_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const int32_t w4 = Load32(w + i);
    int32_t p02, p13;
    Pairs02And13(in + i, &p02, &p13);
    acc = __smlald(p02, Sxtb16(w4), acc);
    acc = __smlald(p13, Sxtb16Ror8(w4), acc);
  }
  for (; i < n; ++i) acc += static_cast<int32_t>(in[i]) * w[i];
  return acc;
}

MOTE_DSP_INLINE int32_t DotS16S8(int32_t acc, const int16_t* in,
                                 const int8_t* w, int32_t n) {
  int32_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const int32_t w4 = Load32(w + i);
    int32_t p02, p13;
    Pairs02And13(in + i, &p02, &p13);
    acc = Smlad(p02, Sxtb16(w4), acc);
    acc = Smlad(p13, Sxtb16Ror8(w4), acc);
  }
  uint32_t tail = static_cast<uint32_t>(acc);
  for (; i < n; ++i) {
    tail += static_cast<uint32_t>(static_cast<int32_t>(in[i]) * w[i]);
  }
  return static_cast<int32_t>(tail);
}

}  // namespace arm_dsp
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_DSP_DOT_S16_H_
