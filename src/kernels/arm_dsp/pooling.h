// AVERAGE_POOL_2D and MAX_POOL_2D int8 for Cortex-M with the DSP extension
// (M4, M33, M7).
// Same arguments and results as ref::AveragePoolS8 (including false, after
// the same outputs, for a window entirely in the padding); no scratch.
//
// Four channels at a time: one word load per input pixel, SXTB16 into two
// int16 pairs and SADD16 into int16 pair sums, exact for windows of up to
// 256 values (|sum| <= 32768; opt::AveragePoolS8 sends larger ones to the
// reference); then the reference's rounding division per channel.
#ifndef MOTE_KERNELS_ARM_DSP_POOLING_H_
#define MOTE_KERNELS_ARM_DSP_POOLING_H_

#include <cstdint>

#include "kernels/ref/pooling.h"
#include "mote/types.h"

namespace mote {
namespace arm_dsp {

bool AveragePoolS8_ArmDsp(const ref::PoolParams& params,
                          const Shape& input_shape, const int8_t* input,
                          const Shape& output_shape, int8_t* output);

// MAX_POOL_2D int8 (ref::MaxPoolS8): four channels per word, the byte-wise
// maximum as SSUB8 + SEL. Needs an activation range inside int8.
bool MaxPoolS8_ArmDsp_Applies(const ref::PoolParams& params);
void MaxPoolS8_ArmDsp(const ref::PoolParams& params, const Shape& input_shape,
                      const int8_t* input, const Shape& output_shape,
                      int8_t* output);

}  // namespace arm_dsp
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_DSP_POOLING_H_
