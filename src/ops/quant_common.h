// Prepare-time checks of quantized activation tensors, shared by every op
// family (conv-like, element-wise binary, activations). int8 activations are
// asymmetric (zero point in [-128, 127]); int16 activations follow TFLite's
// 16x8 scheme: symmetric, zero point 0.
#ifndef MOTE_OPS_QUANT_COMMON_H_
#define MOTE_OPS_QUANT_COMMON_H_

#include <cstdint>

#include "mote/op.h"

namespace mote {

// The value range of an int8 or int16 tensor.
struct QuantRange {
  int32_t min;
  int32_t max;
};
QuantRange QuantRangeOf(DataType type);

// An int8 or int16 activation tensor (by its type): per-tensor quantization
// (a wrong count fails with `count_status`), a positive finite scale, and a
// zero point of its scheme. `role` is "input" or "output", for the message.
Status CheckActivationQuant(PrepareContext& ctx, const TensorInfo& t,
                            const char* role,
                            Status count_status = Status::kInvalidModel);

// The same checks for the scheme of `scheme` (kInt8 or kInt16) whatever
// t's own type.
Status CheckActivationQuantAs(PrepareContext& ctx, const TensorInfo& t,
                              const char* role, DataType scheme,
                              Status count_status = Status::kInvalidModel);

// The clamp range of a fused activation on a quantized (int8 or int16)
// output, as TFLite's CalculateActivationRangeQuantized, which fails when a
// bound does not fit in int32; so does this.
Status ActivationRangeQuant(PrepareContext& ctx, Activation activation,
                            const TensorInfo& output, int32_t* act_min,
                            int32_t* act_max);
// The same with the value range of `range_type` whatever output's type.
Status ActivationRangeQuantAs(PrepareContext& ctx, Activation activation,
                              const TensorInfo& output, DataType range_type,
                              int32_t* act_min, int32_t* act_max);

// NONE, RELU, RELU_N1_TO_1 and RELU6 are what TFLite's kernels clamp; a
// fused TANH or SIGN_BIT would be silently ignored by them, so reject it.
Status CheckFusedActivation(PrepareContext& ctx, Activation activation);

}  // namespace mote

#endif  // MOTE_OPS_QUANT_COMMON_H_
