// LOGISTIC (sigmoid): int8 (TFLite Micro's fixed-point algorithm) and
// float32.
#ifndef MOTE_KERNELS_REF_LOGISTIC_H_
#define MOTE_KERNELS_REF_LOGISTIC_H_

#include <cstdint>

namespace mote {
namespace ref {

struct LogisticParamsS8 {
  int32_t input_zero_point = 0;
  // |x - zero_point| at or beyond this saturates the output to 0 or 1.
  int32_t input_range_radius = 0;
  // input_scale * 2^27 (to Q4.27) as a Q31 multiplier and a shift (either
  // direction, as MultiplyByQuantizedMultiplier takes it).
  int32_t input_multiplier = 0;
  int input_shift = 0;
};

// TFLite Micro's Prepare for int8 LOGISTIC (logistic_common.cc), in double.
// The output scale is implied: 1/256 with zero point -128.
LogisticParamsS8 PrepareLogisticS8(float input_scale, int32_t input_zero_point);

void LogisticS8(const LogisticParamsS8& params, int32_t size,
                const int8_t* input, int8_t* output);

void LogisticF32(int32_t size, const float* input, float* output);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_LOGISTIC_H_
