// Which Helium (MVE) kernel runs for which shape, and the scratch it needs.
// Plain C++ without Arm intrinsics: the kernels' entry points
// (kernels/select.h) decide with it on the device, and the host plans a
// firmware's arena with it (kernels/scratch_plan.h). Pointers count 4 bytes
// (the target's).
#ifndef MOTE_KERNELS_ARM_MVE_SELECTION_H_
#define MOTE_KERNELS_ARM_MVE_SELECTION_H_

#include <cstddef>
#include <cstdint>

#include "kernels/ref/conv_2d.h"
#include "kernels/ref/depthwise_conv_2d.h"
#include "kernels/ref/fully_connected.h"
#include "kernels/ref/softmax.h"
#include "mote/types.h"

namespace mote {
namespace arm_mve {

constexpr size_t RoundUp4(size_t n) { return (n + 3) / 4 * 4; }

// The kernels keep activations int8 and fold the input offset into
// per-channel sums: it must be minus an int8 zero point.
inline bool InputOffsetFits(int32_t input_offset) {
  return input_offset >= -128 && input_offset <= 128;
}

// --- CONV_2D ------------------------------------------------------------------

inline bool ConvS8MveApplies(const ConvParams& params) {
  return InputOffsetFits(params.input_offset);
}

// A 1x1 filter, stride 1, no padding: every output pixel's activations are
// one input pixel's channels, read in place.
inline bool Conv1x1S8_Mve_Applies(const ConvParams& params,
                                  const Shape& filter_shape) {
  return ConvS8MveApplies(params) && filter_shape.dims[1] == 1 &&
         filter_shape.dims[2] == 1 && params.pad_height == 0 &&
         params.pad_width == 0 && params.stride_height == 1 &&
         params.stride_width == 1;
}

// Per output channel the kernel sum; the general kernel also keeps a
// 16-byte record per channel (gemm.h, ChannelRecord) and gathers four
// pixels' windows (filter_h * filter_w * in_ch bytes each).
inline size_t Conv1x1S8_Mve_ScratchBytes(const ConvParams&, const Shape&,
                                         const Shape& filter_shape,
                                         const Shape&) {
  return static_cast<size_t>(filter_shape.dims[0]) * 4;
}

// The general kernel's channel-pair pass (gemm.h, GemmPairs4) takes windows
// of `depth` bytes padded to this many (a multiple of 16 it is compiled
// for: keep in step with gemm.cc's SelectPairBlock), or 0: it does not
// apply.
inline int ConvPairDepth(int64_t depth) {
  const int64_t d = (depth + 15) / 16 * 16;
  switch (d) {
    case 16:
    case 32:
    case 48:
    case 64:
    case 128:
    case 144:
    case 288:
      return static_cast<int>(d);
    default:
      return 0;
  }
}

inline bool ConvUsesPairs(const Shape& filter_shape) {
  const int64_t depth = int64_t{filter_shape.dims[1]} * filter_shape.dims[2] *
                        filter_shape.dims[3];
  return filter_shape.dims[0] >= 2 && ConvPairDepth(depth) != 0;
}

// With the pair pass the windows are padded to ConvPairDepth, and weights
// whose rows are not that long are copied, zero-padded, after them.
inline size_t ConvPerChannelS8_Mve_ScratchBytes(const ConvParams&,
                                                const Shape&,
                                                const Shape& filter_shape,
                                                const Shape&) {
  const size_t channels = static_cast<size_t>(filter_shape.dims[0]);
  const size_t depth = static_cast<size_t>(filter_shape.dims[1]) *
                       filter_shape.dims[2] * filter_shape.dims[3];
  const size_t base = channels * (4 + 16);
  if (ConvUsesPairs(filter_shape)) {
    const size_t padded = static_cast<size_t>(ConvPairDepth(depth));
    return base + 4 * padded + (padded != depth ? channels * padded : 0);
  }
  return base + 4 * RoundUp4(depth);
}

enum class ConvKernel : uint8_t { kReference, kGeneral, k1x1 };

inline ConvKernel SelectConv(const ConvParams& params, const Shape&,
                             const Shape& filter_shape, const Shape&) {
  if (!ConvS8MveApplies(params)) return ConvKernel::kReference;
  if (Conv1x1S8_Mve_Applies(params, filter_shape)) return ConvKernel::k1x1;
  return ConvKernel::kGeneral;
}

inline size_t ConvScratchBytes(const ConvParams& params,
                               const Shape& input_shape,
                               const Shape& filter_shape,
                               const Shape& output_shape) {
  switch (SelectConv(params, input_shape, filter_shape, output_shape)) {
    case ConvKernel::k1x1:
      return Conv1x1S8_Mve_ScratchBytes(params, input_shape, filter_shape,
                                        output_shape);
    case ConvKernel::kGeneral:
      return ConvPerChannelS8_Mve_ScratchBytes(params, input_shape,
                                               filter_shape, output_shape);
    case ConvKernel::kReference:
      break;
  }
  return 0;
}

// --- DEPTHWISE_CONV_2D -------------------------------------------------------

inline bool DepthwiseS8MveApplies(const DepthwiseConvParams& params) {
  return InputOffsetFits(params.input_offset);
}

inline bool DepthwiseConvS8_Mve_Applies(const DepthwiseConvParams& params) {
  return DepthwiseS8MveApplies(params) && params.depth_multiplier == 1;
}

inline bool DepthwiseConv3x3S8_Mve_Applies(const DepthwiseConvParams& params,
                                           const Shape& filter_shape) {
  return DepthwiseConvS8_Mve_Applies(params) && filter_shape.dims[1] == 3 &&
         filter_shape.dims[2] == 3;
}

// Multiplier 1: per channel the kernel sum and the requantization
// constants (4 words), the weights regrouped per block of channels and tap,
// a row of the input zero point, a pointer per tap.
inline size_t DepthwiseConvS8_Mve_ScratchBytes(const DepthwiseConvParams&,
                                               const Shape& input_shape,
                                               const Shape& filter_shape,
                                               const Shape&) {
  const size_t channels = static_cast<size_t>(input_shape.dims[3]);
  const size_t taps =
      static_cast<size_t>(filter_shape.dims[1]) * filter_shape.dims[2];
  return channels * 16 + RoundUp4(channels) * taps + RoundUp4(channels) +
         taps * 4;
}

// Any multiplier, per input channel: the product of `multiplier` rows of
// `taps` weights (their sums, the rows) and four gathered windows.
inline size_t DepthwiseConvMultS8_Mve_ScratchBytes(
    const DepthwiseConvParams& params, const Shape&, const Shape& filter_shape,
    const Shape&) {
  const size_t taps =
      static_cast<size_t>(filter_shape.dims[1]) * filter_shape.dims[2];
  const size_t mult = static_cast<size_t>(params.depth_multiplier);
  return mult * 4 + RoundUp4(mult * taps) + 4 * RoundUp4(taps);
}

enum class DepthwiseKernel : uint8_t { kReference, k3x3, kGeneral, kMult };

inline DepthwiseKernel SelectDepthwise(const DepthwiseConvParams& params,
                                       const Shape&, const Shape& filter_shape,
                                       const Shape&) {
  if (!DepthwiseS8MveApplies(params)) return DepthwiseKernel::kReference;
  if (params.depth_multiplier != 1) return DepthwiseKernel::kMult;
  if (DepthwiseConv3x3S8_Mve_Applies(params, filter_shape)) {
    return DepthwiseKernel::k3x3;
  }
  return DepthwiseKernel::kGeneral;
}

inline size_t DepthwiseScratchBytes(const DepthwiseConvParams& params,
                                    const Shape& input_shape,
                                    const Shape& filter_shape,
                                    const Shape& output_shape) {
  switch (SelectDepthwise(params, input_shape, filter_shape, output_shape)) {
    case DepthwiseKernel::k3x3:
    case DepthwiseKernel::kGeneral:
      return DepthwiseConvS8_Mve_ScratchBytes(params, input_shape,
                                              filter_shape, output_shape);
    case DepthwiseKernel::kMult:
      return DepthwiseConvMultS8_Mve_ScratchBytes(params, input_shape,
                                                  filter_shape, output_shape);
    case DepthwiseKernel::kReference:
      break;
  }
  return 0;
}

// --- FULLY_CONNECTED ---------------------------------------------------------

// Symmetric weights: a per-tensor filter_offset other than 0 runs the
// reference (the per-channel kernels ignore it, as TFLite's).
inline bool FullyConnectedS8MveApplies(const FullyConnectedParams& params,
                                       bool per_channel) {
  return InputOffsetFits(params.input_offset) &&
         (per_channel || params.filter_offset == 0);
}

inline int32_t FullyConnectedBatches(const Shape& output_shape) {
  return static_cast<int32_t>(output_shape.FlatSize(0, output_shape.rank - 1));
}

// One input row at a time (batch 1): four weight rows per pass, their sums
// on the way; no scratch.
inline size_t FullyConnectedRowsS8_Mve_ScratchBytes(
    const FullyConnectedParams&, const Shape&, const Shape&, const Shape&) {
  return 0;
}

// Four input rows at a time through the CONV_2D product: the kernel sums.
inline size_t FullyConnectedBatchS8_Mve_ScratchBytes(
    const FullyConnectedParams&, const Shape&, const Shape& filter_shape,
    const Shape&) {
  return static_cast<size_t>(filter_shape.dims[filter_shape.rank - 2]) * 4;
}

enum class FullyConnectedKernel : uint8_t { kReference, kRows, kBatch };

inline FullyConnectedKernel SelectFullyConnected(
    const FullyConnectedParams& params, bool per_channel, const Shape&,
    const Shape&, const Shape& output_shape) {
  if (!FullyConnectedS8MveApplies(params, per_channel)) {
    return FullyConnectedKernel::kReference;
  }
  return FullyConnectedBatches(output_shape) >= 4 ? FullyConnectedKernel::kBatch
                                                  : FullyConnectedKernel::kRows;
}

inline size_t FullyConnectedScratchBytesFor(const FullyConnectedParams& params,
                                            bool per_channel,
                                            const Shape& input_shape,
                                            const Shape& filter_shape,
                                            const Shape& output_shape) {
  switch (SelectFullyConnected(params, per_channel, input_shape, filter_shape,
                               output_shape)) {
    case FullyConnectedKernel::kRows:
      return FullyConnectedRowsS8_Mve_ScratchBytes(params, input_shape,
                                                   filter_shape, output_shape);
    case FullyConnectedKernel::kBatch:
      return FullyConnectedBatchS8_Mve_ScratchBytes(
          params, input_shape, filter_shape, output_shape);
    case FullyConnectedKernel::kReference:
      break;
  }
  return 0;
}

inline size_t FullyConnectedScratchBytes(const FullyConnectedParams& params,
                                         const Shape& input_shape,
                                         const Shape& filter_shape,
                                         const Shape& output_shape) {
  return FullyConnectedScratchBytesFor(params, false, input_shape,
                                       filter_shape, output_shape);
}

inline size_t FullyConnectedPerChannelScratchBytes(
    const FullyConnectedParams& params, const Shape& input_shape,
    const Shape& filter_shape, const Shape& output_shape) {
  return FullyConnectedScratchBytesFor(params, true, input_shape, filter_shape,
                                       output_shape);
}

// --- SOFTMAX int8, CONV_2D / FULLY_CONNECTED int16x8 -------------------------

// SOFTMAX int8 (softmax.cc): the table of the reference's exp terms, one
// int32 per difference -255 .. 0, no more entries than the tensor has
// elements (arm_common/softmax_s8_table.h, SoftmaxS8TableEntries).
inline size_t SoftmaxS8ScratchBytes(const ref::SoftmaxParamsS8&,
                                    const Shape& shape) {
  const int64_t total = shape.rank > 0 ? shape.FlatSize() : 1;
  return static_cast<size_t>(total < 256 ? total : 256) * sizeof(int32_t);
}

// The int16x8 CONV_2D and FULLY_CONNECTED (conv_s16.cc,
// fully_connected_s16.cc) take every shape and need no scratch.

}  // namespace arm_mve
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_MVE_SELECTION_H_
