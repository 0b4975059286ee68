// RSQRT: float32 (1.f / std::sqrt(x)) and int8 (TFLite Micro's
// RsqrtEvalQuantized, kernels/ref/rsqrt.h). An int8 input below its zero
// point fails the op at Eval, as TFLite Micro does. Version 3 adds int16,
// which Prepare rejects by type.
#include "kernels/ref/rsqrt.h"

#include <new>

#include "kernels/ref/elementwise.h"
#include "mote/op.h"
#include "ops/math_unary_common.h"
#include "ops/ops.h"

namespace mote {
namespace {

struct OpData {
  ref::RsqrtParamsS8 params;
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
  if (input.type != DataType::kInt8) return Status::kOk;
  MOTE_RETURN_IF_ERROR(CheckQuantS8Or16(ctx, input, "input"));
  MOTE_RETURN_IF_ERROR(CheckQuantS8Or16(ctx, output, "output"));
  data->params =
      ref::MakeRsqrtParamsS8(input.quant.scale(0), input.quant.zero_point(0),
                             output.quant.scale(0), output.quant.zero_point(0));
  // The final rescale shifts by the multiplier's own shift minus 20 bits;
  // MultiplyByQuantizedMultiplier is defined for shifts in [-31, 31].
  const int final_shift = data->params.shift - ref::kRsqrtExtraBits;
  MOTE_ENSURE_SUPPORTED(
      ctx, final_shift >= -31 && final_shift <= 31,
      "input '%s' to output '%s': rescale factor 1 / (sqrt(%g) * %g) is too "
      "%s",
      input.name, output.name, static_cast<double>(input.quant.scale(0)),
      static_cast<double>(output.quant.scale(0)),
      final_shift < -31 ? "small" : "large");
  return Status::kOk;
}

Status Eval(EvalContext& ctx) {
  const EvalTensor* input = ctx.input(0);
  EvalTensor* output = ctx.output(0);
  const int64_t size = input->shape().FlatSize();
  if (input->type == DataType::kFloat32) {
    ref::RsqrtF32(size, input->as<const float>(), output->as<float>());
    return Status::kOk;
  }
  const int64_t bad = ref::RsqrtS8(ctx.user_data<OpData>()->params, size,
                                   input->as<const int8_t>(),
                                   output->as<int8_t>());
  if (bad >= 0) {
    return ctx.Fail(Status::kInvalidArgument,
                    MOTE_MSG("input element %lld is below the zero point: "
                             "RSQRT is only defined for non-negative values",
                             static_cast<long long>(bad)));
  }
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_RSQRT() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/76, "RSQRT", Init, Prepare, Eval, nullptr,
      /*max_version=*/3,
      /*dtypes=*/"int8, float32"};
  return r;
}

}  // namespace mote
