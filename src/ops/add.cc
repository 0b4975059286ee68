// ADD: int8 and int16x8 (TFLite's general requantizing add, inputs with
// different scales), int32 and float32, with NumPy broadcasting up to rank 6
// and fused RELU/RELU6/RELU_N1_TO_1 (ignored for int32, as TFLite does).
// AddOptions.pot_scale_int16 is not read: TFLite Micro runs the general
// int16 path whatever it says.
#include "kernels/ref/add.h"
#include "kernels/select.h"
#include "ops/arithmetic_common.h"
#include "ops/ops.h"
#include "schema/tflite_generated.h"

namespace mote {
namespace {

using Params = ref::AddSubParams;

Status Init(PrepareContext& ctx) {
  return InitArithmetic<Params>(ctx, ctx.options<tflite::AddOptions>());
}

Status CheckInt32(PrepareContext& ctx, const ArithmeticTensors& t) {
  MOTE_ENSURE_SUPPORTED(
      ctx, !t.input1.is_quantized() && !t.input2.is_quantized(),
      "int32 inputs '%s' and '%s' must not be quantized", t.input1.name,
      t.input2.name);
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  return PrepareArithmetic<Params>(ctx, ref::MakeAddParams, CheckInt32,
                                   /*int32_activation=*/false);
}

// int8 through kernels/select.h (no scratch), the others the reference.
constexpr ArithmeticKernels<Params> kKernels = {opt::AddS8, ref::AddS16,
                                                ref::AddS32, ref::AddF32};

Status Eval(EvalContext& ctx) { return EvalArithmetic(ctx, kKernels); }

}  // namespace

const OpRegistration& Register_ADD() {
  // Versions 1 (float32), 2 (int8), 3 (int16, general scales) and 5
  // (unquantized int16, which Prepare rejects); 4 is int64, rejected too.
  static constexpr OpRegistration r = {
      /*builtin_code=*/0, "ADD", Init, Prepare, Eval, nullptr,
      /*max_version=*/5,
      /*dtypes=*/"int8, int16x8, int32, float32"};
  return r;
}

}  // namespace mote
