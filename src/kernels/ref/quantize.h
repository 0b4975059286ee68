// QUANTIZE: float32 -> int8, and requantization between integer types
// (int8 <-> int8 / uint8 / int32), per-tensor.
#ifndef MOTE_KERNELS_REF_QUANTIZE_H_
#define MOTE_KERNELS_REF_QUANTIZE_H_

#include <cstddef>
#include <cstdint>

namespace mote {
namespace ref {

// q = clamp(round(x / scale) + zero_point, -128, 127), as TFLite's
// AffineQuantize: the division is in float, the rounding is half away from
// zero (std::round on the float quotient). Infinities saturate. A NaN maps to
// the zero point (TFLite's result for NaN is undefined behaviour).
void QuantizeF32ToS8(const float* input, size_t size, float scale,
                     int32_t zero_point, int8_t* output);

// The multiplier of a requantization, as TFLite's QUANTIZE Prepare:
// QuantizeMultiplier(double(input_scale) / double(output_scale)).
void RequantizeMultiplier(float input_scale, float output_scale,
                          int32_t* multiplier, int* shift);

// q_out = clamp(MultiplyByQuantizedMultiplier(q_in - in_zp, multiplier,
// shift) + out_zp) to the output type, as TFLite's reference Requantize.
// TFLite's int8 <-> uint8 fast path (xor 0x80) gives the same bytes.
void RequantizeS8ToS8(const int8_t* input, size_t size,
                      int32_t input_zero_point, int32_t multiplier, int shift,
                      int32_t output_zero_point, int8_t* output);
void RequantizeS8ToU8(const int8_t* input, size_t size,
                      int32_t input_zero_point, int32_t multiplier, int shift,
                      int32_t output_zero_point, uint8_t* output);
void RequantizeU8ToS8(const uint8_t* input, size_t size,
                      int32_t input_zero_point, int32_t multiplier, int shift,
                      int32_t output_zero_point, int8_t* output);
void RequantizeS8ToS32(const int8_t* input, size_t size,
                       int32_t input_zero_point, int32_t multiplier, int shift,
                       int32_t output_zero_point, int32_t* output);
// `q_in - in_zp` wraps for extreme int32 inputs (TFLite: undefined).
void RequantizeS32ToS8(const int32_t* input, size_t size,
                       int32_t input_zero_point, int32_t multiplier, int shift,
                       int32_t output_zero_point, int8_t* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_QUANTIZE_H_
