// Per-type registrations (Register_CONV_2D_INT8() and the like, as TFLite
// Micro's Register_CONV_2D_INT8()): the op's own Init and Prepare behind a
// check of the tensor type, and an Eval that calls only that type's kernel.
// A firmware that registers them links no other type's kernel (with
// --gc-sections); a model with another type fails in Prepare, not in Eval.
#ifndef MOTE_OPS_PER_TYPE_REGISTRATION_H_
#define MOTE_OPS_PER_TYPE_REGISTRATION_H_

#include "mote/op.h"
#include "mote/types.h"

namespace mote {

// `t` (the `role` tensor, e.g. "input") has type `type`; kUnsupported with
// "<OP> (op N): this build registers the int8 kernel only; input 'x' is
// int16" otherwise. An absent tensor passes: the op's Prepare reports it.
inline Status RequireKernelType(PrepareContext& ctx, const TensorInfo& t,
                                DataType type, const char* role) {
  static_cast<void>(role);  // unused when messages are stripped
  if (!t.present()) return Status::kOk;
  MOTE_ENSURE_SUPPORTED(ctx, t.type == type,
                        "this build registers the %s kernel only; %s '%s' "
                        "is %s",
                        DataTypeName(type), role, t.name,
                        DataTypeName(t.type));
  return Status::kOk;
}

// The Prepare of a per-type registration: input 0 must be kType, then the
// op's general Prepare, which picks that type's arithmetic.
template <Status (*kPrepare)(PrepareContext&), DataType kType>
Status PrepareInputType(PrepareContext& ctx) {
  MOTE_RETURN_IF_ERROR(RequireKernelType(ctx, ctx.input(0), kType, "input"));
  return kPrepare(ctx);
}

}  // namespace mote

#endif  // MOTE_OPS_PER_TYPE_REGISTRATION_H_
