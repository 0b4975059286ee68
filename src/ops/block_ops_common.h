// Prepare for the block-rearranging ops: SPACE_TO_BATCH_ND and
// BATCH_TO_SPACE_ND (one shared routine, `to_batch` picks the direction),
// DEPTH_TO_SPACE and SPACE_TO_DEPTH (likewise). Both pairs move whole
// elements, so they take any element size; TFLite Micro's kernels accept
// float32 and int8, and so does mote.
#ifndef MOTE_OPS_BLOCK_OPS_COMMON_H_
#define MOTE_OPS_BLOCK_OPS_COMMON_H_

#include <cstddef>
#include <cstdint>

#include "kernels/ref/space_to_batch_nd.h"
#include "mote/op.h"

namespace mote {

struct SpaceBatchPlan {
  ref::SpaceBatchParams params;
  Shape input4;   // the input as NHWC (NHC becomes NH1C)
  Shape output4;  // likewise
  size_t element_size = 0;
  // SPACE_TO_BATCH_ND: the padding element (the output zero point for int8,
  // 0.0f for float32), 4 bytes so either fits.
  unsigned char pad_value[4] = {};
};

// Inputs (input, block_shape, crops or paddings), one output. block_shape
// and crops/paddings must be constant (mote checks the output shape against
// them in Prepare); input and output are 3-D (NHC) or 4-D (NHWC) as in
// TFLite Micro. The output shape must be what TensorFlow computes:
//   SPACE_TO_BATCH_ND: [N * bh * bw, (H + pads) / bh, (W + pads) / bw, C]
//   BATCH_TO_SPACE_ND: [N / (bh * bw), H * bh - crops, W * bw - crops, C]
Status PrepareSpaceBatch(PrepareContext& ctx, bool to_batch,
                         SpaceBatchPlan* plan);

// One rank-4 input and output; `*block_size` from the op's options (>= 1).
//   DEPTH_TO_SPACE: [N, H * bs, W * bs, C / (bs * bs)]
//   SPACE_TO_DEPTH: [N, H / bs, W / bs, C * bs * bs]
Status PrepareDepthSpace(PrepareContext& ctx, bool to_depth,
                         int32_t* block_size);

}  // namespace mote

#endif  // MOTE_OPS_BLOCK_OPS_COMMON_H_
