#include "kernels/ref/elementwise.h"

#include <cmath>

namespace mote {
namespace ref {

void SqrtF32(int64_t size, const float* input, float* output) {
  for (int64_t i = 0; i < size; ++i) output[i] = std::sqrt(input[i]);
}

void RsqrtF32(int64_t size, const float* input, float* output) {
  for (int64_t i = 0; i < size; ++i) output[i] = 1.f / std::sqrt(input[i]);
}

void LogF32(int64_t size, const float* input, float* output) {
  for (int64_t i = 0; i < size; ++i) output[i] = std::log(input[i]);
}

void ExpF32(int64_t size, const float* input, float* output) {
  for (int64_t i = 0; i < size; ++i) output[i] = std::exp(input[i]);
}

void FloorF32(int64_t size, const float* input, float* output) {
  for (int64_t i = 0; i < size; ++i) output[i] = std::floor(input[i]);
}

void NegF32(int64_t size, const float* input, float* output) {
  for (int64_t i = 0; i < size; ++i) output[i] = -input[i];
}

void NegS32(int64_t size, const int32_t* input, int32_t* output) {
  for (int64_t i = 0; i < size; ++i) {
    output[i] = static_cast<int32_t>(0u - static_cast<uint32_t>(input[i]));
  }
}

void NegS64(int64_t size, const int64_t* input, int64_t* output) {
  for (int64_t i = 0; i < size; ++i) {
    output[i] = static_cast<int64_t>(uint64_t{0} - static_cast<uint64_t>(input[i]));
  }
}

void AbsF32(int64_t size, const float* input, float* output) {
  for (int64_t i = 0; i < size; ++i) output[i] = std::fabs(input[i]);
}

void AbsS16Unquantized(int64_t size, const int16_t* input, int16_t* output) {
  for (int64_t i = 0; i < size; ++i) {
    const int32_t magnitude = input[i] < 0 ? -int32_t{input[i]} : input[i];
    output[i] = static_cast<int16_t>(magnitude);  // 32768 wraps to -32768
  }
}

}  // namespace ref
}  // namespace mote
