// FULLY_CONNECTED int8 kernels for the Cortex-M55 with Helium (MVE). Same
// arguments and results as ref::FullyConnectedS8 (per-tensor:
// `output_multiplier`/`output_shift` null, the params carry them) or
// ref::FullyConnectedPerChannelS8, plus a scratch buffer of the size
// selection.h gives. opt::FullyConnected[PerChannel]S8 (kernels/select.h)
// picks among them.
#ifndef MOTE_KERNELS_ARM_MVE_FULLY_CONNECTED_H_
#define MOTE_KERNELS_ARM_MVE_FULLY_CONNECTED_H_

#include <cstdint>

#include "kernels/arm_mve/selection.h"
#include "kernels/ref/fully_connected.h"
#include "mote/types.h"

namespace mote {
namespace arm_mve {

// One input row at a time: three weight rows per tail-predicated pass,
// VMLADAVA against the int8 row and VADDVA for the weight sums that carry
// the input offset; no scratch.
void FullyConnectedRowsS8_Mve(const FullyConnectedParams& params,
                              const int32_t* output_multiplier,
                              const int32_t* output_shift,
                              const Shape& input_shape, const int8_t* input,
                              const Shape& filter_shape, const int8_t* filter,
                              const int32_t* bias, const Shape& output_shape,
                              int8_t* output, void* scratch);

// Four input rows at a time through the 1x1 CONV_2D product (gemm.h,
// GemmRows4x1: two channels per pass for depths 8, 16, 32, 64, 128, 256).
void FullyConnectedBatchS8_Mve(const FullyConnectedParams& params,
                               const int32_t* output_multiplier,
                               const int32_t* output_shift,
                               const Shape& input_shape, const int8_t* input,
                               const Shape& filter_shape, const int8_t* filter,
                               const int32_t* bias, const Shape& output_shape,
                               int8_t* output, void* scratch);

}  // namespace arm_mve
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_MVE_FULLY_CONNECTED_H_
