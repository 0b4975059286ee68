// Reading small constant parameter tensors (shapes, paddings, axes, perms).
//
// Ops whose shape-like inputs must be known in Prepare read them here: the
// tensor must be constant, int32 or int64, and small enough for the caller's
// fixed array; int64 values must fit int32. Elements are read with memcpy, so
// the model's buffer alignment does not matter. Failures name the op's input
// role and the tensor.
#ifndef MOTE_OPS_CONST_TENSOR_UTIL_H_
#define MOTE_OPS_CONST_TENSOR_UTIL_H_

#include <cstdint>
#include <cstring>

#include "mote/op.h"

namespace mote {

// Reads every element of `tensor` (the op's `role` input, e.g. "paddings"),
// whatever its rank, into out[0..*count). `capacity` is the size of `out`.
inline Status ReadConstInt32Values(PrepareContext& ctx,
                                   const TensorInfo& tensor, const char* role,
                                   int32_t* out, int capacity, int* count) {
  MOTE_ENSURE(ctx, tensor.present(), "the %s input is missing", role);
  MOTE_ENSURE_SUPPORTED(ctx, tensor.is_const(),
                        "%s tensor '%s' must be constant (values computed at "
                        "run time are not supported)",
                        role, tensor.name);
  MOTE_ENSURE(
      ctx, tensor.type == DataType::kInt32 || tensor.type == DataType::kInt64,
      "%s tensor '%s': expected int32 or int64, got %s", role, tensor.name,
      DataTypeName(tensor.type));
  const int64_t n = tensor.shape.FlatSize();
  MOTE_ENSURE(ctx, n >= 0 && n <= capacity,
              "%s tensor '%s' has %lld entries; at most %d are allowed", role,
              tensor.name, static_cast<long long>(n), capacity);
  const size_t element_size = tensor.type == DataType::kInt32 ? 4 : 8;
  MOTE_ENSURE(ctx, tensor.bytes >= static_cast<size_t>(n) * element_size,
              "%s tensor '%s': its buffer is smaller than its shape", role,
              tensor.name);
  const unsigned char* bytes =
      static_cast<const unsigned char*>(tensor.const_data);
  for (int64_t i = 0; i < n; ++i) {
    if (element_size == 4) {
      std::memcpy(&out[i], bytes + i * 4, 4);
      continue;
    }
    int64_t v;
    std::memcpy(&v, bytes + i * 8, 8);
    MOTE_ENSURE(ctx, v >= INT32_MIN && v <= INT32_MAX,
                "%s tensor '%s': entry %lld (%lld) does not fit int32", role,
                tensor.name, static_cast<long long>(i),
                static_cast<long long>(v));
    out[i] = static_cast<int32_t>(v);
  }
  *count = static_cast<int>(n);
  return Status::kOk;
}

// As ReadConstInt32Values, for a tensor that must be a vector (rank 1), or
// also a scalar when `allow_scalar`.
inline Status ReadConstInt32Vector(PrepareContext& ctx,
                                   const TensorInfo& tensor, const char* role,
                                   bool allow_scalar, int32_t* out,
                                   int capacity, int* count) {
  MOTE_ENSURE(ctx, tensor.present(), "the %s input is missing", role);
  MOTE_ENSURE(
      ctx, tensor.shape.rank == 1 || (allow_scalar && tensor.shape.rank == 0),
      "%s tensor '%s': expected a vector, got rank %d", role, tensor.name,
      static_cast<int>(tensor.shape.rank));
  return ReadConstInt32Values(ctx, tensor, role, out, capacity, count);
}

}  // namespace mote

#endif  // MOTE_OPS_CONST_TENSOR_UTIL_H_
