#include "kernels/arm_dsp/fully_connected.h"

#include "kernels/arm_common/entry_points.h"
#include "kernels/arm_dsp/gemm.h"
#include "kernels/ref/fully_connected.h"
#include "kernels/select.h"

namespace mote {
namespace arm_dsp {
namespace {

// Per-tensor weights have one multiplier (stride 0), per-channel one per
// unit.
OutputStage MakeStage(const FullyConnectedParams& p, const int32_t* multiplier,
                      const int32_t* shift) {
  if (multiplier == nullptr) {
    return {&p.output_multiplier, &p.output_shift, 0, p.output_offset,
            p.act_min, p.act_max};
  }
  return {multiplier, shift, 1, p.output_offset, p.act_min, p.act_max};
}

// Weight row r of the pass: SXTB16 on its word, two SMLAD with the column.
#define MOTE_DSP_ROW_STEP(R)                          \
  "ldr    %[wv], [%[w" #R "]], #4\n\t"                 \
  "sxtb16 %[w02], %[wv]\n\t"                           \
  "sxtb16 %[wv], %[wv], ror #8\n\t"                    \
  "smlad  %[a" #R "], %[w02], %[x02], %[a" #R "]\n\t"  \
  "smlad  %[a" #R "], %[wv], %[x13], %[a" #R "]\n\t"

// a[r] += dot(row r, column) for kRows (1-3) weight rows of `depth` int8
// (stride `depth`) against one int16 column (dsp_common.h's group order,
// one column: 4 halfwords per group).
template <int kRows>
MOTE_DSP_INLINE void MacRows(const int8_t* weights, int depth,
                             const int16_t* col, int32_t* a) {
  const int8_t* w0 = weights;
  const int8_t* w1 = weights + (kRows > 1 ? depth : 0);
  const int8_t* w2 = weights + (kRows > 2 ? 2 * depth : 0);
  const int32_t* c = reinterpret_cast<const int32_t*>(col);
  int32_t a0 = a[0], a1 = kRows > 1 ? a[1] : 0, a2 = kRows > 2 ? a[2] : 0;
  int n = depth >> 2;
  if (n > 0) {
    int32_t wv, w02, x02, x13;
    if (kRows == 3) {
      __asm__ volatile(
          "1:\n\t"
          "ldrd   %[x02], %[x13], [%[c]], #8\n\t" MOTE_DSP_ROW_STEP(0)
              MOTE_DSP_ROW_STEP(1) MOTE_DSP_ROW_STEP(2)
          "subs   %[n], %[n], #1\n\t"
          "bne    1b\n\t"
          : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [w0] "+r"(w0),
            [w1] "+r"(w1), [w2] "+r"(w2), [c] "+r"(c), [n] "+r"(n),
            [wv] "=&r"(wv), [w02] "=&r"(w02), [x02] "=&r"(x02),
            [x13] "=&r"(x13)
          :
          : "cc", "memory");
    } else if (kRows == 2) {
      __asm__ volatile(
          "1:\n\t"
          "ldrd   %[x02], %[x13], [%[c]], #8\n\t" MOTE_DSP_ROW_STEP(0)
              MOTE_DSP_ROW_STEP(1)
          "subs   %[n], %[n], #1\n\t"
          "bne    1b\n\t"
          : [a0] "+r"(a0), [a1] "+r"(a1), [w0] "+r"(w0), [w1] "+r"(w1),
            [c] "+r"(c), [n] "+r"(n), [wv] "=&r"(wv), [w02] "=&r"(w02),
            [x02] "=&r"(x02), [x13] "=&r"(x13)
          :
          : "cc", "memory");
    } else {
      __asm__ volatile(
          "1:\n\t"
          "ldrd   %[x02], %[x13], [%[c]], #8\n\t" MOTE_DSP_ROW_STEP(0)
          "subs   %[n], %[n], #1\n\t"
          "bne    1b\n\t"
          : [a0] "+r"(a0), [w0] "+r"(w0), [c] "+r"(c), [n] "+r"(n),
            [wv] "=&r"(wv), [w02] "=&r"(w02), [x02] "=&r"(x02),
            [x13] "=&r"(x13)
          :
          : "cc", "memory");
    }
  }
  const int tail = depth & 3;
  if (tail != 0) {
    const int32_t x02 = c[0];
    const int32_t x13 = c[1];
    const int8_t* rows[3] = {w0, w1, w2};
    int32_t* acc[3] = {&a0, &a1, &a2};
    for (int r = 0; r < kRows; ++r) {
      const int32_t wv = TailWeights(rows[r], tail);
      *acc[r] = Smlad(Sxtb16Ror8(wv), x13, Smlad(Sxtb16(wv), x02, *acc[r]));
    }
  }
  a[0] = a0;
  if (kRows > 1) a[1] = a1;
  if (kRows > 2) a[2] = a2;
}

#undef MOTE_DSP_ROW_STEP

// The outputs of `units` weight rows against one column: three rows per
// pass, then the rest.
template <RequantMode kMode>
void RowsTimesColumn(const int8_t* filter, int depth, int units,
                     const int16_t* col, const int32_t* bias,
                     const OutputStage& s, int8_t* out) {
  const int32_t act_min = s.act_min;
  const int32_t act_max = s.act_max;
  // The constants of output row u (per-tensor: the same for every row).
  auto fast = [&](int u) {
    FastChannel f;
    PrepareFastChannels(s, bias, u, 1, &f);
    return f;
  };
  FastChannel q = fast(0);
  int u = 0;
  auto finish = [&](int32_t acc, int unit) {
    if (kMode == RequantMode::kReference) {
      out[unit] = RequantizeReference(acc, MakeChannelRequant(s, unit), s);
      return;
    }
    if (s.channel_stride != 0) q = fast(unit);
    out[unit] = ClampFast<kMode>(
        RequantizeDoubled(acc, q.multiplier, q.round_zp, q.right_shift),
        act_min, act_max);
  };
  // Accumulators start at the bias, doubled on the fast paths like the
  // column.
  auto start = [&](int unit) {
    const int32_t b = bias != nullptr ? bias[unit] : 0;
    return kMode == RequantMode::kReference
               ? b
               : static_cast<int32_t>(static_cast<uint32_t>(b) << 1);
  };
  for (; u + 3 <= units; u += 3) {
    int32_t a[3] = {start(u), start(u + 1), start(u + 2)};
    MacRows<3>(filter + u * depth, depth, col, a);
    finish(a[0], u);
    finish(a[1], u + 1);
    finish(a[2], u + 2);
  }
  // The last one or two rows one at a time (a MacRows<2> copy would cost
  // flash for at most one pass per column).
  for (; u < units; ++u) {
    int32_t a[1] = {start(u)};
    MacRows<1>(filter + u * depth, depth, col, a);
    finish(a[0], u);
  }
}

void RunRows(const FullyConnectedParams& params,
             const int32_t* output_multiplier, const int32_t* output_shift,
             const Shape& input_shape, const int8_t* input,
             const Shape& filter_shape, const int8_t* filter,
             const int32_t* bias, const Shape& output_shape, int8_t* output,
             void* scratch) {
  const OutputStage stage =
      MakeStage(params, output_multiplier, output_shift);
  const int depth = filter_shape.dims[filter_shape.rank - 1];
  const int units = output_shape.dims[output_shape.rank - 1];
  const int batches = FullyConnectedBatches(output_shape);
  const RequantMode mode = ChooseRequantMode(stage, units, bias, depth);
  if (mode == RequantMode::kReference) {
    // The fast requantization cannot be proven exact (rare): the reference
    // kernel, linked anyway, rather than a third copy of the row loops.
    if (output_multiplier != nullptr) {
      ref::FullyConnectedPerChannelS8(params, output_multiplier, output_shift,
                                      input_shape, input, filter_shape,
                                      filter, bias, output_shape, output);
    } else {
      ref::FullyConnectedS8(params, input_shape, input, filter_shape, filter,
                            bias, output_shape, output);
    }
    return;
  }
  auto* col = static_cast<int16_t*>(scratch);
  for (int b = 0; b < batches; ++b) {
    ColumnPutRun1(col, input + b * depth, depth, params.input_offset,
                  /*doubled=*/true);
    int8_t* out = output + b * units;
    if (mode == RequantMode::kFast) {
      RowsTimesColumn<RequantMode::kFast>(filter, depth, units, col, bias,
                                          stage, out);
    } else {  // kFastClamp; kFastMixed is never chosen without channel_fallback
      RowsTimesColumn<RequantMode::kFastClamp>(filter, depth, units, col,
                                               bias, stage, out);
    }
  }
}

void RunBatch(const FullyConnectedParams& params,
              const int32_t* output_multiplier, const int32_t* output_shift,
              const int8_t* input, const Shape& filter_shape,
              const int8_t* filter, const int32_t* bias,
              const Shape& output_shape, int8_t* output, void* scratch) {
  const OutputStage stage =
      MakeStage(params, output_multiplier, output_shift);
  GemmParams g;
  g.num_pixels = FullyConnectedBatches(output_shape);
  g.depth = filter_shape.dims[filter_shape.rank - 1];
  g.channels = output_shape.dims[output_shape.rank - 1];
  g.weights = filter;
  g.bias = bias;
  g.channel_base = 0;
  g.out = output;
  g.out_pixel_stride = g.channels;
  const RequantMode mode =
      ChooseRequantMode(stage, g.channels, bias, g.depth, true);
  const int32_t offset = params.input_offset;
  Gemm1x4(mode, g, stage, scratch,
          [&](int16_t* col, int p, int row, bool doubled) {
            ColumnPutRun(col, p, 0, input + row * g.depth, g.depth, offset,
                         doubled);
          });
}

}  // namespace

void FullyConnectedRowsS8_ArmDsp(const FullyConnectedParams& params,
                                 const int32_t* output_multiplier,
                                 const int32_t* output_shift,
                                 const Shape& input_shape,
                                 const int8_t* input,
                                 const Shape& filter_shape,
                                 const int8_t* filter, const int32_t* bias,
                                 const Shape& output_shape, int8_t* output,
                                 void* scratch) {
  RunRows(params, output_multiplier, output_shift, input_shape, input,
          filter_shape, filter, bias, output_shape, output, scratch);
}

void FullyConnectedBatchS8_ArmDsp(const FullyConnectedParams& params,
                                  const int32_t* output_multiplier,
                                  const int32_t* output_shift, const Shape&,
                                  const int8_t* input,
                                  const Shape& filter_shape,
                                  const int8_t* filter, const int32_t* bias,
                                  const Shape& output_shape, int8_t* output,
                                  void* scratch) {
  RunBatch(params, output_multiplier, output_shift, input, filter_shape,
           filter, bias, output_shape, output, scratch);
}

}  // namespace arm_dsp

namespace opt {
namespace {

struct FullyConnectedS8_ArmDsp {
  static constexpr auto& Rows = arm_dsp::FullyConnectedRowsS8_ArmDsp;
  static constexpr auto& Batch = arm_dsp::FullyConnectedBatchS8_ArmDsp;
};

}  // namespace

size_t FullyConnectedS8_ScratchBytes(const FullyConnectedParams& params,
                                     const Shape& input_shape,
                                     const Shape& filter_shape,
                                     const Shape& output_shape) {
  return arm_common::FullyConnectedScratchBytes<arm_dsp::ArmDspShapes>(
      params, input_shape, filter_shape, output_shape);
}

void FullyConnectedS8(const FullyConnectedParams& params,
                      const Shape& input_shape, const int8_t* input,
                      const Shape& filter_shape, const int8_t* filter,
                      const int32_t* bias, const Shape& output_shape,
                      int8_t* output, void* scratch) {
  arm_common::RunFullyConnectedS8<FullyConnectedS8_ArmDsp>(
      params, false, nullptr, nullptr, input_shape, input, filter_shape,
      filter, bias, output_shape, output, scratch);
}

size_t FullyConnectedPerChannelS8_ScratchBytes(
    const FullyConnectedParams& params, const Shape& input_shape,
    const Shape& filter_shape, const Shape& output_shape) {
  return arm_common::FullyConnectedPerChannelScratchBytes<arm_dsp::ArmDspShapes>(
      params, input_shape, filter_shape, output_shape);
}

void FullyConnectedPerChannelS8(const FullyConnectedParams& params,
                                const int32_t* output_multiplier,
                                const int32_t* output_shift,
                                const Shape& input_shape, const int8_t* input,
                                const Shape& filter_shape, const int8_t* filter,
                                const int32_t* bias, const Shape& output_shape,
                                int8_t* output, void* scratch) {
  arm_common::RunFullyConnectedS8<FullyConnectedS8_ArmDsp>(
      params, true, output_multiplier, output_shift, input_shape, input,
      filter_shape, filter, bias, output_shape, output, scratch);
}

}  // namespace opt
}  // namespace mote
