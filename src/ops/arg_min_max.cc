// ARG_MAX and ARG_MIN: float32 and int8 inputs (TFLite Micro's types), int32
// or int64 indices (ArgMaxOptions/ArgMinOptions output_type), along a
// constant axis (a scalar or one-element int32/int64 tensor, negative
// counting from the end). The output shape is the input's without the axis.
// An empty axis has no index to return, so it is refused (TFLite Micro
// would read past the input).
#include "kernels/ref/arg_min_max.h"

#include <new>

#include "mote/op.h"
#include "ops/const_tensor_util.h"
#include "ops/ops.h"
#include "schema/tflite_generated.h"

namespace mote {
namespace {

struct OpData {
  int64_t outer = 0;
  int32_t axis_size = 0;
  int64_t inner = 0;
};

Status Init(PrepareContext& ctx) {
  void* memory = ctx.AllocatePersistent(sizeof(OpData), alignof(OpData));
  if (memory == nullptr) return Status::kArenaTooSmall;
  ctx.set_user_data(new (memory) OpData());
  return Status::kOk;
}

template <bool kIsMax>
Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  MOTE_ENSURE(ctx, ctx.num_inputs() == 2, "expected 2 inputs, got %d",
              ctx.num_inputs());
  MOTE_ENSURE(ctx, ctx.num_outputs() == 1, "expected 1 output, got %d",
              ctx.num_outputs());
  const TensorInfo input = ctx.input(0);
  const TensorInfo output = ctx.output(0);
  MOTE_ENSURE(ctx, input.present() && output.present(),
              "input and output are required");
  MOTE_ENSURE_SUPPORTED(
      ctx, input.type == DataType::kFloat32 || input.type == DataType::kInt8,
      "input '%s': expected float32 or int8, got %s", input.name,
      DataTypeName(input.type));
  MOTE_ENSURE_SUPPORTED(
      ctx, output.type == DataType::kInt32 || output.type == DataType::kInt64,
      "output '%s': expected int32 or int64, got %s", output.name,
      DataTypeName(output.type));
  // The options name the output type; when present it must be the tensor's.
  tflite::TensorType option_type = tflite::TensorType_INT64;
  bool has_option = false;
  if (kIsMax) {
    if (const auto* opts = ctx.options<tflite::ArgMaxOptions>()) {
      option_type = opts->output_type();
      has_option = true;
    }
  } else if (const auto* opts = ctx.options<tflite::ArgMinOptions>()) {
    option_type = opts->output_type();
    has_option = true;
  }
  MOTE_ENSURE(ctx,
              !has_option || static_cast<int>(option_type) ==
                                 static_cast<int>(output.type),
              "output '%s' is %s but the options ask for type %d", output.name,
              DataTypeName(output.type), static_cast<int>(option_type));

  MOTE_ENSURE(ctx, input.shape.rank >= 1,
              "input '%s': a scalar has no axis to reduce", input.name);
  int32_t axis_values[1];
  int count = 0;
  MOTE_RETURN_IF_ERROR(ReadConstInt32Values(ctx, ctx.input(1), "axis",
                                            axis_values, 1, &count));
  MOTE_ENSURE(ctx, count == 1, "axis tensor '%s' must hold one value",
              ctx.input(1).name);
  const int rank = input.shape.rank;
  int32_t axis = axis_values[0];
  MOTE_ENSURE(ctx, axis >= -rank && axis < rank,
              "axis %d is out of range for input '%s' of rank %d",
              static_cast<int>(axis), input.name, rank);
  if (axis < 0) axis += rank;

  Shape expected;
  for (int d = 0; d < rank; ++d) {
    if (d != axis) expected.dims[expected.rank++] = input.shape.dims[d];
  }
  MOTE_ENSURE(ctx, output.shape == expected,
              "output '%s': shape must be the input's without axis %d",
              output.name, static_cast<int>(axis));
  data->outer = input.shape.FlatSize(0, axis);
  data->axis_size = input.shape.dims[axis];
  data->inner = input.shape.FlatSize(axis + 1, rank);
  MOTE_ENSURE(ctx, data->axis_size > 0 || expected.FlatSize() == 0,
              "input '%s': axis %d is empty, so there is no index to return",
              input.name, static_cast<int>(axis));
  return Status::kOk;
}

template <bool kIsMax, typename T>
void Run(const OpData& d, const EvalTensor* input, EvalTensor* output) {
  if (output->type == DataType::kInt32) {
    ref::ArgMinMax<kIsMax>(input->as<const T>(), d.outer, d.axis_size, d.inner,
                           output->as<int32_t>());
  } else {
    ref::ArgMinMax<kIsMax>(input->as<const T>(), d.outer, d.axis_size, d.inner,
                           output->as<int64_t>());
  }
}

template <bool kIsMax>
Status Eval(EvalContext& ctx) {
  const OpData& d = *ctx.user_data<OpData>();
  const EvalTensor* input = ctx.input(0);
  EvalTensor* output = ctx.output(0);
  if (d.axis_size == 0) return Status::kOk;  // the output is empty
  if (input->type == DataType::kFloat32) {
    Run<kIsMax, float>(d, input, output);
  } else {
    Run<kIsMax, int8_t>(d, input, output);
  }
  return Status::kOk;
}

}  // namespace

// Version 2 is int8, 3 bool input (rejected by type).
const OpRegistration& Register_ARG_MAX() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/56, "ARG_MAX", Init, Prepare<true>, Eval<true>, nullptr,
      /*max_version=*/3,
      /*dtypes=*/"int8, float32 -> int32, int64"};
  return r;
}

const OpRegistration& Register_ARG_MIN() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/79, "ARG_MIN", Init, Prepare<false>, Eval<false>,
      nullptr,
      /*max_version=*/3,
      /*dtypes=*/"int8, float32 -> int32, int64"};
  return r;
}

}  // namespace mote
