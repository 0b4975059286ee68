// AVERAGE_POOL_2D and MAX_POOL_2D int8 on AVX2, channels innermost (NHWC):
// every window position updates 32 (max) or 16 (average) channels with one
// instruction. The average sums in int16 lanes when the window (clipped to
// the input) has at most 256 elements, so the sum cannot overflow, and
// divides exactly in float (see pooling.cc); larger windows and the last
// channels that fill no vector run scalar code with the reference's
// arithmetic. Call through kernels/select.h, which checks the CPU and that
// the activation range lies inside int8. No scratch.
#ifndef MOTE_KERNELS_X86_AVX2_POOLING_H_
#define MOTE_KERNELS_X86_AVX2_POOLING_H_

#include <cstdint>

#include "kernels/ref/pooling.h"
#include "mote/types.h"

namespace mote {
namespace x86 {

// False, as the reference, at the first window that lies entirely in the
// padding.
bool AveragePoolS8_Avx2(const ref::PoolParams& params, const Shape& input_shape,
                        const int8_t* input, const Shape& output_shape,
                        int8_t* output);

void MaxPoolS8_Avx2(const ref::PoolParams& params, const Shape& input_shape,
                    const int8_t* input, const Shape& output_shape,
                    int8_t* output);

}  // namespace x86
}  // namespace mote

#endif  // MOTE_KERNELS_X86_AVX2_POOLING_H_
