// Which Helium (MVE) kernel runs for which shape, and the scratch it needs.
// Plain C++ without Arm intrinsics: the kernels' entry points
// (kernels/select.h) decide with it on the device, and the host plans a
// firmware's arena with it (kernels/scratch_plan.h).
#ifndef MOTE_KERNELS_ARM_MVE_SELECTION_H_
#define MOTE_KERNELS_ARM_MVE_SELECTION_H_

#include <cstddef>
#include <cstdint>

#include "kernels/ref/conv_2d.h"
#include "kernels/ref/depthwise_conv_2d.h"
#include "kernels/ref/fully_connected.h"
#include "mote/types.h"

namespace mote {
namespace arm_mve {

inline size_t ConvScratchBytes(const ConvParams&, const Shape&, const Shape&,
                               const Shape&) {
  return 0;
}

inline size_t DepthwiseScratchBytes(const DepthwiseConvParams&, const Shape&,
                                    const Shape&, const Shape&) {
  return 0;
}

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

}  // namespace arm_mve
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_MVE_SELECTION_H_
