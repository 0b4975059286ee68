// RESHAPE: same bytes, new static shape.
//
// The output shape is fixed in the model (mote does not resize tensors), so
// Prepare only checks that it holds the input's elements, and that the shape
// the op asks for (the constant shape tensor, else the new_shape option)
// follows TFLite's rules: at most one -1, which stands for whatever the
// other dims leave, and the same element count as the input. As in TFLite
// Micro, the output tensor's own shape is what later ops see.
#include <cstring>

#include "mote/op.h"
#include "ops/const_tensor_util.h"
#include "ops/ops.h"
#include "schema/tflite_generated.h"
#include "ops/same_quantization.h"

namespace mote {
namespace {

// `dims` is the requested shape, `source` says where it came from.
Status CheckRequestedShape(PrepareContext& ctx, const int32_t* dims, int rank,
                           int64_t input_count, const char* source) {
  int stretch = -1;
  int64_t known = 1;
  for (int i = 0; i < rank; ++i) {
    if (dims[i] == -1) {
      MOTE_ENSURE(ctx, stretch < 0, "%s has more than one -1 dimension",
                  source);
      stretch = i;
      continue;
    }
    MOTE_ENSURE(ctx, dims[i] >= 0, "%s: dimension %d is %d", source, i,
                static_cast<int>(dims[i]));
    MOTE_ENSURE(ctx, dims[i] == 0 || known <= INT64_MAX / dims[i],
                "%s: too many elements", source);
    known *= dims[i];
  }
  int64_t requested = known;
  if (stretch >= 0) {
    MOTE_ENSURE(ctx, known > 0 && input_count % known == 0,
                "%s: the -1 dimension cannot hold %lld input elements", source,
                static_cast<long long>(input_count));
    requested = input_count;
  }
  MOTE_ENSURE(ctx, requested == input_count,
              "%s asks for %lld elements, the input has %lld", source,
              static_cast<long long>(requested),
              static_cast<long long>(input_count));
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  MOTE_ENSURE(ctx, ctx.num_inputs() == 1 || ctx.num_inputs() == 2,
              "expected 1 or 2 inputs, got %d", ctx.num_inputs());
  MOTE_ENSURE(ctx, ctx.num_outputs() == 1, "expected 1 output, got %d",
              ctx.num_outputs());
  const TensorInfo input = ctx.input(0);
  const TensorInfo output = ctx.output(0);
  MOTE_RETURN_IF_ERROR(EnsureSameQuantization(ctx, input, output));
  MOTE_ENSURE(ctx, input.type == output.type,
              "input '%s' is %s but output '%s' is %s", input.name,
              DataTypeName(input.type), output.name, DataTypeName(output.type));
  // Bytes are copied as they are, so any fixed-size type works.
  MOTE_ENSURE_SUPPORTED(ctx, DataTypeSize(input.type) > 0,
                        "input '%s': type %s has no fixed element size",
                        input.name, DataTypeName(input.type));
  for (int d = 0; d < output.shape.rank; ++d) {
    MOTE_ENSURE_SUPPORTED(ctx, output.shape.dims[d] >= 0,
                          "output '%s' has an unknown dimension %d; mote "
                          "needs static shapes",
                          output.name, d);
  }
  const int64_t input_count = input.shape.FlatSize();
  // Old converters wrote [0] for a scalar output; TFLite Micro rewrites the
  // tensor's shape at run time, which mote's planner cannot follow.
  MOTE_ENSURE_SUPPORTED(ctx,
                        !(output.shape.rank == 1 && output.shape.dims[0] == 0 &&
                          input_count == 1),
                        "output '%s' has the legacy shape [0] for a scalar",
                        output.name);
  MOTE_ENSURE(ctx, output.shape.FlatSize() == input_count,
              "output '%s' has %lld elements, input '%s' has %lld", output.name,
              static_cast<long long>(output.shape.FlatSize()), input.name,
              static_cast<long long>(input_count));

  // TFLite takes the requested shape from a vector shape tensor, else from
  // the options. A shape computed at run time cannot be checked here, but
  // it cannot matter either: the static output shape wins.
  int32_t dims[Shape::kMaxRank];
  int rank = 0;
  const TensorInfo shape = ctx.input(1);
  if (shape.present() && shape.shape.rank == 1) {
    if (!shape.is_const()) return Status::kOk;
    MOTE_RETURN_IF_ERROR(ReadConstInt32Vector(ctx, shape, "shape", false, dims,
                                              Shape::kMaxRank, &rank));
    return CheckRequestedShape(ctx, dims, rank, input_count, "shape tensor");
  }
  const tflite::ReshapeOptions* options =
      ctx.options<tflite::ReshapeOptions>();
  if (options == nullptr || options->new_shape() == nullptr) {
    return Status::kOk;
  }
  const auto* new_shape = options->new_shape();
  MOTE_ENSURE(ctx, new_shape->size() <= Shape::kMaxRank,
              "new_shape option has %u dims, at most %d are supported",
              static_cast<unsigned>(new_shape->size()), Shape::kMaxRank);
  rank = static_cast<int>(new_shape->size());
  for (int i = 0; i < rank; ++i) dims[i] = new_shape->Get(i);
  // The legacy [0] means a scalar.
  if (rank == 1 && dims[0] == 0) rank = 0;
  return CheckRequestedShape(ctx, dims, rank, input_count, "new_shape option");
}

Status Eval(EvalContext& ctx) {
  const EvalTensor* input = ctx.input(0);
  EvalTensor* output = ctx.output(0);
  // The planner may give both the same buffer: then there is nothing to do.
  if (input->data == output->data) return Status::kOk;
  const size_t bytes = static_cast<size_t>(input->shape().FlatSize()) *
                       DataTypeSize(input->type);
  if (bytes > 0) std::memmove(output->data, input->data, bytes);
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_RESHAPE() {
  static constexpr OpRegistration r = {/*builtin_code=*/22,
                                       "RESHAPE",
                                       nullptr,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/1,
      /*dtypes=*/"any"};
  return r;
}

}  // namespace mote
