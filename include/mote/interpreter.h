// Runs a Model with one caller-provided arena and no heap.
//
//   mote::Model model;
//   MOTE_RETURN_IF_ERROR(mote::Model::Load(bytes, size, &model, &errors));
//   mote::Interpreter interp(model, resolver, arena, sizeof(arena));
//   MOTE_RETURN_IF_ERROR(interp.Prepare());   // plans; exact arena known
//   memcpy(interp.input(0)->data, features, interp.input_bytes(0));
//   MOTE_RETURN_IF_ERROR(interp.Invoke());
//
// Arena layout: planned buffers (activations, scratch) at the head, where
// buffers whose lifetimes do not overlap share bytes; persistent data
// (tensor table, op data, multipliers, variable tensors) at the tail.
#ifndef MOTE_INTERPRETER_H_
#define MOTE_INTERPRETER_H_

#include <cstddef>
#include <cstdint>

#include "mote/model.h"
#include "mote/op.h"
#include "mote/op_resolver.h"
#include "mote/profiler.h"
#include "mote/status.h"

namespace mote {

// Where the arena's bytes went, all exact.
struct ArenaUsage {
  size_t planned_bytes = 0;     // head: tensors and scratch, shared by lifetime
  size_t persistent_bytes = 0;  // tail: tables, op data, variables
  size_t planning_bytes = 0;    // head bytes used while planning (transient)
  // Largest total of buffers alive at once: no plan of these buffers can be
  // smaller than this, so planned_bytes - lower_bound_bytes is the waste.
  size_t lower_bound_bytes = 0;
  // The arena size Prepare needs for a 16-byte aligned arena: planning data
  // is overwritten by the plan, so the head needs whichever of the two is
  // larger; the interpreter uses the arena in whole 16-byte units.
  size_t total() const {
    const size_t head =
        planned_bytes > planning_bytes ? planned_bytes : planning_bytes;
    return (head + persistent_bytes + 15) / 16 * 16;
  }
};

class Interpreter {
 public:
  // Give a 16-byte aligned arena (alignas(16)); otherwise the alignment
  // slack counts against arena_bytes.
  Interpreter(const Model& model, const OpResolver& resolver, void* arena,
              size_t arena_bytes);

  // Init + Prepare every op, then plan the arena. When the arena is too
  // small the error says how many bytes the plan needs.
  Status Prepare();
  Status Invoke();
  // Restore the state of a fresh interpreter, as TFLite Micro's Reset:
  // variable tensors back to 0 (int8: their zero point), then each stateful
  // op's reset (resource variables).
  Status ResetState();

  bool prepared() const { return prepared_; }
  const ArenaUsage& arena_usage() const { return usage_; }
  size_t arena_used_bytes() const { return usage_.total(); }

  int inputs_size() const { return model_.num_inputs(); }
  int outputs_size() const { return model_.num_outputs(); }
  // Valid after Prepare; null for an index out of range.
  EvalTensor* input(int i) const;
  EvalTensor* output(int i) const;
  TensorInfo input_info(int i) const;
  TensorInfo output_info(int i) const;
  size_t input_bytes(int i) const { return input_info(i).bytes; }
  size_t output_bytes(int i) const { return output_info(i).bytes; }
  // Any tensor after Prepare (debugging, layer dumps).
  EvalTensor* tensor(int index) const;

  void set_profiler(Profiler* profiler) { profiler_ = profiler; }
  const ErrorReporter& errors() const { return errors_; }
  const Model& model() const { return model_; }
  // Offset of tensor `index`'s buffer in the planned head, or -1 when the
  // tensor is constant, persistent or unused.
  int64_t planned_offset(int index) const;

 private:
  struct Node;
  friend class PrepareContextImpl;
  friend class EvalContextImpl;

  Status Fail(Status status, const char* format, ...)
#if defined(__GNUC__)
      __attribute__((format(printf, 3, 4)))
#endif
      ;
  void* AllocateTail(size_t bytes, size_t alignment);
  Status PlanAndPlace();

  const Model& model_;
  const OpResolver& resolver_;
  uint8_t* arena_begin_ = nullptr;  // aligned start
  uint8_t* arena_end_ = nullptr;
  uint8_t* head_ = nullptr;         // transient records grow up from the start
  uint8_t* tail_ = nullptr;         // persistent data grows down from the end

  EvalTensor* tensors_ = nullptr;
  Node* nodes_ = nullptr;
  int32_t* offsets_ = nullptr;      // planned offset per tensor, -1 if none
  void** scratch_ = nullptr;        // resolved scratch pointers
  int num_scratch_ = 0;

  Profiler* profiler_ = nullptr;
  ArenaUsage usage_;
  bool prepared_ = false;
  ErrorReporter errors_;
};

}  // namespace mote

#endif  // MOTE_INTERPRETER_H_
