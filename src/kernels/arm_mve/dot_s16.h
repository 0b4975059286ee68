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

}  // namespace arm_mve
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_MVE_DOT_S16_H_
