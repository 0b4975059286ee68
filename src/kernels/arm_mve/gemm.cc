#include "kernels/arm_mve/gemm.h"

namespace mote {
namespace arm_mve {

void GemmRows4x1(const GemmParams& g, const int8_t* rows, int row_stride) {
  const int stride = g.out_pixel_stride;
  const uint32x4_t scatter =
      vmulq_n_u32(vidupq_n_u32(0, 1), static_cast<uint32_t>(stride));
  const int full = g.num_pixels / 4 * 4;
  const int8_t* w = g.weights;
  for (int c = 0; c < g.channels; ++c, w += g.depth) {
    const int q = c * g.requant_stride;
    const Requant4 rq = BroadcastRequant4(g.multiplier[q], g.shift[q]);
    const int32_t s = g.sums[c];
    const int8_t* x = rows;
    int8_t* out = g.out + c;
    for (int p0 = 0; p0 < full; p0 += 4) {
      int32_t a[4] = {s, s, s, s};
      Mac4x1(w, x, x + row_stride, x + 2 * row_stride, x + 3 * row_stride,
             g.depth, a);
      const int32x4_t v =
          Requantize4(Vector4(a[0], a[1], a[2], a[3]), rq, g.output_offset,
                      g.act_min, g.act_max);
      vstrbq_scatter_offset_s32(out, scatter, v);
      x += 4 * row_stride;
      out += 4 * stride;
    }
    const int n = g.num_pixels - full;
    if (n > 0) {
      // The missing rows repeat the last one: computed, never stored.
      const int8_t* r1 = n > 1 ? x + row_stride : x;
      const int8_t* r2 = n > 2 ? x + 2 * row_stride : x;
      int32_t a[4] = {s, s, s, s};
      Mac4x1(w, x, r1, r2, x, g.depth, a);
      const int32x4_t v =
          Requantize4(Vector4(a[0], a[1], a[2], a[3]), rq, g.output_offset,
                      g.act_min, g.act_max);
      vstrbq_scatter_offset_p_s32(out, scatter, v, vctp32q(n));
    }
  }
}

}  // namespace arm_mve
}  // namespace mote
