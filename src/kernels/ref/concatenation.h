// CONCATENATION: joins tensors along one axis, any element type.
//
// Pure data movement (TFLite's int8 kernel requires equal quantization on all
// inputs and the output, so no requantization happens here): one function
// serves every dtype given the element size.
#ifndef MOTE_KERNELS_REF_CONCATENATION_H_
#define MOTE_KERNELS_REF_CONCATENATION_H_

#include <cstddef>
#include <cstdint>

#include "mote/types.h"

namespace mote {
namespace ref {

// `axis` is in [0, output rank). Input i has the output's shape except along
// `axis`, where it has input_axis_dims[i] (their sum is the output's dim).
// Row-major: for each index of the dims before `axis`, the inputs' slabs are
// copied one after another, as TFLite's reference Concatenation.
void Concatenation(const Shape& output_shape, int axis, int num_inputs,
                   const int32_t* input_axis_dims, const void* const* inputs,
                   size_t element_size, void* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_CONCATENATION_H_
