// Prepare/Eval pieces of the one-input math ops (SQRT, RSQRT, LOG, EXP,
// FLOOR, NEG, ABS): one input, one output of the same shape and type. The
// float32-only ones (SQRT, LOG, EXP, FLOOR) are a libm call per element.
#ifndef MOTE_OPS_MATH_UNARY_COMMON_H_
#define MOTE_OPS_MATH_UNARY_COMMON_H_

#include <cmath>
#include <cstdint>

#include "mote/op.h"
#include "ops/unary_common.h"

namespace mote {

// One input and one output of the same shape; the input is one of the
// listed `types` (a bit per DataType value), the output has its type.
// `expected` spells the list for the message, e.g. "float32".
inline Status PrepareSameTypeUnary(PrepareContext& ctx, uint32_t types,
                                   const char* expected, TensorInfo* input,
                                   TensorInfo* output) {
  int32_t size = 0;
  MOTE_RETURN_IF_ERROR(PrepareUnaryTensors(ctx, input, output, &size));
  MOTE_ENSURE_SUPPORTED(
      ctx, (types >> static_cast<unsigned>(input->type)) & 1u,
      "input '%s': expected %s, got %s", input->name, expected,
      DataTypeName(input->type));
  MOTE_ENSURE(ctx, output->type == input->type,
              "output '%s': expected %s like the input, got %s", output->name,
              DataTypeName(input->type), DataTypeName(output->type));
  return Status::kOk;
}

constexpr uint32_t TypeBit(DataType t) {
  return uint32_t{1} << static_cast<unsigned>(t);
}

inline Status PrepareFloatUnary(PrepareContext& ctx) {
  TensorInfo input, output;
  return PrepareSameTypeUnary(ctx, TypeBit(DataType::kFloat32), "float32",
                              &input, &output);
}

// Per-tensor quantization of an int8 tensor (zero point in [-128, 127]) or
// an int16 one (zero point 0, as TFLite Micro requires).
inline Status CheckQuantS8Or16(PrepareContext& ctx, const TensorInfo& t,
                               const char* role) {
  MOTE_ENSURE_SUPPORTED(ctx, t.quant.count == 1,
                        "%s '%s': %s needs per-tensor quantization (1 "
                        "scale), got %d",
                        role, t.name, DataTypeName(t.type),
                        static_cast<int>(t.quant.count));
  const float scale = t.quant.scale(0);
  MOTE_ENSURE(ctx, std::isfinite(scale) && scale > 0.0f,
              "%s '%s': scale must be positive and finite, got %g", role,
              t.name, static_cast<double>(scale));
  const int32_t zp = t.quant.zero_point(0);
  const bool int16 = t.type == DataType::kInt16;
  MOTE_ENSURE(ctx, int16 ? zp == 0 : (zp >= -128 && zp <= 127),
              "%s '%s': %s zero point %d is outside %s", role, t.name,
              DataTypeName(t.type), static_cast<int>(zp),
              int16 ? "{0}" : "[-128, 127]");
  return Status::kOk;
}

template <void (*Kernel)(int64_t, const float*, float*)>
Status EvalFloatUnary(EvalContext& ctx) {
  const EvalTensor* input = ctx.input(0);
  Kernel(input->shape().FlatSize(), input->as<const float>(),
         ctx.output(0)->as<float>());
  return Status::kOk;
}

}  // namespace mote

#endif  // MOTE_OPS_MATH_UNARY_COMMON_H_
