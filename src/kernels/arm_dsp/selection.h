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
#include "mote/types.h"

namespace mote {
namespace arm_dsp {

// Bytes of the column buffer of four columns of `depth` int16 activations
// (dsp_common.h).
constexpr size_t ColumnBufferBytes(int32_t depth) {
  return static_cast<size_t>((depth + 3) / 4) * 4 * 4 * sizeof(int16_t);
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

inline size_t ConvPerChannelS8_ArmDsp_ScratchBytes(const ConvParams&,
                                                   const Shape&,
                                                   const Shape& filter_shape,
                                                   const Shape&) {
  return ColumnBufferBytes(filter_shape.dims[1] * filter_shape.dims[2] *
                           filter_shape.dims[3]);
}

inline size_t Conv1x1S8_ArmDsp_ScratchBytes(const ConvParams&, const Shape&,
                                            const Shape& filter_shape,
                                            const Shape&) {
  return ColumnBufferBytes(filter_shape.dims[3]);
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

inline size_t DepthwiseScratchBytes(const DepthwiseConvParams&, const Shape&,
                                    const Shape&, const Shape&) {
  return 0;
}

// --- FULLY_CONNECTED ---------------------------------------------------------

inline size_t FullyConnectedScratchBytes(const FullyConnectedParams&,
                                         const Shape&, const Shape&,
                                         const Shape&) {
  return 0;
}

inline size_t FullyConnectedPerChannelScratchBytes(const FullyConnectedParams&,
                                                   const Shape&, const Shape&,
                                                   const Shape&) {
  return 0;
}

}  // namespace arm_dsp
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_DSP_SELECTION_H_
