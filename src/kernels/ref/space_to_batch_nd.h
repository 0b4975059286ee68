// SPACE_TO_BATCH_ND: moves blocks of the (padded) spatial dims into the
// batch, any element type.
//
// Shapes are 4-D NHWC; the op's 3-D NHC form is passed as NH1C with a block
// width of 1 (TFLite does the same). Output batch b takes input batch
// b % in_batch at block offset (b / in_batch) / block_w, (b / in_batch) %
// block_w, as TFLite's reference SpaceToBatchND; padded positions get
// `pad_value` (one element_size-byte element).
#ifndef MOTE_KERNELS_REF_SPACE_TO_BATCH_ND_H_
#define MOTE_KERNELS_REF_SPACE_TO_BATCH_ND_H_

#include <cstddef>
#include <cstdint>

#include "mote/types.h"

namespace mote {
namespace ref {

struct SpaceBatchParams {
  int32_t block_height = 1;
  int32_t block_width = 1;
  int32_t before_height = 0;  // padding (SPACE_TO_BATCH) or crop (BATCH_TO_SPACE)
  int32_t before_width = 0;   // at the top and left
};

void SpaceToBatchND(const SpaceBatchParams& params, const Shape& input_shape,
                    const void* input, const Shape& output_shape,
                    const void* pad_value, size_t element_size, void* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_SPACE_TO_BATCH_ND_H_
