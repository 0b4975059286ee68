// MEAN (reduce_mean) over any set of axes, int8 and float32.
//
// Both kernels follow TFLite Micro's reference path (reduce_common.cc and
// reference/reduce.h): sums are accumulated in input (row-major) order into
// one slot per output element, then scaled once.
// - float32: float sums, then one division by the element count, as
//   reference_ops::Mean. TFLM's special 4D path for axes {1, 2} with
//   keep_dims adds in the same order and divides the same way, so it gives
//   the same bits and needs no kernel of its own.
// - int8: TFLM's EvalIntegerMean always calls QuantizedMeanOrSum: int32 sums
//   (wrapping), minus input_zero_point * count, then
//   MultiplyByQuantizedMultiplier with 1/count folded into the multiplier
//   (FoldMeanCount), plus the output zero point, clamped. (Older TFLM had a
//   4D spatial special case and a same-scale shortcut with different
//   rounding; the current one has neither.)
// keep_dims does not change the data, only the output shape. The axis
// helpers (ResolveReduceAxes, ReducedShape, ReducedCount) live in reduce.h.
#ifndef MOTE_KERNELS_REF_MEAN_H_
#define MOTE_KERNELS_REF_MEAN_H_

#include <cstdint>

#include "kernels/ref/reduce.h"
#include "mote/types.h"

namespace mote {
namespace ref {

// Folds the division by `count` (>= 1) into a quantized multiplier, exactly
// as QuantizedMeanOrSum does: shift = min(floor(log2(count)), 32,
// 31 + shift), multiplier = (multiplier << shift) / count, shift -= shift.
void FoldMeanCount(int64_t count, int32_t* multiplier, int* shift);

struct MeanS8Params {
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  // input_scale / output_scale from QuantizeMultiplier, then FoldMeanCount.
  int32_t multiplier = 0;
  int shift = 0;
};

// `output` and `scratch` hold ReducedShape(...).FlatSize() elements. An input
// with a zero-sized dim gives all-zero outputs (raw 0, as TFLite).
void MeanS8(const MeanS8Params& params, const Shape& input_shape,
            const int8_t* input, const bool reduced[Shape::kMaxRank],
            int32_t* scratch, int8_t* output);

// `output` holds ReducedShape(...).FlatSize() elements; it is also the
// accumulator, so no scratch is needed.
void MeanF32(const Shape& input_shape, const float* input,
             const bool reduced[Shape::kMaxRank], float* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_MEAN_H_
