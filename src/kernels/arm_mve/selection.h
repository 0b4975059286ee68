// Which Helium (MVE) kernel runs for which shape, and the scratch it needs.
// Plain C++ without Arm intrinsics: the kernels' entry points
// (kernels/select.h) decide with it on the device, and the host plans a
// firmware's arena with it (kernels/scratch_plan.h). Pointers count 4 bytes
// (the target's).
#ifndef MOTE_KERNELS_ARM_MVE_SELECTION_H_
#define MOTE_KERNELS_ARM_MVE_SELECTION_H_

#include <cstddef>
#include <cstdint>

#include "kernels/arm_common/selection.h"
#include "mote/types.h"

namespace mote {
namespace arm_mve {

constexpr size_t RoundUp4(size_t n) { return (n + 3) / 4 * 4; }

// The kernels keep activations int8 and fold the input offset into
// per-channel sums: the shared rule (arm_common::InputOffsetFits) under this
// folder's names.
using arm_common::InputOffsetFits;
inline constexpr auto& ConvS8MveApplies = arm_common::ConvS8Applies;

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

// --- DEPTHWISE_CONV_2D -------------------------------------------------------

// The shared rules; multiplier 1: channels in lanes.
inline constexpr auto& DepthwiseS8MveApplies = arm_common::DepthwiseS8Applies;
inline constexpr auto& DepthwiseConvS8_Mve_Applies =
    arm_common::DepthwiseConvS8Applies;
inline constexpr auto& DepthwiseConv3x3S8_Mve_Applies =
    arm_common::DepthwiseConv3x3S8Applies;

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

// --- FULLY_CONNECTED ---------------------------------------------------------

// The shared rule: symmetric weights, an int8 input offset.
inline constexpr auto& FullyConnectedS8MveApplies =
    arm_common::FullyConnectedS8Applies;
using arm_common::FullyConnectedBatches;

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

// --- The shared rules (arm_common/selection.h) over this folder ------------

// Conv1x1Applies decides on every Eval: a function, not a reference to
// one, so GCC inlines it as early as a direct call (through the reference
// the Cortex-M4 entry point came out a few instructions longer).
struct MveShapes {
  static bool Conv1x1Applies(const ConvParams& p, const Shape& f) {
    return Conv1x1S8_Mve_Applies(p, f);
  }
  static constexpr auto& Conv1x1ScratchBytes = Conv1x1S8_Mve_ScratchBytes;
  static constexpr auto& ConvGeneralScratchBytes =
      ConvPerChannelS8_Mve_ScratchBytes;
  static constexpr auto& DepthwiseScratchBytes =
      DepthwiseConvS8_Mve_ScratchBytes;
  static constexpr auto& DepthwiseMultScratchBytes =
      DepthwiseConvMultS8_Mve_ScratchBytes;
  static constexpr auto& FullyConnectedRowsScratchBytes =
      FullyConnectedRowsS8_Mve_ScratchBytes;
  static constexpr auto& FullyConnectedBatchScratchBytes =
      FullyConnectedBatchS8_Mve_ScratchBytes;
};

}  // namespace arm_mve
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_MVE_SELECTION_H_
