// Dot products of int16 activations with int8 weights on Helium, for the
// int16x8 kernels (arm_common/s16_loops.h): eight activations (VLDRH) and
// eight weights widened on load (VLDRB.S16) per step, tail-predicated
// (VCTP, zeroing loads), summed by VMLALDAVA (int64 accumulator, exact) or
// VMLADAVA (int32, wrapping as TFLite's int32 sum).
#ifndef MOTE_KERNELS_ARM_MVE_DOT_S16_H_
#define MOTE_KERNELS_ARM_MVE_DOT_S16_H_

#include <arm_mve.h>

#include <cstdint>

#include "kernels/arm_mve/mve_common.h"

namespace mote {
namespace arm_mve {

MOTE_MVE_INLINE int64_t DotS16S8(int64_t acc, const int16_t* in,
                                 const int8_t* w, int32_t n) {
  for (int32_t i = 0; i < n; i += 8) {
    const mve_pred16_t p = vctp16q(static_cast<uint32_t>(n - i));
    acc = vmlaldavaq_s16(acc, vldrhq_z_s16(in + i, p), vldrbq_z_s16(w + i, p));
  }
  return acc;
}

MOTE_MVE_INLINE int32_t DotS16S8(int32_t acc, const int16_t* in,
                                 const int8_t* w, int32_t n) {
  for (int32_t i = 0; i < n; i += 8) {
    const mve_pred16_t p = vctp16q(static_cast<uint32_t>(n - i));
    acc = vmladavaq_s16(acc, vldrhq_z_s16(in + i, p), vldrbq_z_s16(w + i, p));
  }
  return acc;
}

MOTE_MVE_INLINE int64_t MacLanes(int64_t acc, int16x8_t a, int16x8_t b) {
  return vmlaldavaq_s16(acc, a, b);
}
MOTE_MVE_INLINE int32_t MacLanes(int32_t acc, int16x8_t a, int16x8_t b) {
  return vmladavaq_s16(acc, a, b);
}

// Four dot products at once (weights w + k * stride, k = 0..3) sharing the
// activation load: acc[k] plus the n products.
template <typename Acc>
MOTE_MVE_INLINE void Dot4S16S8(Acc* acc, const int16_t* in, const int8_t* w,
                               int32_t stride, int32_t n) {
  Acc a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
  const int8_t* w1 = w + stride;
  const int8_t* w2 = w1 + stride;
  const int8_t* w3 = w2 + stride;
  for (int32_t i = 0; i < n; i += 8) {
    const mve_pred16_t p = vctp16q(static_cast<uint32_t>(n - i));
    const int16x8_t x = vldrhq_z_s16(in + i, p);
    a0 = MacLanes(a0, x, vldrbq_z_s16(w + i, p));
    a1 = MacLanes(a1, x, vldrbq_z_s16(w1 + i, p));
    a2 = MacLanes(a2, x, vldrbq_z_s16(w2 + i, p));
    a3 = MacLanes(a3, x, vldrbq_z_s16(w3 + i, p));
  }
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
}

// This folder's dot products as arm_common/s16_loops.h takes them.
struct DotS16 {
  template <typename Acc>
  static MOTE_MVE_INLINE Acc Dot(Acc acc, const int16_t* in, const int8_t* w,
                            int32_t n) {
    return DotS16S8(acc, in, w, n);
  }
  template <typename Acc>
  static MOTE_MVE_INLINE void Dot4(Acc* acc, const int16_t* in, const int8_t* w,
                              int32_t stride, int32_t n) {
    Dot4S16S8(acc, in, w, stride, n);
  }
};

}  // namespace arm_mve
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_MVE_DOT_S16_H_
