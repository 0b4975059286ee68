// The selection rules the Arm kernel folders share (arm_dsp on Cortex-M4,
// arm_mve on Cortex-M55): which kernel of a folder runs for which shape, and
// the scratch it then needs. What differs between the instruction sets (when
// the 1x1 conv applies, each kernel's scratch) comes from the folder's
// selection.h as a shapes struct `Isa`:
//   static bool Conv1x1Applies(const ConvParams&, const Shape& filter);
//   static size_t Conv1x1ScratchBytes(params, in, filter, out);
//   static size_t ConvGeneralScratchBytes(params, in, filter, out);
//   static size_t DepthwiseScratchBytes(params, in, filter, out);  // mult 1
//   static size_t DepthwiseMultScratchBytes(params, in, filter, out);
//   static size_t FullyConnectedRowsScratchBytes(params, in, filter, out);
//   static size_t FullyConnectedBatchScratchBytes(params, in, filter, out);
// Plain C++ without Arm intrinsics: the host planner compiles it for both
// folders (kernels/scratch_plan.cc).
#ifndef MOTE_KERNELS_ARM_COMMON_SELECTION_H_
#define MOTE_KERNELS_ARM_COMMON_SELECTION_H_

#include <cstddef>
#include <cstdint>

#include "kernels/ref/conv_2d.h"
#include "kernels/ref/depthwise_conv_2d.h"
#include "kernels/ref/fully_connected.h"
#include "kernels/ref/softmax.h"
#include "mote/types.h"

