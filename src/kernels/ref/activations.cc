#include "kernels/ref/activations.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels/fixed_point.h"
#include "kernels/quant_math.h"

namespace mote {
namespace ref {
namespace {

constexpr int32_t kMinS8 = std::numeric_limits<int8_t>::min();
constexpr int32_t kMaxS8 = std::numeric_limits<int8_t>::max();

int8_t ClampToS8(int32_t x) {
  return static_cast<int8_t>(std::min(std::max(x, kMinS8), kMaxS8));
}

}  // namespace

// --- RELU ------------------------------------------------------------------

ReluParamsS8 PrepareReluS8(float input_scale, int32_t input_zero_point,
                           float output_scale, int32_t output_zero_point) {
  ReluParamsS8 params;
  params.input_zero_point = input_zero_point;
  params.output_zero_point = output_zero_point;
  QuantizeMultiplier(
      static_cast<double>(input_scale) / static_cast<double>(output_scale),
      &params.output_multiplier, &params.output_shift);
  // The output's quantized 0.0 is its zero point; there is no upper bound.
  params.act_min = std::min(std::max(output_zero_point, kMinS8), kMaxS8);
  params.act_max = kMaxS8;
  return params;
}

void ReluS8(const ReluParamsS8& params, int32_t size, const int8_t* input,
            int8_t* output) {
  for (int32_t i = 0; i < size; ++i) {
    const int32_t rescaled =
        fixed::WrappingAdd(params.output_zero_point,
                           MultiplyByQuantizedMultiplier(
                               input[i] - params.input_zero_point,
                               params.output_multiplier, params.output_shift));
    output[i] = static_cast<int8_t>(
        std::min(std::max(rescaled, params.act_min), params.act_max));
  }
}

void ReluF32(int32_t size, const float* input, float* output) {
  // Written as TFLite does, so a NaN passes through unchanged.
  for (int32_t i = 0; i < size; ++i) {
    const float x = input[i];
    output[i] = x < 0.0f ? 0.0f : x;
  }
}

// --- RELU6 -----------------------------------------------------------------

ReluParamsS8 PrepareRelu6RequantizingS8(float input_scale,
                                        int32_t input_zero_point,
                                        float output_scale,
                                        int32_t output_zero_point) {
  ReluParamsS8 params;
  params.input_zero_point = input_zero_point;
  params.output_zero_point = output_zero_point;
  const float ratio = input_scale / output_scale;  // in float, as TFLite
  QuantizeMultiplier(static_cast<double>(ratio), &params.output_multiplier,
                     &params.output_shift);
  params.act_min = std::min(std::max(output_zero_point, kMinS8), kMaxS8);
  // roundf(6 / scale) + zero point, saturated (in double: no overflow).
  const double six = static_cast<double>(std::round(6.0f / output_scale)) +
                     static_cast<double>(output_zero_point);
  params.act_max =
      static_cast<int32_t>(std::min(six, static_cast<double>(kMaxS8)));
  return params;
}

Relu6ParamsS8 PrepareRelu6S8(float input_scale, int32_t input_zero_point) {
  // TFLite Micro's FloatToQuantizedType: round(6 / scale) + zero point,
  // saturated to int8 (in double here, so a huge quotient cannot overflow).
  const double six = std::round(static_cast<double>(6.0f / input_scale)) +
                     static_cast<double>(input_zero_point);
  Relu6ParamsS8 params;
  params.zero = ClampToS8(input_zero_point);
  params.six = static_cast<int8_t>(std::min(
      std::max(six, static_cast<double>(kMinS8)), static_cast<double>(kMaxS8)));
  return params;
}

void Relu6S8(const Relu6ParamsS8& params, int32_t size, const int8_t* input,
             int8_t* output) {
  for (int32_t i = 0; i < size; ++i) {
    const int8_t x = input[i];
    output[i] = x > params.six ? params.six : x < params.zero ? params.zero : x;
  }
}

void Relu6F32(int32_t size, const float* input, float* output) {
  for (int32_t i = 0; i < size; ++i) {
    const float x = input[i];
    output[i] = x > 6.0f ? 6.0f : x < 0.0f ? 0.0f : x;
  }
}

// --- LEAKY_RELU ------------------------------------------------------------

LeakyReluParamsS8 PrepareLeakyReluS8(float input_scale,
                                     int32_t input_zero_point,
                                     float output_scale,
                                     int32_t output_zero_point, float alpha) {
  LeakyReluParamsS8 params;
  params.input_zero_point = input_zero_point;
  params.output_zero_point = output_zero_point;
  // TFLite Micro forms both ratios in float before widening to double; the
  // float rounding is part of the result.
  const float alpha_multiplier = input_scale * alpha / output_scale;
  const float identity_multiplier = input_scale / output_scale;
  QuantizeMultiplier(static_cast<double>(alpha_multiplier),
                     &params.output_multiplier_alpha,
                     &params.output_shift_alpha);
  QuantizeMultiplier(static_cast<double>(identity_multiplier),
                     &params.output_multiplier_identity,
                     &params.output_shift_identity);
  return params;
}

void LeakyReluS8(const LeakyReluParamsS8& params, int32_t size,
                 const int8_t* input, int8_t* output) {
  for (int32_t i = 0; i < size; ++i) {
    const int32_t x = input[i] - params.input_zero_point;
    const int32_t rescaled =
        x >= 0
            ? MultiplyByQuantizedMultiplier(x,
                                            params.output_multiplier_identity,
                                            params.output_shift_identity)
            : MultiplyByQuantizedMultiplier(x, params.output_multiplier_alpha,
                                            params.output_shift_alpha);
    output[i] =
        ClampToS8(fixed::WrappingAdd(params.output_zero_point, rescaled));
  }
}

void LeakyReluF32(float alpha, int32_t size, const float* input,
                  float* output) {
  for (int32_t i = 0; i < size; ++i) {
    const float x = input[i];
    // alpha may exceed 1 or be negative: not a max(x, alpha * x).
    output[i] = x > 0.0f ? x : x * alpha;
  }
}

// --- HARD_SWISH --------------------------------------------------------------

namespace {

// TFLite's DownScaleInt32ToInt16Multiplier: the Q31 multiplier rounded to
// Q15, saturating at the top.
int16_t DownScaleMultiplierToS16(int32_t multiplier) {
  constexpr int32_t kRoundingOffset = 1 << 15;
  if (multiplier >= std::numeric_limits<int32_t>::max() - kRoundingOffset) {
    return std::numeric_limits<int16_t>::max();
  }
  return static_cast<int16_t>((multiplier + kRoundingOffset) >> 16);
}

// gemmlowp's int16 SaturatingRoundingDoublingHighMul: round(a * b / 2^15).
int16_t SaturatingRoundingDoublingHighMulS16(int16_t a, int16_t b) {
  if (a == b && a == std::numeric_limits<int16_t>::min()) {
    return std::numeric_limits<int16_t>::max();
  }
  const int32_t ab = int32_t{a} * int32_t{b};
  const int32_t nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
  return static_cast<int16_t>((ab + nudge) / (1 << 15));
}

// Like the above but truncating toward zero (ARM's SQDMULH). HardSwish uses
// it on purpose: it cancels the bias of the rounding multiplies before it.
int16_t SaturatingDoublingHighMulS16(int16_t a, int16_t b) {
  if (a == b && a == std::numeric_limits<int16_t>::min()) {
    return std::numeric_limits<int16_t>::max();
  }
  return static_cast<int16_t>((int32_t{a} * int32_t{b}) / (1 << 15));
}

// gemmlowp's RoundingDivideByPOT instantiated for int16, including its
// int16 mask (which truncates for exponents of 16 and more).
int16_t RoundingDivideByPOTS16(int16_t x, int exponent) {
  const int16_t mask = static_cast<int16_t>((int64_t{1} << exponent) - 1);
  const int16_t remainder = static_cast<int16_t>(x & mask);
  const int16_t threshold =
      static_cast<int16_t>(static_cast<int16_t>(mask >> 1) + (x < 0 ? 1 : 0));
  return static_cast<int16_t>(static_cast<int16_t>(x >> exponent) +
                              (remainder > threshold ? 1 : 0));
}

// value * 2^amount, saturated to int16.
int16_t SaturatingLeftShiftS16(int16_t value, int amount) {
  if (value == 0) return 0;
  if (amount >= 31) {
    return value > 0 ? std::numeric_limits<int16_t>::max()
                     : std::numeric_limits<int16_t>::min();
  }
  const int64_t result = int64_t{value} * (int64_t{1} << amount);
  return static_cast<int16_t>(std::min<int64_t>(
      std::max<int64_t>(result, std::numeric_limits<int16_t>::min()),
      std::numeric_limits<int16_t>::max()));
}

}  // namespace

bool PrepareHardSwishS8(float input_scale, int32_t input_zero_point,
                        float output_scale, int32_t output_zero_point,
                        HardSwishParamsS8* params) {
  params->input_zero_point = static_cast<int16_t>(input_zero_point);
  params->output_zero_point = static_cast<int16_t>(output_zero_point);
  // The input is left-shifted by 7 bits into int16 ("hires"), hence /128.
  // As in TFLite Micro, the ratios are formed in float.
  const float hires_input_scale = (1.0f / 128.0f) * input_scale;
  const float reluish_scale = 3.0f / 32768.0f;

  const float output_ratio = hires_input_scale / output_scale;
  const float reluish_ratio = hires_input_scale / reluish_scale;
  if (!std::isfinite(output_ratio) || !std::isfinite(reluish_ratio)) {
    return false;
  }

  int32_t multiplier = 0;
  QuantizeMultiplier(static_cast<double>(output_ratio), &multiplier,
                     &params->output_exponent);
  params->output_multiplier = DownScaleMultiplierToS16(multiplier);
  if (params->output_exponent > 0) return false;

  QuantizeMultiplier(static_cast<double>(reluish_ratio), &multiplier,
                     &params->reluish_exponent);
  params->reluish_multiplier = DownScaleMultiplierToS16(multiplier);
  return true;
}

void HardSwishS8(const HardSwishParamsS8& params, int32_t size,
                 const int8_t* input, int8_t* output) {
  for (int32_t i = 0; i < size; ++i) {
    // |x - zero_point| <= 255, so x * 128 fits in int16: the most precision
    // the 16-bit fixed point below can carry.
    const int16_t x = static_cast<int16_t>(input[i] - params.input_zero_point);
    const int16_t x_hires = static_cast<int16_t>(x * (1 << 7));
    // x on the output scale, before the final right shift: the result when
    // x >= 3, and what the reluish factor multiplies otherwise.
    const int16_t x_preshift_output =
        SaturatingRoundingDoublingHighMulS16(x_hires, params.output_multiplier);

    // The "reluish" factor relu6(x + 3) / 6, in two steps: first x / 3 on a
    // scale where 1.0 is 32768, saturating to [-1, 1). A left shift is split
    // so that saturation of the first part cannot affect the result: only
    // the last one-bit shift decides saturation.
    int16_t reluish = x_hires;
    if (params.reluish_exponent > 0) {
      reluish = SaturatingLeftShiftS16(reluish, params.reluish_exponent - 1);
    }
    reluish = SaturatingRoundingDoublingHighMulS16(reluish,
                                                   params.reluish_multiplier);
    if (params.reluish_exponent > 0) {
      reluish = SaturatingLeftShiftS16(reluish, 1);
    }
    if (params.reluish_exponent < 0) {
      reluish = RoundingDivideByPOTS16(reluish, -params.reluish_exponent);
    }
    // Then [-1, 1] -> [0, 1]: (x/3 + 1) / 2 = (x + 3) / 6.
    reluish = static_cast<int16_t>((reluish + (1 << 15)) >> 1);

    const int16_t preshift_output =
        SaturatingDoublingHighMulS16(reluish, x_preshift_output);
    int16_t y =
        RoundingDivideByPOTS16(preshift_output, -params.output_exponent);
    // int16 arithmetic as in TFLite (it wraps only for absurd scales).
    y = static_cast<int16_t>(y + params.output_zero_point);
    output[i] = ClampToS8(y);
  }
}

void HardSwishF32(int32_t size, const float* input, float* output) {
  for (int32_t i = 0; i < size; ++i) {
    const float x = input[i];
    output[i] = x * std::min(6.0f, std::max(0.0f, x + 3.0f)) / 6.0f;
  }
}

}  // namespace ref
}  // namespace mote
