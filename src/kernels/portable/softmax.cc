// kernels/select.h's SOFTMAX int8 for builds without an optimised
// instruction set (the Arm folders define their own; x86-64's is in
// dispatch_x86.cc): the reference, no scratch.
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

}  // namespace opt
}  // namespace mote
