// The one-input math ops that TFLite Micro runs on raw values, one call per
// element: SQRT, RSQRT, LOG, EXP, FLOOR, NEG and ABS (float32, plus the
// integer variants TFLite has for NEG and unquantized int16 ABS).
//
// Float results are whatever the C library's float functions give (sqrtf,
// logf, expf, floorf, fabsf), as in TFLite's reference kernels: sqrt and
// log of a negative number are NaN, log(0) is -inf, 1/sqrt(0) is +inf.
// RSQRT is computed as 1.f / std::sqrt(x), like TFLite, not as a separate
// reciprocal square root. Integer negation and |INT16_MIN| wrap.
#ifndef MOTE_KERNELS_REF_ELEMENTWISE_H_
#define MOTE_KERNELS_REF_ELEMENTWISE_H_

#include <cstdint>

namespace mote {
namespace ref {

void SqrtF32(int64_t size, const float* input, float* output);
void RsqrtF32(int64_t size, const float* input, float* output);
void LogF32(int64_t size, const float* input, float* output);
void ExpF32(int64_t size, const float* input, float* output);
void FloorF32(int64_t size, const float* input, float* output);
void NegF32(int64_t size, const float* input, float* output);
void NegS32(int64_t size, const int32_t* input, int32_t* output);
void NegS64(int64_t size, const int64_t* input, int64_t* output);
void AbsF32(int64_t size, const float* input, float* output);
// An int16 ABS without quantization: std::abs, so -32768 stays -32768.
void AbsS16Unquantized(int64_t size, const int16_t* input, int16_t* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_ELEMENTWISE_H_
