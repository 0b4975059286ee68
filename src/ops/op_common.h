// Helpers many op wrappers share: OpData allocation in Init, and the
// tensors of a one-input, one-output op in Prepare.
#ifndef MOTE_OPS_OP_COMMON_H_
#define MOTE_OPS_OP_COMMON_H_

#include <new>

#include "mote/op.h"

namespace mote {

// Allocates the op's persistent OpData from the arena, value-initialised,
// and makes it the op's user data. Null when the arena is exhausted (the
// caller returns Status::kArenaTooSmall).
template <typename OpData>
OpData* NewOpData(PrepareContext& ctx) {
  void* memory = ctx.AllocatePersistent(sizeof(OpData), alignof(OpData));
  if (memory == nullptr) return nullptr;
  OpData* data = new (memory) OpData();
  ctx.set_user_data(data);
  return data;
}

// An Init that only allocates OpData.
template <typename OpData>
Status InitOpData(PrepareContext& ctx) {
  return NewOpData<OpData>(ctx) != nullptr ? Status::kOk
                                           : Status::kArenaTooSmall;
}

// Reads the single input and output of a one-input, one-output op.
inline Status GetSingleInputOutput(PrepareContext& ctx, TensorInfo* input,
                                   TensorInfo* output) {
  MOTE_ENSURE(ctx, ctx.num_inputs() == 1, "expected 1 input, got %d",
              ctx.num_inputs());
  MOTE_ENSURE(ctx, ctx.num_outputs() == 1, "expected 1 output, got %d",
              ctx.num_outputs());
  *input = ctx.input(0);
  *output = ctx.output(0);
  MOTE_ENSURE(ctx, input->present() && output->present(),
              "input and output are required");
  return Status::kOk;
}

// The output has the input's shape.
inline Status CheckSameShape(PrepareContext& ctx, const TensorInfo& input,
                             const TensorInfo& output) {
  MOTE_ENSURE(ctx, output.shape == input.shape,
              "output '%s': shape differs from input '%s'", output.name,
              input.name);
  return Status::kOk;
}

}  // namespace mote

#endif  // MOTE_OPS_OP_COMMON_H_
