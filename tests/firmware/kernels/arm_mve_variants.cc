// The Helium (MVE) variants (src/kernels/arm_mve) for the testers.
#include "kernels/select.h"
#include "select_variants.h"
#include "variants.h"

namespace mote {
namespace kernel_test {

const char kVariantsIsa[] = "arm_mve";

const ConvVariant kConvVariants[] = {
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
