// Which DSP-extension kernel runs for which shape, and the scratch it needs.
// Plain C++ without Arm intrinsics: the kernels' entry points
// (kernels/select.h) decide with it on the device, and the host plans a
// firmware's arena with it (kernels/scratch_plan.h).
#ifndef MOTE_KERNELS_ARM_DSP_SELECTION_H_
#define MOTE_KERNELS_ARM_DSP_SELECTION_H_

#include <cstddef>
#include <cstdint>

#include "kernels/ref/conv_2d.h"
#include "kernels/ref/depthwise_conv_2d.h"
#include "kernels/ref/fully_connected.h"
#include "kernels/ref/softmax.h"
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

// Every DSP kernel adds the input offset in int16 lanes: it must be minus an
// int8 zero point.
inline bool InputOffsetFits(int32_t input_offset) {
  return input_offset >= -128 && input_offset <= 128;
}

inline bool ConvS8ArmDspApplies(const ConvParams& params) {
  return InputOffsetFits(params.input_offset);
}

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

enum class ConvKernel : uint8_t { kReference, kGeneral, k1x1 };

inline ConvKernel SelectConv(const ConvParams& params, const Shape&,
                             const Shape& filter_shape, const Shape&) {
  if (!ConvS8ArmDspApplies(params)) return ConvKernel::kReference;
  if (Conv1x1S8_ArmDsp_Applies(params, filter_shape)) return ConvKernel::k1x1;
  return ConvKernel::kGeneral;
}

inline size_t ConvScratchBytes(const ConvParams& params,
                               const Shape& input_shape,
                               const Shape& filter_shape,
                               const Shape& output_shape) {
  switch (SelectConv(params, input_shape, filter_shape, output_shape)) {
    case ConvKernel::k1x1:
      return Conv1x1S8_ArmDsp_ScratchBytes(params, input_shape, filter_shape,
                                           output_shape);
    case ConvKernel::kGeneral:
      return ConvPerChannelS8_ArmDsp_ScratchBytes(params, input_shape,
                                                  filter_shape, output_shape);
    case ConvKernel::kReference:
      break;
  }
  return 0;
}

// --- DEPTHWISE_CONV_2D -------------------------------------------------------

inline bool DepthwiseS8ArmDspApplies(const DepthwiseConvParams& params) {
  return InputOffsetFits(params.input_offset);
}

// Multiplier 1 (depthwise_conv_2d.h): channels in lanes.
inline bool DepthwiseConvS8_ArmDsp_Applies(const DepthwiseConvParams& params) {
  return DepthwiseS8ArmDspApplies(params) && params.depth_multiplier == 1;
}

inline bool DepthwiseConv3x3S8_ArmDsp_Applies(const DepthwiseConvParams& params,
                                              const Shape& filter_shape) {
  return DepthwiseConvS8_ArmDsp_Applies(params) && filter_shape.dims[1] == 3 &&
         filter_shape.dims[2] == 3;
}

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

enum class DepthwiseKernel : uint8_t { kReference, k3x3, kGeneral, kMult };

inline DepthwiseKernel SelectDepthwise(const DepthwiseConvParams& params,
                                       const Shape&, const Shape& filter_shape,
                                       const Shape&) {
  if (!DepthwiseS8ArmDspApplies(params)) return DepthwiseKernel::kReference;
  if (params.depth_multiplier != 1) return DepthwiseKernel::kMult;
  if (DepthwiseConv3x3S8_ArmDsp_Applies(params, filter_shape)) {
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
      return DepthwiseConvS8_ArmDsp_ScratchBytes(params, input_shape,
                                                 filter_shape, output_shape);
    case DepthwiseKernel::kMult:
      return DepthwiseConvMultS8_ArmDsp_ScratchBytes(
          params, input_shape, filter_shape, output_shape);
    case DepthwiseKernel::kReference:
      break;
  }
  return 0;
}

// --- FULLY_CONNECTED ---------------------------------------------------------

// The weights must be symmetric: a per-tensor filter_offset other than 0
// runs the reference (the per-channel kernels ignore it, as TFLite's).
inline bool FullyConnectedS8ArmDspApplies(const FullyConnectedParams& params,
                                          bool per_channel) {
  return InputOffsetFits(params.input_offset) &&
         (per_channel || params.filter_offset == 0);
}

inline int32_t FullyConnectedBatches(const Shape& output_shape) {
  return static_cast<int32_t>(output_shape.FlatSize(0, output_shape.rank - 1));
}

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

enum class FullyConnectedKernel : uint8_t { kReference, kRows, kBatch };

inline FullyConnectedKernel SelectFullyConnected(
    const FullyConnectedParams& params, bool per_channel, const Shape&,
    const Shape&, const Shape& output_shape) {
  if (!FullyConnectedS8ArmDspApplies(params, per_channel)) {
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
      return FullyConnectedRowsS8_ArmDsp_ScratchBytes(
          params, input_shape, filter_shape, output_shape);
    case FullyConnectedKernel::kBatch:
      return FullyConnectedBatchS8_ArmDsp_ScratchBytes(
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
  return FullyConnectedScratchBytesFor(params, true, input_shape,
                                       filter_shape, output_shape);
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

}  // namespace arm_dsp
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_DSP_SELECTION_H_
