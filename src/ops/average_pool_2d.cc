// AVERAGE_POOL_2D: int8 and float32 NHWC, SAME/VALID padding, strides, fused
// RELU/RELU6/RELU_N1_TO_1. The average covers only the part of the window
// inside the input, as in TFLite.
#include "kernels/ref/pooling.h"
#include "ops/ops.h"
#include "ops/pooling_common.h"

namespace mote {
namespace {

Status Eval(EvalContext& ctx) {
  const pooling::OpData* data = ctx.user_data<pooling::OpData>();
  const EvalTensor* input = ctx.input(0);
  const EvalTensor* output = ctx.output(0);
  bool ok = false;
  if (input->type == DataType::kInt8) {
    ok = ref::AveragePoolS8(data->params, input->shape(), input->as<int8_t>(),
                            output->shape(), output->as<int8_t>());
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
                                       pooling::Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/3,
      /*dtypes=*/"int8, float32"};
  return r;
}

}  // namespace mote
