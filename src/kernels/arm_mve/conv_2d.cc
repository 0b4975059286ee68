#include "kernels/arm_mve/selection.h"
#include "kernels/select.h"

namespace mote {
namespace opt {

const char* KernelIsaName() { return "arm_mve"; }

size_t ConvPerChannelS8_ScratchBytes(const ConvParams& params,
                                     const Shape& input_shape,
                                     const Shape& filter_shape,
                                     const Shape& output_shape) {
  return arm_mve::ConvScratchBytes(params, input_shape, filter_shape,
                                   output_shape);
}

void ConvPerChannelS8(const ConvParams& params,
                      const int32_t* output_multiplier,
                      const int32_t* output_shift, const Shape& input_shape,
                      const int8_t* input, const Shape& filter_shape,
                      const int8_t* filter, const int32_t* bias,
                      const Shape& output_shape, int8_t* output, void*) {
  ref::ConvPerChannelS8(params, output_multiplier, output_shift, input_shape,
                        input, filter_shape, filter, bias, output_shape,
                        output);
}

}  // namespace opt
}  // namespace mote
