// ADD int8 for Cortex-M with the DSP extension (M4, M33, M7). Same
// arguments and results as ref::AddS8. opt::AddS8 (kernels/select.h) runs
// it where it applies and the reference elsewhere (broadcasting).
//
// Each of the three MultiplyByQuantizedMultiplier of TFLite's requantizing
// add is one SMMLAR and a shift (dsp_common.h's merged rounding): the
// shifted inputs ((q - zp) << 20, below 2^28) and their scaled sum (below
// 2^29) leave room to double, and every shift of ADD's Prepare is a right
// shift (QuantizeMultiplierSmallerThanOne). About 20 instructions an
// element instead of some 130.
#ifndef MOTE_KERNELS_ARM_DSP_ADD_H_
#define MOTE_KERNELS_ARM_DSP_ADD_H_

#include <cstdint>

#include "kernels/ref/add.h"
#include "mote/types.h"

namespace mote {
namespace arm_dsp {

// Same shapes (no broadcasting), int8 zero points, the int8 left shift of
// 20, non-negative multipliers and right shifts of 0 .. 30.
bool AddS8_ArmDsp_Applies(const ref::AddSubParams& params,
                          const Shape& input1_shape,
                          const Shape& input2_shape);

// Requires AddS8_ArmDsp_Applies.
void AddS8_ArmDsp(const ref::AddSubParams& params, const Shape& input1_shape,
                  const int8_t* input1, const Shape& input2_shape,
                  const int8_t* input2, int8_t* output);

}  // namespace arm_dsp
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_DSP_ADD_H_
