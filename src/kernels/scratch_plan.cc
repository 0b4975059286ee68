#include "kernels/scratch_plan.h"

#include <cstring>

#include "kernels/arm_dsp/selection.h"
#include "kernels/arm_mve/selection.h"

namespace mote {
namespace opt {
namespace {

ScratchPlan g_plan = ScratchPlan::kThisBuild;

// The size the planned instruction set's kernels need.
template <typename Params, typename Own, typename Dsp, typename Mve>
size_t Planned(const Params& p, const Shape& in, const Shape& filter,
               const Shape& out, Own own, Dsp dsp, Mve mve) {
  switch (g_plan) {
    case ScratchPlan::kArmDsp:
      return dsp(p, in, filter, out);
    case ScratchPlan::kArmMve:
      return mve(p, in, filter, out);
    case ScratchPlan::kPortable:
      return 0;
    case ScratchPlan::kThisBuild:
      break;
  }
  return own(p, in, filter, out);
}

}  // namespace

void SetScratchPlan(ScratchPlan plan) { g_plan = plan; }
ScratchPlan GetScratchPlan() { return g_plan; }

bool ParseScratchPlan(const char* name, ScratchPlan* plan) {
  static constexpr struct {
    const char* name;
    ScratchPlan plan;
  } kNames[] = {{"this", ScratchPlan::kThisBuild},
                {"portable", ScratchPlan::kPortable},
                {"arm_dsp", ScratchPlan::kArmDsp},
                {"arm_mve", ScratchPlan::kArmMve}};
  for (const auto& n : kNames) {
    if (std::strcmp(name, n.name) == 0) {
      *plan = n.plan;
      return true;
    }
  }
  return false;
}

size_t PlannedConvPerChannelS8_ScratchBytes(const ConvParams& params,
                                            const Shape& input_shape,
                                            const Shape& filter_shape,
                                            const Shape& output_shape) {
  return Planned(params, input_shape, filter_shape, output_shape,
                 ConvPerChannelS8_ScratchBytes,
                 arm_common::ConvScratchBytes<arm_dsp::ArmDspShapes>,
                 arm_common::ConvScratchBytes<arm_mve::MveShapes>);
}

size_t PlannedDepthwiseConvPerChannelS8_ScratchBytes(
    const DepthwiseConvParams& params, const Shape& input_shape,
    const Shape& filter_shape, const Shape& output_shape) {
  return Planned(params, input_shape, filter_shape, output_shape,
                 DepthwiseConvPerChannelS8_ScratchBytes,
                 arm_common::DepthwiseScratchBytes<arm_dsp::ArmDspShapes>,
                 arm_common::DepthwiseScratchBytes<arm_mve::MveShapes>);
}

size_t PlannedFullyConnectedS8_ScratchBytes(const FullyConnectedParams& params,
                                            const Shape& input_shape,
                                            const Shape& filter_shape,
                                            const Shape& output_shape) {
  return Planned(params, input_shape, filter_shape, output_shape,
                 FullyConnectedS8_ScratchBytes,
                 arm_common::FullyConnectedScratchBytes<arm_dsp::ArmDspShapes>,
                 arm_common::FullyConnectedScratchBytes<arm_mve::MveShapes>);
}

size_t PlannedFullyConnectedPerChannelS8_ScratchBytes(
    const FullyConnectedParams& params, const Shape& input_shape,
    const Shape& filter_shape, const Shape& output_shape) {
  return Planned(
      params, input_shape, filter_shape, output_shape,
      FullyConnectedPerChannelS8_ScratchBytes,
      arm_common::FullyConnectedPerChannelScratchBytes<arm_dsp::ArmDspShapes>,
      arm_common::FullyConnectedPerChannelScratchBytes<arm_mve::MveShapes>);
}

namespace {
// This build's size under kThisBuild, else none: the other plans'
// instruction sets have no variant of the op yet (an Arm folder that gains
// one adds its case here, as Planned() above).
bool PlansThisBuild() { return g_plan == ScratchPlan::kThisBuild; }
}  // namespace

size_t PlannedAveragePoolS8_ScratchBytes(const ref::PoolParams& params,
                                         const Shape& input_shape,
                                         const Shape& output_shape) {
  return PlansThisBuild()
             ? AveragePoolS8_ScratchBytes(params, input_shape, output_shape)
             : 0;
}

size_t PlannedSoftmaxS8_ScratchBytes(const ref::SoftmaxParamsS8& params,
                                     const Shape& shape) {
  switch (g_plan) {
    case ScratchPlan::kArmDsp:
    case ScratchPlan::kArmMve:
      return arm_common::SoftmaxS8ScratchBytes(params, shape);
    case ScratchPlan::kPortable:
      return 0;
    case ScratchPlan::kThisBuild:
      break;
  }
  return SoftmaxS8_ScratchBytes(params, shape);
}

size_t PlannedConvPerChannelS16_ScratchBytes(const ConvParams& params,
                                             const Shape& input_shape,
                                             const Shape& filter_shape,
                                             const Shape& output_shape) {
  return PlansThisBuild()
             ? ConvPerChannelS16_ScratchBytes(params, input_shape,
                                              filter_shape, output_shape)
             : 0;
}

size_t PlannedFullyConnectedS16_ScratchBytes(const FullyConnectedParams& params,
                                             const Shape& input_shape,
                                             const Shape& filter_shape,
                                             const Shape& output_shape) {
  return PlansThisBuild()
             ? FullyConnectedS16_ScratchBytes(params, input_shape,
                                              filter_shape, output_shape)
             : 0;
}

}  // namespace opt
}  // namespace mote
