// L2_NORMALIZATION along the last dimension: float32 and int8
// (kernels/ref/l2_normalization.h). The int8 output must be quantized with
// scale 1/128 and zero point 0, the only one TFLite's integer kernel writes
// (TFLite checks it; TFLite Micro would silently mislabel its result).
// Fused activations are not supported, as in TFLite.
#include "kernels/ref/l2_normalization.h"

#include <new>

#include "mote/op.h"
#include "ops/math_unary_common.h"
#include "ops/ops.h"
#include "schema/tflite_generated.h"

namespace mote {
namespace {

struct OpData {
  int32_t input_zero_point = 0;
  int32_t depth = 0;
  int64_t outer = 0;
};

Status Init(PrepareContext& ctx) {
  void* memory = ctx.AllocatePersistent(sizeof(OpData), alignof(OpData));
  if (memory == nullptr) return Status::kArenaTooSmall;
  ctx.set_user_data(new (memory) OpData());
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  TensorInfo input, output;
  MOTE_RETURN_IF_ERROR(PrepareSameTypeUnary(
      ctx, TypeBit(DataType::kFloat32) | TypeBit(DataType::kInt8),
      "float32 or int8", &input, &output));
  MOTE_ENSURE(ctx, input.shape.rank >= 1,
              "input '%s': needs at least one dimension to normalize",
              input.name);
  if (const tflite::L2NormOptions* opts =
          ctx.options<tflite::L2NormOptions>()) {
    MOTE_ENSURE_SUPPORTED(
        ctx,
        opts->fused_activation_function() ==
            tflite::ActivationFunctionType_NONE,
        "fused activation %d is not supported (only NONE)",
        static_cast<int>(opts->fused_activation_function()));
  }
  data->depth = input.shape.dims[input.shape.rank - 1];
  data->outer = input.shape.FlatSize(0, input.shape.rank - 1);
  if (input.type == DataType::kFloat32) return Status::kOk;

  MOTE_RETURN_IF_ERROR(CheckQuantS8Or16(ctx, input, "input"));
  MOTE_RETURN_IF_ERROR(CheckQuantS8Or16(ctx, output, "output"));
  MOTE_ENSURE_SUPPORTED(
      ctx,
      output.quant.scale(0) == ref::kL2NormOutputScaleS8 &&
          output.quant.zero_point(0) == 0,
      "output '%s': int8 L2_NORMALIZATION writes scale 1/128 and zero point "
      "0, but the output has scale %g and zero point %d",
      output.name, static_cast<double>(output.quant.scale(0)),
      static_cast<int>(output.quant.zero_point(0)));
  data->input_zero_point = input.quant.zero_point(0);
  return Status::kOk;
}

Status Eval(EvalContext& ctx) {
  const OpData* data = ctx.user_data<OpData>();
  const EvalTensor* input = ctx.input(0);
  EvalTensor* output = ctx.output(0);
  if (input->type == DataType::kFloat32) {
    ref::L2NormalizationF32(data->outer, data->depth, input->as<const float>(),
                            output->as<float>());
  } else {
    ref::L2NormalizationS8(data->input_zero_point, data->outer, data->depth,
                           input->as<const int8_t>(), output->as<int8_t>());
  }
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_L2_NORMALIZATION() {
  // Version 2: int8.
  static constexpr OpRegistration r = {
      /*builtin_code=*/11, "L2_NORMALIZATION", Init, Prepare, Eval, nullptr,
      /*max_version=*/2,
      /*dtypes=*/"int8, float32"};
  return r;
}

}  // namespace mote
