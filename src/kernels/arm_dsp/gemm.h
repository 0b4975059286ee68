// The matrix product behind CONV_2D, depthwise convolution with a depth
// multiplier and batched FULLY_CONNECTED on the DSP extension: output
// pixels four at a time in a column buffer (dsp_common.h), each output
// channel's int8 weight row against all four with the 1x4 micro-kernel,
// then requantization. Internal to src/kernels/arm_dsp.
#ifndef MOTE_KERNELS_ARM_DSP_GEMM_H_
#define MOTE_KERNELS_ARM_DSP_GEMM_H_

#include <cstdint>

#include "kernels/arm_dsp/dsp_common.h"

namespace mote {
namespace arm_dsp {

// One product: `channels` weight rows of `depth` int8 (row stride
// `depth`), bias (or null) and requantization of channel `channel_base + c`,
// outputs at out[pixel * out_pixel_stride + c].
struct GemmParams {
  int num_pixels;
  int depth;
  int channels;
  const int8_t* weights;
  const int32_t* bias;
  int channel_base;
  int8_t* out;
  int out_pixel_stride;
};

// fill(col, p, pixel) writes column p of `col` for output pixel `pixel`
// (ColumnPutRun / ColumnPutZeros at k = 0 .. depth-1).
template <RequantMode kMode, typename Fill>
void Gemm1x4(const GemmParams& g, const OutputStage& stage, int16_t* col,
             Fill fill) {
  ColumnPadTail(col, g.depth);
  for (int p0 = 0; p0 < g.num_pixels; p0 += 4) {
    const int n = g.num_pixels - p0 < 4 ? g.num_pixels - p0 : 4;
    for (int p = 0; p < 4; ++p) {
      if (p < n) {
        fill(col, p, p0 + p);
      } else {
        ColumnPutZeros(col, p, 0, g.depth);
      }
    }
    const int8_t* w = g.weights;
    int8_t* out = g.out + p0 * g.out_pixel_stride;
    for (int c = 0; c < g.channels; ++c, w += g.depth, ++out) {
      const int channel = g.channel_base + c;
      const int32_t b = g.bias != nullptr ? g.bias[channel] : 0;
      int32_t acc[4] = {b, b, b, b};
      Mac1x4(w, col, g.depth, acc);
      const ChannelRequant q = MakeChannelRequant<kMode>(stage, channel);
      int8_t* o = out;
      for (int p = 0; p < n; ++p, o += g.out_pixel_stride) {
        *o = Requantize<kMode>(acc[p], q, stage);
      }
    }
  }
}

// Gemm1x4 with the requantization mode chosen at run time.
template <typename Fill>
void Gemm1x4(RequantMode mode, const GemmParams& g, const OutputStage& stage,
             int16_t* col, Fill fill) {
  switch (mode) {
    case RequantMode::kFast:
      Gemm1x4<RequantMode::kFast>(g, stage, col, fill);
      return;
    case RequantMode::kFastClamp:
      Gemm1x4<RequantMode::kFastClamp>(g, stage, col, fill);
      return;
    case RequantMode::kReference:
      Gemm1x4<RequantMode::kReference>(g, stage, col, fill);
      return;
  }
}

}  // namespace arm_dsp
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_DSP_GEMM_H_
