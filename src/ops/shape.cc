// SHAPE: writes the input's dimensions into an int32 vector (TFLite Micro
// supports only an int32 output). The input's data is never read, so its
// type and size do not matter.
#include "mote/op.h"
#include "ops/data_movement_common.h"
#include "ops/ops.h"

namespace mote {
namespace {

Status Prepare(PrepareContext& ctx) {
  MOTE_RETURN_IF_ERROR(CheckOperandCounts(ctx, 1, 1));
  const TensorInfo input = ctx.input(0);
  const TensorInfo output = ctx.output(0);
  MOTE_ENSURE(ctx, input.present(), "the input tensor is missing");
  MOTE_RETURN_IF_ERROR(
      CheckTypeIn(ctx, output, "output", kTypesS32, "int32"));
  MOTE_RETURN_IF_ERROR(CheckNotEmpty(ctx, output, "output"));
  Shape expected;
  expected.rank = 1;
  expected.dims[0] = input.shape.rank;
  return CheckOutputShape(ctx, output, expected, "the input's rank");
}

Status Eval(EvalContext& ctx) {
  const EvalTensor* input = ctx.input(0);
  int32_t* out = ctx.output_data<int32_t>(0);
  for (int i = 0; i < input->rank; ++i) out[i] = input->dims[i];
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_SHAPE() {
  static constexpr OpRegistration r = {/*builtin_code=*/77,
                                       "SHAPE",
                                       nullptr,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/1,
                                       /*dtypes=*/"any input, int32 output"};
  return r;
}

}  // namespace mote
