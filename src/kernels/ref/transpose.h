// TRANSPOSE: permutes the dimensions of a tensor, any element type.
#ifndef MOTE_KERNELS_REF_TRANSPOSE_H_
#define MOTE_KERNELS_REF_TRANSPOSE_H_

#include <cstddef>
#include <cstdint>

#include "mote/types.h"

namespace mote {
namespace ref {

// The output shape of a transpose: output dim i is input dim perm[i].
Shape TransposedShape(const Shape& input_shape, const int32_t* perm);

// output[i0, ..., iN] = input[j] where j[perm[k]] = ik. `perm` holds a
// permutation of [0, rank) (the wrapper checks it in Prepare); any rank up to
// Shape::kMaxRank. element_size is 1, 2, 4 or 8 bytes. Input and output must
// not overlap.
void Transpose(const Shape& input_shape, const void* input, const int32_t* perm,
               size_t element_size, void* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_TRANSPOSE_H_
