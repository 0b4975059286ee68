// The Helium (MVE) variants (src/kernels/arm_mve) for the testers.
#include "kernels/arm_mve/conv_2d.h"
#include "kernels/arm_mve/depthwise_conv_2d.h"
#include "kernels/arm_mve/fully_connected.h"
#include "kernels/arm_mve/add.h"
#include "kernels/arm_mve/pooling.h"
#include "kernels/select.h"
#include "select_variants.h"
#include "variants.h"

namespace mote {
namespace kernel_test {

const char kVariantsIsa[] = "arm_mve";

const ConvVariant kConvVariants[] = {
    {"ConvPerChannelS8_Mve",
     [](const ConvParams& p, const Shape&, const Shape&, const Shape&) {
       return arm_mve::ConvS8MveApplies(p);
     },
     arm_mve::ConvPerChannelS8_Mve_ScratchBytes, arm_mve::ConvPerChannelS8_Mve},
    {"Conv1x1S8_Mve",
     [](const ConvParams& p, const Shape&, const Shape& f, const Shape&) {
       return arm_mve::Conv1x1S8_Mve_Applies(p, f);
     },
     arm_mve::Conv1x1S8_Mve_ScratchBytes, arm_mve::Conv1x1S8_Mve},
    kSelectConv,
    {},
};

const DepthwiseVariant kDepthwiseVariants[] = {
    {"DepthwiseConvS8_Mve",
     [](const DepthwiseConvParams& p, const Shape&, const Shape&,
        const Shape&) { return arm_mve::DepthwiseConvS8_Mve_Applies(p); },
     arm_mve::DepthwiseConvS8_Mve_ScratchBytes, arm_mve::DepthwiseConvS8_Mve},
    {"DepthwiseConv3x3S8_Mve",
     [](const DepthwiseConvParams& p, const Shape&, const Shape& f,
        const Shape&) {
       return arm_mve::DepthwiseConv3x3S8_Mve_Applies(p, f);
     },
     arm_mve::DepthwiseConvS8_Mve_ScratchBytes,
     arm_mve::DepthwiseConv3x3S8_Mve},
    {"DepthwiseConvMultS8_Mve",
     [](const DepthwiseConvParams& p, const Shape&, const Shape&,
        const Shape&) { return arm_mve::DepthwiseS8MveApplies(p); },
     arm_mve::DepthwiseConvMultS8_Mve_ScratchBytes,
     arm_mve::DepthwiseConvMultS8_Mve},
    kSelectDepthwise,
    {},
};

const FullyConnectedVariant kFullyConnectedVariants[] = {
    {"FullyConnectedRowsS8_Mve", false,
     [](const FullyConnectedParams& p, const Shape&, const Shape&,
        const Shape&) { return arm_mve::FullyConnectedS8MveApplies(p, false); },
     arm_mve::FullyConnectedRowsS8_Mve_ScratchBytes,
     arm_mve::FullyConnectedRowsS8_Mve},
    {"FullyConnectedRowsS8_Mve (per-channel)", true,
     [](const FullyConnectedParams& p, const Shape&, const Shape&,
        const Shape&) { return arm_mve::FullyConnectedS8MveApplies(p, true); },
     arm_mve::FullyConnectedRowsS8_Mve_ScratchBytes,
     arm_mve::FullyConnectedRowsS8_Mve},
    {"FullyConnectedBatchS8_Mve", false,
     [](const FullyConnectedParams& p, const Shape&, const Shape&,
        const Shape&) { return arm_mve::FullyConnectedS8MveApplies(p, false); },
     arm_mve::FullyConnectedBatchS8_Mve_ScratchBytes,
     arm_mve::FullyConnectedBatchS8_Mve},
    {"FullyConnectedBatchS8_Mve (per-channel)", true,
     [](const FullyConnectedParams& p, const Shape&, const Shape&,
        const Shape&) { return arm_mve::FullyConnectedS8MveApplies(p, true); },
     arm_mve::FullyConnectedBatchS8_Mve_ScratchBytes,
     arm_mve::FullyConnectedBatchS8_Mve},
    kSelectFullyConnected,
    kSelectFullyConnectedPerChannel,
    {},
};

const AddVariant kAddVariants[] = {
    {"AddS8_Mve", arm_mve::AddS8_Mve_Applies,
     [](const ref::AddSubParams& p, const Shape& s1, const int8_t* a,
        const Shape& s2, const int8_t* b, int8_t* out) {
       arm_mve::AddS8_Mve(p, s1, a, s2, b, out);
       return true;
     }},
    kSelectAdd,
    {},
};

const PoolVariant kAveragePoolVariants[] = {
    {"AveragePoolS8_Mve",
     [](const ref::PoolParams& p, const Shape&, const Shape&) {
       return int64_t{p.filter_height} * p.filter_width <= 4096;
     },
     arm_mve::AveragePoolS8_Mve},
    kSelectAveragePool,
    {},
};

const PoolVariant kMaxPoolVariants[] = {
    {"MaxPoolS8_Mve",
     [](const ref::PoolParams& p, const Shape&, const Shape&) {
       return arm_mve::MaxPoolS8_Mve_Applies(p);
     },
     [](const ref::PoolParams& p, const Shape& is, const int8_t* in,
        const Shape& os, int8_t* out) {
       arm_mve::MaxPoolS8_Mve(p, is, in, os, out);
       return true;
     }},
    kSelectMaxPool,
    {},
};

}  // namespace kernel_test
}  // namespace mote
