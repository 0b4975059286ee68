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
#include <type_traits>

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

MOTE_DSP_INLINE int64_t MacPairs(int64_t acc, int32_t a, int32_t b) {
  return __smlald(a, b, acc);
}
MOTE_DSP_INLINE int32_t MacPairs(int32_t acc, int32_t a, int32_t b) {
  return Smlad(a, b, acc);
}
template <typename Acc>
MOTE_DSP_INLINE Acc MacScalar(Acc acc, int32_t a, int32_t b) {
  using U = typename std::make_unsigned<Acc>::type;
  return static_cast<Acc>(static_cast<U>(acc) +
                          static_cast<U>(static_cast<Acc>(a * b)));
}

// Four dot products at once (weights w + k * stride, k = 0..3) sharing the
// activation pairs: acc[k] plus the n products.
template <typename Acc>
MOTE_DSP_INLINE void Dot4S16S8(Acc* acc, const int16_t* in, const int8_t* w,
                               int32_t stride, int32_t n) {
  Acc a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
  const int8_t* w0 = w;
  const int8_t* w1 = w + stride;
  const int8_t* w2 = w1 + stride;
  const int8_t* w3 = w2 + stride;
  int32_t i = 0;
  for (; i + 4 <= n; i += 4) {
    int32_t p02, p13;
    Pairs02And13(in + i, &p02, &p13);
    int32_t x = Load32(w0 + i);
    a0 = MacPairs(MacPairs(a0, p02, Sxtb16(x)), p13, Sxtb16Ror8(x));
    x = Load32(w1 + i);
    a1 = MacPairs(MacPairs(a1, p02, Sxtb16(x)), p13, Sxtb16Ror8(x));
    x = Load32(w2 + i);
    a2 = MacPairs(MacPairs(a2, p02, Sxtb16(x)), p13, Sxtb16Ror8(x));
    x = Load32(w3 + i);
    a3 = MacPairs(MacPairs(a3, p02, Sxtb16(x)), p13, Sxtb16Ror8(x));
  }
  for (; i < n; ++i) {
    a0 = MacScalar(a0, in[i], w0[i]);
    a1 = MacScalar(a1, in[i], w1[i]);
    a2 = MacScalar(a2, in[i], w2[i]);
    a3 = MacScalar(a3, in[i], w3[i]);
  }
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
}

// This folder's dot products as arm_common/s16_loops.h takes them.
struct DotS16 {
  template <typename Acc>
  static MOTE_DSP_INLINE Acc Dot(Acc acc, const int16_t* in, const int8_t* w,
                            int32_t n) {
    return DotS16S8(acc, in, w, n);
  }
  template <typename Acc>
  static MOTE_DSP_INLINE void Dot4(Acc* acc, const int16_t* in, const int8_t* w,
                              int32_t stride, int32_t n) {
    Dot4S16S8(acc, in, w, stride, n);
  }
};

}  // namespace arm_dsp
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_DSP_DOT_S16_H_
