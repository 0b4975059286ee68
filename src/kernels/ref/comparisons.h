// EQUAL, NOT_EQUAL, GREATER, GREATER_EQUAL, LESS, LESS_EQUAL: element-wise
// with broadcasting (rank <= 6) into a bool output.
//
// float32, int32 and int64 compare raw values (a NaN is unequal to
// everything and orders with nothing); bool compares truth values (any
// nonzero byte is true). int8 follows TFLite Micro's ComparisonWithScaling:
// each input is offset by its zero point, shifted left 8 bits and
// multiplied by its own scale as a Q31 multiplier (scale < 1 required), and
// the two int32 results are compared. Two different real values may round
// to the same scaled integer; TFLite then calls them equal, and so does
// mote.
#ifndef MOTE_KERNELS_REF_COMPARISONS_H_
#define MOTE_KERNELS_REF_COMPARISONS_H_

#include <cstdint>

#include "mote/types.h"

namespace mote {
namespace ref {

enum class Comparison : uint8_t {
  kEqual,
  kNotEqual,
  kGreater,
  kGreaterEqual,
  kLess,
  kLessEqual,
};

struct ComparisonParamsS8 {
  int left_shift = 8;
  int32_t input1_offset = 0;  // minus the zero points
  int32_t input1_multiplier = 0;
  int input1_shift = 0;
  int32_t input2_offset = 0;
  int32_t input2_multiplier = 0;
  int input2_shift = 0;
};

// TFLite Micro's ComparisonsPrepare: QuantizeMultiplierSmallerThanOneExp of
// each scale. False (TFLite would abort) unless both scales are in (0, 1).
bool MakeComparisonParamsS8(float input1_scale, int32_t input1_zero_point,
                            float input2_scale, int32_t input2_zero_point,
                            ComparisonParamsS8* params);

// The output has the broadcast shape of the inputs; each returns false
// (and writes nothing) when the shapes do not broadcast.
bool CompareF32(Comparison op, const Shape& s1, const float* in1,
                const Shape& s2, const float* in2, bool* out);
bool CompareS32(Comparison op, const Shape& s1, const int32_t* in1,
                const Shape& s2, const int32_t* in2, bool* out);
bool CompareS64(Comparison op, const Shape& s1, const int64_t* in1,
                const Shape& s2, const int64_t* in2, bool* out);
// Bool tensors are read as bytes; only kEqual and kNotEqual apply.
bool CompareBool(Comparison op, const Shape& s1, const uint8_t* in1,
                 const Shape& s2, const uint8_t* in2, bool* out);
bool CompareS8(Comparison op, const ComparisonParamsS8& params,
               const Shape& s1, const int8_t* in1, const Shape& s2,
               const int8_t* in2, bool* out);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_COMPARISONS_H_
