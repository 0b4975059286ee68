// CONCATENATION: joins the inputs along one axis (negative axes count from
// the end).
//
// TFLite Micro supports only a NONE fused activation and copies bytes; for
// int8 (and int16) TFLite requires every input to carry the output's scale
// and zero point, so no requantization is ever needed. mote enforces that
// rather than copying mismatched values silently (TFLite Micro does not
// check; the converter never produces such models).
#include "kernels/ref/concatenation.h"

#include "mote/op.h"
#include "ops/ops.h"
#include "schema/tflite_generated.h"

namespace mote {
namespace {

struct OpData {
  int32_t axis;
  int32_t num_inputs;
  size_t element_size;
  int32_t* axis_dims;       // num_inputs entries
  const void** input_data;  // num_inputs entries, refreshed at Eval
};

bool SupportedType(DataType t) {
  return t == DataType::kInt8 || t == DataType::kFloat32 ||
         t == DataType::kInt16 || t == DataType::kInt32 ||
         t == DataType::kInt64;
}

bool IsQuantizedType(DataType t) {
  return t == DataType::kInt8 || t == DataType::kInt16;
}

Status Init(PrepareContext& ctx) {
  OpData* data = ctx.AllocatePersistent<OpData>();
  MOTE_ENSURE(ctx, data != nullptr, "out of persistent memory");
  const int n = ctx.num_inputs();
  MOTE_ENSURE(ctx, n >= 1, "expected at least 1 input, got %d", n);
  data->num_inputs = n;
  data->axis_dims = ctx.AllocatePersistent<int32_t>(n);
  data->input_data = ctx.AllocatePersistent<const void*>(n);
  MOTE_ENSURE(ctx, data->axis_dims != nullptr && data->input_data != nullptr,
              "out of persistent memory");
  const tflite::ConcatenationOptions* options =
      ctx.options<tflite::ConcatenationOptions>();
  data->axis = options != nullptr ? options->axis() : 0;
  const int activation =
      options != nullptr
          ? static_cast<int>(options->fused_activation_function())
          : 0;
  MOTE_ENSURE_SUPPORTED(ctx, activation == 0,
                        "fused activation %d is not supported (TFLite Micro "
                        "allows only NONE)",
                        activation);
  ctx.set_user_data(data);
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  MOTE_ENSURE(ctx, ctx.num_outputs() == 1, "expected 1 output, got %d",
              ctx.num_outputs());
  MOTE_ENSURE(ctx, ctx.num_inputs() == data->num_inputs,
              "input count changed since Init");
  const TensorInfo output = ctx.output(0);
  MOTE_ENSURE_SUPPORTED(ctx, SupportedType(output.type),
                        "output '%s': expected int8, int16, int32, int64 or "
                        "float32, got %s",
                        output.name, DataTypeName(output.type));
  const int rank = output.shape.rank;
  MOTE_ENSURE(ctx, rank >= 1, "output '%s' is a scalar", output.name);
  const int axis = data->axis < 0 ? data->axis + rank : data->axis;
  MOTE_ENSURE(ctx, axis >= 0 && axis < rank,
              "axis %d is out of range for rank %d",
              static_cast<int>(data->axis), rank);
  data->axis = axis;
  data->element_size = DataTypeSize(output.type);

  int64_t axis_total = 0;
  for (int i = 0; i < data->num_inputs; ++i) {
    const TensorInfo input = ctx.input(i);
    MOTE_ENSURE(ctx, input.present(), "input %d is missing", i);
    MOTE_ENSURE(ctx, input.type == output.type,
                "input '%s' is %s but output '%s' is %s", input.name,
                DataTypeName(input.type), output.name,
                DataTypeName(output.type));
    MOTE_ENSURE(ctx, input.shape.rank == rank,
                "input '%s' has rank %d, output '%s' has rank %d", input.name,
                static_cast<int>(input.shape.rank), output.name, rank);
    for (int d = 0; d < rank; ++d) {
      MOTE_ENSURE(ctx, d == axis || input.shape.dims[d] == output.shape.dims[d],
                  "input '%s' dim %d is %d, output '%s' has %d", input.name, d,
                  static_cast<int>(input.shape.dims[d]), output.name,
                  static_cast<int>(output.shape.dims[d]));
    }
    if (IsQuantizedType(output.type)) {
      const bool same =
          input.is_quantized() == output.is_quantized() &&
          (!output.is_quantized() ||
           (input.quant.scale() == output.quant.scale() &&
            input.quant.zero_point() == output.quant.zero_point()));
      MOTE_ENSURE_SUPPORTED(ctx, same,
                            "input '%s' (scale %g, zero point %d) must have "
                            "the quantization of output '%s' (scale %g, "
                            "zero point %d)",
                            input.name,
                            input.is_quantized() ? input.quant.scale() : 0.0,
                            static_cast<int>(input.quant.zero_point()), output.name,
                            output.is_quantized() ? output.quant.scale() : 0.0,
                            static_cast<int>(output.quant.zero_point()));
    }
    data->axis_dims[i] = input.shape.dims[axis];
    axis_total += input.shape.dims[axis];
  }
  MOTE_ENSURE(ctx, axis_total == output.shape.dims[axis],
              "inputs add up to %lld along axis %d, output '%s' has %d",
              static_cast<long long>(axis_total), axis, output.name,
              static_cast<int>(output.shape.dims[axis]));
  return Status::kOk;
}

Status Eval(EvalContext& ctx) {
  const OpData* data = ctx.user_data<OpData>();
  for (int i = 0; i < data->num_inputs; ++i) {
    data->input_data[i] = ctx.input(i)->data;
  }
  EvalTensor* output = ctx.output(0);
  ref::Concatenation(output->shape(), data->axis, data->num_inputs,
                     data->axis_dims, data->input_data, data->element_size,
                     output->data);
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_CONCATENATION() {
  static constexpr OpRegistration r = {/*builtin_code=*/2,
                                       "CONCATENATION",
                                       Init,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/4,
      /*dtypes=*/"int8, int16, int32, int64, float32"};
  return r;
}

}  // namespace mote
