// SPACE_TO_DEPTH: int8 and float32, NHWC (see block_ops_common.h).
#include "kernels/ref/space_to_depth.h"

#include "mote/op.h"
#include "ops/block_ops_common.h"
#include "ops/ops.h"

namespace mote {
namespace {

struct OpData {
  int32_t block_size;
};

Status Init(PrepareContext& ctx) {
  OpData* data = ctx.AllocatePersistent<OpData>();
  MOTE_ENSURE(ctx, data != nullptr, "out of persistent memory");
  ctx.set_user_data(data);
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  return PrepareDepthSpace(ctx, /*to_depth=*/true,
                           &ctx.user_data<OpData>()->block_size);
}

Status Eval(EvalContext& ctx) {
  const EvalTensor* input = ctx.input(0);
  const EvalTensor* output = ctx.output(0);
  ref::SpaceToDepth(ctx.user_data<OpData>()->block_size, input->shape(),
                    input->data, output->shape(), DataTypeSize(input->type),
                    output->data);
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_SPACE_TO_DEPTH() {
  static constexpr OpRegistration r = {/*builtin_code=*/26,
                                       "SPACE_TO_DEPTH",
                                       Init,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/2,
                                       /*dtypes=*/"int8, float32"};
  return r;
}

}  // namespace mote
