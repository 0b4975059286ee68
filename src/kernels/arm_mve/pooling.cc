#include "kernels/arm_mve/pooling.h"

#include "kernels/arm_common/pool_windows.h"
#include "kernels/arm_mve/mve_common.h"
#include "kernels/select.h"

namespace mote {
namespace arm_mve {
namespace {

// round-half-away-from-zero(sum / count) as the reference: (|sum| +
// count / 2) / count with the sign of sum. With a = |sum| + d / 2 <= 128.5 d
// and m = ceil(2^32 / d), floor(a m / 2^32) = floor(a / d) whenever a d <
// 2^32 (the excess a (m d - 2^32) / (d 2^32) stays below 1 / d), which
// holds for every window of at most 4096 int8 values. count = 1 has no
// 32-bit m: the caller passes the sums through.
MOTE_MVE_INLINE int32x4_t Average4(int32x4_t sum, uint32_t magic,
                                   int32_t half, int32_t lo, int32_t hi) {
  const uint32x4_t a =
      vreinterpretq_u32_s32(vaddq_n_s32(vabsq_s32(sum), half));
  const int32x4_t q = vreinterpretq_s32_u32(vmulhq_u32(a, vdupq_n_u32(magic)));
  const mve_pred16_t negative = vcmpltq_n_s32(sum, 0);
  const int32x4_t v = vpselq_s32(vnegq_s32(q), q, negative);
  return vminq_s32(vmaxq_s32(v, vdupq_n_s32(lo)), vdupq_n_s32(hi));
}

MOTE_MVE_INLINE int32x4_t Clamp4(int32x4_t v, int32_t lo, int32_t hi) {
  return vminq_s32(vmaxq_s32(v, vdupq_n_s32(lo)), vdupq_n_s32(hi));
}

}  // namespace

bool AveragePoolS8_Mve(const ref::PoolParams& p, const Shape& input_shape,
                       const int8_t* input, const Shape& output_shape,
                       int8_t* output) {
  const int depth = input_shape.dims[3];
  const int full = depth / 16 * 16;
  const int32_t lo = p.act_min;
  const int32_t hi = p.act_max;
  return arm_common::ForEachPoolWindow(
      p, input_shape, input, output_shape, output,
      [&](const arm_common::PoolWindow& w, int8_t* out) {
        const int count = w.count();
        if (count == 0) return false;
        const uint32_t magic =
            count > 1 ? static_cast<uint32_t>(
                            ((uint64_t{1} << 32) + count - 1) / count)
                      : 0u;
        const int32_t half = count / 2;
        int c = 0;
        for (; c < full; c += 16) {
          int32x4_t s0 = vdupq_n_s32(0), s1 = s0, s2 = s0, s3 = s0;
          arm_common::ForEachTap(w, c, [&](const int8_t* x) {
            s0 = vaddq_s32(s0, vldrbq_s32(x));
            s1 = vaddq_s32(s1, vldrbq_s32(x + 4));
            s2 = vaddq_s32(s2, vldrbq_s32(x + 8));
            s3 = vaddq_s32(s3, vldrbq_s32(x + 12));
          });
          if (count == 1) {
            vstrbq_s32(out + c, Clamp4(s0, lo, hi));
            vstrbq_s32(out + c + 4, Clamp4(s1, lo, hi));
            vstrbq_s32(out + c + 8, Clamp4(s2, lo, hi));
            vstrbq_s32(out + c + 12, Clamp4(s3, lo, hi));
          } else {
            vstrbq_s32(out + c, Average4(s0, magic, half, lo, hi));
            vstrbq_s32(out + c + 4, Average4(s1, magic, half, lo, hi));
            vstrbq_s32(out + c + 8, Average4(s2, magic, half, lo, hi));
            vstrbq_s32(out + c + 12, Average4(s3, magic, half, lo, hi));
          }
        }
        for (; c < depth; c += 4) {
          const mve_pred16_t pred = vctp32q(depth - c < 4 ? depth - c : 4);
          int32x4_t s = vdupq_n_s32(0);
          arm_common::ForEachTap(w, c, [&](const int8_t* x) {
            s = vaddq_s32(s, vldrbq_z_s32(x, pred));
          });
          const int32x4_t v = count == 1 ? Clamp4(s, lo, hi)
                                         : Average4(s, magic, half, lo, hi);
          vstrbq_p_s32(out + c, v, pred);
        }
        return true;
      });
}

bool MaxPoolS8_Mve_Applies(const ref::PoolParams& p) {
  return p.act_min >= -128 && p.act_max <= 127 && p.act_min <= p.act_max;
}

void MaxPoolS8_Mve(const ref::PoolParams& p, const Shape& input_shape,
                   const int8_t* input, const Shape& output_shape,
                   int8_t* output) {
  const int depth = input_shape.dims[3];
  const int8x16_t lo = vdupq_n_s8(static_cast<int8_t>(p.act_min));
  const int8x16_t hi = vdupq_n_s8(static_cast<int8_t>(p.act_max));
  arm_common::ForEachPoolWindow(
      p, input_shape, input, output_shape, output,
      [&](const arm_common::PoolWindow& w, int8_t* out) {
        for (int c = 0; c < depth; c += 16) {
          const mve_pred16_t pred =
              vctp8q(static_cast<uint32_t>(depth - c < 16 ? depth - c : 16));
          // Inactive lanes load 0 and are never stored.
          int8x16_t m = vdupq_n_s8(-128);
          arm_common::ForEachTap(w, c, [&](const int8_t* x) {
            m = vmaxq_s8(m, vldrbq_z_s8(x, pred));
          });
          vstrbq_p_s8(out + c, vminq_s8(vmaxq_s8(m, lo), hi), pred);
        }
        return true;
      });
}

}  // namespace arm_mve

namespace opt {

size_t AveragePoolS8_ScratchBytes(const ref::PoolParams&, const Shape&,
                                  const Shape&) {
  return 0;
}

void MaxPoolS8(const ref::PoolParams& params, const Shape& input_shape,
               const int8_t* input, const Shape& output_shape,
               int8_t* output) {
  if (arm_mve::MaxPoolS8_Mve_Applies(params)) {
    arm_mve::MaxPoolS8_Mve(params, input_shape, input, output_shape, output);
    return;
  }
  ref::MaxPoolS8(params, input_shape, input, output_shape, output);
}

bool AveragePoolS8(const ref::PoolParams& params, const Shape& input_shape,
                   const int8_t* input, const Shape& output_shape,
                   int8_t* output, void*) {
  // Windows of at most 4096 values keep the division exact (Average4).
  if (int64_t{params.filter_height} * params.filter_width > 4096) {
    return ref::AveragePoolS8(params, input_shape, input, output_shape,
                              output);
  }
  return arm_mve::AveragePoolS8_Mve(params, input_shape, input, output_shape,
                                    output);
}

}  // namespace opt
}  // namespace mote
