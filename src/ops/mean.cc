// MEAN (reduce_mean), int8 and float32, any constant set of axes.
//
// Matches TFLite Micro's reduce_common.cc: the int8 multiplier is
// QuantizeMultiplier(input_scale / output_scale) computed in double in
// Prepare, and every int8 case goes through QuantizedMeanOrSum (see
// kernels/ref/mean.h); the axis tensor must be constant here, which is what
// converters emit. The int32 sums live in a scratch buffer of one int32 per
// output element.
#include "kernels/ref/mean.h"

#include "kernels/quant_math.h"
#include "mote/op.h"
#include "ops/ops.h"
#include "ops/reduce_common.h"

namespace mote {
namespace {

struct OpData {
  bool reduced[Shape::kMaxRank];
  ref::MeanS8Params params;
  int scratch_handle;
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

  data->scratch_handle = -1;
  if (input.type != DataType::kInt8) return Status::kOk;

  MOTE_RETURN_IF_ERROR(CheckReduceQuantized(ctx, input, output));
  const float input_scale = input.quant.scale();
  const float output_scale = output.quant.scale();
  ref::MeanS8Params& params = data->params;
  params.input_zero_point = input.quant.zero_point();
  params.output_zero_point = output.quant.zero_point();
  QuantizeMultiplier(
      static_cast<double>(input_scale) / static_cast<double>(output_scale),
      &params.multiplier, &params.shift);
  // TFLite folds 1/count into the multiplier at every Eval; the result only
  // depends on static shapes, so it is done once here.
  ref::FoldMeanCount(ref::ReducedCount(input.shape, data->reduced),
                     &params.multiplier, &params.shift);

  const int64_t num_outputs = reduced_shape.FlatSize();
  if (num_outputs > 0) {
    MOTE_RETURN_IF_ERROR(
        ctx.RequestScratch(static_cast<size_t>(num_outputs) * sizeof(int32_t),
                           &data->scratch_handle));
  }
  return Status::kOk;
}

Status Eval(EvalContext& ctx) {
  const OpData* data = ctx.user_data<OpData>();
  const EvalTensor* input = ctx.input(0);
  EvalTensor* output = ctx.output(0);
  if (input->type == DataType::kFloat32) {
    ref::MeanF32(input->shape(), input->as<const float>(), data->reduced,
                 output->as<float>());
    return Status::kOk;
  }
  if (data->scratch_handle < 0) return Status::kOk;  // empty output
  int32_t* scratch = static_cast<int32_t*>(ctx.scratch(data->scratch_handle));
  ref::MeanS8(data->params, input->shape(), input->as<const int8_t>(),
              data->reduced, scratch, output->as<int8_t>());
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_MEAN() {
  static constexpr OpRegistration r = {/*builtin_code=*/40,
                                       "MEAN",
                                       Init,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/3,
      /*dtypes=*/"int8, float32"};
  return r;
}

}  // namespace mote
