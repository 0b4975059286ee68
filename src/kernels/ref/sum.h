// SUM (reduce_sum) over any set of axes: int8, int16 and float32.
//
// TFLite Micro's reference path (reduce_common.cc, reference/reduce.h):
// - float32: ReduceGeneric with init 0 and `in + current`, accumulated in
//   input (row-major) order into one slot per output element.
// - int8/int16: QuantizedMeanOrSum with compute_sum: wrapping int32 sums,
//   minus input_zero_point * count (in int64, narrowed to int32), then
//   MultiplyByQuantizedMultiplier(input_scale / output_scale) plus the
//   output zero point, clamped to the type. Unlike MEAN nothing is folded
//   into the multiplier.
// An input with a zero-sized dim gives raw zeros for int8/int16 (not the
// zero point) and 0.0f for float32, as TFLite.
#ifndef MOTE_KERNELS_REF_SUM_H_
#define MOTE_KERNELS_REF_SUM_H_

#include <cstdint>

#include "kernels/ref/reduce.h"
#include "mote/types.h"

namespace mote {
namespace ref {

struct SumQuantParams {
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  // QuantizeMultiplier(input_scale / output_scale), computed in double.
  int32_t multiplier = 0;
  int shift = 0;
};

// `output` and `scratch` hold ReducedShape(...).FlatSize() elements.
void SumS8(const SumQuantParams& params, const Shape& input_shape,
           const int8_t* input, const bool reduced[Shape::kMaxRank],
           int32_t* scratch, int8_t* output);
void SumS16(const SumQuantParams& params, const Shape& input_shape,
            const int16_t* input, const bool reduced[Shape::kMaxRank],
            int32_t* scratch, int16_t* output);

// `output` is also the accumulator.
void SumF32(const Shape& input_shape, const float* input,
            const bool reduced[Shape::kMaxRank], float* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_SUM_H_
