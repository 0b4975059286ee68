// MAXIMUM and MINIMUM: element-wise with broadcasting (rank <= 6), on raw
// values of float32, int8, int16, int32 and int64.
//
// TFLite Micro's MaximumMinimumBroadcastSlow with `a > b ? a : b` and
// `a < b ? a : b`: with a NaN the second input wins (NaN > x is false), and
// quantized inputs are compared raw, whatever their scales (TFLite checks
// nothing; a converter gives both inputs and the output one quantization).
#ifndef MOTE_KERNELS_REF_MAXIMUM_MINIMUM_H_
#define MOTE_KERNELS_REF_MAXIMUM_MINIMUM_H_

#include <cstdint>

#include "mote/types.h"

namespace mote {
namespace ref {

// The output has the broadcast shape of the inputs. Each returns false (and
// writes nothing) when the input shapes do not broadcast.
bool MaximumF32(const Shape& s1, const float* in1, const Shape& s2,
                const float* in2, float* out);
bool MaximumS8(const Shape& s1, const int8_t* in1, const Shape& s2,
               const int8_t* in2, int8_t* out);
bool MaximumS16(const Shape& s1, const int16_t* in1, const Shape& s2,
                const int16_t* in2, int16_t* out);
bool MaximumS32(const Shape& s1, const int32_t* in1, const Shape& s2,
                const int32_t* in2, int32_t* out);
bool MaximumS64(const Shape& s1, const int64_t* in1, const Shape& s2,
                const int64_t* in2, int64_t* out);

bool MinimumF32(const Shape& s1, const float* in1, const Shape& s2,
                const float* in2, float* out);
bool MinimumS8(const Shape& s1, const int8_t* in1, const Shape& s2,
               const int8_t* in2, int8_t* out);
bool MinimumS16(const Shape& s1, const int16_t* in1, const Shape& s2,
                const int16_t* in2, int16_t* out);
bool MinimumS32(const Shape& s1, const int32_t* in1, const Shape& s2,
                const int32_t* in2, int32_t* out);
bool MinimumS64(const Shape& s1, const int64_t* in1, const Shape& s2,
                const int64_t* in2, int64_t* out);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_MAXIMUM_MINIMUM_H_
