// Which DSP-extension kernel runs for which shape, and the scratch it needs:
// this folder's shapes and sizes (ArmDspShapes) under the rules it shares
// with arm_mve (arm_common/selection.h). Plain C++ without Arm intrinsics:
// the kernels' entry points (kernels/select.h) decide with it on the device,
// and the host plans a firmware's arena with it (kernels/scratch_plan.h).
#ifndef MOTE_KERNELS_ARM_DSP_SELECTION_H_
#define MOTE_KERNELS_ARM_DSP_SELECTION_H_

#include <cstddef>
#include <cstdint>

#include "kernels/arm_common/selection.h"
#include "mote/types.h"

namespace mote {
namespace arm_dsp {

// Bytes of the column buffer of four columns of `depth` int16 activations
// (dsp_common.h).
constexpr size_t ColumnBufferBytes(int32_t depth) {
  return static_cast<size_t>((depth + 3) / 4) * 4 * 4 * sizeof(int16_t);
}

// Scratch of the matrix product (gemm.h): 16 bytes of requantization
// constants per output channel, then the column buffer.
constexpr size_t GemmScratchBytes(int32_t depth, int32_t channels) {
  return static_cast<size_t>(channels) * 16 + ColumnBufferBytes(depth);
}

// --- CONV_2D ------------------------------------------------------------------

// Every DSP kernel adds the input offset in int16 lanes: the shared rule
// (arm_common::InputOffsetFits) under this folder's names.
using arm_common::InputOffsetFits;
inline constexpr auto& ConvS8ArmDspApplies = arm_common::ConvS8Applies;

// A 1x1 filter without padding: no window to gather.
inline bool Conv1x1S8_ArmDsp_Applies(const ConvParams& params,
                                     const Shape& filter_shape) {
  return filter_shape.dims[1] == 1 && filter_shape.dims[2] == 1 &&
         params.pad_height == 0 && params.pad_width == 0;
}

// The general conv takes a window whose rows are not whole groups of four
// bytes (VWW's 3x3x3 first layer: rows of 9) in a permuted order: each row's
// whole words, then the rows' last row_len % 4 bytes packed together, zero
// weights up to a group (PermutedWindowDepth). Its scratch: the product's
// at that depth, the weights in that order, and a byte copy of the window
// for pixels at the border.
inline bool ConvWindowRowsPermuted(const ConvParams& params,
                                   const Shape& filter_shape) {
  return params.dilation_width == 1 &&
         (filter_shape.dims[2] * filter_shape.dims[3]) % 4 != 0 &&
         params.input_offset > -128;
}

inline int32_t PermutedWindowDepth(const Shape& filter_shape) {
  const int32_t row_len = filter_shape.dims[2] * filter_shape.dims[3];
  return filter_shape.dims[1] * (row_len / 4 * 4) +
         (filter_shape.dims[1] * (row_len % 4) + 3) / 4 * 4;
}

// The permuted-window kernel's scratch for a filter [out_ch, fh, fw, in_ch].
inline size_t ConvWindowPermutedScratchBytes(const Shape& filter_shape) {
  const int32_t depth =
      filter_shape.dims[1] * filter_shape.dims[2] * filter_shape.dims[3];
  const int32_t permuted = PermutedWindowDepth(filter_shape);
  return GemmScratchBytes(permuted, filter_shape.dims[0]) +
         static_cast<size_t>(filter_shape.dims[0]) * permuted +
         static_cast<size_t>((depth + 3) / 4) * 4;
}

inline size_t ConvPerChannelS8_ArmDsp_ScratchBytes(const ConvParams& params,
                                                   const Shape&,
                                                   const Shape& filter_shape,
                                                   const Shape&) {
  if (!ConvWindowRowsPermuted(params, filter_shape)) {
    return GemmScratchBytes(
        filter_shape.dims[1] * filter_shape.dims[2] * filter_shape.dims[3],
        filter_shape.dims[0]);
  }
  return ConvWindowPermutedScratchBytes(filter_shape);
}

inline size_t Conv1x1S8_ArmDsp_ScratchBytes(const ConvParams&, const Shape&,
                                            const Shape& filter_shape,
                                            const Shape&) {
  return GemmScratchBytes(filter_shape.dims[3], filter_shape.dims[0]);
}

// --- DEPTHWISE_CONV_2D -------------------------------------------------------

// The shared rules; multiplier 1 (depthwise_conv_2d.h): channels in lanes.
inline constexpr auto& DepthwiseS8ArmDspApplies =
    arm_common::DepthwiseS8Applies;
inline constexpr auto& DepthwiseConvS8_ArmDsp_Applies =
    arm_common::DepthwiseConvS8Applies;
inline constexpr auto& DepthwiseConv3x3S8_ArmDsp_Applies =
    arm_common::DepthwiseConv3x3S8Applies;

// Scratch of the multiplier-1 kernels: per channel 16 bytes of
// requantization constants, per group of four channels and tap 8 bytes of
// int16 weights, a row of the input zero point, and a 4-byte pointer per tap.
inline size_t DepthwiseConvS8_ArmDsp_ScratchBytes(const DepthwiseConvParams&,
                                                  const Shape& input_shape,
                                                  const Shape& filter_shape,
                                                  const Shape&) {
  const size_t channels = static_cast<size_t>(input_shape.dims[3]);
  const size_t taps =
      static_cast<size_t>(filter_shape.dims[1]) * filter_shape.dims[2];
  return channels * 16 + (channels + 3) / 4 * taps * 8 +
         (channels + 3) / 4 * 4 + taps * 4;
}

// One input channel (person_detect's and micro_speech's first layers) is a
// convolution: the permuted-window conv kernel, weights read across the
// filter's channels.
inline bool DepthwiseOneChannelAsConv(const DepthwiseConvParams& params,
                                      const Shape& input_shape) {
  return input_shape.dims[3] == 1 && params.dilation_width == 1 &&
         params.input_offset > -128;
}

// The filter [1, fh, fw, out_ch] of a one-channel depthwise convolution as
// a conv filter [out_ch, fh, fw, 1].
inline Shape DepthwiseOneChannelConvFilter(const Shape& filter_shape) {
  Shape s = filter_shape;
  s.dims[0] = filter_shape.dims[3];
  s.dims[3] = 1;
  return s;
}

// Any multiplier: the matrix product of one input channel (window depth
// taps, `multiplier` rows), then the rows of weights.
inline size_t DepthwiseConvMultS8_ArmDsp_ScratchBytes(
    const DepthwiseConvParams& params, const Shape& input_shape,
    const Shape& filter_shape, const Shape&) {
  if (DepthwiseOneChannelAsConv(params, input_shape)) {
    return ConvWindowPermutedScratchBytes(
        DepthwiseOneChannelConvFilter(filter_shape));
  }
  const int32_t taps = filter_shape.dims[1] * filter_shape.dims[2];
  const size_t rows =
      static_cast<size_t>(params.depth_multiplier) * static_cast<size_t>(taps);
  return GemmScratchBytes(taps, params.depth_multiplier) + (rows + 3) / 4 * 4;
}

// --- FULLY_CONNECTED ---------------------------------------------------------

// The shared rule: symmetric weights, an int8 input offset.
inline constexpr auto& FullyConnectedS8ArmDspApplies =
    arm_common::FullyConnectedS8Applies;
using arm_common::FullyConnectedBatches;

// One input row at a time (batch 1, the usual): the row as one int16
// column, two weight rows per SMLAD pass.
inline size_t FullyConnectedRowsS8_ArmDsp_ScratchBytes(
    const FullyConnectedParams&, const Shape&, const Shape& filter_shape,
    const Shape&) {
  const int32_t depth = filter_shape.dims[filter_shape.rank - 1];
  return static_cast<size_t>((depth + 3) / 4) * 8;
}

// Several input rows: four at a time through the CONV_2D matrix product.
inline size_t FullyConnectedBatchS8_ArmDsp_ScratchBytes(
    const FullyConnectedParams&, const Shape&, const Shape& filter_shape,
    const Shape&) {
  return GemmScratchBytes(filter_shape.dims[filter_shape.rank - 1],
                          filter_shape.dims[filter_shape.rank - 2]);
}

// --- The shared rules (arm_common/selection.h) over this folder ------------

// Conv1x1Applies decides on every Eval: a function, not a reference to
// one, so GCC inlines it as early as a direct call (through the reference
// the Cortex-M4 entry point came out a few instructions longer).
struct ArmDspShapes {
  static bool Conv1x1Applies(const ConvParams& p, const Shape& f) {
    return Conv1x1S8_ArmDsp_Applies(p, f);
  }
  static constexpr auto& Conv1x1ScratchBytes = Conv1x1S8_ArmDsp_ScratchBytes;
  static constexpr auto& ConvGeneralScratchBytes =
      ConvPerChannelS8_ArmDsp_ScratchBytes;
  static constexpr auto& DepthwiseScratchBytes =
      DepthwiseConvS8_ArmDsp_ScratchBytes;
  static constexpr auto& DepthwiseMultScratchBytes =
      DepthwiseConvMultS8_ArmDsp_ScratchBytes;
  static constexpr auto& FullyConnectedRowsScratchBytes =
      FullyConnectedRowsS8_ArmDsp_ScratchBytes;
  static constexpr auto& FullyConnectedBatchScratchBytes =
      FullyConnectedBatchS8_ArmDsp_ScratchBytes;
};

}  // namespace arm_dsp
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_DSP_SELECTION_H_
