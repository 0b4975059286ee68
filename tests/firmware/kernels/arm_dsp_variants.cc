// The DSP-extension variants (src/kernels/arm_dsp) for the testers.
#include "kernels/arm_dsp/conv_2d.h"
#include "kernels/arm_dsp/depthwise_conv_2d.h"
#include "kernels/arm_dsp/fully_connected.h"
#include "kernels/arm_dsp/add.h"
#include "kernels/arm_dsp/pooling.h"
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
    {"DepthwiseConvS8_ArmDsp",
     [](const DepthwiseConvParams& p, const Shape&, const Shape&,
        const Shape&) { return arm_dsp::DepthwiseConvS8_ArmDsp_Applies(p); },
     arm_dsp::DepthwiseConvS8_ArmDsp_ScratchBytes,
     arm_dsp::DepthwiseConvS8_ArmDsp},
    {"DepthwiseConv3x3S8_ArmDsp",
     [](const DepthwiseConvParams& p, const Shape&, const Shape& f,
        const Shape&) {
       return arm_dsp::DepthwiseConv3x3S8_ArmDsp_Applies(p, f);
     },
     arm_dsp::DepthwiseConvS8_ArmDsp_ScratchBytes,
     arm_dsp::DepthwiseConv3x3S8_ArmDsp},
    {"DepthwiseConvMultS8_ArmDsp",
     [](const DepthwiseConvParams& p, const Shape&, const Shape&,
        const Shape&) { return arm_dsp::DepthwiseS8ArmDspApplies(p); },
     arm_dsp::DepthwiseConvMultS8_ArmDsp_ScratchBytes,
     arm_dsp::DepthwiseConvMultS8_ArmDsp},
    kSelectDepthwise,
    {},
};

const FullyConnectedVariant kFullyConnectedVariants[] = {
    {"FullyConnectedRowsS8_ArmDsp", false,
     [](const FullyConnectedParams& p, const Shape&, const Shape&,
        const Shape&) { return arm_dsp::FullyConnectedS8ArmDspApplies(p, false); },
     arm_dsp::FullyConnectedRowsS8_ArmDsp_ScratchBytes,
     arm_dsp::FullyConnectedRowsS8_ArmDsp},
    {"FullyConnectedRowsS8_ArmDsp (per-channel)", true,
     [](const FullyConnectedParams& p, const Shape&, const Shape&,
        const Shape&) { return arm_dsp::FullyConnectedS8ArmDspApplies(p, true); },
     arm_dsp::FullyConnectedRowsS8_ArmDsp_ScratchBytes,
     arm_dsp::FullyConnectedRowsS8_ArmDsp},
    {"FullyConnectedBatchS8_ArmDsp", false,
     [](const FullyConnectedParams& p, const Shape&, const Shape&,
        const Shape&) { return arm_dsp::FullyConnectedS8ArmDspApplies(p, false); },
     arm_dsp::FullyConnectedBatchS8_ArmDsp_ScratchBytes,
     arm_dsp::FullyConnectedBatchS8_ArmDsp},
    {"FullyConnectedBatchS8_ArmDsp (per-channel)", true,
     [](const FullyConnectedParams& p, const Shape&, const Shape&,
        const Shape&) { return arm_dsp::FullyConnectedS8ArmDspApplies(p, true); },
     arm_dsp::FullyConnectedBatchS8_ArmDsp_ScratchBytes,
     arm_dsp::FullyConnectedBatchS8_ArmDsp},
    kSelectFullyConnected,
    kSelectFullyConnectedPerChannel,
    {},
};

const AddVariant kAddVariants[] = {
    {"AddS8_ArmDsp", arm_dsp::AddS8_ArmDsp_Applies,
     [](const ref::AddSubParams& p, const Shape& s1, const int8_t* a,
        const Shape& s2, const int8_t* b, int8_t* out) {
       arm_dsp::AddS8_ArmDsp(p, s1, a, s2, b, out);
       return true;
     }},
    kSelectAdd,
    {},
};

const PoolVariant kAveragePoolVariants[] = {
    {"AveragePoolS8_ArmDsp",
     [](const ref::PoolParams& p, const Shape&, const Shape&) {
       return int64_t{p.filter_height} * p.filter_width <= 256;
     },
     arm_dsp::AveragePoolS8_ArmDsp},
    kSelectAveragePool,
    {},
};

const PoolVariant kMaxPoolVariants[] = {
    {"MaxPoolS8_ArmDsp",
     [](const ref::PoolParams& p, const Shape&, const Shape&) {
       return arm_dsp::MaxPoolS8_ArmDsp_Applies(p);
     },
     [](const ref::PoolParams& p, const Shape& is, const int8_t* in,
        const Shape& os, int8_t* out) {
       arm_dsp::MaxPoolS8_ArmDsp(p, is, in, os, out);
       return true;
     }},
    kSelectMaxPool,
    {},
};

}  // namespace kernel_test
}  // namespace mote
