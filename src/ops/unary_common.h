// Prepare-time checks shared by the elementwise activations (SOFTMAX,
// LOGISTIC, TANH, RELU, RELU6, LEAKY_RELU, HARD_SWISH): one input, one
// output of the same shape, and per-tensor int8 (or int16) quantization.
#ifndef MOTE_OPS_UNARY_COMMON_H_
#define MOTE_OPS_UNARY_COMMON_H_

#include <cmath>
#include <cstdint>
#include <limits>

#include "mote/op.h"
#include "ops/op_common.h"
#include "ops/quant_common.h"

namespace mote {

// Reads the op's single input and output and checks their shapes match.
// `*size` is the element count, which the kernels take as int32.
inline Status PrepareUnaryTensors(PrepareContext& ctx, TensorInfo* input,
                                  TensorInfo* output, int32_t* size) {
  MOTE_RETURN_IF_ERROR(GetSingleInputOutput(ctx, input, output));
  MOTE_RETURN_IF_ERROR(CheckSameShape(ctx, *input, *output));
  const int64_t n = input->shape.FlatSize();
  MOTE_ENSURE_SUPPORTED(ctx, n <= std::numeric_limits<int32_t>::max(),
                        "input '%s': %lld elements is too many", input->name,
                        static_cast<long long>(n));
  *size = static_cast<int32_t>(n);
  return Status::kOk;
}

// The input must be int8 or float32 (or int16 with `allow_int16`) and the
// output of the same type.
inline Status CheckActivationTypes(PrepareContext& ctx, const TensorInfo& input,
                                   const TensorInfo& output, bool allow_int16) {
  MOTE_ENSURE_SUPPORTED(
      ctx,
      input.type == DataType::kInt8 || input.type == DataType::kFloat32 ||
          (allow_int16 && input.type == DataType::kInt16),
      "input '%s': expected int8%s or float32, got %s", input.name,
      allow_int16 ? ", int16" : "", DataTypeName(input.type));
  MOTE_ENSURE_SUPPORTED(
      ctx, output.type != DataType::kInt16 || input.type == DataType::kInt16,
      "output '%s': int16 is not supported, input '%s' is %s", output.name,
      input.name, DataTypeName(input.type));
  MOTE_ENSURE(ctx, output.type == input.type,
              "output '%s': expected %s like the input, got %s", output.name,
              DataTypeName(input.type), DataTypeName(output.type));
  return Status::kOk;
}

// The input must be int8 or float32 and the output of the same type.
inline Status CheckS8OrF32(PrepareContext& ctx, const TensorInfo& input,
                           const TensorInfo& output) {
  return CheckActivationTypes(ctx, input, output, /*allow_int16=*/false);
}

// Per-tensor int8 quantization with a usable scale (a wrong scale count is
// kUnsupported). `role` is "input" or "output", for the message.
inline Status CheckQuantS8(PrepareContext& ctx, const TensorInfo& t,
                           const char* role) {
  return CheckActivationQuantAs(ctx, t, role, DataType::kInt8,
                                Status::kUnsupported);
}

// The common start of an activation's Prepare: the tensors and their
// element count, the types (CheckActivationTypes) and, when quantized, the
// per-tensor quantization of both (int16: zero point 0).
inline Status PrepareActivation(PrepareContext& ctx, bool allow_int16,
                                TensorInfo* input, TensorInfo* output,
                                int32_t* size) {
  MOTE_RETURN_IF_ERROR(PrepareUnaryTensors(ctx, input, output, size));
  MOTE_RETURN_IF_ERROR(
      CheckActivationTypes(ctx, *input, *output, allow_int16));
  if (input->type == DataType::kFloat32) return Status::kOk;
  MOTE_RETURN_IF_ERROR(
      CheckActivationQuant(ctx, *input, "input", Status::kUnsupported));
  return CheckActivationQuant(ctx, *output, "output", Status::kUnsupported);
}

// A requantizing op multiplies x - zero_point by `factor` (e.g. input
// scale / output scale) with a left shift of about log2(factor). Past 2^31
// that shift overflows int32 (TFLite's arithmetic is undefined there), so
// refuse factors beyond 2^30, far outside any trained model.
inline Status CheckRescaleFactor(PrepareContext& ctx, double factor,
                                 const TensorInfo& input,
                                 const TensorInfo& output) {
  MOTE_ENSURE_SUPPORTED(ctx, std::abs(factor) <= 1073741824.0,
                        "input '%s' to output '%s': rescale factor %g is too "
                        "large",
                        input.name, output.name, factor);
  return Status::kOk;
}

}  // namespace mote

#endif  // MOTE_OPS_UNARY_COMMON_H_
