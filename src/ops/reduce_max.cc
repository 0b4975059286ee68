// REDUCE_MAX: int8 and float32 over any constant set of axes.
//
// The int8 maximum is taken on raw values, so TFLite Micro requires the
// input and output to share scale and zero point (it checks at every Eval;
// mote once here). Version 3 adds int16, which Prepare rejects by type.
#include "kernels/ref/reduce_max.h"

#include "mote/op.h"
#include "ops/ops.h"
#include "ops/reduce_common.h"

namespace mote {
namespace {

struct OpData {
  bool reduced[Shape::kMaxRank];
};

Status Init(PrepareContext& ctx) {
  OpData* data = ctx.AllocatePersistent<OpData>();
  MOTE_ENSURE(ctx, data != nullptr, "out of persistent memory");
  ctx.set_user_data(data);
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  MOTE_RETURN_IF_ERROR(CheckReduceArity(ctx));
  const TensorInfo input = ctx.input(0);
  const TensorInfo output = ctx.output(0);
  MOTE_ENSURE_SUPPORTED(
      ctx, input.type == DataType::kInt8 || input.type == DataType::kFloat32,
      "input '%s': expected int8 or float32, got %s", input.name,
      DataTypeName(input.type));
  MOTE_RETURN_IF_ERROR(CheckReduceSameType(ctx, input, output));
  Shape reduced_shape;
  MOTE_RETURN_IF_ERROR(
      PrepareReduction(ctx, input, output, data->reduced, &reduced_shape));
  if (input.type == DataType::kFloat32) return Status::kOk;

  MOTE_RETURN_IF_ERROR(CheckReduceQuantized(ctx, input, output));
  MOTE_ENSURE(ctx,
              input.quant.scale() == output.quant.scale() &&
                  input.quant.zero_point() == output.quant.zero_point(),
              "int8 input '%s' (scale %g, zero point %d) and output '%s' "
              "(scale %g, zero point %d) must share their quantization",
              input.name, static_cast<double>(input.quant.scale()),
              static_cast<int>(input.quant.zero_point()), output.name,
              static_cast<double>(output.quant.scale()),
              static_cast<int>(output.quant.zero_point()));
  return Status::kOk;
}

Status Eval(EvalContext& ctx) {
  const OpData* data = ctx.user_data<OpData>();
  const EvalTensor* input = ctx.input(0);
  EvalTensor* output = ctx.output(0);
  if (input->type == DataType::kFloat32) {
    ref::ReduceMaxF32(input->shape(), input->as<const float>(), data->reduced,
                      output->as<float>());
  } else {
    ref::ReduceMaxS8(input->shape(), input->as<const int8_t>(), data->reduced,
                     output->as<int8_t>());
  }
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_REDUCE_MAX() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/82, "REDUCE_MAX", Init, Prepare, Eval, nullptr,
      /*max_version=*/3,
      /*dtypes=*/"int8, float32"};
  return r;
}

}  // namespace mote
