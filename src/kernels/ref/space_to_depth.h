// SPACE_TO_DEPTH: the inverse of DEPTH_TO_SPACE, any element type (NHWC,
// rank 4), as TFLite's reference SpaceToDepth: input[b, h, w, d] goes to
// output[b, h / bs, w / bs, d + ((h % bs) * bs + w % bs) * in_depth].
#ifndef MOTE_KERNELS_REF_SPACE_TO_DEPTH_H_
#define MOTE_KERNELS_REF_SPACE_TO_DEPTH_H_

#include <cstddef>
#include <cstdint>

#include "mote/types.h"

namespace mote {
namespace ref {

void SpaceToDepth(int32_t block_size, const Shape& input_shape,
                  const void* input, const Shape& output_shape,
                  size_t element_size, void* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_SPACE_TO_DEPTH_H_
