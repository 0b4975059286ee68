#include "kernels/arm_mve/mve_common.h"

#include "kernels/select.h"

namespace mote {
namespace opt {

const char* KernelIsaName() { return "arm_mve"; }

}  // namespace opt

namespace arm_mve {

void KernelSums(const int8_t* weights, int depth, int rows,
                const int32_t* bias, int32_t offset, int32_t* sum) {
  for (int r = 0; r < rows; ++r, weights += depth) {
    int32_t s = 0;
    const int8_t* w = weights;
    int n = depth;
    for (; n >= 16; n -= 16, w += 16) s = vaddvaq_s8(s, vldrbq_s8(w));
    if (n > 0) s = vaddvaq_p_s8(s, vldrbq_z_s8(w, vctp8q(n)), vctp8q(n));
    const uint32_t b = bias != nullptr ? static_cast<uint32_t>(bias[r]) : 0u;
    sum[r] = static_cast<int32_t>(b + static_cast<uint32_t>(s) *
                                          static_cast<uint32_t>(offset));
  }
}

void CopyBytes(int8_t* dst, const int8_t* src, int n) {
  for (; n >= 16; n -= 16, src += 16, dst += 16) {
    vstrbq_s8(dst, vldrbq_s8(src));
  }
  if (n > 0) {
    const mve_pred16_t p = vctp8q(n);
    vstrbq_p_s8(dst, vldrbq_z_s8(src, p), p);
  }
}

// n bytes of value v at dst.
void FillBytes(int8_t* dst, int8_t v, int n) {
  const int8x16_t vv = vdupq_n_s8(v);
  for (; n >= 16; n -= 16, dst += 16) vstrbq_s8(dst, vv);
  if (n > 0) vstrbq_p_s8(dst, vv, vctp8q(n));
}

}  // namespace arm_mve
}  // namespace mote
