#include "kernels/arm_dsp/gemm.h"

namespace mote {
namespace arm_dsp {

// A wide channel's four outputs (dsp_common.h: kWideChannel).
template <RequantMode kClamp>
MOTE_DSP_INLINE void FinishWide(const int32_t* a, const FastChannel& f,
                                int8_t* o, int stride, int n,
                                int32_t output_offset, int32_t act_min,
                                int32_t act_max) {
  const int32_t r = f.right_shift - kWideChannel;
  const int32_t high = int32_t{1} << (r - 2);
  for (int p = 0; p < n; ++p, o += stride) {
    o[0] = ClampFast<kClamp>(RequantizeWide(a[p], f.round_zp, f.multiplier,
                                            high, r - 1, output_offset),
                             act_min, act_max);
  }
}

template <RequantMode kMode, RequantMode kClamp>
void GemmColumnsFast(const GemmParams& g, const FastChannel* fast,
                     const int16_t* col, int8_t* out, int32_t output_offset,
                     int32_t act_min, int32_t act_max) {
  const int8_t* w = g.weights;
  const int depth = g.depth;
  const int stride = g.out_pixel_stride;
  const int32_t zp = output_offset;
  int8_t* const first = out;
  int8_t* const end = out + g.channels;
  for (; out != end; ++out, ++fast, w += depth) {
    const int32_t b = fast->bias2;
    int32_t a[4] = {b, b, b, b};
    Mac1x4(w, col, depth, a);
    const int32_t m = fast->multiplier;
    const int32_t rz = fast->round_zp;
    const int32_t r = fast->right_shift;
    int8_t* o = out;
    if (kMode == RequantMode::kFastMixed && r >= kWideChannel) {
      if (r != kSlowChannel) {
        FinishWide<kClamp>(a, *fast, o, stride, 4, zp, act_min, act_max);
        continue;
      }
      const int channel = g.channel_base + static_cast<int>(out - first);
      const int32_t bias = g.bias != nullptr ? g.bias[channel] : 0;
      for (int p = 0; p < 4; ++p, o += stride) {
        o[0] = ClampFast<kClamp>(RequantizeSlowChannel(a[p], *fast, bias, zp),
                                 act_min, act_max);
      }
      continue;
    }
    o[0] = ClampFast<kClamp>(RequantizeDoubled(a[0], m, rz, r), act_min,
                             act_max);
    o += stride;
    o[0] = ClampFast<kClamp>(RequantizeDoubled(a[1], m, rz, r), act_min,
                             act_max);
    o += stride;
    o[0] = ClampFast<kClamp>(RequantizeDoubled(a[2], m, rz, r), act_min,
                             act_max);
    o += stride;
    o[0] = ClampFast<kClamp>(RequantizeDoubled(a[3], m, rz, r), act_min,
                             act_max);
  }
}

#define MOTE_DSP_GEMM_COLUMNS(MODE, CLAMP)                                  \
  template void GemmColumnsFast<RequantMode::MODE, RequantMode::CLAMP>(     \
      const GemmParams&, const FastChannel*, const int16_t*, int8_t*,       \
      int32_t, int32_t, int32_t);
MOTE_DSP_GEMM_COLUMNS(kFast, kFast)
MOTE_DSP_GEMM_COLUMNS(kFastClamp, kFastClamp)
MOTE_DSP_GEMM_COLUMNS(kFastMixed, kFast)
MOTE_DSP_GEMM_COLUMNS(kFastMixed, kFastClamp)
#undef MOTE_DSP_GEMM_COLUMNS

void GemmColumnsFastPartial(const GemmParams& g, const FastChannel* fast,
                            const int16_t* col, int8_t* out, int n,
                            int32_t output_offset, int32_t act_min,
                            int32_t act_max) {
  const int8_t* w = g.weights;
  for (int c = 0; c < g.channels; ++c, w += g.depth, ++fast) {
    const int32_t b = fast->bias2;
    int32_t a[4] = {b, b, b, b};
    Mac1x4(w, col, g.depth, a);
    if (fast->right_shift >= kWideChannel &&
        fast->right_shift != kSlowChannel) {
      FinishWide<RequantMode::kFastClamp>(a, *fast, out + c,
                                          g.out_pixel_stride, n,
                                          output_offset, act_min, act_max);
      continue;
    }
    for (int p = 0; p < n; ++p) {
      const int32_t v =
          fast->right_shift == kSlowChannel
              ? RequantizeSlowChannel(
                    a[p], *fast,
                    g.bias != nullptr ? g.bias[g.channel_base + c] : 0,
                    output_offset)
              : RequantizeDoubled(a[p], fast->multiplier, fast->round_zp,
                                  fast->right_shift);
      out[p * g.out_pixel_stride + c] =
          ClampFast<RequantMode::kFastClamp>(v, act_min, act_max);
    }
  }
}

void GemmColumnsReference(const GemmParams& g, const OutputStage& stage,
                          const int16_t* col, int8_t* out, int n) {
  const int8_t* w = g.weights;
  for (int c = 0; c < g.channels; ++c, w += g.depth) {
    const int channel = g.channel_base + c;
    const int32_t b = g.bias != nullptr ? g.bias[channel] : 0;
    int32_t a[4] = {b, b, b, b};
    Mac1x4(w, col, g.depth, a);
    const ChannelRequant q = MakeChannelRequant(stage, channel);
    for (int p = 0; p < n; ++p) {
      out[p * g.out_pixel_stride + c] = RequantizeReference(a[p], q, stage);
    }
  }
}

}  // namespace arm_dsp
}  // namespace mote
