// Resource variables (VAR_HANDLE, ASSIGN_VARIABLE, READ_VARIABLE) as TFLite
// Micro implements them (micro_resource_variable.cc), resolved from the model
// alone:
//
// - VAR_HANDLE names a variable (container, shared_name) and owns its
//   storage: a ResourceVariable record in persistent memory, whose buffer
//   is sized by the first ASSIGN_VARIABLE (in op order) of that handle and
//   filled with the default byte: the int8 zero point of that assigned value
//   when it is quantized, else 0. ResetState refills it.
// - At Eval, VAR_HANDLE points its resource tensor at the record; ASSIGN
//   copies a value into the buffer, READ copies the buffer out.
//
// Each variable must have exactly one VAR_HANDLE in the graph (TFLite's
// converter writes one per subgraph); a second handle to the same name is
// refused rather than given separate storage.
#ifndef MOTE_OPS_VAR_HANDLE_COMMON_H_
#define MOTE_OPS_VAR_HANDLE_COMMON_H_

#include <cstdint>

#include "mote/op.h"

namespace mote {

constexpr int32_t kVarHandleCode = 142;
constexpr int32_t kReadVariableCode = 143;
constexpr int32_t kAssignVariableCode = 144;

struct ResourceVariable {
  void* data = nullptr;  // null until an ASSIGN_VARIABLE sizes it
  uint32_t bytes = 0;
  uint8_t default_byte = 0;
};

// The VAR_HANDLE op that writes `tensor` (the resource input of a READ or
// ASSIGN), or -1 when no VAR_HANDLE does.
int FindVarHandleWriting(const Model& model, int32_t tensor);

// The first ASSIGN_VARIABLE (in op order) whose resource input is `tensor`,
// or -1.
int FindFirstAssign(const Model& model, int32_t tensor);

// Prepare helper for READ and ASSIGN: checks that input 0 is a resource
// written by a VAR_HANDLE and that the variable is assigned somewhere;
// `*bytes` is the variable's size (the first assignment's value size).
Status ResolveVariable(PrepareContext& ctx, uint32_t* bytes);

}  // namespace mote

#endif  // MOTE_OPS_VAR_HANDLE_COMMON_H_
