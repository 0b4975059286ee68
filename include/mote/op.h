// The interface every op implements: Init / Prepare / Eval.
//
// - Init parses the op's options and reserves its persistent data.
// - Prepare checks types and shapes, computes requantization multipliers
//   and shifts once, and requests scratch memory from the planner.
// - Eval only computes. It never allocates and should not fail on a model
//   that passed Prepare.
// All memory comes from the interpreter's arena: persistent data from its
// tail, tensors and scratch buffers from the planned head.
#ifndef MOTE_OP_H_
#define MOTE_OP_H_

#include <cstdarg>
#include <cstddef>
#include <cstdint>

#include "mote/model.h"
#include "mote/status.h"
#include "mote/types.h"

namespace mote {

class PrepareContext;
class EvalContext;

struct OpRegistration {
  int32_t builtin_code;  // TFLite BuiltinOperator value
  const char* name;      // "CONV_2D"
  // Each may be null when the op has nothing to do in that phase.
  Status (*init)(PrepareContext& ctx);
  Status (*prepare)(PrepareContext& ctx);
  Status (*eval)(EvalContext& ctx);
  // Stateful ops (variables, SVDF, LSTM): restore the initial state.
  Status (*reset)(EvalContext& ctx);
  // Highest op version this implementation supports.
  int32_t max_version;
  // The tensor types this implementation runs, for `mote ops` and messages,
  // e.g. "int8 (per-channel), int16x8, float32".
  const char* dtypes;
};

// The runtime view of a tensor during Eval: 12 bytes on Cortex-M.
struct EvalTensor {
  void* data = nullptr;
  const int32_t* dims = nullptr;  // points into the model
  uint8_t rank = 0;
  DataType type = DataType::kFloat32;

  Shape shape() const {
    Shape s;
    s.rank = rank;
    for (int i = 0; i < rank; ++i) s.dims[i] = dims[i];
    return s;
  }
  template <typename T>
  T* as() const {
    return static_cast<T*>(data);
  }
};

// Services the interpreter offers an op during Init and Prepare.
class PrepareContext {
 public:

  virtual int op_index() const = 0;
  virtual const OpRegistration& registration() const = 0;
  virtual const Model& model() const = 0;
  int32_t version() const { return model().op_version(op_index()); }
  // The flatbuffer operator. Read builtin options through options<T>(), never
  // op()->builtin_options_as_...(): Model::Load does not verify their fields.
  const tflite::Operator* op() const { return model().op(op_index()); }

  // The op's builtin options, e.g. options<tflite::Conv2DOptions>(), after
  // verifying the table's fields. Null when the model has none of that type
  // (TFLite's defaults apply). A corrupt table gives null too, records
  // "<OP> (op N): builtin options table is corrupt" and fails this Init or
  // Prepare with kInvalidModel, whatever the op returns.
  template <typename T>
  const T* options() const {
    const void* table = nullptr;
    if (!model().VerifiedOptions(op_index(), internal::OptionsTypeOf<T>(),
                                 &internal::VerifyTableAs<T>, &table)) {
      ReportCorruptOptions();
    }
    return static_cast<const T*>(table);
  }
  bool options_corrupt() const { return options_corrupt_; }

  int num_inputs() const { return model().op_num_inputs(op_index()); }
  int num_outputs() const { return model().op_num_outputs(op_index()); }
  // An absent optional input (index -1) or i out of range gives !present().
  TensorInfo input(int i) const;
  TensorInfo output(int i) const;

  // Persistent memory for the op's lifetime, from the arena tail. Returns
  // null (and records kArenaTooSmall) when the arena is exhausted.
  virtual void* AllocatePersistent(size_t bytes, size_t alignment) = 0;
  template <typename T>
  T* AllocatePersistent(size_t count = 1) {
    return static_cast<T*>(AllocatePersistent(sizeof(T) * count, alignof(T)));
  }
  // Scratch memory that lives only during this op's Eval. `handle` is what
  // EvalContext::scratch() takes. Prepare only.
  virtual Status RequestScratch(size_t bytes, int* handle) = 0;

  void set_user_data(void* data) { user_data_ = data; }
  void* user_data() const { return user_data_; }
  template <typename T>
  T* user_data() const {
    return static_cast<T*>(user_data_);
  }

  // Records "<OP> (op N): <message>" and returns `status`.
  Status Fail(Status status, const char* format, ...)
#if defined(__GNUC__)
      __attribute__((format(printf, 3, 4)))
#endif
      ;
  // Records "<OP> (op N)" only: what MOTE_ENSURE calls when messages are
  // stripped, so that no call site passes a format or its arguments.
  Status Fail(Status status);

 protected:
  // Not virtual: contexts live on the interpreter's stack, never on a heap.
  ~PrepareContext() = default;
  virtual ErrorReporter& errors() = 0;
  void* user_data_ = nullptr;

 private:
  void ReportCorruptOptions() const;
  mutable bool options_corrupt_ = false;
};

// Services the interpreter offers an op during Eval.
class EvalContext {
 public:

  virtual int op_index() const = 0;
  virtual int num_inputs() const = 0;
  virtual int num_outputs() const = 0;
  // Null for an absent optional input.
  virtual EvalTensor* input(int i) const = 0;
  virtual EvalTensor* output(int i) const = 0;
  virtual void* scratch(int handle) const = 0;
  virtual void* user_data() const = 0;

  template <typename T>
  const T* input_data(int i) const {
    return static_cast<const T*>(input(i)->data);
  }
  template <typename T>
  T* output_data(int i) const {
    return static_cast<T*>(output(i)->data);
  }
  template <typename T>
  T* user_data() const {
    return static_cast<T*>(user_data());
  }

  Status Fail(Status status, const char* format, ...)
#if defined(__GNUC__)
      __attribute__((format(printf, 3, 4)))
#endif
      ;
  Status Fail(Status status);  // as PrepareContext::Fail(Status)

 protected:
  ~EvalContext() = default;
  virtual ErrorReporter& errors() const = 0;
  virtual const char* op_name() const = 0;
};

}  // namespace mote

// MOTE_FAIL_OP(ctx, status, format, args...): the op fails with `status`.
// With MOTE_STRIP_MESSAGES only the status is passed (the format and its
// arguments are not even evaluated): a few bytes less at each of the
// hundreds of checks in the ops.
#if defined(MOTE_STRIP_MESSAGES)
#define MOTE_FAIL_OP(ctx, status, ...) (ctx).Fail(status)
#else
#define MOTE_FAIL_OP(ctx, status, ...) (ctx).Fail(status, __VA_ARGS__)
#endif

// Fail the op with kInvalidModel unless `cond` holds. The message names what
// is wrong; the context prefixes the op name and index.
#define MOTE_ENSURE(ctx, cond, ...)                                          \
  do {                                                                       \
    if (!(cond)) {                                                           \
      return MOTE_FAIL_OP(ctx, ::mote::Status::kInvalidModel, __VA_ARGS__);  \
    }                                                                        \
  } while (0)

// Fail with kUnsupported: valid TFLite that mote does not implement.
#define MOTE_ENSURE_SUPPORTED(ctx, cond, ...)                               \
  do {                                                                      \
    if (!(cond)) {                                                          \
      return MOTE_FAIL_OP(ctx, ::mote::Status::kUnsupported, __VA_ARGS__);  \
    }                                                                       \
  } while (0)

#endif  // MOTE_OP_H_
