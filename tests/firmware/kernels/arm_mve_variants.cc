// The Helium (MVE) variants (src/kernels/arm_mve) for the testers.
#include "kernels/arm_mve/conv_2d.h"
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
