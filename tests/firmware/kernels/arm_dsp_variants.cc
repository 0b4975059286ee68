// The DSP-extension variants (src/kernels/arm_dsp) for the testers.
#include "kernels/arm_dsp/conv_2d.h"
#include "kernels/select.h"
#include "select_variants.h"
#include "variants.h"

namespace mote {
namespace kernel_test {

const char kVariantsIsa[] = "arm_dsp";

const ConvVariant kConvVariants[] = {
    {"ConvPerChannelS8_ArmDsp",
     [](const ConvParams& p, const Shape&, const Shape&, const Shape&) {
       return arm_dsp::ConvS8ArmDspApplies(p);
     },
     arm_dsp::ConvPerChannelS8_ArmDsp_ScratchBytes,
     arm_dsp::ConvPerChannelS8_ArmDsp},
    {"Conv1x1S8_ArmDsp",
     [](const ConvParams& p, const Shape&, const Shape& f, const Shape&) {
       return arm_dsp::ConvS8ArmDspApplies(p) &&
              arm_dsp::Conv1x1S8_ArmDsp_Applies(p, f);
     },
     arm_dsp::Conv1x1S8_ArmDsp_ScratchBytes, arm_dsp::Conv1x1S8_ArmDsp},
    kSelectConv,
    {},
};

const DepthwiseVariant kDepthwiseVariants[] = {
    kSelectDepthwise,
    {},
};

const FullyConnectedVariant kFullyConnectedVariants[] = {
    kSelectFullyConnected,
    kSelectFullyConnectedPerChannel,
    {},
};

}  // namespace kernel_test
}  // namespace mote
