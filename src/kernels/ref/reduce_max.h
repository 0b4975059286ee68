// REDUCE_MAX over any set of axes: int8 and float32.
//
// TFLite Micro's ReduceGeneric: every output starts at the type's lowest
// value, then each input element in row-major order replaces it when
// `in > current`. A NaN therefore never replaces anything (and a NaN start
// cannot happen), and an input with a zero-sized dim leaves the lowest
// value (-128, or -FLT_MAX) in every output. int8 works on the raw values:
// TFLite requires input and output to share scale and zero point.
#ifndef MOTE_KERNELS_REF_REDUCE_MAX_H_
#define MOTE_KERNELS_REF_REDUCE_MAX_H_

#include <cstdint>

#include "kernels/ref/reduce.h"
#include "mote/types.h"

namespace mote {
namespace ref {

// `output` holds ReducedShape(...).FlatSize() elements.
void ReduceMaxS8(const Shape& input_shape, const int8_t* input,
                 const bool reduced[Shape::kMaxRank], int8_t* output);
void ReduceMaxF32(const Shape& input_shape, const float* input,
                  const bool reduced[Shape::kMaxRank], float* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_REDUCE_MAX_H_
