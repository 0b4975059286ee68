// kernels/select.h's FULLY_CONNECTED int16x8 on this instruction set: one
// dot product (dot_s16.h) per output unit, arm_common/s16_loops.h. Weights
// with a zero point (filter_offset != 0, not TFLite's 16x8 scheme) run the
// reference. No scratch.
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
  if (params.filter_offset != 0) {
    ref::FullyConnectedS16(params, input_shape, input, filter_shape, filter,
                           bias, output_shape, output);
    return;
  }
  arm_common::FullyConnectedS16Loop(
      params, input, filter_shape, filter, bias, output_shape, output,
      [](int64_t acc, const int16_t* in, const int8_t* w, int32_t n) {
        return arm_mve::DotS16S8(acc, in, w, n);
      },
      [](int64_t* acc, const int16_t* in, const int8_t* w, int32_t stride,
         int32_t n) { arm_mve::Dot4S16S8(acc, in, w, stride, n); });
}

}  // namespace opt
}  // namespace mote
