// ARG_MAX and ARG_MIN along one axis: float32 or int8 input, int32 or int64
// output.
//
// TFLite's reference ArgMinMax: the input is viewed as [outer, axis, inner];
// each output starts at index 0 and moves to index i only when
// cmp(value[i], best) holds, with cmp = greater (ARG_MAX) or less (ARG_MIN).
// Ties keep the first index; a NaN never wins, and a NaN at index 0 is
// never replaced. int8 compares raw values (the scale is positive, so the
// order is the real one).
#ifndef MOTE_KERNELS_REF_ARG_MIN_MAX_H_
#define MOTE_KERNELS_REF_ARG_MIN_MAX_H_

#include <cstdint>

namespace mote {
namespace ref {

// `axis_size` >= 1 (the op refuses an empty axis); `output` holds
// outer * inner indices.
template <bool kIsMax, typename T, typename Out>
void ArgMinMax(const T* input, int64_t outer, int32_t axis_size,
               int64_t inner, Out* output) {
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t in = 0; in < inner; ++in) {
      const T* column = input + o * axis_size * inner + in;
      T best = column[0];
      Out best_index = 0;
      for (int32_t i = 1; i < axis_size; ++i) {
        const T value = column[i * inner];
        if (kIsMax ? value > best : value < best) {
          best = value;
          best_index = static_cast<Out>(i);
        }
      }
      output[o * inner + in] = best_index;
    }
  }
}

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_ARG_MIN_MAX_H_
