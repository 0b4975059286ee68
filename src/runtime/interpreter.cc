#include "mote/interpreter.h"

#include <cstdio>
#include <cstring>

#include "planner/greedy_planner.h"
#include "schema/tflite_generated.h"

namespace mote {

namespace {

constexpr size_t kBufferAlignment = 16;
constexpr int32_t kCustomCode = 32;

uint8_t* AlignUp(uint8_t* p, size_t alignment) {
  const uintptr_t v = reinterpret_cast<uintptr_t>(p);
  return reinterpret_cast<uint8_t*>((v + alignment - 1) & ~(alignment - 1));
}

uint8_t* AlignDown(uint8_t* p, size_t alignment) {
  const uintptr_t v = reinterpret_cast<uintptr_t>(p);
  return reinterpret_cast<uint8_t*>(v & ~(alignment - 1));
}

// A variable tensor's initial value, as TFLite Micro's ResetVariableTensors:
// int8 variables hold their zero point (the real value 0), all others 0.
void FillVariable(const TensorInfo& info, void* data) {
  int value = 0;
  if (info.type == DataType::kInt8 && info.quant.count > 0) {
    value = info.quant.zero_point(0);
  }
  memset(data, value, info.bytes);
}

// A scratch request recorded during Prepare, planned with the tensors.
struct ScratchRecord {
  int32_t op;
  uint32_t bytes;
};

}  // namespace

// Per-op state kept for the interpreter's lifetime.
struct Interpreter::Node {
  const OpRegistration* registration;
  void* user_data;
  int32_t first_scratch;  // index into scratch_
  int32_t num_scratch;
};

// The PrepareContext the interpreter hands to Init and Prepare.
class PrepareContextImpl final : public PrepareContext {
 public:
  PrepareContextImpl(Interpreter* interp, int op_index)
      : interp_(interp), op_index_(op_index) {
    user_data_ = interp->nodes_[op_index].user_data;
  }
  ~PrepareContextImpl() { interp_->nodes_[op_index_].user_data = user_data_; }

  int op_index() const override { return op_index_; }
  const OpRegistration& registration() const override {
    return *interp_->nodes_[op_index_].registration;
  }
  const Model& model() const override { return interp_->model_; }

  void* AllocatePersistent(size_t bytes, size_t alignment) override {
    return interp_->AllocateTail(bytes, alignment);
  }

  Status RequestScratch(size_t bytes, int* handle) override {
    if (bytes > UINT32_MAX) {
      return Fail(Status::kUnsupported, MOTE_MSG("scratch request of %llu bytes",
                  static_cast<unsigned long long>(bytes)));
    }
    uint8_t* record_end = interp_->head_ + sizeof(ScratchRecord);
    if (record_end > interp_->tail_) {
      return interp_->Fail(Status::kArenaTooSmall,
                           MOTE_MSG("arena too small while preparing op %d", op_index_));
    }
    ScratchRecord record = {op_index_, static_cast<uint32_t>(bytes)};
    memcpy(interp_->head_, &record, sizeof(record));
    interp_->head_ = record_end;
    Interpreter::Node& node = interp_->nodes_[op_index_];
    if (node.num_scratch == 0) node.first_scratch = interp_->num_scratch_;
    *handle = node.num_scratch++;
    ++interp_->num_scratch_;
    return Status::kOk;
  }

 protected:
  ErrorReporter& errors() override { return interp_->errors_; }

 private:
  Interpreter* interp_;
  int op_index_;
};

// An op that met a corrupt options table fails even if it carried on with
// TFLite's defaults (PrepareContext::options() already reported it).
static Status FailOnCorruptOptions(Status status, const PrepareContext& ctx) {
  return status == Status::kOk && ctx.options_corrupt() ? Status::kInvalidModel : status;
}

// The EvalContext the interpreter hands to Eval and Reset.
class EvalContextImpl final : public EvalContext {
 public:
  EvalContextImpl(const Interpreter* interp, int op_index)
      : interp_(interp), op_index_(op_index), node_(interp->nodes_[op_index]) {}

  int op_index() const override { return op_index_; }
  int num_inputs() const override {
    return interp_->model_.op_num_inputs(op_index_);
  }
  int num_outputs() const override {
    return interp_->model_.op_num_outputs(op_index_);
  }
  EvalTensor* input(int i) const override {
    const int32_t t = interp_->model_.op_input(op_index_, i);
    return t < 0 ? nullptr : &interp_->tensors_[t];
  }
  EvalTensor* output(int i) const override {
    const int32_t t = interp_->model_.op_output(op_index_, i);
    return t < 0 ? nullptr : &interp_->tensors_[t];
  }
  void* scratch(int handle) const override {
    if (handle < 0 || handle >= node_.num_scratch) return nullptr;
    return interp_->scratch_[node_.first_scratch + handle];
  }
  void* user_data() const override { return node_.user_data; }

