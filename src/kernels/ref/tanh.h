// TANH: int8 and int16 (TFLite Micro's fixed-point algorithms) and float32.
#ifndef MOTE_KERNELS_REF_TANH_H_
#define MOTE_KERNELS_REF_TANH_H_

#include <cstdint>

#include "kernels/ref/sigmoid_common.h"

namespace mote {
namespace ref {

// Params from PrepareQ4InputS8 (sigmoid_common.h). The output scale is
// implied: 1/128 with zero point 0.
void TanhS8(const Q4InputParamsS8& params, int32_t size, const int8_t* input,
            int8_t* output);

// Params from PrepareSigmoidTableInputS16(scale, 1, ...). The output is
// Q0.15 (scale 2^-15, zero point 0).
void TanhS16(const SigmoidTableInputS16& params, int32_t size,
             const int16_t* input, int16_t* output);

void TanhF32(int32_t size, const float* input, float* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_TANH_H_
