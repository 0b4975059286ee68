// DEPTH_TO_SPACE: spreads blocks of channels over block_size x block_size
// pixels, any element type (NHWC, rank 4), as TFLite's reference
// DepthToSpace: output[b, h, w, d] = input[b, h / bs, w / bs,
// d + ((h % bs) * bs + w % bs) * out_depth].
#ifndef MOTE_KERNELS_REF_DEPTH_TO_SPACE_H_
#define MOTE_KERNELS_REF_DEPTH_TO_SPACE_H_

#include <cstddef>
#include <cstdint>

#include "mote/types.h"

namespace mote {
namespace ref {

void DepthToSpace(int32_t block_size, const Shape& input_shape,
                  const void* input, const Shape& output_shape,
                  size_t element_size, void* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_DEPTH_TO_SPACE_H_
