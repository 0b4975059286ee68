// SOFTMAX over the last axis: int8 -> int8 and int8 -> int16 (TFLite's
// fixed-point algorithm), int16 -> int16 (TFLite's lookup tables for exp and
// 1 / (1 + x)) and float32.
#ifndef MOTE_KERNELS_REF_SOFTMAX_H_
#define MOTE_KERNELS_REF_SOFTMAX_H_

#include <cstdint>

#include "mote/types.h"

namespace mote {
namespace ref {

// Computed once from the input scale and beta (see PrepareSoftmaxS8).
struct SoftmaxParamsS8 {
  // input_beta * 2^26 as a Q31 multiplier and a left shift: rescales an
  // input difference (x - max) to the Q5.26 input of the exp.
  int32_t input_multiplier = 0;
  int input_left_shift = 0;
  // Differences below this are too negative to contribute (and would
  // overflow when rescaled): their exp counts as 0.
  int32_t diff_min = 0;
};

// TFLite's PreprocessSoftmaxScaling + CalculateInputRadius, in double.
// Returns false when beta * input_scale is too small for the fixed-point
// scheme (TFLite aborts there: the rescale multiplier must exceed 1).
bool PrepareSoftmaxS8(float input_scale, float beta, SoftmaxParamsS8* params);

// The integer bits of SoftmaxS8's sum of exps (a Q12.19 accumulator).
constexpr int kSoftmaxAccumulationIntegerBitsS8 = 12;

// The term SoftmaxS8 computes for one element: exp(beta * input_scale *
// diff) in Q0.31 (raw) for diff = x - max in [params.diff_min, 0]. It
// depends on diff only, so optimised kernels tabulate it.
int32_t SoftmaxExpOfDiffS8(const SoftmaxParamsS8& params, int32_t diff);

// `shape`'s last dimension is the softmax axis; output has the same shape.
// The output is quantized with scale 1/256 and zero point -128.
void SoftmaxS8(const SoftmaxParamsS8& params, const Shape& shape,
               const int8_t* input, int8_t* output);

// The same computation with an int16 output: scale 1/65536, zero point
// -32768.
void SoftmaxS8ToS16(const SoftmaxParamsS8& params, const Shape& shape,
                    const int8_t* input, int16_t* output);

// int16 -> int16, computed once from the input scale and beta and the two
// tables (PrepareSoftmaxS16).
struct SoftmaxParamsS16 {
  // input_scale * beta / (10 / 65535) as a Q31 multiplier and a shift:
  // rescales an input difference in [-65535, 0] to the exp table's input,
  // which spans [-10, 0].
  int32_t input_multiplier = 0;
  int input_shift = 0;
  const int16_t* exp_lut = nullptr;                  // kLutSizeS16 entries
  const int16_t* one_over_one_plus_x_lut = nullptr;  // kLutSizeS16 entries
};

// TFLite Micro's int16 Prepare: the multiplier (in double) and the tables,
// filled into `exp_lut` and `one_over_one_plus_x_lut` (kLutSizeS16 entries
// each, kept by the caller). False when the multiplier needs a left shift
// above 31.
bool PrepareSoftmaxS16(float input_scale, float beta, int16_t* exp_lut,
                       int16_t* one_over_one_plus_x_lut,
                       SoftmaxParamsS16* params);

// The largest softmax axis of the int16 kernel: its int32 sum of up to
// this many Q0.15 values (each at most 32767) cannot overflow.
constexpr int32_t kMaxSoftmaxDepthS16 = 65536;

// Output scale 1/32768, zero point 0. The axis must have at most
// kMaxSoftmaxDepthS16 elements.
void SoftmaxS16(const SoftmaxParamsS16& params, const Shape& shape,
                const int16_t* input, int16_t* output);

void SoftmaxF32(float beta, const Shape& shape, const float* input,
                float* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_SOFTMAX_H_
