// TANH: int8 with TFLite Micro's fixed-point algorithm (output scale 1/128,
// zero point 0), int16 with its table (output Q0.15, zero points 0) and
// float32.
#include "kernels/ref/tanh.h"
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
    // Input scales 2^-12 and 2^-11 use the table directly.
    return PrepareSigmoidS16(ctx, input, output, /*max_pot_shift=*/1,
                             &data->s16);
  }
  if (input.type != DataType::kInt8) return Status::kOk;
  // The kernel always writes 1/128 steps around 0 (the converter's fixed
  // output range for tanh). TFLite Micro does not check and would silently
  // mislabel any other output quantization; we refuse instead.
  MOTE_ENSURE_SUPPORTED(
      ctx,
      output.quant.scale(0) == 1.0f / 128 && output.quant.zero_point(0) == 0,
      "output '%s': int8 tanh supports only scale 1/128 and "
      "zero point 0, got %g and %d",
      output.name, static_cast<double>(output.quant.scale(0)),
      static_cast<int>(output.quant.zero_point(0)));
  data->s8 =
      ref::PrepareQ4InputS8(input.quant.scale(0), input.quant.zero_point(0));
  return Status::kOk;
}

constexpr SigmoidKernels kKernels = {ref::TanhS8, ref::TanhS16, ref::TanhF32};

Status Eval(EvalContext& ctx) { return EvalSigmoid(ctx, kKernels); }

}  // namespace

const OpRegistration& Register_TANH() {
  // Versions 1 (float32), 2 (int8) and 3 (int16).
  static constexpr OpRegistration r = {/*builtin_code=*/28,
                                       "TANH",
                                       InitOpData<SigmoidOpData>,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/3,
      /*dtypes=*/"int8, int16, float32"};
  return r;
}

}  // namespace mote
