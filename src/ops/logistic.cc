// LOGISTIC (sigmoid): int8 with TFLite Micro's fixed-point algorithm
// (output scale 1/256, zero point -128), int16 with its table (output
// Q0.15, zero points 0) and float32.
#include "kernels/ref/logistic.h"
#include "ops/op_common.h"
#include "ops/ops.h"
#include "ops/sigmoid_common.h"
#include "ops/unary_common.h"

namespace mote {
namespace {

Status Prepare(PrepareContext& ctx) {
  SigmoidOpData* data = ctx.user_data<SigmoidOpData>();
  TensorInfo input;
  TensorInfo output;
  MOTE_RETURN_IF_ERROR(PrepareActivation(ctx, /*allow_int16=*/true, &input,
                                         &output, &data->size));
  if (input.type == DataType::kInt16) {
    // Only a 2^-12 input scale uses the table directly.
    return PrepareSigmoidS16(ctx, input, output, /*max_pot_shift=*/0,
                             &data->s16);
  }
  if (input.type != DataType::kInt8) return Status::kOk;
  MOTE_ENSURE(ctx, output.quant.zero_point(0) == -128,
              "output '%s': int8 logistic needs zero point -128, got %d",
              output.name, static_cast<int>(output.quant.zero_point(0)));
  // The kernel always writes 1/256 steps. TFLite Micro does not check the
  // scale and would silently mislabel its output; we refuse instead.
  MOTE_ENSURE_SUPPORTED(ctx, output.quant.scale(0) == 1.0f / 256,
                        "output '%s': int8 logistic supports only scale 1/256, "
                        "got %g",
                        output.name,
                        static_cast<double>(output.quant.scale(0)));
  data->s8 =
      ref::PrepareQ4InputS8(input.quant.scale(0), input.quant.zero_point(0));
  return Status::kOk;
}

constexpr SigmoidKernels kKernels = {ref::LogisticS8, ref::LogisticS16,
                                     ref::LogisticF32};

Status Eval(EvalContext& ctx) { return EvalSigmoid(ctx, kKernels); }

}  // namespace

const OpRegistration& Register_LOGISTIC() {
  // Versions 1 (float32), 2 (int8) and 3 (int16).
  static constexpr OpRegistration r = {/*builtin_code=*/14,
                                       "LOGISTIC",
                                       InitOpData<SigmoidOpData>,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/3,
      /*dtypes=*/"int8, int16, float32"};
  return r;
}

}  // namespace mote
