// kernels/select.h's CONV_2D int16x8 on this instruction set: the loops of
// arm_common/s16_loops.h around this folder's dot products (dot_s16.h).
// Any shape, no scratch.
#include "kernels/arm_common/s16_loops.h"
#include "kernels/arm_mve/dot_s16.h"
#include "kernels/select.h"

namespace mote {
namespace opt {

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
  arm_common::ConvPerChannelS16Loop<arm_mve::DotS16>(
      params, output_multiplier, output_shift, input_shape, input,
      filter_shape, filter, bias, output_shape, output);
}

void ConvPerChannelS16(const ConvParams& params,
                       const int32_t* output_multiplier,
                       const int32_t* output_shift, const Shape& input_shape,
                       const int16_t* input, const Shape& filter_shape,
                       const int8_t* filter, const int32_t* bias,
                       const Shape& output_shape, int16_t* output, void*) {
  arm_common::ConvPerChannelS16Loop<arm_mve::DotS16>(
      params, output_multiplier, output_shift, input_shape, input,
      filter_shape, filter, bias, output_shape, output);
}

}  // namespace opt
}  // namespace mote
