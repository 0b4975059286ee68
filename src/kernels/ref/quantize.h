// QUANTIZE: float32 -> int8 or int16, and requantization between integer
// types (int8, uint8, int16, int32), per-tensor.
#ifndef MOTE_KERNELS_REF_QUANTIZE_H_
#define MOTE_KERNELS_REF_QUANTIZE_H_

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "kernels/quant_math.h"

namespace mote {
namespace ref {

// q = clamp(round(x / scale) + zero_point) to Out (int8 or int16), as
// TFLite's AffineQuantize: the division is in float, the rounding is half
// away from zero (std::round on the float quotient). Infinities saturate. A
// NaN maps to the zero point (TFLite's result for NaN is undefined
// behaviour).
template <typename Out>
void QuantizeF32(const float* input, size_t size, float scale,
                 int32_t zero_point, Out* output) {
  static_assert(std::is_same_v<Out, int8_t> || std::is_same_v<Out, int16_t>,
                "QUANTIZE writes int8 or int16 from float32");
  constexpr double kMin = std::numeric_limits<Out>::min();
  constexpr double kMax = std::numeric_limits<Out>::max();
  const double zp_clamped =
      zero_point < kMin ? kMin : (zero_point > kMax ? kMax : zero_point);
  for (size_t i = 0; i < size; ++i) {
    const float rounded = std::round(input[i] / scale);
    if (std::isnan(rounded)) {
      output[i] = static_cast<Out>(zp_clamped);
      continue;
    }
    // In double, as current TFLite does: exact for every int8/int16 result
    // and free of overflow for huge quotients, which simply saturate.
    const double q = static_cast<double>(rounded) + zero_point;
    output[i] = static_cast<Out>(q < kMin ? kMin : (q > kMax ? kMax : q));
  }
}

// The multiplier of a requantization, as TFLite's QUANTIZE Prepare:
// QuantizeMultiplier(double(input_scale) / double(output_scale)).
void RequantizeMultiplier(float input_scale, float output_scale,
                          int32_t* multiplier, int* shift);

// q_out = clamp(MultiplyByQuantizedMultiplier(q_in - in_zp, multiplier,
// shift) + out_zp) to Out, as TFLite's reference Requantize, for In and Out
// among int8, uint8, int16 and int32. TFLite's int8 <-> uint8 fast path
// (xor 0x80) gives the same bytes. `q_in - in_zp` and the sum wrap for
// extreme int32 values (TFLite: undefined behaviour); an int32 output is
// not clamped, as in TFLite.
template <typename In, typename Out>
void Requantize(const In* input, size_t size, int32_t input_zero_point,
                int32_t multiplier, int shift, int32_t output_zero_point,
                Out* output) {
  // Compared in int64: the int32 output type makes the TFLite clamp a no-op,
  // while the sum below may leave the int32 range (where TFLite wraps).
  constexpr int64_t kMin = std::numeric_limits<Out>::min();
  constexpr int64_t kMax = std::numeric_limits<Out>::max();
  for (size_t i = 0; i < size; ++i) {
    const int32_t centered =
        static_cast<int32_t>(static_cast<uint32_t>(input[i]) -
                             static_cast<uint32_t>(input_zero_point));
    const int32_t scaled =
        MultiplyByQuantizedMultiplier(centered, multiplier, shift);
    const int32_t q =
        static_cast<int32_t>(static_cast<uint32_t>(scaled) +
                             static_cast<uint32_t>(output_zero_point));
    const int64_t clamped = q < kMin ? kMin : (q > kMax ? kMax : q);
    output[i] = static_cast<Out>(clamped);
  }
}

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_QUANTIZE_H_
