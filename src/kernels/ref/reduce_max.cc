#include "kernels/ref/reduce_max.h"

#include <limits>

namespace mote {
namespace ref {
namespace {

template <typename T>
void ReduceMax(const Shape& input_shape, const T* input,
               const bool reduced[Shape::kMaxRank], T* output) {
  const int64_t num_outputs =
      ReducedShape(input_shape, reduced, false).FlatSize();
  for (int64_t i = 0; i < num_outputs; ++i) {
    output[i] = std::numeric_limits<T>::lowest();
  }
  ForEachReduced(input_shape, reduced, [&](int64_t out, int64_t in) {
    const T value = input[in];
    const T current = output[out];
    output[out] = value > current ? value : current;
  });
}

}  // namespace

void ReduceMaxS8(const Shape& input_shape, const int8_t* input,
                 const bool reduced[Shape::kMaxRank], int8_t* output) {
  ReduceMax(input_shape, input, reduced, output);
}

void ReduceMaxF32(const Shape& input_shape, const float* input,
                  const bool reduced[Shape::kMaxRank], float* output) {
  ReduceMax(input_shape, input, reduced, output);
}

}  // namespace ref
}  // namespace mote
