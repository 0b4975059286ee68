// The matrix product behind CONV_2D, depthwise convolution with a depth
// multiplier and batched FULLY_CONNECTED on the DSP extension: output
// pixels four at a time in a column buffer (dsp_common.h), each output
// channel's int8 weight row against all four with the 1x4 micro-kernel,
// then requantization. Internal to src/kernels/arm_dsp.
//
// Scratch (GemmScratchBytes, selection.h): one FastChannel per output
// channel, then the column buffer.
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

// Every output channel of four full columns, fast requantization; kClamp
// is kFast where the clamp is the int8 range (SSAT), else kFastClamp
// (always with kFastMixed).
template <RequantMode kMode, RequantMode kClamp>
void GemmColumnsFast(const GemmParams& g, const FastChannel* fast,
                     const int16_t* col, int8_t* out, int32_t output_offset,
                     int32_t act_min, int32_t act_max);

// Every output channel of four full columns in one asm loop, for a depth
// that is a multiple of 4 from 8 and the int8 range as the clamp (SSAT):
// fast and wide channels (no kSlowChannel); the loop keeps nothing in C
// variables, so no spills between channels.
void GemmColumnsSsat(const GemmParams& g, const FastChannel* fast,
                     const int16_t* col, int8_t* out, int32_t output_offset);

// The same for n < 4 valid columns.
void GemmColumnsFastPartial(const GemmParams& g, const FastChannel* fast,
                            const int16_t* col, int8_t* out, int n,
                            int32_t output_offset, int32_t act_min,
                            int32_t act_max);

// Every output channel of n <= 4 columns, the reference requantization.
void GemmColumnsReference(const GemmParams& g, const OutputStage& stage,
                          const int16_t* col, int8_t* out, int n);

// The product: fill(col, p, pixel, doubled) writes column p of `col` for
// output pixel `pixel` (ColumnPutRun / ColumnPutZeros at k = 0 .. depth-1,
// doubled as told).
template <typename Fill>
void Gemm1x4(RequantMode mode, const GemmParams& g, const OutputStage& stage,
             void* scratch, Fill fill) {
  auto* fast = static_cast<FastChannel*>(scratch);
  auto* col = reinterpret_cast<int16_t*>(fast + g.channels);
  const bool doubled = mode != RequantMode::kReference;
  if (doubled) {
    PrepareFastChannels(stage, g.bias, g.channel_base, g.channels, fast,
                        g.depth);
  }
  ColumnPadTail(col, g.depth);
  bool ssat_loop = doubled && g.depth >= 8 && (g.depth & 3) == 0 &&
                   stage.act_min == -128 && stage.act_max == 127;
  for (int c = 0; ssat_loop && c < g.channels; ++c) {
    if (fast[c].right_shift == kSlowChannel) ssat_loop = false;
  }
  for (int p0 = 0; p0 < g.num_pixels; p0 += 4) {
    const int n = g.num_pixels - p0 < 4 ? g.num_pixels - p0 : 4;
    for (int p = 0; p < 4; ++p) {
      if (p < n) {
        fill(col, p, p0 + p, doubled);
      } else {
        ColumnPutZeros(col, p, 0, g.depth);
      }
    }
    int8_t* out = g.out + p0 * g.out_pixel_stride;
    if (mode == RequantMode::kReference) {
      GemmColumnsReference(g, stage, col, out, n);
    } else if (n < 4) {
      GemmColumnsFastPartial(g, fast, col, out, n, stage.output_offset,
                             stage.act_min, stage.act_max);
    } else if (ssat_loop) {
      GemmColumnsSsat(g, fast, col, out, stage.output_offset);
    } else if (mode == RequantMode::kFast) {
      GemmColumnsFast<RequantMode::kFast, RequantMode::kFast>(
          g, fast, col, out, stage.output_offset, stage.act_min,
          stage.act_max);
    } else if (mode == RequantMode::kFastClamp) {
      GemmColumnsFast<RequantMode::kFastClamp, RequantMode::kFastClamp>(
          g, fast, col, out, stage.output_offset, stage.act_min,
          stage.act_max);
    } else {
      // Slow channels (rare) make the requantization the cost: one copy,
      // the clamp from act_min/act_max whatever the range.
      GemmColumnsFast<RequantMode::kFastMixed, RequantMode::kFastClamp>(
          g, fast, col, out, stage.output_offset, stage.act_min,
          stage.act_max);
    }
  }
}

}  // namespace arm_dsp
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_DSP_GEMM_H_
