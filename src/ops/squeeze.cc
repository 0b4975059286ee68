// SQUEEZE: drops size-1 dimensions, those listed in squeeze_dims (negative
// entries count from the end) or every one when the list is empty. Same
// bytes, new static shape, any fixed-size type.
//
// TFLite Micro only checks that the output is at least as large as the
// squeezed shape; mote requires exactly the squeezed shape.
#include "mote/op.h"
#include "ops/data_movement_common.h"
#include "ops/ops.h"
#include "schema/tflite_generated.h"

namespace mote {
namespace {

Status Prepare(PrepareContext& ctx) {
  MOTE_RETURN_IF_ERROR(CheckOperandCounts(ctx, 1, 1));
  const TensorInfo input = ctx.input(0);
  const TensorInfo output = ctx.output(0);
  MOTE_ENSURE(ctx, input.present() && output.present(),
              "input and output are required");
  MOTE_ENSURE_SUPPORTED(ctx, DataTypeSize(input.type) > 0,
                        "input '%s': type %s has no fixed element size",
                        input.name, DataTypeName(input.type));
  MOTE_RETURN_IF_ERROR(CheckSameTypeAndQuant(ctx, input, output));
  MOTE_RETURN_IF_ERROR(CheckNotEmpty(ctx, input, "input"));

  const int rank = input.shape.rank;
  bool squeeze[Shape::kMaxRank] = {};
  const tflite::SqueezeOptions* options =
      ctx.options<tflite::SqueezeOptions>();
  const auto* list = options != nullptr ? options->squeeze_dims() : nullptr;
  if (list == nullptr || list->size() == 0) {
    for (int d = 0; d < rank; ++d) squeeze[d] = input.shape.dims[d] == 1;
  } else {
    for (uint32_t i = 0; i < list->size(); ++i) {
      int32_t d = 0;
      MOTE_RETURN_IF_ERROR(
          NormalizeAxis(ctx, list->Get(i), rank, "squeeze_dims entry", &d));
      MOTE_ENSURE(ctx, input.shape.dims[d] == 1,
                  "squeeze_dims entry %d: dim %d of input '%s' is %d, not 1",
                  static_cast<int>(list->Get(i)), static_cast<int>(d),
                  input.name, static_cast<int>(input.shape.dims[d]));
      squeeze[d] = true;
    }
  }
  Shape expected;
  for (int d = 0; d < rank; ++d) {
    if (!squeeze[d]) expected.dims[expected.rank++] = input.shape.dims[d];
  }
  return CheckOutputShape(ctx, output, expected, "squeeze_dims");
}

Status Eval(EvalContext& ctx) {
  const EvalTensor* input = ctx.input(0);
  const size_t bytes = static_cast<size_t>(input->shape().FlatSize()) *
                       DataTypeSize(input->type);
  CopyTensorBytes(*input, *ctx.output(0), bytes);
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_SQUEEZE() {
  // Version 2 is for strings, which have no fixed element size.
  static constexpr OpRegistration r = {/*builtin_code=*/43,
                                       "SQUEEZE",
                                       nullptr,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/1,
                                       /*dtypes=*/"any"};
  return r;
}

}  // namespace mote
