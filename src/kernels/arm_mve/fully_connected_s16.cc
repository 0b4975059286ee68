// kernels/select.h's FULLY_CONNECTED int16x8 on this instruction set: four
// output units per pass of this folder's dot products (dot_s16.h),
// arm_common/s16_loops.h. No scratch.
#include "kernels/arm_common/s16_loops.h"
#include "kernels/arm_mve/dot_s16.h"
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
  arm_common::FullyConnectedS16Loop<arm_mve::DotS16>(
      params, input_shape, input, filter_shape, filter, bias, output_shape,
      output);
}

}  // namespace opt
}  // namespace mote
