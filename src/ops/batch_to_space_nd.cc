// BATCH_TO_SPACE_ND: int8 and float32, 3-D (NHC) or 4-D (NHWC), constant
// block_shape and crops (see block_ops_common.h).
#include "kernels/ref/batch_to_space_nd.h"

#include "mote/op.h"
#include "ops/block_ops_common.h"
#include "ops/ops.h"

namespace mote {
namespace {

Status Init(PrepareContext& ctx) {
  SpaceBatchPlan* plan = ctx.AllocatePersistent<SpaceBatchPlan>();
  MOTE_ENSURE(ctx, plan != nullptr, "out of persistent memory");
  ctx.set_user_data(plan);
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  return PrepareSpaceBatch(ctx, /*to_batch=*/false,
                           ctx.user_data<SpaceBatchPlan>());
}

Status Eval(EvalContext& ctx) {
  const SpaceBatchPlan* plan = ctx.user_data<SpaceBatchPlan>();
  ref::BatchToSpaceND(plan->params, plan->input4, ctx.input(0)->data,
                      plan->output4, plan->element_size, ctx.output(0)->data);
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_BATCH_TO_SPACE_ND() {
  // Version 2 is int8, 3 the 3-D form; 4 (int16) is refused in Prepare.
  static constexpr OpRegistration r = {/*builtin_code=*/37,
                                       "BATCH_TO_SPACE_ND",
                                       Init,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/3,
                                       /*dtypes=*/"int8, float32"};
  return r;
}

}  // namespace mote
