// FULLY_CONNECTED int8 kernels for Cortex-M with the DSP extension (M4, M33,
// M7). Same arguments and results as ref::FullyConnectedS8 (per-tensor:
// `output_multiplier`/`output_shift` null, the params carry them) or
// ref::FullyConnectedPerChannelS8, plus a scratch buffer of the size
// selection.h gives. opt::FullyConnected[PerChannel]S8 (kernels/select.h)
// picks among them.
#ifndef MOTE_KERNELS_ARM_DSP_FULLY_CONNECTED_H_
#define MOTE_KERNELS_ARM_DSP_FULLY_CONNECTED_H_

#include <cstdint>

#include "kernels/arm_dsp/selection.h"
#include "kernels/ref/fully_connected.h"
#include "mote/types.h"

namespace mote {
namespace arm_dsp {

// One input row at a time: the row converted once to int16 (plus the input
// offset), then two weight rows per pass, SXTB16 on the weights and SMLAD.
void FullyConnectedRowsS8_ArmDsp(const FullyConnectedParams& params,
                                 const int32_t* output_multiplier,
                                 const int32_t* output_shift,
                                 const Shape& input_shape, const int8_t* input,
                                 const Shape& filter_shape,
                                 const int8_t* filter, const int32_t* bias,
                                 const Shape& output_shape, int8_t* output,
                                 void* scratch);

// Four input rows at a time through the CONV_2D matrix product (gemm.h).
void FullyConnectedBatchS8_ArmDsp(const FullyConnectedParams& params,
                                  const int32_t* output_multiplier,
                                  const int32_t* output_shift,
                                  const Shape& input_shape, const int8_t* input,
                                  const Shape& filter_shape,
                                  const int8_t* filter, const int32_t* bias,
                                  const Shape& output_shape, int8_t* output,
                                  void* scratch);

}  // namespace arm_dsp
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_DSP_FULLY_CONNECTED_H_
