// kernels/select.h's ADD for builds without an optimised instruction set
// (the Arm folders define their own; x86-64's is in dispatch_x86.cc).
#include "kernels/select.h"

namespace mote {
namespace opt {

bool AddS8(const ref::AddSubParams& params, const Shape& input1_shape,
           const int8_t* input1, const Shape& input2_shape,
           const int8_t* input2, int8_t* output) {
  return ref::AddS8(params, input1_shape, input1, input2_shape, input2,
                    output);
}

}  // namespace opt
}  // namespace mote
