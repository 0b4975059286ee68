// SOFTMAX int8 -> int8 on AVX2, bit-exact with ref::SoftmaxS8 (TFLite's
// fixed-point softmax). The exp of an element depends only on its
// difference to the row maximum, an integer in [-255, 0], so the kernel
// tabulates the reference's own exp terms (and their rescaled sum terms)
// once per call in the scratch, for just the differences the tensor can
// produce; each row is then a vector maximum, a gathered sum and a gathered,
// requantized output, 8 lanes at a time. The per-row reciprocal is the
// reference's scalar code. When tabulating would cost more exps than the
// reference computes (tiny tensors with a wide value range), it runs the
// reference. Call through kernels/select.h.
#ifndef MOTE_KERNELS_X86_AVX2_SOFTMAX_H_
#define MOTE_KERNELS_X86_AVX2_SOFTMAX_H_

#include <cstddef>
#include <cstdint>

#include "kernels/ref/softmax.h"
#include "mote/types.h"

namespace mote {
namespace x86 {

// Two tables of 256 int32 entries.
size_t SoftmaxS8ScratchBytes_Avx2(const ref::SoftmaxParamsS8& params,
                                  const Shape& shape);

void SoftmaxS8_Avx2(const ref::SoftmaxParamsS8& params, const Shape& shape,
                    const int8_t* input, int8_t* output, void* scratch);

}  // namespace x86
}  // namespace mote

#endif  // MOTE_KERNELS_X86_AVX2_SOFTMAX_H_
