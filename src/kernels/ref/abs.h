// Quantized ABS (int8, int16 with zero points 0), as TFLite Micro's
// AbsEvalQuantized: |q - input_zero_point|, then either the output zero
// point added directly (same scales) or MultiplyByQuantizedMultiplier by
// input_scale / output_scale first; clamped to the type.
#ifndef MOTE_KERNELS_REF_ABS_H_
#define MOTE_KERNELS_REF_ABS_H_

#include <cstdint>

namespace mote {
namespace ref {

struct AbsParamsQ {
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  // TFLite compares the float scales: equal scales skip the multiplier.
  bool needs_rescale = false;
  int32_t multiplier = 0;  // QuantizeMultiplier(in / out) in double
  int shift = 0;
};

AbsParamsQ MakeAbsParams(float input_scale, int32_t input_zero_point,
                         float output_scale, int32_t output_zero_point);

void AbsS8(const AbsParamsQ& params, int64_t size, const int8_t* input,
           int8_t* output);
void AbsS16(const AbsParamsQ& params, int64_t size, const int16_t* input,
            int16_t* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_ABS_H_