namespace mote {
namespace arm_common {

// Both folders take the input offset in lanes narrower than int32 (DSP:
// int16 lanes; Helium: int8 activations with the offset folded into
// per-channel sums): it must be minus an int8 zero point.
inline bool InputOffsetFits(int32_t input_offset) {
  return input_offset >= -128 && input_offset <= 128;
}

// --- CONV_2D ------------------------------------------------------------------

inline bool ConvS8Applies(const ConvParams& params) {
  return InputOffsetFits(params.input_offset);
}

enum class ConvKernel : uint8_t { kReference, kGeneral, k1x1 };

template <typename Isa>
ConvKernel SelectConv(const ConvParams& params, const Shape&,
                      const Shape& filter_shape, const Shape&) {
  if (!ConvS8Applies(params)) return ConvKernel::kReference;
  if (Isa::Conv1x1Applies(params, filter_shape)) return ConvKernel::k1x1;
  return ConvKernel::kGeneral;
}

template <typename Isa>
size_t ConvScratchBytes(const ConvParams& params, const Shape& input_shape,
                        const Shape& filter_shape, const Shape& output_shape) {
  switch (SelectConv<Isa>(params, input_shape, filter_shape, output_shape)) {
    case ConvKernel::k1x1:
      return Isa::Conv1x1ScratchBytes(params, input_shape, filter_shape,
                                      output_shape);
    case ConvKernel::kGeneral:
      return Isa::ConvGeneralScratchBytes(params, input_shape, filter_shape,
                                          output_shape);
    case ConvKernel::kReference:
      break;
  }
  return 0;
}

// --- DEPTHWISE_CONV_2D -------------------------------------------------------

inline bool DepthwiseS8Applies(const DepthwiseConvParams& params) {
  return InputOffsetFits(params.input_offset);
}

// Multiplier 1: channels in lanes.
inline bool DepthwiseConvS8Applies(const DepthwiseConvParams& params) {
  return DepthwiseS8Applies(params) && params.depth_multiplier == 1;
}

inline bool DepthwiseConv3x3S8Applies(const DepthwiseConvParams& params,
                                      const Shape& filter_shape) {
  return DepthwiseConvS8Applies(params) && filter_shape.dims[1] == 3 &&
         filter_shape.dims[2] == 3;
}

enum class DepthwiseKernel : uint8_t { kReference, k3x3, kGeneral, kMult };

inline DepthwiseKernel SelectDepthwise(const DepthwiseConvParams& params,
                                       const Shape&, const Shape& filter_shape,
                                       const Shape&) {
  if (!DepthwiseS8Applies(params)) return DepthwiseKernel::kReference;
  if (params.depth_multiplier != 1) return DepthwiseKernel::kMult;
  if (DepthwiseConv3x3S8Applies(params, filter_shape)) {
    return DepthwiseKernel::k3x3;
  }
  return DepthwiseKernel::kGeneral;
}

template <typename Isa>
size_t DepthwiseScratchBytes(const DepthwiseConvParams& params,
                             const Shape& input_shape,
                             const Shape& filter_shape,
                             const Shape& output_shape) {
  switch (SelectDepthwise(params, input_shape, filter_shape, output_shape)) {
    case DepthwiseKernel::k3x3:
    case DepthwiseKernel::kGeneral:
      return Isa::DepthwiseScratchBytes(params, input_shape, filter_shape,
                                        output_shape);
    case DepthwiseKernel::kMult:
      return Isa::DepthwiseMultScratchBytes(params, input_shape, filter_shape,
                                            output_shape);
    case DepthwiseKernel::kReference:
      break;
  }
  return 0;
}

// --- FULLY_CONNECTED ---------------------------------------------------------

// The weights must be symmetric: a per-tensor filter_offset other than 0
// runs the reference (the per-channel kernels ignore it, as TFLite's).
inline bool FullyConnectedS8Applies(const FullyConnectedParams& params,
                                    bool per_channel) {
  return InputOffsetFits(params.input_offset) &&
         (per_channel || params.filter_offset == 0);
}

inline int32_t FullyConnectedBatches(const Shape& output_shape) {
  return static_cast<int32_t>(output_shape.FlatSize(0, output_shape.rank - 1));
}

// kRows: one input row at a time (batch 1, the usual); kBatch: four input
// rows at a time through the CONV_2D matrix product.
enum class FullyConnectedKernel : uint8_t { kReference, kRows, kBatch };

inline FullyConnectedKernel SelectFullyConnected(
    const FullyConnectedParams& params, bool per_channel, const Shape&,
    const Shape&, const Shape& output_shape) {
  if (!FullyConnectedS8Applies(params, per_channel)) {
    return FullyConnectedKernel::kReference;
  }
  return FullyConnectedBatches(output_shape) >= 4 ? FullyConnectedKernel::kBatch
                                                  : FullyConnectedKernel::kRows;
}

template <typename Isa>
size_t FullyConnectedScratchBytesFor(const FullyConnectedParams& params,
                                     bool per_channel,
                                     const Shape& input_shape,
                                     const Shape& filter_shape,
                                     const Shape& output_shape) {
  switch (SelectFullyConnected(params, per_channel, input_shape, filter_shape,
                               output_shape)) {
    case FullyConnectedKernel::kRows:
      return Isa::FullyConnectedRowsScratchBytes(params, input_shape,
                                                 filter_shape, output_shape);
    case FullyConnectedKernel::kBatch:
      return Isa::FullyConnectedBatchScratchBytes(params, input_shape,
                                                  filter_shape, output_shape);
    case FullyConnectedKernel::kReference:
      break;
  }
  return 0;
}

template <typename Isa>
size_t FullyConnectedScratchBytes(const FullyConnectedParams& params,
                                  const Shape& input_shape,
                                  const Shape& filter_shape,
                                  const Shape& output_shape) {
  return FullyConnectedScratchBytesFor<Isa>(params, false, input_shape,
                                            filter_shape, output_shape);
}

template <typename Isa>
size_t FullyConnectedPerChannelScratchBytes(const FullyConnectedParams& params,
                                            const Shape& input_shape,
                                            const Shape& filter_shape,
                                            const Shape& output_shape) {
  return FullyConnectedScratchBytesFor<Isa>(params, true, input_shape,
                                            filter_shape, output_shape);
}

// --- SOFTMAX int8, CONV_2D / FULLY_CONNECTED int16x8 -------------------------

// SOFTMAX int8 (each folder's softmax.cc): the table of the reference's exp
// terms, one int32 per difference -255 .. 0, no more entries than the
// tensor has elements (softmax_s8_table.h, SoftmaxS8TableEntries).
inline size_t SoftmaxS8ScratchBytes(const ref::SoftmaxParamsS8&,
                                    const Shape& shape) {
  const int64_t total = shape.rank > 0 ? shape.FlatSize() : 1;
  return static_cast<size_t>(total < 256 ? total : 256) * sizeof(int32_t);
}

// The int16x8 CONV_2D and FULLY_CONNECTED (conv_s16.cc,
// fully_connected_s16.cc) take every shape and need no scratch.

}  // namespace arm_common
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_COMMON_SELECTION_H_
