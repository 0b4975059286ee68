#include "kernels/arm_mve/gemm.h"

namespace mote {
namespace arm_mve {

void GemmRows4x1(const GemmParams& g, const int8_t* rows, int row_stride) {
  const int stride = g.out_pixel_stride;
  const uint32x4_t scatter =
      vmulq_n_u32(vidupq_n_u32(0, 1), static_cast<uint32_t>(stride));
  // Everything the loops read, in locals: the byte stores below may alias
  // `g` as far as the compiler knows.
  const int depth = g.depth;
  const int chunks = depth >> 4;
  const int tail = depth & 15;
  const int full = g.num_pixels / 4 * 4;
  const int num_pixels = g.num_pixels;
  const int channels = g.channels;
  const int32_t* const sums = g.sums;
  const int32_t* const multiplier = g.multiplier;
  const int32_t* const shift = g.shift;
  const int requant_stride = g.requant_stride;
  const int32_t zp = g.output_offset;
  const int32_t act_min = g.act_min;
  const int32_t act_max = g.act_max;
  int8_t* const out_base = g.out;
  const int8_t* w = g.weights;
  for (int c = 0; c < channels; ++c, w += depth) {
    const int q = c * requant_stride;
    const Requant4 rq = BroadcastRequant4(multiplier[q], shift[q]);
    const int32_t s = sums[c];
    const int8_t* x = rows;
    int8_t* out = out_base + c;
    for (int p0 = 0; p0 < full; p0 += 4) {
      int32_t a0 = s, a1 = s, a2 = s, a3 = s;
      if (chunks > 0) {
        MacChunks4(w, x, x + row_stride, x + 2 * row_stride,
                   x + 3 * row_stride, chunks, a0, a1, a2, a3);
      }
      if (tail != 0) {
        const int32_t off = chunks * 16;
        const mve_pred16_t p = vctp8q(tail);
        const int8x16_t vw = vldrbq_z_s8(w + off, p);
        const int8_t* xt = x + off;
        a0 = vmladavaq_s8(a0, vldrbq_z_s8(xt, p), vw);
        a1 = vmladavaq_s8(a1, vldrbq_z_s8(xt + row_stride, p), vw);
        a2 = vmladavaq_s8(a2, vldrbq_z_s8(xt + 2 * row_stride, p), vw);
        a3 = vmladavaq_s8(a3, vldrbq_z_s8(xt + 3 * row_stride, p), vw);
      }
      const int32x4_t v = Requantize4(Vector4(a0, a1, a2, a3), rq, zp,
                                      act_min, act_max);
      vstrbq_scatter_offset_s32(out, scatter, v);
      x += 4 * row_stride;
      out += 4 * stride;
    }
    const int n = num_pixels - full;
    if (n > 0) {
      // The missing rows repeat the last one: computed, never stored.
      const int8_t* r1 = n > 1 ? x + row_stride : x;
      const int8_t* r2 = n > 2 ? x + 2 * row_stride : x;
      int32_t a[4] = {s, s, s, s};
      Mac4x1(w, x, r1, r2, x, depth, a);
      const int32x4_t v = Requantize4(Vector4(a[0], a[1], a[2], a[3]), rq, zp,
                                      act_min, act_max);
      vstrbq_scatter_offset_p_s32(out, scatter, v, vctp32q(n));
    }
  }
}

}  // namespace arm_mve
}  // namespace mote
