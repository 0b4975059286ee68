// CAST: converts each element between int8, int16, int32, uint32, float32
// and bool (bool only as the source), TFLite Micro's set. Quantization is
// ignored: TFLite casts the stored values (see kernels/ref/cast.h for the
// out-of-range cases).
#include "kernels/ref/cast.h"

#include "mote/op.h"
#include "ops/data_movement_common.h"
#include "ops/ops.h"

namespace mote {
namespace {

constexpr uint32_t kTargets =
    kTypesS8 | kTypesS16 | kTypesS32 | kTypesU32 | kTypesF32;

Status Prepare(PrepareContext& ctx) {
  MOTE_RETURN_IF_ERROR(CheckOperandCounts(ctx, 1, 1));
  const TensorInfo input = ctx.input(0);
  const TensorInfo output = ctx.output(0);
  MOTE_RETURN_IF_ERROR(
      CheckTypeIn(ctx, input, "input", kTargets | kTypesBool,
                  "int8, int16, int32, uint32, float32 or bool"));
  MOTE_RETURN_IF_ERROR(CheckTypeIn(ctx, output, "output", kTargets,
                                   "int8, int16, int32, uint32 or float32"));
  MOTE_RETURN_IF_ERROR(CheckNotEmpty(ctx, input, "input"));
  return CheckOutputShape(ctx, output, input.shape, "the input");
}

Status Eval(EvalContext& ctx) {
  const EvalTensor* input = ctx.input(0);
  EvalTensor* output = ctx.output(0);
  ref::Cast(input->type, input->data, output->type, output->data,
            input->shape().FlatSize());
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_CAST() {
  // Version 2 is uint32, 3 int8; 4 and up (uint16, float16/64, int4,
  // bfloat16) are refused in Prepare.
  static constexpr OpRegistration r = {/*builtin_code=*/53,
                                       "CAST",
                                       nullptr,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/3,
                                       /*dtypes=*/"int8, int16, int32, uint32, "
                                                  "float32 (bool input)"};
  return r;
}

}  // namespace mote
