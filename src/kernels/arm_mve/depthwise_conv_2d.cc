#include "kernels/select.h"

namespace mote {
namespace opt {

size_t DepthwiseConvPerChannelS8_ScratchBytes(const DepthwiseConvParams&,
                                              const Shape&, const Shape&,
                                              const Shape&) {
  return 0;
}

void DepthwiseConvPerChannelS8(const DepthwiseConvParams& params,
                               const int32_t* output_multiplier,
                               const int32_t* output_shift,
                               const Shape& input_shape, const int8_t* input,
                               const Shape& filter_shape, const int8_t* filter,
                               const int32_t* bias, const Shape& output_shape,
                               int8_t* output, void*) {
  ref::DepthwiseConvPerChannelS8(params, output_multiplier, output_shift,
                                 input_shape, input, filter_shape, filter, bias,
                                 output_shape, output);
}

}  // namespace opt
}  // namespace mote
