// ADD int8 on AVX2: TFLite's requantizing add (ref::AddSubQuantized), 8
// elements at a time, when the inputs have the same shape or one of them is
// a single value; other broadcasts run the reference kernel. Each of the
// three rescalings is MulByQuantizedMultiplier8, exact. Call through
// kernels/select.h, which checks the CPU and the preconditions (left shift
// in [0, 31], multipliers >= 0, shifts in [-31, 31], an int8 activation
// range).
#ifndef MOTE_KERNELS_X86_AVX2_ADD_H_
#define MOTE_KERNELS_X86_AVX2_ADD_H_

#include <cstdint>

#include "kernels/ref/add.h"
#include "mote/types.h"

namespace mote {
namespace x86 {

// False, as the reference, when the shapes do not broadcast.
bool AddS8_Avx2(const ref::AddSubParams& params, const Shape& input1_shape,
                const int8_t* input1, const Shape& input2_shape,
                const int8_t* input2, int8_t* output);

}  // namespace x86
}  // namespace mote

#endif  // MOTE_KERNELS_X86_AVX2_ADD_H_
