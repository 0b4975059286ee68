// ADD int8 on AVX-512: the AVX2 kernel (x86_avx2/add.h) 16 elements at a
// time. Call through kernels/select.h, which checks the CPU and the
// preconditions.
#ifndef MOTE_KERNELS_X86_AVX512VNNI_ADD_H_
#define MOTE_KERNELS_X86_AVX512VNNI_ADD_H_

#include <cstdint>

#include "kernels/ref/add.h"
#include "mote/types.h"

namespace mote {
namespace x86 {

// False, as the reference, when the shapes do not broadcast.
bool AddS8_Avx512Vnni(const ref::AddSubParams& params,
                      const Shape& input1_shape, const int8_t* input1,
                      const Shape& input2_shape, const int8_t* input2,
                      int8_t* output);

}  // namespace x86
}  // namespace mote

#endif  // MOTE_KERNELS_X86_AVX512VNNI_ADD_H_
