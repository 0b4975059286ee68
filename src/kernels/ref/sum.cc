#include "kernels/ref/sum.h"

#include <limits>

#include "kernels/quant_math.h"

namespace mote {
namespace ref {
namespace {

template <typename T>
void QuantizedSum(const SumQuantParams& params, const Shape& input_shape,
                  const T* input, const bool reduced[Shape::kMaxRank],
                  int32_t* scratch, T* output) {
  const int64_t num_outputs =
      ReducedShape(input_shape, reduced, false).FlatSize();
  for (int64_t i = 0; i < num_outputs; ++i) {
    scratch[i] = 0;
    output[i] = 0;
  }
  if (input_shape.FlatSize() == 0) return;

  // int32 sums wrap like TFLite's two's complement additions.
  ForEachReduced(input_shape, reduced, [&](int64_t out, int64_t in) {
    scratch[out] = static_cast<int32_t>(static_cast<uint32_t>(scratch[out]) +
                                        static_cast<uint32_t>(input[in]));
  });

  const int64_t count = ReducedCount(input_shape, reduced);
  const int64_t zero_point_sum =
      static_cast<int64_t>(params.input_zero_point) * count;
  constexpr int32_t kMin = std::numeric_limits<T>::min();
  constexpr int32_t kMax = std::numeric_limits<T>::max();
  for (int64_t i = 0; i < num_outputs; ++i) {
    // Subtracted in int64 and narrowed to int32 (wrapping), as TFLite.
    const int32_t centered =
        static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(
            static_cast<int64_t>(scratch[i]) - zero_point_sum)));
    int32_t value = MultiplyByQuantizedMultiplier(centered, params.multiplier,
                                                  params.shift) +
                    params.output_zero_point;
    if (value < kMin) value = kMin;
    if (value > kMax) value = kMax;
    output[i] = static_cast<T>(value);
  }
}

}  // namespace

void SumS8(const SumQuantParams& params, const Shape& input_shape,
           const int8_t* input, const bool reduced[Shape::kMaxRank],
           int32_t* scratch, int8_t* output) {
  QuantizedSum(params, input_shape, input, reduced, scratch, output);
}

void SumS16(const SumQuantParams& params, const Shape& input_shape,
            const int16_t* input, const bool reduced[Shape::kMaxRank],
            int32_t* scratch, int16_t* output) {
  QuantizedSum(params, input_shape, input, reduced, scratch, output);
}

void SumF32(const Shape& input_shape, const float* input,
            const bool reduced[Shape::kMaxRank], float* output) {
  const int64_t num_outputs =
      ReducedShape(input_shape, reduced, false).FlatSize();
  for (int64_t i = 0; i < num_outputs; ++i) output[i] = 0.0f;
  ForEachReduced(input_shape, reduced, [&](int64_t out, int64_t in) {
    output[out] = input[in] + output[out];
  });
}

}  // namespace ref
}  // namespace mote
