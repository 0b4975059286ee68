#include "kernels/ref/div.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels/fixed_point.h"
#include "kernels/quant_math.h"
#include "kernels/ref/broadcast.h"

namespace mote {
namespace ref {
namespace {

// Leading bits equal to the sign bit, not counting the sign bit: GCC's
// __builtin_clrsb, with 31 for 0 as TFLite's CountLeadingSignBits.
int CountLeadingSignBits(int32_t x) {
  const uint32_t magnitude_bits =
      x < 0 ? ~static_cast<uint32_t>(x) : static_cast<uint32_t>(x);
  return fixed::CountLeadingZeros32(magnitude_bits) - 1;
}

}  // namespace

bool MakeDivParamsS8(float input1_scale, int32_t input1_zero_point,
                     float input2_scale, int32_t input2_zero_point,
                     float output_scale, int32_t output_zero_point,
                     Activation activation, DivParamsS8* params) {
  DivParamsS8 p;
  p.input1_offset = -input1_zero_point;
  p.input2_offset = -input2_zero_point;
  p.output_offset = output_zero_point;
  // In float, then widened: TFLite's static_cast<double>(s1 / (s2 * so)).
  const float real = input1_scale / (input2_scale * output_scale);
  if (!(real > 0.0f) || !std::isfinite(real)) return false;
  QuantizeMultiplier(static_cast<double>(real), &p.output_multiplier,
                     &p.output_shift);
  if (p.output_multiplier == 0 || p.output_shift > 23 ||
      p.output_shift < -25) {
    return false;
  }
  if (!ActivationRangeQuantizedChecked(static_cast<int>(activation),
                                       output_scale, output_zero_point, -128,
                                       127, &p.act_min, &p.act_max)) {
    return false;
  }
  *params = p;
  return true;
}

int64_t FindZeroDivisorS32(int64_t size, const int32_t* input2) {
  for (int64_t i = 0; i < size; ++i) {
    if (input2[i] == 0) return i;
  }
  return -1;
}

int64_t FindZeroDivisorS8(int64_t size, const int8_t* input2,
                          int32_t zero_point) {
  for (int64_t i = 0; i < size; ++i) {
    if (input2[i] == zero_point) return i;
  }
  return -1;
}

int32_t RoundingDivideByPOTWide(int32_t x, int exponent) {
  // gemmlowp: mask = (1ll << exponent) - 1, truncated to the int32 lane.
  const uint64_t wide_mask = (uint64_t{1} << exponent) - 1;
  const int32_t mask = static_cast<int32_t>(static_cast<uint32_t>(wide_mask));
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  // Past 31 bits an arithmetic shift leaves only sign bits (ARM's ASR).
  const int32_t shifted = exponent > 31 ? (x < 0 ? -1 : 0) : (x >> exponent);
  return shifted + (remainder > threshold ? 1 : 0);
}

bool DivS8(const DivParamsS8& p, const Shape& s1, const int8_t* in1,
           const Shape& s2, const int8_t* in2, int8_t* out) {
  const auto div = [&p](int8_t a, int8_t b) {
    int32_t v1 = p.input1_offset + a;
    int32_t v2 = p.input2_offset + b;
    if (v2 == 0) {
      return static_cast<int8_t>(
          std::min(p.act_max, std::max(p.act_min, p.output_offset)));
    }
    if (v2 < 0) {
      // The reciprocal must be positive to serve as a multiplier.
      v1 = -v1;
      v2 = -v2;
    }
    int recip_shift = 0;
    const int32_t input2_inv = fixed::GetReciprocal(v2, 31, &recip_shift);
    const int headroom = CountLeadingSignBits(v1);
    // MultiplyByQuantizedMultiplierGreaterThanOne(v1, inv, headroom).
    const int32_t unscaled_quotient = SaturatingRoundingDoublingHighMul(
        ShiftLeftWrapping(v1, headroom), input2_inv);
    const int total_shift = p.output_shift - recip_shift - headroom;
    // MultiplyByQuantizedMultiplierSmallerThanOneExp with that shift; the
    // params keep -total_shift within [0, 63].
    const int32_t unclamped =
        p.output_offset +
        RoundingDivideByPOTWide(
            SaturatingRoundingDoublingHighMul(unscaled_quotient,
                                              p.output_multiplier),
            -total_shift);
    return static_cast<int8_t>(
        std::min(p.act_max, std::max(p.act_min, unclamped)));
  };
  return BinaryElementwise(s1, in1, s2, in2, out, div);
}

bool DivS32(int32_t act_min, int32_t act_max, const Shape& s1,
            const int32_t* in1, const Shape& s2, const int32_t* in2,
            int32_t* out) {
  const auto div = [act_min, act_max](int32_t a, int32_t b) {
    int32_t q = 0;
    if (b == -1) {
      q = static_cast<int32_t>(0u - static_cast<uint32_t>(a));  // wraps
    } else if (b != 0) {
      q = a / b;
    }
    return std::min(act_max, std::max(act_min, q));
  };
  return BinaryElementwise(s1, in1, s2, in2, out, div);
}

bool DivF32(float act_min, float act_max, const Shape& s1, const float* in1,
            const Shape& s2, const float* in2, float* out) {
  const auto div = [act_min, act_max](float a, float b) {
    return ClampF32(a / b, act_min, act_max);
  };
  return BinaryElementwise(s1, in1, s2, in2, out, div);
}

}  // namespace ref
}  // namespace mote
