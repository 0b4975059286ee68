// FILL: an output of the shape in the constant `dims` tensor, every element
// the scalar `value` (read at run time). float32, int32 and int8 values as
// TFLite Micro; an int8 value and output must share their quantization
// (the stored value is copied).
#include "kernels/ref/fill.h"

#include "mote/op.h"
#include "ops/const_tensor_util.h"
#include "ops/data_movement_common.h"
#include "ops/ops.h"

namespace mote {
namespace {

Status Prepare(PrepareContext& ctx) {
  MOTE_RETURN_IF_ERROR(CheckOperandCounts(ctx, 2, 1));
  const TensorInfo dims = ctx.input(0);
  const TensorInfo value = ctx.input(1);
  const TensorInfo output = ctx.output(0);
  MOTE_RETURN_IF_ERROR(CheckTypeIn(ctx, value, "value",
                                   kTypesS8 | kTypesS32 | kTypesF32,
                                   "int8, int32 or float32"));
  MOTE_ENSURE(ctx, value.shape.rank == 0,
              "value tensor '%s' must be a scalar, has rank %d", value.name,
              static_cast<int>(value.shape.rank));
  MOTE_ENSURE(ctx, output.present(), "the output tensor is missing");
  MOTE_RETURN_IF_ERROR(CheckSameTypeAndQuant(ctx, value, output));
  MOTE_RETURN_IF_ERROR(CheckNotEmpty(ctx, output, "output"));
  // TFLite Micro needs dims constant: the output shape cannot change.
  int32_t shape[Shape::kMaxRank] = {};
  int rank = 0;
  MOTE_RETURN_IF_ERROR(ReadConstInt32Vector(ctx, dims, "dims", false, shape,
                                            Shape::kMaxRank, &rank));
  Shape expected;
  expected.rank = rank;
  for (int i = 0; i < rank; ++i) expected.dims[i] = shape[i];
  return CheckOutputShape(ctx, output, expected, "the dims tensor");
}

Status Eval(EvalContext& ctx) {
  const EvalTensor* value = ctx.input(1);
  EvalTensor* output = ctx.output(0);
  ref::Fill(value->data, DataTypeSize(value->type), output->shape().FlatSize(),
            output->data);
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_FILL() {
  // Version 3 is int8 (and int16, refused in Prepare); 2 (bool/string) and
  // 4 (float16) are refused too.
  static constexpr OpRegistration r = {/*builtin_code=*/94,
                                       "FILL",
                                       nullptr,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/3,
                                       /*dtypes=*/"int8, int32, float32"};
  return r;
}

}  // namespace mote
