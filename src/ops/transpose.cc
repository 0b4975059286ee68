// TRANSPOSE: permutes dimensions by a constant `perm` vector.
//
// TFLite Micro checks only that each perm entry is in range; mote also
// checks that it is a permutation and that the output shape is the permuted
// input shape, so a malformed model cannot write out of bounds. Any rank up
// to 6 (TFLite's limit; TFLite Micro stops at 5).
#include "kernels/ref/transpose.h"

#include "mote/op.h"
#include "ops/const_tensor_util.h"
#include "ops/ops.h"
#include "ops/same_quantization.h"

namespace mote {
namespace {

struct OpData {
  int32_t perm[Shape::kMaxRank];
  size_t element_size;
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
  MOTE_ENSURE(ctx, ctx.num_inputs() == 2, "expected 2 inputs, got %d",
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
                        "input '%s': expected int8, int16, int32 or float32, "
                        "got %s",
                        input.name, DataTypeName(input.type));
  const int rank = input.shape.rank;

  const TensorInfo perm = ctx.input(1);
  int count = 0;
  MOTE_RETURN_IF_ERROR(ReadConstInt32Vector(
      ctx, perm, "perm", false, data->perm, Shape::kMaxRank, &count));
  MOTE_ENSURE(ctx, count == rank,
              "perm tensor '%s' has %d entries, input '%s' has rank %d",
              perm.name, count, input.name, rank);
  bool seen[Shape::kMaxRank] = {};
  for (int i = 0; i < rank; ++i) {
    const int32_t p = data->perm[i];
    MOTE_ENSURE(ctx, p >= 0 && p < rank && !seen[p],
                "perm tensor '%s' is not a permutation of 0..%d (entry %d "
                "is %d)",
                perm.name, rank - 1, i, static_cast<int>(p));
    seen[p] = true;
  }
  const Shape expected = ref::TransposedShape(input.shape, data->perm);
  MOTE_ENSURE(ctx, output.shape == expected,
              "output '%s' does not have the permuted shape of input '%s'",
              output.name, input.name);
  data->element_size = DataTypeSize(input.type);
  return Status::kOk;
}

Status Eval(EvalContext& ctx) {
  const OpData* data = ctx.user_data<OpData>();
  const EvalTensor* input = ctx.input(0);
  ref::Transpose(input->shape(), input->data, data->perm, data->element_size,
                 ctx.output(0)->data);
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_TRANSPOSE() {
  static constexpr OpRegistration r = {/*builtin_code=*/39,
                                       "TRANSPOSE",
                                       Init,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/7,
      /*dtypes=*/"int8, int16, int32, float32"};
  return r;
}

}  // namespace mote
