// SUB: int8 and int16x8 (TFLite's requantizing subtraction, inputs with
// different scales), int32 and float32, with NumPy broadcasting up to rank 6
// and fused RELU/RELU6/RELU_N1_TO_1. SubOptions.pot_scale_int16 is not read:
// TFLite Micro runs the general int16 path whatever it says.
#include "kernels/ref/sub.h"
#include "ops/arithmetic_common.h"
#include "ops/ops.h"
#include "schema/tflite_generated.h"

namespace mote {
namespace {

using Params = ref::AddSubParams;

Status Init(PrepareContext& ctx) {
  return InitArithmetic<Params>(ctx, ctx.options<tflite::SubOptions>());
}

Status CheckInt32(PrepareContext& ctx, const ArithmeticTensors& t) {
  MOTE_ENSURE_SUPPORTED(ctx,
                        !t.input1.is_quantized() && !t.input2.is_quantized() &&
                            !t.output.is_quantized(),
                        "int32 tensors '%s', '%s' and '%s' must not be "
                        "quantized",
                        t.input1.name, t.input2.name, t.output.name);
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  // Unlike ADD, TFLite applies the fused activation to an int32 SUB.
  return PrepareArithmetic<Params>(ctx, ref::MakeSubParams, CheckInt32,
                                   /*int32_activation=*/true);
}

constexpr ArithmeticKernels<Params> kKernels = {ref::SubS8, ref::SubS16,
                                                ref::SubS32, ref::SubF32};

Status Eval(EvalContext& ctx) { return EvalArithmetic(ctx, kKernels); }

}  // namespace

const OpRegistration& Register_SUB() {
  // Versions 2 (int8), 3 (broadcasting above rank 4) and 5 (int16, general
  // scales); 4 is int64, which Prepare rejects by type.
  static constexpr OpRegistration r = {
      /*builtin_code=*/41, "SUB", Init, Prepare, Eval, nullptr,
      /*max_version=*/5,
      /*dtypes=*/"int8, int16x8, int32, float32"};
  return r;
}

}  // namespace mote
