// SLICE: copies input[begin : begin + size] (size -1: to the end of the
// dim). float32, int32, int8, int16 and bool as TFLite Micro, up to rank 6.
//
// The copy is STRIDED_SLICE's with stride 1 (ref::PlanStridedSlice).
// Constant begin/size are resolved in Prepare and the output must have the
// sliced shape. TFLite Micro also accepts begin/size computed at run time:
// mote then resolves them in Eval with TFLite Micro's checks (begin in
// [0, dim], size in [0, dim - begin] or -1, as many elements as the static
// output) and fails the invoke with a message when they do not hold.
#include <cstring>

#include "kernels/ref/strided_slice.h"
#include "mote/op.h"
#include "ops/data_movement_common.h"
#include "ops/ops.h"

namespace mote {
namespace {

struct OpData {
  ref::StridedSlicePlan plan;
  size_t element_size;
  bool runtime;  // begin/size are resolved in Eval
  DataType index_type;
  int64_t output_count;
};

int64_t LoadIndex(const void* data, DataType type, int i) {
  const unsigned char* p = static_cast<const unsigned char*>(data);
  if (type == DataType::kInt32) {
    int32_t v;
    std::memcpy(&v, p + i * 4, 4);
    return v;
  }
  int64_t v;
  std::memcpy(&v, p + i * 8, 8);
  return v;
}

// TFLite's GetValidatedBeginAndSizeVectors, then the stride-1 plan. Returns
// -1, or the dim whose begin/size is out of range.
int Resolve(const Shape& input, const void* begin, const void* size,
            DataType type, ref::StridedSlicePlan* plan) {
  int32_t starts[Shape::kMaxRank];
  int32_t ends[Shape::kMaxRank];
  int32_t strides[Shape::kMaxRank];
  for (int d = 0; d < input.rank; ++d) {
    const int64_t dim = input.dims[d];
    const int64_t b = LoadIndex(begin, type, d);
    const int64_t s = LoadIndex(size, type, d);
    if (b < 0 || b > dim) return d;
    const int64_t n = s == -1 ? dim - b : s;
    if (n < 0 || n > dim - b) return d;
    starts[d] = static_cast<int32_t>(b);
    ends[d] = static_cast<int32_t>(b + n);
    strides[d] = 1;
  }
  ref::StridedSliceSpec spec;
  spec.count = input.rank;
  spec.begin = starts;
  spec.end = ends;
  spec.strides = strides;
  // Cannot fail: no masks, stride 1, one entry per dim.
  ref::PlanStridedSlice(input, spec, plan, nullptr);
  return -1;
}

Status Init(PrepareContext& ctx) {
  OpData* data = ctx.AllocatePersistent<OpData>();
  MOTE_ENSURE(ctx, data != nullptr, "out of persistent memory");
  ctx.set_user_data(data);
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  MOTE_RETURN_IF_ERROR(CheckOperandCounts(ctx, 3, 1));
  const TensorInfo input = ctx.input(0);
  const TensorInfo begin = ctx.input(1);
  const TensorInfo size = ctx.input(2);
  const TensorInfo output = ctx.output(0);
  MOTE_RETURN_IF_ERROR(CheckTypeIn(
      ctx, input, "input",
      kTypesS8 | kTypesS16 | kTypesS32 | kTypesF32 | kTypesBool,
      "int8, int16, int32, bool or float32"));
  MOTE_ENSURE(ctx, output.present(), "the output tensor is missing");
  MOTE_RETURN_IF_ERROR(CheckSameTypeAndQuant(ctx, input, output));
  MOTE_RETURN_IF_ERROR(CheckNotEmpty(ctx, input, "input"));
  MOTE_RETURN_IF_ERROR(CheckNotEmpty(ctx, output, "output"));
  MOTE_RETURN_IF_ERROR(
      CheckTypeIn(ctx, begin, "begin", kTypesS32 | kTypesS64, "int32 or int64"));
  MOTE_ENSURE(ctx, size.present() && size.type == begin.type,
              "size tensor '%s' must have the type of begin tensor '%s' (%s)",
              size.name, begin.name, DataTypeName(begin.type));
  const int rank = input.shape.rank;
  for (const TensorInfo* t : {&begin, &size}) {
    MOTE_ENSURE(ctx, t->shape.rank == 1 && t->shape.dims[0] == rank,
                "tensor '%s': expected a vector of %d entries (the rank of "
                "input '%s')",
                t->name, rank, input.name);
  }
  data->element_size = DataTypeSize(input.type);
  data->index_type = begin.type;
  data->output_count = output.shape.FlatSize();
  data->runtime = !(begin.is_const() && size.is_const());
  if (data->runtime) return Status::kOk;
  const int bad =
      Resolve(input.shape, begin.const_data, size.const_data, begin.type,
              &data->plan);
  MOTE_ENSURE(ctx, bad < 0,
              "begin '%s' / size '%s': dim %d is out of range for input "
              "'%s'",
              begin.name, size.name, bad, input.name);
  return CheckOutputShape(ctx, output, data->plan.output_shape,
                          "begin and size");
}

Status Eval(EvalContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  const EvalTensor* input = ctx.input(0);
  if (data->runtime) {
    const int bad = Resolve(input->shape(), ctx.input(1)->data,
                            ctx.input(2)->data, data->index_type, &data->plan);
    if (bad >= 0) {
      return ctx.Fail(Status::kInvalidArgument,
                      MOTE_MSG("begin/size of dim %d are out of range", bad));
    }
    if (data->plan.output_shape.FlatSize() != data->output_count) {
      return ctx.Fail(Status::kInvalidArgument,
                      MOTE_MSG("begin/size select %lld elements, the output "
                               "holds %lld",
                               static_cast<long long>(
                                   data->plan.output_shape.FlatSize()),
                               static_cast<long long>(data->output_count)));
    }
  }
  ref::StridedSlice(data->plan, input->data, data->element_size,
                    ctx.output(0)->data);
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_SLICE() {
  // Version 2 is int8, 4 int16, 5 rank > 4; 3 (string) and 6 (uint32) are
  // refused in Prepare.
  static constexpr OpRegistration r = {/*builtin_code=*/65,
                                       "SLICE",
                                       Init,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/5,
                                       /*dtypes=*/"int8, int16, int32, "
                                                  "float32, bool"};
  return r;
}

}  // namespace mote
