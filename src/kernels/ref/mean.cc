#include "kernels/ref/mean.h"

#include "kernels/quant_math.h"

namespace mote {
namespace ref {
namespace {

int CountLeadingZeros64(uint64_t x) {
  int n = 0;
  for (uint64_t bit = uint64_t{1} << 63; bit != 0 && (x & bit) == 0;
       bit >>= 1) {
    ++n;
  }
  return n;
}

}  // namespace

void FoldMeanCount(int64_t count, int32_t* multiplier, int* shift) {
  if (count <= 0) return;  // nothing is summed; the kernel writes zeros
  int fold = 63 - CountLeadingZeros64(static_cast<uint64_t>(count));
  // Keeps (multiplier << fold) within int64 and the final shift >= -31,
  // MultiplyByQuantizedMultiplier's range, at the price of precision.
  if (fold > 32) fold = 32;
  if (fold > 31 + *shift) fold = 31 + *shift;
  if (fold < 0)
    fold = 0;  // only if *shift < -31, which QuantizeMultiplier
               // never returns
  *multiplier = static_cast<int32_t>(
      (static_cast<int64_t>(*multiplier) * (int64_t{1} << fold)) / count);
  *shift -= fold;
}

void MeanS8(const MeanS8Params& params, const Shape& input_shape,
            const int8_t* input, const bool reduced[Shape::kMaxRank],
            int32_t* scratch, int8_t* output) {
  const int64_t num_outputs =
      ReducedShape(input_shape, reduced, false).FlatSize();
  for (int64_t i = 0; i < num_outputs; ++i) {
    scratch[i] = 0;
    output[i] = 0;
  }
  // TFLite returns the zeroed output when any input dim is empty.
  if (input_shape.FlatSize() == 0) return;

  // int32 sums wrap like TFLite's (two's complement) additions.
  ForEachReduced(input_shape, reduced, [&](int64_t out, int64_t in) {
    scratch[out] = static_cast<int32_t>(static_cast<uint32_t>(scratch[out]) +
                                        static_cast<uint32_t>(input[in]));
  });

  const int64_t count = ReducedCount(input_shape, reduced);
  const int64_t zero_point_sum =
      static_cast<int64_t>(params.input_zero_point) * count;
  for (int64_t i = 0; i < num_outputs; ++i) {
    // TFLite subtracts in int64 and narrows to int32 (wrapping).
    const int32_t centered =
        static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(
            static_cast<int64_t>(scratch[i]) - zero_point_sum)));
    int32_t value = MultiplyByQuantizedMultiplier(centered, params.multiplier,
                                                  params.shift) +
                    params.output_zero_point;
    if (value < -128) value = -128;
    if (value > 127) value = 127;
    output[i] = static_cast<int8_t>(value);
  }
}

void MeanF32(const Shape& input_shape, const float* input,
             const bool reduced[Shape::kMaxRank], float* output) {
  const int64_t num_outputs =
      ReducedShape(input_shape, reduced, false).FlatSize();
  for (int64_t i = 0; i < num_outputs; ++i) output[i] = 0.0f;
  if (input_shape.FlatSize() == 0) return;
  ForEachReduced(input_shape, reduced,
                 [&](int64_t out, int64_t in) { output[out] += input[in]; });
  const float count = static_cast<float>(ReducedCount(input_shape, reduced));
  for (int64_t i = 0; i < num_outputs; ++i) output[i] = output[i] / count;
}

}  // namespace ref
}  // namespace mote
