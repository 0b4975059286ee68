// MAX_POOL_2D: int8 and float32 NHWC, SAME/VALID padding, strides, fused
// RELU/RELU6/RELU_N1_TO_1. Padding never wins the max: only input elements
// are compared, as in TFLite.
#include "kernels/ref/pooling.h"
#include "kernels/select.h"
#include "ops/ops.h"
#include "ops/pooling_common.h"

namespace mote {
namespace {

Status Eval(EvalContext& ctx) {
  const pooling::OpData* data = ctx.user_data<pooling::OpData>();
  const EvalTensor* input = ctx.input(0);
  const EvalTensor* output = ctx.output(0);
  if (input->type == DataType::kInt8) {
    opt::MaxPoolS8(data->params, input->shape(), input->as<int8_t>(),
                   output->shape(), output->as<int8_t>());
  } else {
    ref::MaxPoolF32(data->params, input->shape(), input->as<float>(),
                    output->shape(), output->as<float>());
  }
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_MAX_POOL_2D() {
  // Version 3 adds int16, which Prepare rejects by type.
  static constexpr OpRegistration r = {
      /*builtin_code=*/17, "MAX_POOL_2D", pooling::Init,
      pooling::Prepare,    Eval,          nullptr,
      /*max_version=*/3,
      /*dtypes=*/"int8, float32"};
  return r;
}

}  // namespace mote
