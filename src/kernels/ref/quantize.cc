#include "kernels/ref/quantize.h"

namespace mote {
namespace ref {

void RequantizeMultiplier(float input_scale, float output_scale,
                          int32_t* multiplier, int* shift) {
  QuantizeMultiplier(
      static_cast<double>(input_scale) / static_cast<double>(output_scale),
      multiplier, shift);
}

}  // namespace ref
}  // namespace mote
