// kernels/select.h's AVERAGE_POOL_2D and MAX_POOL_2D for builds without an optimised
// instruction set (the Arm folders define their own; x86-64's is in
// dispatch_x86.cc).
#include "kernels/select.h"

namespace mote {
namespace opt {

size_t AveragePoolS8_ScratchBytes(const ref::PoolParams&, const Shape&,
                                  const Shape&) {
  return 0;
}

bool AveragePoolS8(const ref::PoolParams& params, const Shape& input_shape,
                   const int8_t* input, const Shape& output_shape,
                   int8_t* output, void*) {
  return ref::AveragePoolS8(params, input_shape, input, output_shape, output);
}

void MaxPoolS8(const ref::PoolParams& params, const Shape& input_shape,
               const int8_t* input, const Shape& output_shape,
               int8_t* output) {
  ref::MaxPoolS8(params, input_shape, input, output_shape, output);
}

}  // namespace opt
}  // namespace mote
