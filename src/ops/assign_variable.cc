// ASSIGN_VARIABLE: copies its value input into the resource variable named
// by its resource input (see var_handle_common.h). Inputs: resource, value;
// no outputs.
#include <cstring>

#include "ops/ops.h"
#include "ops/var_handle_common.h"

namespace mote {
namespace {

Status Prepare(PrepareContext& ctx) {
  MOTE_ENSURE(ctx, ctx.num_inputs() == 2, "expected 2 inputs (resource, value), got %d",
              ctx.num_inputs());
  MOTE_ENSURE(ctx, ctx.num_outputs() == 0, "expected no outputs, got %d",
              ctx.num_outputs());
  uint32_t bytes = 0;
  MOTE_RETURN_IF_ERROR(ResolveVariable(ctx, &bytes));
  const TensorInfo value = ctx.input(1);
  MOTE_ENSURE(ctx, value.present(), "the value input is required");
  // The first assignment sized the variable; TFLite Micro requires every
  // later one to match it.
  MOTE_ENSURE(ctx, value.bytes == bytes && bytes > 0,
              "value '%s' has %u bytes, the variable holds %u (set by its first "
              "ASSIGN_VARIABLE)",
              value.name, static_cast<unsigned>(value.bytes), static_cast<unsigned>(bytes));
  return Status::kOk;
}

Status Eval(EvalContext& ctx) {
  const ResourceVariable* v = ctx.input(0)->as<const ResourceVariable>();
  if (v == nullptr || v->data == nullptr) {
    return ctx.Fail(Status::kInternal, MOTE_MSG("resource variable not bound"));
  }
  std::memcpy(v->data, ctx.input(1)->data, v->bytes);
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_ASSIGN_VARIABLE() {
  static constexpr OpRegistration r = {/*builtin_code=*/kAssignVariableCode,
                                       "ASSIGN_VARIABLE",
                                       nullptr,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/1,
                                       /*dtypes=*/"any (copied bytes)"};
  return r;
}

}  // namespace mote
