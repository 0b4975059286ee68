// Helpers every op wrapper uses in Init.
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

}  // namespace mote

#endif  // MOTE_OPS_OP_COMMON_H_
