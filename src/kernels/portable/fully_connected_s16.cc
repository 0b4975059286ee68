// kernels/select.h's FULLY_CONNECTED int16x8 for builds without an
// optimised instruction set (the Arm folders define their own; x86-64's is
// in dispatch_x86.cc): the reference, no scratch.
#include "kernels/select.h"

namespace mote {
namespace opt {

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
