// SPACE_TO_BATCH_ND: int8 and float32, 3-D (NHC) or 4-D (NHWC), constant
// block_shape and paddings (see block_ops_common.h).
//
// Padded positions hold the output zero point (real 0) as in TFLite; TFLite
// Micro leaves that value unset in its op data.
#include "kernels/ref/space_to_batch_nd.h"

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
  return PrepareSpaceBatch(ctx, /*to_batch=*/true,
                           ctx.user_data<SpaceBatchPlan>());
}

Status Eval(EvalContext& ctx) {
  const SpaceBatchPlan* plan = ctx.user_data<SpaceBatchPlan>();
  ref::SpaceToBatchND(plan->params, plan->input4, ctx.input(0)->data,
                      plan->output4, plan->pad_value, plan->element_size,
                      ctx.output(0)->data);
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_SPACE_TO_BATCH_ND() {
  // Version 2 is int8, 3 the 3-D form; 4 (int16) is refused in Prepare.
  static constexpr OpRegistration r = {/*builtin_code=*/38,
                                       "SPACE_TO_BATCH_ND",
                                       Init,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/3,
                                       /*dtypes=*/"int8, float32"};
  return r;
}

}  // namespace mote
