// SPLIT, SPLIT_V and UNPACK: cut a tensor along one axis into consecutive
// pieces, any element type.
//
// The input is viewed as [outer, axis, inner]; output i receives
// axis_dims[i] rows of the axis (the dims sum to the input's), for every
// outer index, as TFLite's reference SplitImpl / UnpackImpl. UNPACK is a
// split into pieces of one row whose axis is then dropped from the shape,
// which does not change the bytes.
#ifndef MOTE_KERNELS_REF_SPLIT_H_
#define MOTE_KERNELS_REF_SPLIT_H_

#include <cstddef>
#include <cstdint>

namespace mote {
namespace ref {

void Split(const void* input, int64_t outer, int64_t inner, int num_outputs,
           const int32_t* axis_dims, size_t element_size,
           void* const* outputs);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_SPLIT_H_
