// int8 RSQRT, as TFLite Micro's RsqrtEvalQuantized.
//
// For v = q - input_zero_point: v == 0 gives 127 (the largest output);
// otherwise 1/sqrt(v) comes from InvSqrtQuantizedMultiplierExp, is turned
// into an integer with 20 extra fraction bits (MultiplyByQuantizedMultiplier
// of 1 with shift + 20), and rescaled by 1 / (sqrt(input_scale) *
// output_scale) with the 20 bits shifted back out, plus the output zero
// point, clamped. TFLite fails the op on a negative v ("Rsqrt is only
// defined for positive values"); so does mote.
#ifndef MOTE_KERNELS_REF_RSQRT_H_
#define MOTE_KERNELS_REF_RSQRT_H_

#include <cstdint>

namespace mote {
namespace ref {

struct RsqrtParamsS8 {
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  // QuantizeMultiplier(1.0 / (sqrt(double(input_scale)) * output_scale)).
  int32_t multiplier = 0;
  int shift = 0;
};

RsqrtParamsS8 MakeRsqrtParamsS8(float input_scale, int32_t input_zero_point,
                                float output_scale, int32_t output_zero_point);

// The shift the kernel finally applies is params.shift - 20; the op keeps
// it within [-31, 31], where MultiplyByQuantizedMultiplier is defined.
constexpr int kRsqrtExtraBits = 20;

// Returns the index of the first input below the zero point (nothing is
// written from there on), or -1 when every element was computed.
int64_t RsqrtS8(const RsqrtParamsS8& params, int64_t size, const int8_t* input,
                int8_t* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_RSQRT_H_
