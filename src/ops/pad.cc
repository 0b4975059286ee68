// PAD (and PADV2's optional constant_values input): constant padding.
//
// Follows TFLite Micro's pad_common.cc: paddings must be a constant
// [rank, 2] tensor of non-negative values; output dims equal input dims plus
// both paddings; int8 pads with the output zero point (which must be an
// int8 value), other types with 0, unless a constant_values scalar is given
// (for int8 it must share the output's scale and zero point). Rank up to 5
// as TFLite.
#include "kernels/ref/pad.h"

#include <cstring>

#include "mote/op.h"
#include "ops/const_tensor_util.h"
#include "ops/ops.h"
#include "ops/same_quantization.h"

namespace mote {
namespace {

constexpr int kMaxPadRank = 5;

struct OpData {
  int32_t left[Shape::kMaxRank];
  int32_t right[Shape::kMaxRank];
  size_t element_size;
  // The pad element, unless it must be read from input 2 at Eval (a
  // constant_values tensor that is not constant).
  unsigned char pad_value[8];
  bool pad_value_from_input;
};

bool SupportedType(DataType t) {
  return t == DataType::kInt8 || t == DataType::kFloat32 ||
         t == DataType::kInt16 || t == DataType::kInt32;
}

Status Init(PrepareContext& ctx) {
  OpData* data = ctx.AllocatePersistent<OpData>();
  MOTE_ENSURE(ctx, data != nullptr, "out of persistent memory");
  ctx.set_user_data(data);
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  MOTE_ENSURE(ctx, ctx.num_inputs() == 2 || ctx.num_inputs() == 3,
              "expected 2 or 3 inputs, got %d", ctx.num_inputs());
  MOTE_ENSURE(ctx, ctx.num_outputs() == 1, "expected 1 output, got %d",
              ctx.num_outputs());
  const TensorInfo input = ctx.input(0);
  const TensorInfo output = ctx.output(0);
  MOTE_RETURN_IF_ERROR(EnsureSameQuantization(ctx, input, output));
  MOTE_ENSURE(ctx, input.type == output.type,
              "input '%s' is %s but output '%s' is %s", input.name,
              DataTypeName(input.type), output.name, DataTypeName(output.type));
  MOTE_ENSURE_SUPPORTED(ctx, SupportedType(input.type),
                        "input '%s': expected int8, int16, int32 or float32, "
                        "got %s",
                        input.name, DataTypeName(input.type));
  const int rank = input.shape.rank;
  MOTE_ENSURE_SUPPORTED(ctx, rank <= kMaxPadRank,
                        "input '%s' has rank %d; PAD supports up to %d",
                        input.name, rank, kMaxPadRank);
  MOTE_ENSURE(ctx, output.shape.rank == rank,
              "output '%s' has rank %d, input '%s' has rank %d", output.name,
              static_cast<int>(output.shape.rank), input.name, rank);

  const TensorInfo paddings = ctx.input(1);
  MOTE_ENSURE(ctx, paddings.present(), "the paddings input is missing");
  MOTE_ENSURE(ctx,
              paddings.shape.rank == 2 && paddings.shape.dims[0] == rank &&
                  paddings.shape.dims[1] == 2,
              "paddings tensor '%s': expected shape [%d, 2]", paddings.name,
              rank);
  int32_t values[2 * kMaxPadRank];
  int count = 0;
  MOTE_RETURN_IF_ERROR(ReadConstInt32Values(ctx, paddings, "paddings", values,
                                            2 * kMaxPadRank, &count));
  for (int d = 0; d < rank; ++d) {
    const int32_t left = values[2 * d];
    const int32_t right = values[2 * d + 1];
    MOTE_ENSURE(ctx, left >= 0 && right >= 0,
                "paddings tensor '%s': dim %d has negative padding (%d, %d)",
                paddings.name, d, static_cast<int>(left),
                static_cast<int>(right));
    const int64_t expected =
        static_cast<int64_t>(input.shape.dims[d]) + left + right;
    MOTE_ENSURE(ctx, output.shape.dims[d] == expected,
                "output '%s' dim %d is %d; input plus paddings gives %lld",
                output.name, d, static_cast<int>(output.shape.dims[d]),
                static_cast<long long>(expected));
    data->left[d] = left;
    data->right[d] = right;
  }

  data->element_size = DataTypeSize(input.type);
  data->pad_value_from_input = false;
  std::memset(data->pad_value, 0, sizeof(data->pad_value));
  const TensorInfo constant = ctx.input(2);
  if (constant.present()) {
    MOTE_ENSURE(ctx, constant.type == input.type,
                "constant_values tensor '%s' is %s, input '%s' is %s",
                constant.name, DataTypeName(constant.type), input.name,
                DataTypeName(input.type));
    MOTE_ENSURE(ctx, constant.shape.FlatSize() == 1,
                "constant_values tensor '%s' must hold one value",
                constant.name);
    if (input.type == DataType::kInt8) {
      MOTE_ENSURE(
          ctx,
          constant.is_quantized() && output.is_quantized() &&
              constant.quant.zero_point() == output.quant.zero_point() &&
              constant.quant.scale() == output.quant.scale(),
          "constant_values tensor '%s' must have the quantization "
          "of output '%s'",
          constant.name, output.name);
    }
    if (constant.is_const()) {
      std::memcpy(data->pad_value, constant.const_data, data->element_size);
    } else {
      data->pad_value_from_input = true;
    }
  } else if (input.type == DataType::kInt8) {
    // Quantized 0.0 is the zero point, which must be representable.
    const int32_t zero_point =
        output.is_quantized() ? output.quant.zero_point() : 0;
    MOTE_ENSURE(ctx, zero_point >= -128 && zero_point <= 127,
                "output '%s': zero point %d is not an int8 value", output.name,
                static_cast<int>(zero_point));
    const int8_t pad = static_cast<int8_t>(zero_point);
    std::memcpy(data->pad_value, &pad, 1);
  }
  // float32, int16 and int32 pad with all-zero bytes (0.0f, 0): TFLite
  // Micro pads int16 with 0, not the zero point.
  return Status::kOk;
}

Status Eval(EvalContext& ctx) {
  const OpData* data = ctx.user_data<OpData>();
  const EvalTensor* input = ctx.input(0);
  EvalTensor* output = ctx.output(0);
  const void* pad_value = data->pad_value;
  if (data->pad_value_from_input) pad_value = ctx.input(2)->data;
  ref::Pad(input->shape(), input->data, data->left, data->right, pad_value,
           data->element_size, output->shape(), output->data);
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_PAD() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/34, "PAD", Init, Prepare, Eval, nullptr,
      /*max_version=*/4,
      /*dtypes=*/"int8, int16, int32, float32"};
  return r;
}

}  // namespace mote
