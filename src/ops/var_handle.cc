// VAR_HANDLE: names a resource variable and owns its storage (see
// var_handle_common.h). No inputs; one resource output.
#include <cstring>
#include <new>

#include "ops/ops.h"
#include "ops/var_handle_common.h"
#include "schema/tflite_generated.h"

namespace mote {

namespace {

struct OpData {
  ResourceVariable variable;
  const char* container = nullptr;  // in the model; null when absent
  const char* shared_name = "";
};

const char* StringOrNull(const flatbuffers::String* s) {
  return s != nullptr ? s->c_str() : nullptr;
}

// The (container, shared_name) of VAR_HANDLE op `op`.
void HandleName(const Model& model, int op, const char** container,
                const char** shared_name) {
  *container = nullptr;
  *shared_name = "";
  if (const tflite::VarHandleOptions* opts =
          model.options<tflite::VarHandleOptions>(op)) {
    *container = StringOrNull(opts->container());
    if (opts->shared_name() != nullptr) *shared_name = opts->shared_name()->c_str();
  }
}

// TFLite Micro's FindId: an absent container matches any container.
bool SameVariable(const char* container_a, const char* name_a, const char* container_b,
                  const char* name_b) {
  if (std::strcmp(name_a, name_b) != 0) return false;
  if (container_a == nullptr || container_b == nullptr) return true;
  return std::strcmp(container_a, container_b) == 0;
}

Status Init(PrepareContext& ctx) {
  void* memory = ctx.AllocatePersistent(sizeof(OpData), alignof(OpData));
  if (memory == nullptr) return Status::kArenaTooSmall;
  OpData* data = new (memory) OpData();
  HandleName(ctx.model(), ctx.op_index(), &data->container, &data->shared_name);
  ctx.set_user_data(data);
  return Status::kOk;
}

void Fill(const ResourceVariable& v) {
  if (v.data != nullptr) std::memset(v.data, v.default_byte, v.bytes);
}

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  MOTE_ENSURE(ctx, ctx.num_inputs() == 0, "expected no inputs, got %d", ctx.num_inputs());
  MOTE_ENSURE(ctx, ctx.num_outputs() == 1, "expected 1 output, got %d", ctx.num_outputs());
  const TensorInfo output = ctx.output(0);
  MOTE_ENSURE(ctx, output.type == DataType::kResource || output.type == DataType::kInt32,
              "output '%s': expected a resource, got %s", output.name,
              DataTypeName(output.type));
  const Model& model = ctx.model();
  for (int op = 0; op < ctx.op_index(); ++op) {
    if (model.op_builtin_code(op) != kVarHandleCode) continue;
    const char* container = nullptr;
    const char* name = "";
    HandleName(model, op, &container, &name);
    MOTE_ENSURE_SUPPORTED(ctx, !SameVariable(container, name, data->container, data->shared_name),
                          "variable '%s' already has a handle (op %d); one VAR_HANDLE "
                          "per variable is supported",
                          data->shared_name, op);
  }

  // Prepare runs once per interpreter; the storage is sized by the first
  // assignment of this handle's resource.
  if (data->variable.data != nullptr) return Status::kOk;
  const int assign = FindFirstAssign(model, output.index);
  if (assign < 0) return Status::kOk;  // never assigned: READ refuses it
  const TensorInfo value = model.tensor(model.op_input(assign, 1));
  if (value.bytes == 0) return Status::kOk;
  data->variable.bytes = static_cast<uint32_t>(value.bytes);
  // TFLite Micro memsets the buffer with the value's zero point cast to
  // int8, whatever the value type.
  data->variable.default_byte =
      value.quant.count > 0 ? static_cast<uint8_t>(static_cast<int8_t>(value.quant.zero_point(0)))
                            : 0;
  data->variable.data = ctx.AllocatePersistent(value.bytes, 16);
  if (data->variable.data == nullptr) return Status::kArenaTooSmall;
  Fill(data->variable);
  return Status::kOk;
}

Status Eval(EvalContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  // The resource tensor carries the record to READ and ASSIGN.
  ctx.output(0)->data = &data->variable;
  return Status::kOk;
}

Status Reset(EvalContext& ctx) {
  Fill(ctx.user_data<OpData>()->variable);
  return Status::kOk;
}

}  // namespace

int FindVarHandleWriting(const Model& model, int32_t tensor) {
  for (int op = 0; op < model.num_operators(); ++op) {
    if (model.op_builtin_code(op) != kVarHandleCode) continue;
    for (int k = 0; k < model.op_num_outputs(op); ++k) {
      if (model.op_output(op, k) == tensor) return op;
    }
  }
  return -1;
}

int FindFirstAssign(const Model& model, int32_t tensor) {
  for (int op = 0; op < model.num_operators(); ++op) {
    if (model.op_builtin_code(op) == kAssignVariableCode && model.op_num_inputs(op) >= 1 &&
        model.op_input(op, 0) == tensor) {
      return op;
    }
  }
  return -1;
}

Status ResolveVariable(PrepareContext& ctx, uint32_t* bytes) {
  const TensorInfo resource = ctx.input(0);
  MOTE_ENSURE(ctx, resource.present(), "the resource input is required");
  MOTE_ENSURE(ctx,
              (resource.type == DataType::kResource || resource.type == DataType::kInt32) &&
                  resource.shape.FlatSize() == 1,
              "input '%s': expected one resource handle, got %s with %lld elements",
              resource.name, DataTypeName(resource.type),
              static_cast<long long>(resource.shape.FlatSize()));
  const Model& model = ctx.model();
  const int handle = FindVarHandleWriting(model, resource.index);
  MOTE_ENSURE_SUPPORTED(ctx, handle >= 0,
                        "resource '%s' is not made by a VAR_HANDLE of this graph",
                        resource.name);
  const char* container = nullptr;
  const char* name = "";
  HandleName(model, handle, &container, &name);
  const int assign = FindFirstAssign(model, resource.index);
  MOTE_ENSURE(ctx, assign >= 0, "variable '%s' (VAR_HANDLE op %d) is never assigned", name,
              handle);
  *bytes = static_cast<uint32_t>(model.tensor(model.op_input(assign, 1)).bytes);
  return Status::kOk;
}

const OpRegistration& Register_VAR_HANDLE() {
  static constexpr OpRegistration r = {/*builtin_code=*/kVarHandleCode,
                                       "VAR_HANDLE",
                                       Init,
                                       Prepare,
                                       Eval,
                                       Reset,
                                       /*max_version=*/1,
                                       /*dtypes=*/"resource"};
  return r;
}

}  // namespace mote
