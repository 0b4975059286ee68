#include "kernels/arm_mve/gemm.h"

namespace mote {
namespace arm_mve {
namespace {

// One output channel against every row.
struct ChannelPass {
  const int8_t* w;
  const int8_t* x;
  int row_stride;
  int depth;
  int num_pixels;
  int32_t sum;
  RequantScalar q;
  int32_t zp;
  int32x4_t act_min;
  int32x4_t act_max;
  int8_t* out;
  int out_stride;
  uint32x4_t scatter;
};

// Blocks of four rows through the tail-predicated 4x1 loop, the four sums
// requantized on the channel's scalar constants and scattered to the four
// pixels. Its own function, everything in locals: inlined into the channel
// loop, gcc 12 spills the row pointers and constants around every block.
template <bool kRightShift>
__attribute__((noinline)) void RowsOneChannel(const ChannelPass& c) {
  const int8_t* const w = c.w;
  const int8_t* x = c.x;
  const int row_stride = c.row_stride;
  const int depth = c.depth;
  const int num_pixels = c.num_pixels;
  const int32_t sum = c.sum;
  const RequantScalar q = c.q;
  const int32_t zp = c.zp;
  const int32x4_t act_min = c.act_min;
  const int32x4_t act_max = c.act_max;
  int8_t* out = c.out;
  const int out_step = 4 * c.out_stride;
  const uint32x4_t scatter = c.scatter;
  const int full = num_pixels & ~3;
  // MacDepth4 moves the pointers by depth rounded up to 16: x3 + next is
  // the next block's first row.
  const int next = row_stride - ((depth + 15) & ~15);
  for (int p0 = 0; p0 < full; p0 += 4) {
    int32_t a0 = sum, a1 = sum, a2 = sum, a3 = sum;
    const int8_t* wp = w;
    const int8_t* x0 = x;
    const int8_t* x1 = x + row_stride;
    const int8_t* x2 = x1 + row_stride;
    const int8_t* x3 = x2 + row_stride;
    MacDepth4(wp, x0, x1, x2, x3, depth, a0, a1, a2, a3);
    const int32x4_t v = RequantizeScalar4<kRightShift>(
        Pack4(a0, a1, a2, a3), q, zp, act_min, act_max);
    vstrbq_scatter_offset_s32(out, scatter, v);
    x = x3 + next;
    out += out_step;
  }
  const int n = num_pixels - full;
  if (n > 0) {
    // The missing rows repeat the first: computed, never stored.
    int32_t a0 = sum, a1 = sum, a2 = sum, a3 = sum;
    const int8_t* wp = w;
    const int8_t* x0 = x;
    const int8_t* x1 = n > 1 ? x + row_stride : x;
    const int8_t* x2 = n > 2 ? x + 2 * row_stride : x;
    const int8_t* x3 = x;
    MacDepth4(wp, x0, x1, x2, x3, depth, a0, a1, a2, a3);
    const int32x4_t v = RequantizeScalar4<kRightShift>(
        Pack4(a0, a1, a2, a3), q, zp, act_min, act_max);
    vstrbq_scatter_offset_p_s32(out, scatter, v,
                                FirstPixels4(scatter, c.out_stride, n));
  }
}

}  // namespace

void MakeChannelRecords(const GemmParams& g, ChannelRecord* records) {
  for (int c = 0; c < g.channels; ++c) {
    const int q = c * g.requant_stride;
    const int32_t shift = g.shift[q];
    records[c] = {g.sums[c], g.multiplier[q], shift > 0 ? shift : 0,
                  shift < 0 ? shift : 0};
  }
}

template <bool kAllStored>
void Block4AllChannels(const BlockPass& b) {
  const int8_t* const r0 = b.r[0];
  const int8_t* const r1 = b.r[1];
  const int8_t* const r2 = b.r[2];
  const int8_t* const r3 = b.r[3];
  const int8_t* w = b.weights;
  const ChannelRecord* rec = b.records;
  const ChannelRecord* const end = rec + b.channels;
  const int depth = b.depth;
  // MacDepth4 moves w by depth rounded up to 16.
  const int w_back = depth - ((depth + 15) & ~15);
  const int32_t zp = b.zp;
  const int32x4_t act_min = b.act_min;
  const int32x4_t act_max = b.act_max;
  const uint32x4_t scatter = b.scatter;
  const mve_pred16_t store = b.store;
  int8_t* out = b.out;
  for (; rec != end; ++rec, ++out) {
    int32_t a0 = rec->sum, a1 = a0, a2 = a0, a3 = a0;
    const int8_t* x0 = r0;
    const int8_t* x1 = r1;
    const int8_t* x2 = r2;
    const int8_t* x3 = r3;
    MacDepth4(w, x0, x1, x2, x3, depth, a0, a1, a2, a3);
    w += w_back;
    const int32_t right = rec->right_shift;
    const RequantScalar q = {rec->multiplier, rec->left_shift, right,
                             static_cast<int32_t>(
                                 static_cast<uint32_t>(right) >> 31)};
    const int32x4_t v = RequantizeScalar4<false>(Pack4(a0, a1, a2, a3), q,
                                                 zp, act_min, act_max);
    if (kAllStored) {
      vstrbq_scatter_offset_s32(out, scatter, v);
    } else {
      vstrbq_scatter_offset_p_s32(out, scatter, v, store);
    }
  }
}
template void Block4AllChannels<true>(const BlockPass&);
template void Block4AllChannels<false>(const BlockPass&);

void GemmRows4x1(const GemmParams& g, const int8_t* rows, int row_stride) {
  const int stride = g.out_pixel_stride;
  const uint32x4_t scatter = ScatterOffsets4(stride);
  const int32x4_t act_min = vdupq_n_s32(g.act_min);
  const int32x4_t act_max = vdupq_n_s32(g.act_max);
  const int8_t* w = g.weights;
  for (int c = 0; c < g.channels; ++c, w += g.depth) {
    const int q = c * g.requant_stride;
    const int32_t shift = g.shift[q];
    const RequantScalar rq = MakeRequantScalar(g.multiplier[q], shift);
    ChannelPass pass;
    pass.w = w;
    pass.x = rows;
    pass.row_stride = row_stride;
    pass.depth = g.depth;
    pass.num_pixels = g.num_pixels;
    pass.sum = g.sums[c];
    pass.q = rq;
    pass.zp = g.output_offset;
    pass.act_min = act_min;
    pass.act_max = act_max;
    pass.out = g.out + c;
    pass.out_stride = stride;
    pass.scatter = scatter;
    if (shift < 0) {
      RowsOneChannel<true>(pass);
    } else {
      RowsOneChannel<false>(pass);
    }
  }
}

}  // namespace arm_mve
}  // namespace mote
