// The scratch an interpreter's plan reserves for the kernels of
// kernels/select.h: normally this build's own; a host tool that sizes a
// firmware's arena (mote inspect --kernels) plans with the firmware's
// instruction set instead, whose kernels need other scratch sizes. The op
// wrappers request Planned..._ScratchBytes() in Prepare.
//
// An interpreter prepared with another instruction set's plan is for its
// arena size only: Invoke would hand this build's kernels scratch sized for
// others. One global setting (constant-initialised): set it before Prepare,
// from one thread, and set kThisBuild again before preparing to run.
#ifndef MOTE_KERNELS_SCRATCH_PLAN_H_
#define MOTE_KERNELS_SCRATCH_PLAN_H_

#include <cstddef>

#include "kernels/select.h"

namespace mote {
namespace opt {

enum class ScratchPlan : unsigned char {
  kThisBuild = 0,  // only this build's kernels
  kPortable,       // reference kernels: no scratch
  kArmDsp,         // Cortex-M4, M33, M7
  kArmMve,         // Cortex-M55
};

void SetScratchPlan(ScratchPlan plan);
ScratchPlan GetScratchPlan();
// "portable", "arm_dsp", "arm_mve" (the src/kernels folder names) or
// "this"; false for anything else.
bool ParseScratchPlan(const char* name, ScratchPlan* plan);

size_t PlannedConvPerChannelS8_ScratchBytes(const ConvParams& params,
                                            const Shape& input_shape,
                                            const Shape& filter_shape,
                                            const Shape& output_shape);
size_t PlannedDepthwiseConvPerChannelS8_ScratchBytes(
    const DepthwiseConvParams& params, const Shape& input_shape,
    const Shape& filter_shape, const Shape& output_shape);
size_t PlannedFullyConnectedS8_ScratchBytes(const FullyConnectedParams& params,
                                            const Shape& input_shape,
                                            const Shape& filter_shape,
                                            const Shape& output_shape);
size_t PlannedFullyConnectedPerChannelS8_ScratchBytes(
    const FullyConnectedParams& params, const Shape& input_shape,
    const Shape& filter_shape, const Shape& output_shape);

// Pooling, softmax and int16x8: the Arm folders have no variants of these
// yet, so their plans are the reference's (no scratch) until they do.
size_t PlannedAveragePoolS8_ScratchBytes(const ref::PoolParams& params,
                                         const Shape& input_shape,
                                         const Shape& output_shape);
size_t PlannedSoftmaxS8_ScratchBytes(const ref::SoftmaxParamsS8& params,
                                     const Shape& shape);
size_t PlannedConvPerChannelS16_ScratchBytes(const ConvParams& params,
                                             const Shape& input_shape,
                                             const Shape& filter_shape,
                                             const Shape& output_shape);
size_t PlannedFullyConnectedS16_ScratchBytes(const FullyConnectedParams& params,
                                             const Shape& input_shape,
                                             const Shape& filter_shape,
                                             const Shape& output_shape);

}  // namespace opt
}  // namespace mote

#endif  // MOTE_KERNELS_SCRATCH_PLAN_H_
