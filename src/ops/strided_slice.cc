// STRIDED_SLICE with constant begin/end/strides.
//
// TFLite Micro ignores ellipsis_mask, new_axis_mask and offset and stops at
// rank 4; mote plans the slice as TensorFlow defines it (all five masks and
// `offset`, via ref::PlanStridedSlice) for up to Shape::kMaxRank dense dims,
// and checks the result against the model's static output shape, as TFLite
// Micro's CheckOutputSize does.
#include "kernels/ref/strided_slice.h"

#include "mote/op.h"
#include "ops/const_tensor_util.h"
#include "ops/ops.h"
#include "schema/tflite_generated.h"
#include "ops/same_quantization.h"

namespace mote {
namespace {

constexpr int kMaxEntries = 32;  // the masks are 32-bit

struct OpData {
  ref::StridedSlicePlan plan;
  size_t element_size;
};

bool SupportedType(DataType t) {
  return t == DataType::kInt8 || t == DataType::kFloat32 ||
         t == DataType::kInt16 || t == DataType::kInt32 || t == DataType::kBool;
}

Status Init(PrepareContext& ctx) {
  OpData* data = ctx.AllocatePersistent<OpData>();
  MOTE_ENSURE(ctx, data != nullptr, "out of persistent memory");
  ctx.set_user_data(data);
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  MOTE_ENSURE(ctx, ctx.num_inputs() == 4, "expected 4 inputs, got %d",
              ctx.num_inputs());
  MOTE_ENSURE(ctx, ctx.num_outputs() == 1, "expected 1 output, got %d",
              ctx.num_outputs());
  const TensorInfo input = ctx.input(0);
  const TensorInfo output = ctx.output(0);
  MOTE_RETURN_IF_ERROR(EnsureSameQuantization(ctx, input, output));
  MOTE_ENSURE(ctx, input.type == output.type,
              "input '%s' is %s but output '%s' is %s", input.name,
              DataTypeName(input.type), output.name, DataTypeName(output.type));
  MOTE_ENSURE_SUPPORTED(ctx, SupportedType(input.type),
                        "input '%s': expected int8, int16, int32, bool or "
                        "float32, got %s",
                        input.name, DataTypeName(input.type));

  int32_t begin[kMaxEntries];
  int32_t end[kMaxEntries];
  int32_t strides[kMaxEntries];
  int num_begin = 0;
  int num_end = 0;
  int num_strides = 0;
  MOTE_RETURN_IF_ERROR(ReadConstInt32Vector(ctx, ctx.input(1), "begin", false,
                                            begin, kMaxEntries, &num_begin));
  MOTE_RETURN_IF_ERROR(ReadConstInt32Vector(ctx, ctx.input(2), "end", false,
                                            end, kMaxEntries, &num_end));
  MOTE_RETURN_IF_ERROR(ReadConstInt32Vector(
      ctx, ctx.input(3), "strides", false, strides, kMaxEntries, &num_strides));
  MOTE_ENSURE(ctx, num_begin == num_end && num_begin == num_strides,
              "begin, end and strides have %d, %d and %d entries", num_begin,
              num_end, num_strides);

  ref::StridedSliceSpec spec;
  spec.count = num_begin;
  spec.begin = begin;
  spec.end = end;
  spec.strides = strides;
  if (const tflite::StridedSliceOptions* options =
          ctx.options<tflite::StridedSliceOptions>()) {
    spec.begin_mask = options->begin_mask();
    spec.end_mask = options->end_mask();
    spec.ellipsis_mask = options->ellipsis_mask();
    spec.new_axis_mask = options->new_axis_mask();
    spec.shrink_axis_mask = options->shrink_axis_mask();
    spec.offset = options->offset();
  }
  int bad_entry = -1;
  const ref::StridedSliceError error =
      ref::PlanStridedSlice(input.shape, spec, &data->plan, &bad_entry);
  MOTE_ENSURE(ctx, error == ref::StridedSliceError::kOk,
              "input '%s': %s (index entry %d)", input.name,
              ref::StridedSliceErrorName(error), bad_entry);
  MOTE_ENSURE(ctx, output.shape == data->plan.output_shape,
              "output '%s' does not have the sliced shape of input '%s'",
              output.name, input.name);
  data->element_size = DataTypeSize(input.type);
  return Status::kOk;
}

Status Eval(EvalContext& ctx) {
  const OpData* data = ctx.user_data<OpData>();
  ref::StridedSlice(data->plan, ctx.input(0)->data, data->element_size,
                    ctx.output(0)->data);
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_STRIDED_SLICE() {
  static constexpr OpRegistration r = {/*builtin_code=*/45,
                                       "STRIDED_SLICE",
                                       Init,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/8,
      /*dtypes=*/"int8, int16, int32, float32, bool"};
  return r;
}

}  // namespace mote
