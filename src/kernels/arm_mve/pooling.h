// AVERAGE_POOL_2D and MAX_POOL_2D int8 for the Cortex-M55 with Helium (MVE). Same
// arguments and results as ref::AveragePoolS8 (including false, after the
// same outputs, for a window entirely in the padding); no scratch.
//
// Channels in lanes: sixteen at a time in four int32x4 sums (widening byte
// loads), the last ones four at a time predicated; the rounding division by
// the window's count is a multiply-high by ceil(2^32 / count) of the
// magnitude plus half the count, exact for windows of up to 4096 values
// (opt::AveragePoolS8 sends larger ones to the reference).
#ifndef MOTE_KERNELS_ARM_MVE_POOLING_H_
#define MOTE_KERNELS_ARM_MVE_POOLING_H_

#include <cstdint>

#include "kernels/ref/pooling.h"
#include "mote/types.h"

namespace mote {
namespace arm_mve {

bool AveragePoolS8_Mve(const ref::PoolParams& params, const Shape& input_shape,
                       const int8_t* input, const Shape& output_shape,
                       int8_t* output);

// MAX_POOL_2D int8 (ref::MaxPoolS8): sixteen channels per VMAX.S8, the
// last ones predicated. Needs an activation range inside int8.
bool MaxPoolS8_Mve_Applies(const ref::PoolParams& params);
void MaxPoolS8_Mve(const ref::PoolParams& params, const Shape& input_shape,
                   const int8_t* input, const Shape& output_shape,
                   int8_t* output);

}  // namespace arm_mve
}  // namespace mote

#endif  // MOTE_KERNELS_ARM_MVE_POOLING_H_
