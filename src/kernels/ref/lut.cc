#include "kernels/ref/lut.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mote {
namespace ref {

void PopulateLutS16(float input_scale, int32_t input_zero_point,
                    float output_scale, int32_t output_zero_point,
                    float (*fn)(float), int16_t* lut) {
  constexpr int32_t kMin = std::numeric_limits<int16_t>::min();
  constexpr int32_t kMax = std::numeric_limits<int16_t>::max();
  // Every step in float, in TFLite's order (no FMA contraction: the build
  // uses -ffp-contract=off).
  const float input_min =
      input_scale * static_cast<float>(kMin - input_zero_point);
  const float input_max =
      input_scale * static_cast<float>(kMax - input_zero_point);
  const float output_min =
      output_scale * static_cast<float>(kMin - output_zero_point);
  const float output_max =
      output_scale * static_cast<float>(kMax - output_zero_point);
  constexpr int kSteps = kLutSizeS16 - 1;
  const float step = (input_max - input_min) / kSteps;
  const float half_step = step / 2;
  const float output_scaling_inv =
      static_cast<float>(kMax - kMin + 1) / (output_max - output_min);
  const float table_min = static_cast<float>(kMin);
  const float table_max = static_cast<float>(kMax);
  for (int i = 0; i < kSteps; ++i) {
    const float val = fn(input_min + static_cast<float>(i) * step);
    const float val_midpoint =
        fn(input_min + static_cast<float>(i) * step + half_step);
    const float val_next = fn(input_min + static_cast<float>(i + 1) * step);
    const float sample_val = std::round(val * output_scaling_inv);
    const float midpoint_interp_val = std::round(
        (val_next * output_scaling_inv + std::round(val * output_scaling_inv)) /
        2);
    const float midpoint_val = std::round(val_midpoint * output_scaling_inv);
    const float midpoint_err = midpoint_interp_val - midpoint_val;
    const float bias = std::round(midpoint_err / 2);
    lut[i] = static_cast<int16_t>(
        std::min(std::max(sample_val - bias, table_min), table_max));
  }
  lut[kSteps] = static_cast<int16_t>(std::min(
      std::max(std::round(fn(input_max) * output_scaling_inv), table_min),
      table_max));
}

}  // namespace ref
}  // namespace mote
