// Prepare-time checks shared by the shape and data-movement ops (SQUEEZE,
// EXPAND_DIMS, GATHER, SPLIT, SLICE, PACK, the *_TO_* block ops, RESIZE_*,
// ...): operand counts, type lists, equal quantization on both sides of a
// copy, no zero-size tensors, axis normalisation. Each reports through
// ctx.Fail with a message naming the tensor.
#ifndef MOTE_OPS_DATA_MOVEMENT_COMMON_H_
#define MOTE_OPS_DATA_MOVEMENT_COMMON_H_

#include <cstdint>
#include <cstring>

#include "mote/op.h"

namespace mote {

// A set of DataTypes as a bit mask (bit i = the type whose value is i).
constexpr uint32_t TypeBit(DataType t) {
  return uint32_t{1} << static_cast<uint32_t>(t);
}
constexpr uint32_t kTypesS8 = TypeBit(DataType::kInt8);
constexpr uint32_t kTypesS16 = TypeBit(DataType::kInt16);
constexpr uint32_t kTypesS32 = TypeBit(DataType::kInt32);
constexpr uint32_t kTypesS64 = TypeBit(DataType::kInt64);
constexpr uint32_t kTypesF32 = TypeBit(DataType::kFloat32);
constexpr uint32_t kTypesBool = TypeBit(DataType::kBool);
constexpr uint32_t kTypesU32 = TypeBit(DataType::kUInt32);

inline Status CheckOperandCounts(PrepareContext& ctx, int inputs,
                                 int outputs) {
  MOTE_ENSURE(ctx, ctx.num_inputs() == inputs, "expected %d input%s, got %d",
              inputs, inputs == 1 ? "" : "s", ctx.num_inputs());
  MOTE_ENSURE(ctx, ctx.num_outputs() == outputs,
              "expected %d output%s, got %d", outputs,
              outputs == 1 ? "" : "s", ctx.num_outputs());
  return Status::kOk;
}

// `t` (the op's `role` tensor) is present and of a type in `allowed`;
// `allowed_text` lists them for the message ("int8, int16 or float32").
inline Status CheckTypeIn(PrepareContext& ctx, const TensorInfo& t,
                          const char* role, uint32_t allowed,
                          const char* allowed_text) {
  MOTE_ENSURE(ctx, t.present(), "the %s tensor is missing", role);
  MOTE_ENSURE_SUPPORTED(ctx, (TypeBit(t.type) & allowed) != 0,
                        "%s '%s': expected %s, got %s", role, t.name,
                        allowed_text, DataTypeName(t.type));
  return Status::kOk;
}

// The op copies values from `input` to `output` unchanged, so both need the
// same type and, for quantized int8/int16, the same scale and zero point:
// TFLite's converter guarantees it for these ops and TFLite Micro copies raw
// values without checking, which would silently change the real values.
inline Status CheckSameTypeAndQuant(PrepareContext& ctx,
                                    const TensorInfo& input,
                                    const TensorInfo& output) {
  MOTE_ENSURE(ctx, input.type == output.type,
              "input '%s' is %s but output '%s' is %s", input.name,
              DataTypeName(input.type), output.name,
              DataTypeName(output.type));
  if (input.type != DataType::kInt8 && input.type != DataType::kInt16) {
    return Status::kOk;
  }
  bool same = input.quant.count == output.quant.count;
  for (int32_t i = 0; same && i < input.quant.count; ++i) {
    same = input.quant.scale(i) == output.quant.scale(i) &&
           input.quant.zero_point(i) == output.quant.zero_point(i);
  }
  MOTE_ENSURE_SUPPORTED(
      ctx, same,
      "output '%s' (scale %g, zero point %d) must have the quantization of "
      "input '%s' (scale %g, zero point %d)",
      output.name,
      output.is_quantized() ? static_cast<double>(output.quant.scale()) : 0.0,
      output.is_quantized() ? static_cast<int>(output.quant.zero_point()) : 0, input.name,
      input.is_quantized() ? static_cast<double>(input.quant.scale()) : 0.0,
      input.is_quantized() ? static_cast<int>(input.quant.zero_point()) : 0);
  return Status::kOk;
}

// Zero-size tensors are valid TFLite but mote's ops do not run them: refuse
// them in Prepare instead of copying nothing from a buffer that may be null.
inline Status CheckNotEmpty(PrepareContext& ctx, const TensorInfo& t,
                            const char* role) {
  MOTE_ENSURE_SUPPORTED(ctx, t.shape.FlatSize() > 0,
                        "%s '%s' has no elements (zero-size tensors are not "
                        "supported)",
                        role, t.name);
  return Status::kOk;
}

// Maps a possibly negative `axis` (counting from the end) into [0, rank).
// `what` names it in the message ("axis", "squeeze_dims entry").
inline Status NormalizeAxis(PrepareContext& ctx, int32_t axis, int rank,
                            const char* what, int32_t* out) {
  const int64_t a = axis < 0 ? int64_t{axis} + rank : int64_t{axis};
  MOTE_ENSURE(ctx, a >= 0 && a < rank, "%s %d is out of range for rank %d",
              what, static_cast<int>(axis), rank);
  *out = static_cast<int32_t>(a);
  return Status::kOk;
}

// The output shape must be `expected` exactly: mote plans static shapes and
// never resizes a tensor (TFLite Micro rewrites the output dims instead).
inline Status CheckOutputShape(PrepareContext& ctx, const TensorInfo& output,
                               const Shape& expected, const char* from) {
  MOTE_ENSURE(ctx, output.shape.rank == expected.rank,
              "output '%s' has rank %d, expected %d from %s", output.name,
              static_cast<int>(output.shape.rank),
              static_cast<int>(expected.rank), from);
  for (int i = 0; i < expected.rank; ++i) {
    MOTE_ENSURE(ctx, output.shape.dims[i] == expected.dims[i],
                "output '%s' dim %d is %d, expected %d from %s", output.name,
                i, static_cast<int>(output.shape.dims[i]),
                static_cast<int>(expected.dims[i]), from);
  }
  return Status::kOk;
}

// Copies a tensor's bytes to another buffer of the same size (SQUEEZE,
// EXPAND_DIMS); nothing to do when the planner gave both the same memory.
inline void CopyTensorBytes(const EvalTensor& input, EvalTensor& output,
                            size_t bytes) {
  if (input.data != output.data && bytes > 0) {
    std::memmove(output.data, input.data, bytes);
  }
}

}  // namespace mote

#endif  // MOTE_OPS_DATA_MOVEMENT_COMMON_H_
