// AVERAGE_POOL_2D: int8 and float32 NHWC, SAME/VALID padding, strides, fused
// RELU/RELU6/RELU_N1_TO_1. The average covers only the part of the window
// inside the input, as in TFLite.
#include "kernels/ref/pooling.h"
#include "kernels/scratch_plan.h"
#include "kernels/select.h"
#include "ops/ops.h"
#include "ops/pooling_common.h"

namespace mote {
namespace {

Status Prepare(PrepareContext& ctx) {
  MOTE_RETURN_IF_ERROR(pooling::Prepare(ctx));
  pooling::OpData* data = ctx.user_data<pooling::OpData>();
  data->scratch_index = -1;
  const TensorInfo input = ctx.input(0);
  if (input.type != DataType::kInt8) return Status::kOk;
  const size_t bytes = opt::PlannedAveragePoolS8_ScratchBytes(
      data->params, input.shape, ctx.output(0).shape);
  return bytes > 0 ? ctx.RequestScratch(bytes, &data->scratch_index)
                   : Status::kOk;
}

Status Eval(EvalContext& ctx) {
  const pooling::OpData* data = ctx.user_data<pooling::OpData>();
  const EvalTensor* input = ctx.input(0);
  const EvalTensor* output = ctx.output(0);
  bool ok = false;
  if (input->type == DataType::kInt8) {
    ok = opt::AveragePoolS8(
        data->params, input->shape(), input->as<int8_t>(), output->shape(),
        output->as<int8_t>(),
        data->scratch_index >= 0 ? ctx.scratch(data->scratch_index) : nullptr);
  } else {
    ok = ref::AveragePoolF32(data->params, input->shape(), input->as<float>(),
                             output->shape(), output->as<float>());
  }
  // Prepare's geometry makes every window overlap the input.
  if (!ok) {
    return ctx.Fail(Status::kInternal,
                    MOTE_MSG("a pooling window lies outside the input"));
  }
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_AVERAGE_POOL_2D() {
  // Version 3 adds int16, which Prepare rejects by type.
  static constexpr OpRegistration r = {/*builtin_code=*/1,
                                       "AVERAGE_POOL_2D",
                                       pooling::Init,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/3,
      /*dtypes=*/"int8, float32"};
  return r;
}

}  // namespace mote
