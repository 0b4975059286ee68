// ADD int8 for the Cortex-M55 with Helium (MVE). Same arguments and results
// as ref::AddS8. opt::AddS8 (kernels/select.h) runs it where it applies and
// the reference elsewhere (broadcasting).
//
// Four elements per vector in int32 lanes: the offsets and the 20-bit left
// shift, then each of TFLite's three MultiplyByQuantizedMultiplier as the
// CONV_2D requantization does it (VQRDMULH, then a rounding shift with the
// negative-half fix-up), exact for every multiplier and shift.
#ifndef MOTE_KERNELS_ARM_MVE_ADD_H_
#define MOTE_KERNELS_ARM_MVE_ADD_H_

#include <cstdint>

#include "kernels/ref/add.h"
#include "mote/types.h"

namespace mote {
namespace arm_mve {

// Same shapes (no broadcasting) and int8 zero points.
bool AddS8_Mve_Applies(const ref::AddSubParams& params,
                       const Shape& input1_shape, const Shape& input2_shape);

// Requires AddS8_Mve_Applies.
void AddS8_Mve(const ref::AddSubParams& params, const Shape& input1_shape,
               const int8_t* input1, const Shape& input2_shape,
               const int8_t* input2, int8_t* output);

}  // namespace arm_mve
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_MVE_ADD_H_
