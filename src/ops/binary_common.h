// Prepare-time checks shared by the element-wise binary ops of the math and
// comparison group (MAXIMUM, MINIMUM, SQUARED_DIFFERENCE, DIV, PRELU, the
// comparisons, LOGICAL_AND/OR): two inputs and one output whose shape is the
// NumPy broadcast of the inputs' (rank <= 6), and quantization checks.
#ifndef MOTE_OPS_BINARY_COMMON_H_
#define MOTE_OPS_BINARY_COMMON_H_

#include <cmath>
#include <cstdint>

#include "kernels/ref/broadcast.h"
#include "mote/op.h"

namespace mote {

// Reads inputs 0 and 1 and output 0 and checks the output shape.
inline Status PrepareBinaryTensors(PrepareContext& ctx, TensorInfo* input1,
                                   TensorInfo* input2, TensorInfo* output) {
  MOTE_ENSURE(ctx, ctx.num_inputs() == 2, "expected 2 inputs, got %d",
              ctx.num_inputs());
  MOTE_ENSURE(ctx, ctx.num_outputs() == 1, "expected 1 output, got %d",
              ctx.num_outputs());
  *input1 = ctx.input(0);
  *input2 = ctx.input(1);
  *output = ctx.output(0);
  MOTE_ENSURE(ctx,
              input1->present() && input2->present() && output->present(),
              "both inputs and the output are required");
  Shape expected;
  MOTE_ENSURE(ctx,
              ref::BroadcastShapes(input1->shape, input2->shape, &expected),
              "inputs '%s' and '%s' have shapes that do not broadcast",
              input1->name, input2->name);
  MOTE_ENSURE(ctx, output->shape == expected,
              "output '%s': shape is not the broadcast shape of the inputs",
              output->name);
  return Status::kOk;
}

// `t` has type `type` (the first input's, usually).
inline Status CheckTensorType(PrepareContext& ctx, const TensorInfo& t,
                        const char* role, DataType type) {
  MOTE_ENSURE(ctx, t.type == type, "%s '%s': expected %s, got %s", role,
              t.name, DataTypeName(type), DataTypeName(t.type));
  return Status::kOk;
}

// Per-tensor quantization with a positive finite scale and a zero point in
// [qmin, qmax] (the element type's range, or {0, 0} for int16).
inline Status CheckPerTensorQuant(PrepareContext& ctx, const TensorInfo& t,
                                  const char* role, int32_t qmin,
                                  int32_t qmax) {
  MOTE_ENSURE(ctx, t.quant.count == 1,
              "%s '%s': %s needs per-tensor quantization (1 scale), got %d",
              role, t.name, DataTypeName(t.type),
              static_cast<int>(t.quant.count));
  const float scale = t.quant.scale(0);
  MOTE_ENSURE(ctx, scale > 0.0f && std::isfinite(scale),
              "%s '%s': scale must be positive and finite, got %g", role,
              t.name, static_cast<double>(scale));
  const int32_t zp = t.quant.zero_point(0);
  MOTE_ENSURE(ctx, zp >= qmin && zp <= qmax,
              "%s '%s': %s zero point %d is outside [%d, %d]", role, t.name,
              DataTypeName(t.type), static_cast<int>(zp),
              static_cast<int>(qmin), static_cast<int>(qmax));
  return Status::kOk;
}

inline Status CheckQuantizedS8(PrepareContext& ctx, const TensorInfo& t,
                           const char* role) {
  return CheckPerTensorQuant(ctx, t, role, -128, 127);
}

// int16 activations are symmetric: zero point 0.
inline Status CheckQuantizedS16(PrepareContext& ctx, const TensorInfo& t,
                            const char* role) {
  return CheckPerTensorQuant(ctx, t, role, 0, 0);
}

// A multiplier from QuantizeMultiplier whose left shift
// MultiplyByQuantizedMultiplier can apply: shift <= 31 (a real factor
// below 2^31). `what` names the factor, e.g. "input 'x' to output 'y'".
inline Status CheckLeftShift(PrepareContext& ctx, int shift, const char* what,
                             const char* name1, const char* name2) {
  MOTE_ENSURE_SUPPORTED(ctx, shift <= 31,
                        "%s '%s' to '%s': requantization scale 2^%d is too "
                        "large",
                        what, name1, name2, shift);
  return Status::kOk;
}

}  // namespace mote

#endif  // MOTE_OPS_BINARY_COMMON_H_
