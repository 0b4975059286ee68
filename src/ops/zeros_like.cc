// ZEROS_LIKE: an output of the input's shape filled with 0. int8, int32,
// int64 and float32 as TFLite Micro; an int8 output holds the stored value 0
// whatever its zero point, as in TFLite.
#include <cstring>

#include "mote/op.h"
#include "ops/data_movement_common.h"
#include "ops/ops.h"

namespace mote {
namespace {

Status Prepare(PrepareContext& ctx) {
  MOTE_RETURN_IF_ERROR(CheckOperandCounts(ctx, 1, 1));
  const TensorInfo input = ctx.input(0);
  const TensorInfo output = ctx.output(0);
  MOTE_RETURN_IF_ERROR(
      CheckTypeIn(ctx, input, "input",
                  kTypesS8 | kTypesS32 | kTypesS64 | kTypesF32,
                  "int8, int32, int64 or float32"));
  MOTE_ENSURE(ctx, output.present() && output.type == input.type,
              "output '%s' must have the type of input '%s' (%s)",
              output.name, input.name, DataTypeName(input.type));
  MOTE_RETURN_IF_ERROR(CheckNotEmpty(ctx, input, "input"));
  return CheckOutputShape(ctx, output, input.shape, "the input");
}

Status Eval(EvalContext& ctx) {
  EvalTensor* output = ctx.output(0);
  // All-zero bytes are 0 (and +0.0f) in every supported type.
  std::memset(output->data, 0,
              static_cast<size_t>(output->shape().FlatSize()) *
                  DataTypeSize(output->type));
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_ZEROS_LIKE() {
  static constexpr OpRegistration r = {/*builtin_code=*/93,
                                       "ZEROS_LIKE",
                                       nullptr,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/1,
                                       /*dtypes=*/"int8, int32, int64, "
                                                  "float32"};
  return r;
}

}  // namespace mote
