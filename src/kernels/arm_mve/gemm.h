// The matrix product behind CONV_2D, depthwise convolution with a depth
// multiplier and batched FULLY_CONNECTED on Helium: four output pixels (int8
// rows of `depth` activations) against each output channel's weight row
// with the 4x1 micro-kernel (mve_common.h, MacDepth4), then the four
// outputs of the channel requantized as one vector on the channel's scalar
// constants and scattered to the four pixels. Internal to src/kernels/arm_mve.
#ifndef MOTE_KERNELS_ARM_MVE_GEMM_H_
#define MOTE_KERNELS_ARM_MVE_GEMM_H_

#include <cstdint>

#include "kernels/arm_mve/mve_common.h"

namespace mote {
namespace arm_mve {

struct GemmParams {
  int num_pixels;
  int depth;
  int channels;
  const int8_t* weights;  // [channels][depth]
  const int32_t* sums;    // [channels]: bias + offset * sum of the row
  // Requantization of channel c: multiplier[c * stride] (stride 0: one for
  // all), output zero point and clamp.
  const int32_t* multiplier;
  const int32_t* shift;
  int requant_stride;
  int32_t output_offset;
  int32_t act_min;
  int32_t act_max;
  int8_t* out;  // out[pixel * out_pixel_stride + c]
  int out_pixel_stride;
};

// Per output channel, what Block4AllChannels needs, in the order it
// reads them (two LDRDs): the kernel sum and the requantization constants.
struct ChannelRecord {
  int32_t sum;
  int32_t multiplier;
  int32_t left_shift;   // max(shift, 0)
  int32_t right_shift;  // min(shift, 0)
};

// records[c] for c < g.channels from g.sums and the requantization.
void MakeChannelRecords(const GemmParams& g, ChannelRecord* records);

// Four gathered rows against every channel (r: the rows; n of them stored,
// predicate `store`). Its own function with everything in locals: inlined,
// gcc 12 spills the row pointers around every channel.
struct BlockPass {
  const int8_t* r[4];
  const int8_t* weights;
  const ChannelRecord* records;
  int depth;
  int channels;
  int32_t zp;
  int32x4_t act_min;
  int32x4_t act_max;
  uint32x4_t scatter;  // ScatterOffsets4 of the output pixel stride
  mve_pred16_t store;  // FirstPixels4 of the stored pixels
  int8_t* out;
};
// kAllStored: n == 4, the plain scatter store.
template <bool kAllStored>
void Block4AllChannels(const BlockPass& b);

// Gemm4x1 (below) on MacDepth4 and per-channel records: `records` holds
// g.channels ChannelRecords, filled here.
template <typename Rows>
void GemmBlocks4x1(const GemmParams& g, ChannelRecord* records, Rows rows) {
  MakeChannelRecords(g, records);
  const int stride = g.out_pixel_stride;
  BlockPass b;
  b.weights = g.weights;
  b.records = records;
  b.depth = g.depth;
  b.channels = g.channels;
  b.zp = g.output_offset;
  b.act_min = vdupq_n_s32(g.act_min);
  b.act_max = vdupq_n_s32(g.act_max);
  b.scatter = ScatterOffsets4(stride);
  for (int p0 = 0; p0 < g.num_pixels; p0 += 4) {
    const int n = g.num_pixels - p0 < 4 ? g.num_pixels - p0 : 4;
    rows(p0, n, b.r);
    b.store = FirstPixels4(b.scatter, stride, n);
    b.out = g.out + p0 * stride;
    if (n == 4) {
      Block4AllChannels<true>(b);
    } else {
      Block4AllChannels<false>(b);
    }
  }
}

// Four gathered windows (4-byte aligned, `depth_stride` = ConvPairDepth
// bytes apart, the bytes past g.depth matched by zero weights) against
// every output channel, two channels per pass (Mac4x2Rows in gemm.cc; an
// odd last channel through MacDepth4); all four pixels stored.
struct PairBlockPass {
  const int8_t* windows;
  const int8_t* weights;  // [channels][depth_stride], 4-byte aligned
  const ChannelRecord* records;
  int channels;
  int32_t zp;
  int32x4_t act_min;
  int32x4_t act_max;
  uint32x4_t scatter;       // 0, 1, 2, 3 times the output pixel stride
  uint32x4_t pack_scatter;  // the same in Pack4 order
  int8_t* out;
};
using PairBlockFn = void (*)(const PairBlockPass&);

// The pass for ConvPairDepth(depth) == depth_stride.
PairBlockFn SelectPairBlock(int depth_stride);

// fill(p0) writes the windows of pixels p0 .. p0 + 3. g.num_pixels >= 4: a
// last partial block is the last four pixels again (their outputs written
// twice, equal).
template <typename Fill>
void GemmPairs4(const GemmParams& g, ChannelRecord* records,
                const int8_t* weights, int depth_stride,
                const int8_t* windows, Fill fill) {
  MakeChannelRecords(g, records);
  const int stride = g.out_pixel_stride;
  const PairBlockFn block = SelectPairBlock(depth_stride);
  PairBlockPass b;
  b.windows = windows;
  b.weights = weights;
  b.records = records;
  b.channels = g.channels;
  b.zp = g.output_offset;
  b.act_min = vdupq_n_s32(g.act_min);
  b.act_max = vdupq_n_s32(g.act_max);
  b.scatter = vmulq_n_u32(vidupq_n_u32(0, 1), static_cast<uint32_t>(stride));
  b.pack_scatter = ScatterOffsets4(stride);
  const int last = g.num_pixels - 4;
  for (int p0 = 0;; p0 = p0 + 4 <= last ? p0 + 4 : last) {
    fill(p0);
    b.out = g.out + p0 * stride;
    block(b);
    if (p0 == last) break;
  }
}

// Four rows against every channel with the channels' constants read from
// GemmParams (no records): Gemm4x1's block. kAllStored: n == 4.
struct DirectPass {
  const int8_t* r[4];
  const GemmParams* g;
  int32x4_t act_min;
  int32x4_t act_max;
  uint32x4_t scatter;  // ScatterOffsets4 of the output pixel stride
  mve_pred16_t store;  // FirstPixels4 of the stored pixels
  int8_t* out;
};
template <bool kAllStored>
void Block4ChannelsDirect(const DirectPass& b);

// rows(p0, n, r) sets r[0..3] to the activation rows of pixels p0 .. p0+3
// (n of them valid; point the rest anywhere readable, e.g. at r[0]).
// kLongRows is kept for callers: MacDepth4 (tail-predicated) serves every
// depth.
template <bool kLongRows, typename Rows>
void Gemm4x1(const GemmParams& g, Rows rows) {
  const int stride = g.out_pixel_stride;
  DirectPass b;
  b.g = &g;
  b.act_min = vdupq_n_s32(g.act_min);
  b.act_max = vdupq_n_s32(g.act_max);
  b.scatter = ScatterOffsets4(stride);
  for (int p0 = 0; p0 < g.num_pixels; p0 += 4) {
    const int n = g.num_pixels - p0 < 4 ? g.num_pixels - p0 : 4;
    rows(p0, n, b.r);
    b.store = FirstPixels4(b.scatter, stride, n);
    b.out = g.out + p0 * stride;
    if (n == 4) {
      Block4ChannelsDirect<true>(b);
    } else {
      Block4ChannelsDirect<false>(b);
    }
  }
}

template <typename Rows>
__attribute__((noinline)) void Gemm4x1Long(const GemmParams& g, Rows rows) {
  Gemm4x1<true>(g, rows);
}

// The same product when every pixel's row is already in memory, row p at
// rows + p * row_stride (a 1x1 convolution's input, a batch of FULLY_CONNECTED
// rows): channels outer, so each channel's requantization constants are
// set up once, and blocks of four rows inner. Rows of 8, 16, 32, 64, 128 or
// 256 bytes back to back (word-aligned, at least four of them) take two
// channels per pass (gemm.cc, Mac4x2Rows).
void GemmRows4x1(const GemmParams& g, const int8_t* rows, int row_stride);

}  // namespace arm_mve
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_MVE_GEMM_H_
