// CONV_2D int8 kernels for the Cortex-M55 with Helium (MVE). Same arguments
// and results as ref::ConvPerChannelS8, plus a scratch buffer of the size
// selection.h gives (16-byte aligned). opt::ConvPerChannelS8
// (kernels/select.h) picks among them.
#ifndef MOTE_KERNELS_ARM_MVE_CONV_2D_H_
#define MOTE_KERNELS_ARM_MVE_CONV_2D_H_

#include <cstdint>

#include "kernels/arm_mve/selection.h"
#include "kernels/ref/conv_2d.h"
#include "mote/types.h"

namespace mote {
namespace arm_mve {

// Any filter, stride, dilation and padding: four output pixels' windows
// gathered as int8 (padding as the input zero point), then VMLADAVA against
// the output channels' weights, 16 products per instruction: two channels
// per pass when the window pads to 16-288 bytes (gemm.h, GemmPairs4), one
// otherwise.
void ConvPerChannelS8_Mve(const ConvParams& params,
                          const int32_t* output_multiplier,
                          const int32_t* output_shift, const Shape& input_shape,
                          const int8_t* input, const Shape& filter_shape,
                          const int8_t* filter, const int32_t* bias,
                          const Shape& output_shape, int8_t* output,
                          void* scratch);

// A 1x1 filter, stride 1, no padding: the input pixels are the rows.
void Conv1x1S8_Mve(const ConvParams& params, const int32_t* output_multiplier,
                   const int32_t* output_shift, const Shape& input_shape,
                   const int8_t* input, const Shape& filter_shape,
                   const int8_t* filter, const int32_t* bias,
                   const Shape& output_shape, int8_t* output, void* scratch);

}  // namespace arm_mve
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_MVE_CONV_2D_H_
