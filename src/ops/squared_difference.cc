// SQUARED_DIFFERENCE: float32, int32, int8 and int16 with NumPy broadcasting
// up to rank 6. int8/int16 requantize as TFLite Micro (see
// kernels/ref/squared_difference.h); int16 needs zero points of 0.
#include "kernels/ref/squared_difference.h"

#include <new>

#include "mote/op.h"
#include "ops/binary_common.h"
#include "ops/ops.h"

namespace mote {
namespace {

struct OpData {
  ref::SquaredDifferenceParamsQ params;
};

Status Init(PrepareContext& ctx) {
  void* memory = ctx.AllocatePersistent(sizeof(OpData), alignof(OpData));
  if (memory == nullptr) return Status::kArenaTooSmall;
  ctx.set_user_data(new (memory) OpData());
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  TensorInfo input1, input2, output;
  MOTE_RETURN_IF_ERROR(PrepareBinaryTensors(ctx, &input1, &input2, &output));
  const DataType type = input1.type;
  MOTE_ENSURE_SUPPORTED(
      ctx,
      type == DataType::kFloat32 || type == DataType::kInt32 ||
          type == DataType::kInt8 || type == DataType::kInt16,
      "input '%s': expected float32, int32, int8 or int16, got %s",
      input1.name, DataTypeName(type));
  MOTE_RETURN_IF_ERROR(CheckTensorType(ctx, input2, "input", type));
  MOTE_RETURN_IF_ERROR(CheckTensorType(ctx, output, "output", type));
  if (type == DataType::kFloat32 || type == DataType::kInt32) {
    return Status::kOk;
  }
  const bool int16 = type == DataType::kInt16;
  for (const TensorInfo* t : {&input1, &input2, &output}) {
    const char* role = t == &output ? "output" : "input";
    MOTE_RETURN_IF_ERROR(int16 ? CheckQuantizedS16(ctx, *t, role)
                               : CheckQuantizedS8(ctx, *t, role));
  }
  data->params = ref::MakeSquaredDifferenceParams(
      input1.quant.scale(0), input1.quant.zero_point(0), input2.quant.scale(0),
      input2.quant.zero_point(0), output.quant.scale(0),
      output.quant.zero_point(0), int16);
  return CheckLeftShift(ctx, data->params.output_shift, "inputs",
                        input1.name, output.name);
}

Status Eval(EvalContext& ctx) {
  const ref::SquaredDifferenceParamsQ& p = ctx.user_data<OpData>()->params;
  const EvalTensor* a = ctx.input(0);
  const EvalTensor* b = ctx.input(1);
  EvalTensor* out = ctx.output(0);
  const Shape sa = a->shape();
  const Shape sb = b->shape();
  bool ok = false;
  switch (out->type) {
    case DataType::kFloat32:
      ok = ref::SquaredDifferenceF32(sa, a->as<float>(), sb, b->as<float>(),
                                     out->as<float>());
      break;
    case DataType::kInt32:
      ok = ref::SquaredDifferenceS32(sa, a->as<int32_t>(), sb,
                                     b->as<int32_t>(), out->as<int32_t>());
      break;
    case DataType::kInt8:
      ok = ref::SquaredDifferenceS8(p, sa, a->as<int8_t>(), sb,
                                    b->as<int8_t>(), out->as<int8_t>());
      break;
    default:
      ok = ref::SquaredDifferenceS16(p, sa, a->as<int16_t>(), sb,
                                     b->as<int16_t>(), out->as<int16_t>());
      break;
  }
  if (!ok) {
    return ctx.Fail(Status::kInternal, MOTE_MSG("input shapes do not broadcast"));
  }
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_SQUARED_DIFFERENCE() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/99, "SQUARED_DIFFERENCE", Init, Prepare, Eval, nullptr,
      /*max_version=*/2,
      /*dtypes=*/"int8, int16, int32, float32"};
  return r;
}

}  // namespace mote
