// MUL: int8 and int16x8 (one rescale by in1_scale * in2_scale / out_scale,
// which may exceed 1), int32 and float32, with NumPy broadcasting up to
// rank 6 and fused RELU/RELU6/RELU_N1_TO_1.
#include "kernels/ref/mul.h"
#include "ops/arithmetic_common.h"
#include "ops/ops.h"
#include "schema/tflite_generated.h"

namespace mote {
namespace {

using Params = ref::MulParams;

Status Init(PrepareContext& ctx) {
  return InitArithmetic<Params>(ctx, ctx.options<tflite::MulOptions>());
}

// TFLite multiplies int32 tensors as plain integers, whatever their
// quantization parameters say.
Status CheckInt32(PrepareContext&, const ArithmeticTensors&) {
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  return PrepareArithmetic<Params>(ctx, ref::MakeMulParams, CheckInt32,
                                   /*int32_activation=*/true);
}

constexpr ArithmeticKernels<Params> kKernels = {ref::MulS8, ref::MulS16,
                                                ref::MulS32, ref::MulF32};

Status Eval(EvalContext& ctx) { return EvalArithmetic(ctx, kKernels); }

}  // namespace

const OpRegistration& Register_MUL() {
  // Versions 3 (a rescale >= 1) and 4 (int16) are supported; 5 to 7 add
  // int64, complex64, unquantized int16 and uint32, which Prepare rejects.
  static constexpr OpRegistration r = {
      /*builtin_code=*/18, "MUL", Init, Prepare, Eval, nullptr,
      /*max_version=*/7,
      /*dtypes=*/"int8, int16x8, int32, float32"};
  return r;
}

}  // namespace mote
