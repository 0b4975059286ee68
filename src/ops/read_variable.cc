// READ_VARIABLE: copies the resource variable named by its input into its
// output (see var_handle_common.h). The variable must be assigned somewhere
// in the graph, which sizes it.
#include <cstring>

#include "ops/ops.h"
#include "ops/var_handle_common.h"

namespace mote {
namespace {

Status Prepare(PrepareContext& ctx) {
  MOTE_ENSURE(ctx, ctx.num_inputs() == 1, "expected 1 input (resource), got %d",
              ctx.num_inputs());
  MOTE_ENSURE(ctx, ctx.num_outputs() == 1, "expected 1 output, got %d",
              ctx.num_outputs());
  uint32_t bytes = 0;
  MOTE_RETURN_IF_ERROR(ResolveVariable(ctx, &bytes));
  const TensorInfo output = ctx.output(0);
  MOTE_ENSURE(ctx, output.bytes == bytes,
              "output '%s' has %u bytes, the variable holds %u", output.name,
              static_cast<unsigned>(output.bytes), static_cast<unsigned>(bytes));
  return Status::kOk;
}

Status Eval(EvalContext& ctx) {
  const ResourceVariable* v = ctx.input(0)->as<const ResourceVariable>();
  if (v == nullptr || v->data == nullptr) {
    return ctx.Fail(Status::kInternal, MOTE_MSG("resource variable not bound"));
  }
  std::memcpy(ctx.output(0)->data, v->data, v->bytes);
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_READ_VARIABLE() {
  static constexpr OpRegistration r = {/*builtin_code=*/kReadVariableCode,
                                       "READ_VARIABLE",
                                       nullptr,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/1,
                                       /*dtypes=*/"any (copied bytes)"};
  return r;
}

}  // namespace mote
