#include "ops/quant_common.h"

#include <cmath>

#include "kernels/quant_math.h"

namespace mote {

QuantRange QuantRangeOf(DataType type) {
  if (type == DataType::kInt16) return {-32768, 32767};
  return {-128, 127};
}

Status CheckActivationQuant(PrepareContext& ctx, const TensorInfo& t,
                            const char* role, Status count_status) {
  return CheckActivationQuantAs(ctx, t, role, t.type, count_status);
}

Status CheckActivationQuantAs(PrepareContext& ctx, const TensorInfo& t,
                              const char* role, DataType scheme,
                              Status count_status) {
  if (t.quant.count != 1) {
    return ctx.Fail(count_status,
                    MOTE_MSG("%s '%s': %s needs per-tensor quantization (1 "
                             "scale), got %d",
                             role, t.name, DataTypeName(scheme),
                             static_cast<int>(t.quant.count)));
  }
  const float scale = t.quant.scale(0);
  MOTE_ENSURE(ctx, scale > 0.0f && std::isfinite(scale),
              "%s '%s': scale must be positive and finite, got %g", role,
              t.name, static_cast<double>(scale));
  // Model::Load has checked that zero points fit int32.
  const int32_t zp = t.quant.zero_point(0);
  if (scheme == DataType::kInt16) {
    // TFLite's 16x8 kernels leave the zero point out of their arithmetic.
    MOTE_ENSURE_SUPPORTED(ctx, zp == 0,
                          "%s '%s': int16 zero point %d is not 0 (int16 "
                          "activations must be symmetric)",
                          role, t.name, static_cast<int>(zp));
    return Status::kOk;
  }
  MOTE_ENSURE(ctx, zp >= -128 && zp <= 127,
              "%s '%s': int8 zero point %d is outside [-128, 127]", role,
              t.name, static_cast<int>(zp));
  return Status::kOk;
}

Status ActivationRangeQuant(PrepareContext& ctx, Activation activation,
                            const TensorInfo& output, int32_t* act_min,
                            int32_t* act_max) {
  return ActivationRangeQuantAs(ctx, activation, output, output.type, act_min,
                                act_max);
}

Status ActivationRangeQuantAs(PrepareContext& ctx, Activation activation,
                              const TensorInfo& output, DataType range_type,
                              int32_t* act_min, int32_t* act_max) {
  const float scale = output.quant.scale(0);
  const QuantRange range = QuantRangeOf(range_type);
  MOTE_ENSURE(ctx,
              ActivationRangeQuantizedChecked(
                  static_cast<int>(activation), scale,
                  output.quant.zero_point(0), range.min, range.max, act_min,
                  act_max),
              "output '%s': a bound of the fused activation does not fit "
              "int32 at scale %g",
              output.name, static_cast<double>(scale));
  return Status::kOk;
}

Status CheckFusedActivation(PrepareContext& ctx, Activation activation) {
  switch (activation) {
    case Activation::kNone:
    case Activation::kRelu:
    case Activation::kReluN1To1:
    case Activation::kRelu6:
      return Status::kOk;
    default:
      return ctx.Fail(Status::kUnsupported,
                      MOTE_MSG("fused activation %d is not supported (only "
                               "NONE, RELU, RELU_N1_TO_1, RELU6)",
                               static_cast<int>(activation)));
  }
}

}  // namespace mote
