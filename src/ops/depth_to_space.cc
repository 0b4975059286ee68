// DEPTH_TO_SPACE: int8 and float32, NHWC (see block_ops_common.h).
#include "kernels/ref/depth_to_space.h"

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
  return PrepareDepthSpace(ctx, /*to_depth=*/false,
                           &ctx.user_data<OpData>()->block_size);
}

Status Eval(EvalContext& ctx) {
  const EvalTensor* input = ctx.input(0);
  const EvalTensor* output = ctx.output(0);
  ref::DepthToSpace(ctx.user_data<OpData>()->block_size, input->shape(),
                    input->data, output->shape(), DataTypeSize(input->type),
                    output->data);
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_DEPTH_TO_SPACE() {
  static constexpr OpRegistration r = {/*builtin_code=*/5,
                                       "DEPTH_TO_SPACE",
                                       Init,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/2,
                                       /*dtypes=*/"int8, float32"};
  return r;
}

}  // namespace mote
