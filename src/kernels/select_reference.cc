// kernels/select.h entry points that no fixed-ISA folder (portable/,
// arm_dsp/, arm_mve/) optimises yet: the reference kernels. Compiled for
// every build but x86-64's, whose dispatch_x86.cc defines them all; a
// folder that gains its own version takes the entry point out of here
// (AddS8, AveragePoolS8 and MaxPoolS8: add.cc and pooling.cc of portable/,
// arm_dsp/, arm_mve/).
#include "kernels/select.h"

namespace mote {
namespace opt {

size_t SoftmaxS8_ScratchBytes(const ref::SoftmaxParamsS8&, const Shape&) {
  return 0;
}

void SoftmaxS8(const ref::SoftmaxParamsS8& params, const Shape& shape,
               const int8_t* input, int8_t* output, void*) {
  ref::SoftmaxS8(params, shape, input, output);
}

size_t ConvPerChannelS16_ScratchBytes(const ConvParams&, const Shape&,
                                      const Shape&, const Shape&) {
  return 0;
}

void ConvPerChannelS16(const ConvParams& params,
                       const int32_t* output_multiplier,
                       const int32_t* output_shift, const Shape& input_shape,
                       const int16_t* input, const Shape& filter_shape,
                       const int8_t* filter, const int64_t* bias,
                       const Shape& output_shape, int16_t* output, void*) {
  ref::ConvPerChannelS16(params, output_multiplier, output_shift, input_shape,
                         input, filter_shape, filter, bias, output_shape,
                         output);
}

void ConvPerChannelS16(const ConvParams& params,
                       const int32_t* output_multiplier,
                       const int32_t* output_shift, const Shape& input_shape,
                       const int16_t* input, const Shape& filter_shape,
                       const int8_t* filter, const int32_t* bias,
                       const Shape& output_shape, int16_t* output, void*) {
  ref::ConvPerChannelS16(params, output_multiplier, output_shift, input_shape,
                         input, filter_shape, filter, bias, output_shape,
                         output);
}

size_t FullyConnectedS16_ScratchBytes(const FullyConnectedParams&,
                                      const Shape&, const Shape&,
                                      const Shape&) {
  return 0;
}

void FullyConnectedS16(const FullyConnectedParams& params,
                       const Shape& input_shape, const int16_t* input,
                       const Shape& filter_shape, const int8_t* filter,
                       const int64_t* bias, const Shape& output_shape,
                       int16_t* output, void*) {
  ref::FullyConnectedS16(params, input_shape, input, filter_shape, filter,
                         bias, output_shape, output);
}

}  // namespace opt
}  // namespace mote