 protected:
  ErrorReporter& errors() const override {
    return const_cast<Interpreter*>(interp_)->errors_;
  }
  const char* op_name() const override { return node_.registration->name; }

 private:
  const Interpreter* interp_;
  int op_index_;
  const Interpreter::Node& node_;
};

Interpreter::Interpreter(const Model& model, const OpResolver& resolver,
                         void* arena, size_t arena_bytes)
    : model_(model), resolver_(resolver) {
  uint8_t* begin = static_cast<uint8_t*>(arena);
  uint8_t* end = begin + arena_bytes;
  arena_begin_ = AlignUp(begin, kBufferAlignment);
  arena_end_ = AlignDown(end, kBufferAlignment);
  if (arena == nullptr || arena_end_ < arena_begin_) arena_end_ = arena_begin_;
  head_ = arena_begin_;
  tail_ = arena_end_;
}

Status Interpreter::Fail(Status status, const char* format, ...) {
  va_list args;
  va_start(args, format);
  errors_.ReportV(status, format, args);
  va_end(args);
  return status;
}

void* Interpreter::AllocateTail(size_t bytes, size_t alignment) {
  if (alignment == 0 || (alignment & (alignment - 1)) != 0) alignment = 8;
  const size_t available = static_cast<size_t>(tail_ - head_);
  if (bytes > available) {
    Fail(Status::kArenaTooSmall,
         MOTE_MSG("arena too small: persistent data needs more than the %u bytes given",
         static_cast<unsigned>(arena_end_ - arena_begin_)));
    return nullptr;
  }
  uint8_t* p = AlignDown(tail_ - bytes, alignment);
  if (p < head_) {
    Fail(Status::kArenaTooSmall,
         MOTE_MSG("arena too small: persistent data needs more than the %u bytes given",
         static_cast<unsigned>(arena_end_ - arena_begin_)));
    return nullptr;
  }
  tail_ = p;
  return p;
}

Status Interpreter::Prepare() {
  if (prepared_) return Status::kOk;
  if (!model_.loaded()) {
    return Fail(Status::kInvalidArgument, MOTE_MSG("Prepare called with an unloaded model"));
  }
  errors_.Clear();
  const int num_tensors = model_.num_tensors();
  const int num_ops = model_.num_operators();

  tensors_ = static_cast<EvalTensor*>(
      AllocateTail(sizeof(EvalTensor) * num_tensors, alignof(EvalTensor)));
  nodes_ = static_cast<Node*>(AllocateTail(sizeof(Node) * num_ops, alignof(Node)));
  if ((tensors_ == nullptr && num_tensors > 0) || (nodes_ == nullptr && num_ops > 0)) {
    return errors_.status();
  }

  const tflite::SubGraph* subgraph = model_.subgraph();
  for (int i = 0; i < num_tensors; ++i) {
    const tflite::Tensor* t = subgraph->tensors()->Get(i);
    const TensorInfo info = model_.tensor(i);
    EvalTensor& e = tensors_[i];
    e.data = const_cast<void*>(info.const_data);
    e.dims = t->shape() != nullptr ? t->shape()->data() : nullptr;
    e.rank = static_cast<uint8_t>(info.shape.rank);
    e.type = info.type;
  }

  // Resolve every op before running any Init, so an unsupported op is
  // reported without side effects.
  for (int i = 0; i < num_ops; ++i) {
    const int32_t code = model_.op_builtin_code(i);
    if (code == kCustomCode) {
      return Fail(Status::kUnsupported,
                  MOTE_MSG("op %d: custom op '%s' is not supported", i,
                  model_.op_custom_code(i)));
    }
    const OpRegistration* reg = resolver_.Find(code);
    if (reg == nullptr) {
      return Fail(Status::kUnsupported,
                  MOTE_MSG("op %d: %s (builtin code %d) is not supported or not "
                  "registered",
                  i, BuiltinOpName(code), static_cast<int>(code)));
    }
    if (model_.op_version(i) > reg->max_version) {
      return Fail(Status::kUnsupported,
                  MOTE_MSG("op %d: %s version %d is not supported (up to %d)", i,
                  reg->name, static_cast<int>(model_.op_version(i)),
                  static_cast<int>(reg->max_version)));
    }
    nodes_[i] = Node{reg, nullptr, 0, 0};
  }

  for (int i = 0; i < num_ops; ++i) {
    if (nodes_[i].registration->init == nullptr) continue;
    PrepareContextImpl ctx(this, i);
    MOTE_RETURN_IF_ERROR(FailOnCorruptOptions(nodes_[i].registration->init(ctx), ctx));
  }
  for (int i = 0; i < num_ops; ++i) {
    if (nodes_[i].registration->prepare == nullptr) continue;
    PrepareContextImpl ctx(this, i);
    MOTE_RETURN_IF_ERROR(FailOnCorruptOptions(nodes_[i].registration->prepare(ctx), ctx));
  }

  // Variable tensors keep their values across invokes: persistent memory.
  for (int i = 0; i < num_tensors; ++i) {
    const TensorInfo info = model_.tensor(i);
    if (!info.is_variable || info.is_const() || info.bytes == 0) continue;
    void* p = AllocateTail(info.bytes, kBufferAlignment);
    if (p == nullptr) return errors_.status();
    FillVariable(info, p);
    tensors_[i].data = p;
  }

  MOTE_RETURN_IF_ERROR(PlanAndPlace());
  prepared_ = true;
  return Status::kOk;
}

Status Interpreter::PlanAndPlace() {
  const int num_tensors = model_.num_tensors();
  const int num_ops = model_.num_operators();

  // Persistent tables the plan fills in.
  offsets_ = static_cast<int32_t*>(
      AllocateTail(sizeof(int32_t) * num_tensors, alignof(int32_t)));
  scratch_ = static_cast<void**>(
      AllocateTail(sizeof(void*) * num_scratch_, alignof(void*)));
  if ((offsets_ == nullptr && num_tensors > 0) ||
      (scratch_ == nullptr && num_scratch_ > 0)) {
    return errors_.status();
  }

  // Temporary planning data sits at the head, after the scratch records;
  // the planned buffers overwrite all of it once planning is done.
  const ScratchRecord* records =
      reinterpret_cast<const ScratchRecord*>(arena_begin_);
  uint8_t* temp = AlignUp(head_, alignof(BufferRequest));
  const int max_requests = num_tensors + num_scratch_;
  const size_t temp_bytes = sizeof(BufferRequest) * max_requests +
                            sizeof(int32_t) * max_requests +
                            PlannerScratchBytes(max_requests);
  if (temp + temp_bytes > tail_) {
    return Fail(Status::kArenaTooSmall,
                MOTE_MSG("arena too small: planning needs %u bytes beyond %u persistent",
                static_cast<unsigned>(temp + temp_bytes - arena_begin_),
                static_cast<unsigned>(arena_end_ - tail_)));
  }
  BufferRequest* requests = reinterpret_cast<BufferRequest*>(temp);
  int32_t* owner = reinterpret_cast<int32_t*>(requests + max_requests);
  void* planner_scratch = owner + max_requests;

  // Lifetimes: a tensor lives from the op that writes it (graph inputs: from
  // the start) to the last op that reads it (graph outputs: to the end).
  int count = 0;
  for (int t = 0; t < num_tensors; ++t) {
    offsets_[t] = -1;
    const TensorInfo info = model_.tensor(t);
    if (info.is_const() || info.is_variable || info.bytes == 0) continue;
    int first = -1;
    int last = -1;
    for (int i = 0; i < model_.num_inputs(); ++i) {
      if (model_.input_tensor(i) == t) first = last = 0;
    }
    for (int op = 0; op < num_ops; ++op) {
      for (int k = 0; k < model_.op_num_outputs(op); ++k) {
        if (model_.op_output(op, k) == t) {
          if (first < 0) first = op;
          if (last < op) last = op;
        }
      }
      for (int k = 0; k < model_.op_num_inputs(op); ++k) {
        if (model_.op_input(op, k) == t && last < op) last = op;
      }
    }
    for (int i = 0; i < model_.num_outputs(); ++i) {
      if (model_.output_tensor(i) == t) {
        if (first < 0) first = 0;
        last = num_ops > 0 ? num_ops - 1 : 0;
      }
    }
    if (first < 0) continue;  // never touched: no memory
    requests[count] = BufferRequest{static_cast<uint32_t>(info.bytes), first, last, 0};
    owner[count++] = t;
  }
  for (int s = 0; s < num_scratch_; ++s) {
    ScratchRecord record;
    memcpy(&record, &records[s], sizeof(record));
    requests[count] = BufferRequest{record.bytes, record.op, record.op, 0};
    owner[count++] = -1 - s;
  }

  const size_t planned = PlanGreedy(requests, count, kBufferAlignment, planner_scratch);
  const size_t head_used = static_cast<size_t>(temp + temp_bytes - arena_begin_);
  usage_.planned_bytes = planned;
  usage_.persistent_bytes = static_cast<size_t>(arena_end_ - tail_);
  usage_.planning_bytes = head_used;
  usage_.lower_bound_bytes = LiveSetLowerBound(requests, count);
  if (arena_begin_ + planned > tail_) {
    return Fail(Status::kArenaTooSmall,
                MOTE_MSG("arena too small: need %u bytes (%u planned + %u persistent), "
                "have %u",
                static_cast<unsigned>(usage_.total()),
                static_cast<unsigned>(planned),
                static_cast<unsigned>(usage_.persistent_bytes),
                static_cast<unsigned>(arena_end_ - arena_begin_)));
  }

  // Resolve pointers. Read every record before any buffer is written: the
  // planned buffers overlay the temporary data.
  for (int r = 0; r < count; ++r) {
    uint8_t* p = arena_begin_ + requests[r].offset;
    if (owner[r] >= 0) {
      offsets_[owner[r]] = static_cast<int32_t>(requests[r].offset);
      tensors_[owner[r]].data = p;
    } else {
      scratch_[-1 - owner[r]] = p;
    }
  }
  return Status::kOk;
}

Status Interpreter::Invoke() {
  if (!prepared_) {
    return Fail(Status::kInvalidArgument, MOTE_MSG("Invoke called before a successful Prepare"));
  }
  // Each invoke reports its own failure, not a stale one.
  errors_.Clear();
  const int num_ops = model_.num_operators();
  for (int i = 0; i < num_ops; ++i) {
    const OpRegistration* reg = nodes_[i].registration;
    if (reg->eval == nullptr) continue;
    EvalContextImpl ctx(this, i);
    if (profiler_ != nullptr) profiler_->OpBegin(i);
    const Status status = reg->eval(ctx);
    if (profiler_ != nullptr) profiler_->OpEnd(i);
    if (status != Status::kOk) {
      if (!errors_.has_error()) {
        Fail(status, MOTE_MSG("%s (op %d): eval failed", reg->name, i));
      }
      return status;
    }
  }
  return Status::kOk;
}

Status Interpreter::ResetState() {
  if (!prepared_) {
    return Fail(Status::kInvalidArgument, MOTE_MSG("ResetState called before Prepare"));
  }
  for (int t = 0; t < model_.num_tensors(); ++t) {
    const TensorInfo info = model_.tensor(t);
    if (info.is_variable && !info.is_const() && tensors_[t].data != nullptr) {
      FillVariable(info, tensors_[t].data);
    }
  }
  for (int i = 0; i < model_.num_operators(); ++i) {
    const OpRegistration* reg = nodes_[i].registration;
    if (reg->reset == nullptr) continue;
    EvalContextImpl ctx(this, i);
    MOTE_RETURN_IF_ERROR(reg->reset(ctx));
  }
  return Status::kOk;
}

EvalTensor* Interpreter::input(int i) const {
  if (!prepared_ || i < 0 || i >= inputs_size()) return nullptr;
  return &tensors_[model_.input_tensor(i)];
}

EvalTensor* Interpreter::output(int i) const {
  if (!prepared_ || i < 0 || i >= outputs_size()) return nullptr;
  return &tensors_[model_.output_tensor(i)];
}

TensorInfo Interpreter::input_info(int i) const {
  if (i < 0 || i >= inputs_size()) return TensorInfo();
  return model_.tensor(model_.input_tensor(i));
}

TensorInfo Interpreter::output_info(int i) const {
  if (i < 0 || i >= outputs_size()) return TensorInfo();
  return model_.tensor(model_.output_tensor(i));
}

EvalTensor* Interpreter::tensor(int index) const {
  if (!prepared_ || index < 0 || index >= model_.num_tensors()) return nullptr;
  return &tensors_[index];
}

int64_t Interpreter::planned_offset(int index) const {
  if (!prepared_ || index < 0 || index >= model_.num_tensors()) return -1;
  return offsets_[index];
}

}  // namespace mote
