#include "kernels/ref/maximum_minimum.h"

#include "kernels/ref/broadcast.h"

namespace mote {
namespace ref {
namespace {

template <typename T>
bool Maximum(const Shape& s1, const T* in1, const Shape& s2, const T* in2,
             T* out) {
  return BinaryElementwise(s1, in1, s2, in2, out,
                           [](T a, T b) { return a > b ? a : b; });
}

template <typename T>
bool Minimum(const Shape& s1, const T* in1, const Shape& s2, const T* in2,
             T* out) {
  return BinaryElementwise(s1, in1, s2, in2, out,
                           [](T a, T b) { return a < b ? a : b; });
}

}  // namespace

bool MaximumF32(const Shape& s1, const float* in1, const Shape& s2,
                const float* in2, float* out) {
  return Maximum(s1, in1, s2, in2, out);
}
bool MaximumS8(const Shape& s1, const int8_t* in1, const Shape& s2,
               const int8_t* in2, int8_t* out) {
  return Maximum(s1, in1, s2, in2, out);
}
bool MaximumS16(const Shape& s1, const int16_t* in1, const Shape& s2,
                const int16_t* in2, int16_t* out) {
  return Maximum(s1, in1, s2, in2, out);
}
bool MaximumS32(const Shape& s1, const int32_t* in1, const Shape& s2,
                const int32_t* in2, int32_t* out) {
  return Maximum(s1, in1, s2, in2, out);
}
bool MaximumS64(const Shape& s1, const int64_t* in1, const Shape& s2,
                const int64_t* in2, int64_t* out) {
  return Maximum(s1, in1, s2, in2, out);
}

bool MinimumF32(const Shape& s1, const float* in1, const Shape& s2,
                const float* in2, float* out) {
  return Minimum(s1, in1, s2, in2, out);
}
bool MinimumS8(const Shape& s1, const int8_t* in1, const Shape& s2,
               const int8_t* in2, int8_t* out) {
  return Minimum(s1, in1, s2, in2, out);
}
bool MinimumS16(const Shape& s1, const int16_t* in1, const Shape& s2,
                const int16_t* in2, int16_t* out) {
  return Minimum(s1, in1, s2, in2, out);
}
bool MinimumS32(const Shape& s1, const int32_t* in1, const Shape& s2,
                const int32_t* in2, int32_t* out) {
  return Minimum(s1, in1, s2, in2, out);
}
bool MinimumS64(const Shape& s1, const int64_t* in1, const Shape& s2,
                const int64_t* in2, int64_t* out) {
  return Minimum(s1, in1, s2, in2, out);
}

}  // namespace ref
}  // namespace mote
