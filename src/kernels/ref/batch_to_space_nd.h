// BATCH_TO_SPACE_ND: the inverse of SPACE_TO_BATCH_ND, any element type.
//
// Shapes are 4-D NHWC (the 3-D NHC form as NH1C with block width 1). Input
// batch b goes to output batch b % out_batch at block offset
// (b / out_batch) / block_w, (b / out_batch) % block_w; positions that the
// crops remove are skipped, as TFLite's reference BatchToSpaceND.
#ifndef MOTE_KERNELS_REF_BATCH_TO_SPACE_ND_H_
#define MOTE_KERNELS_REF_BATCH_TO_SPACE_ND_H_

#include <cstddef>

#include "kernels/ref/space_to_batch_nd.h"
#include "mote/types.h"

namespace mote {
namespace ref {

// params.before_* are the top/left crops.
void BatchToSpaceND(const SpaceBatchParams& params, const Shape& input_shape,
                    const void* input, const Shape& output_shape,
                    size_t element_size, void* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_BATCH_TO_SPACE_ND_H_
