// The bodies of kernels/select.h's int8 CONV_2D, DEPTHWISE_CONV_2D and
// FULLY_CONNECTED entry points, shared by the Arm folders: the shape picks a
// kernel (arm_common/selection.h), the folder runs it, or the reference
// does. Each folder's opt:: functions forward here with a kernels struct
// naming its own kernels and shapes (arm_common/selection.h):
//   ConvS8:           Shapes, Conv1x1, General
//   DepthwiseConvS8:  Shapes, Conv3x3, General, Mult
//   FullyConnectedS8: Rows, Batch
// Every kernel takes the arguments of the entry point (output_multiplier
// and output_shift null for per-tensor FULLY_CONNECTED).
#ifndef MOTE_KERNELS_ARM_COMMON_ENTRY_POINTS_H_
#define MOTE_KERNELS_ARM_COMMON_ENTRY_POINTS_H_

#include <cstdint>

#include "kernels/arm_common/selection.h"
#include "kernels/ref/conv_2d.h"
#include "kernels/ref/depthwise_conv_2d.h"
#include "kernels/ref/fully_connected.h"
#include "mote/types.h"

namespace mote {
namespace arm_common {

template <typename ConvS8>
void RunConvPerChannelS8(const ConvParams& params,
                         const int32_t* output_multiplier,
                         const int32_t* output_shift, const Shape& input_shape,
                         const int8_t* input, const Shape& filter_shape,
                         const int8_t* filter, const int32_t* bias,
                         const Shape& output_shape, int8_t* output,
                         void* scratch) {
  switch (SelectConv<typename ConvS8::Shapes>(params, input_shape,
                                              filter_shape, output_shape)) {
    case ConvKernel::k1x1:
      ConvS8::Conv1x1(params, output_multiplier, output_shift, input_shape,
                      input, filter_shape, filter, bias, output_shape, output,
                      scratch);
      return;
    case ConvKernel::kGeneral:
      ConvS8::General(params, output_multiplier, output_shift, input_shape,
                      input, filter_shape, filter, bias, output_shape, output,
                      scratch);
      return;
    case ConvKernel::kReference:
      break;
  }
  ref::ConvPerChannelS8(params, output_multiplier, output_shift, input_shape,
                        input, filter_shape, filter, bias, output_shape,
                        output);
}

template <typename DepthwiseConvS8>
void RunDepthwiseConvPerChannelS8(
    const DepthwiseConvParams& params, const int32_t* output_multiplier,
    const int32_t* output_shift, const Shape& input_shape, const int8_t* input,
    const Shape& filter_shape, const int8_t* filter, const int32_t* bias,
    const Shape& output_shape, int8_t* output, void* scratch) {
  switch (SelectDepthwise(params, input_shape, filter_shape, output_shape)) {
    case DepthwiseKernel::k3x3:
      DepthwiseConvS8::Conv3x3(params, output_multiplier, output_shift,
                               input_shape, input, filter_shape, filter, bias,
                               output_shape, output, scratch);
      return;
    case DepthwiseKernel::kGeneral:
      DepthwiseConvS8::General(params, output_multiplier, output_shift,
                               input_shape, input, filter_shape, filter, bias,
                               output_shape, output, scratch);
      return;
    case DepthwiseKernel::kMult:
      DepthwiseConvS8::Mult(params, output_multiplier, output_shift,
                            input_shape, input, filter_shape, filter, bias,
                            output_shape, output, scratch);
      return;
    case DepthwiseKernel::kReference:
      break;
  }
  ref::DepthwiseConvPerChannelS8(params, output_multiplier, output_shift,
                                 input_shape, input, filter_shape, filter,
                                 bias, output_shape, output);
}

template <typename FullyConnectedS8>
void RunFullyConnectedS8(const FullyConnectedParams& params, bool per_channel,
                         const int32_t* output_multiplier,
                         const int32_t* output_shift, const Shape& input_shape,
                         const int8_t* input, const Shape& filter_shape,
                         const int8_t* filter, const int32_t* bias,
                         const Shape& output_shape, int8_t* output,
                         void* scratch) {
  switch (SelectFullyConnected(params, per_channel, input_shape, filter_shape,
                               output_shape)) {
    case FullyConnectedKernel::kRows:
      FullyConnectedS8::Rows(params, output_multiplier, output_shift,
                             input_shape, input, filter_shape, filter, bias,
                             output_shape, output, scratch);
      return;
    case FullyConnectedKernel::kBatch:
      FullyConnectedS8::Batch(params, output_multiplier, output_shift,
                              input_shape, input, filter_shape, filter, bias,
                              output_shape, output, scratch);
      return;
    case FullyConnectedKernel::kReference:
      break;
  }
  if (per_channel) {
    ref::FullyConnectedPerChannelS8(params, output_multiplier, output_shift,
                                    input_shape, input, filter_shape, filter,
                                    bias, output_shape, output);
  } else {
    ref::FullyConnectedS8(params, input_shape, input, filter_shape, filter,
                          bias, output_shape, output);
  }
}

}  // namespace arm_common
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_COMMON_ENTRY_POINTS_H_
