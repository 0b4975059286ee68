// PAD / PADV2: surrounds a tensor with a constant value, any element type.
//
// The kernel only moves bytes, so one function serves int8, int16, int32 and
// float32: the caller passes the element size and one element's worth of pad
// value (the output zero point for int8 PAD, 0 for float, or PADV2's
// constant_values).
#ifndef MOTE_KERNELS_REF_PAD_H_
#define MOTE_KERNELS_REF_PAD_H_

#include <cstddef>
#include <cstdint>

#include "mote/types.h"

namespace mote {
namespace ref {

// output dim d == left_pad[d] + input dim d + right_pad[d] for every d < rank
// (all paddings >= 0; the wrapper checks this in Prepare). Elements outside
// the copied input get the `element_size` bytes at `pad_value`. Input and
// output must not overlap. Works for any rank up to Shape::kMaxRank.
void Pad(const Shape& input_shape, const void* input, const int32_t* left_pad,
         const int32_t* right_pad, const void* pad_value, size_t element_size,
         const Shape& output_shape, void* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_PAD_H_
