// GATHER: picks slices of the input along `axis` by an int32 positions
// tensor, with optional leading batch dims; int8 and float32 data as TFLite
// Micro.
//
// The positions are runtime data: Eval checks each one before it is used
// and fails the invoke with a message naming the bad entry (TFLite Micro
// returns an error there too).
#include "kernels/ref/gather.h"

#include "mote/op.h"
#include "ops/data_movement_common.h"
#include "ops/ops.h"
#include "schema/tflite_generated.h"

namespace mote {
namespace {

struct OpData {
  ref::GatherGeometry geometry;
  size_t element_size;
  int32_t axis;
  const char* positions_name;  // for Eval's message (points into the model)
};

Status Init(PrepareContext& ctx) {
  OpData* data = ctx.AllocatePersistent<OpData>();
  MOTE_ENSURE(ctx, data != nullptr, "out of persistent memory");
  ctx.set_user_data(data);
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  MOTE_RETURN_IF_ERROR(CheckOperandCounts(ctx, 2, 1));
  const TensorInfo input = ctx.input(0);
  const TensorInfo positions = ctx.input(1);
  const TensorInfo output = ctx.output(0);
  MOTE_RETURN_IF_ERROR(CheckTypeIn(ctx, input, "input", kTypesS8 | kTypesF32,
                                   "int8 or float32"));
  MOTE_RETURN_IF_ERROR(
      CheckTypeIn(ctx, positions, "positions", kTypesS32, "int32"));
  MOTE_ENSURE(ctx, output.present(), "the output tensor is missing");
  MOTE_RETURN_IF_ERROR(CheckSameTypeAndQuant(ctx, input, output));
  MOTE_RETURN_IF_ERROR(CheckNotEmpty(ctx, input, "input"));
  MOTE_RETURN_IF_ERROR(CheckNotEmpty(ctx, positions, "positions"));

  int32_t axis = 0;
  int32_t batch_dims = 0;
  if (const tflite::GatherOptions* o =
          ctx.options<tflite::GatherOptions>()) {
    axis = o->axis();
    batch_dims = o->batch_dims();
  }
  const int in_rank = input.shape.rank;
  const int pos_rank = positions.shape.rank;
  MOTE_RETURN_IF_ERROR(NormalizeAxis(ctx, axis, in_rank, "axis", &axis));
  // batch_dims is in [-rank(positions), rank(positions)].
  if (batch_dims < 0) batch_dims += pos_rank;
  MOTE_ENSURE(ctx, batch_dims >= 0 && batch_dims <= pos_rank &&
                       batch_dims <= axis,
              "batch_dims %d must be in [0, %d] and not above axis %d",
              static_cast<int>(batch_dims), pos_rank, static_cast<int>(axis));
  for (int i = 0; i < batch_dims; ++i) {
    MOTE_ENSURE(ctx, input.shape.dims[i] == positions.shape.dims[i],
                "batch dim %d: input '%s' has %d, positions '%s' has %d", i,
                input.name, static_cast<int>(input.shape.dims[i]),
                positions.name, static_cast<int>(positions.shape.dims[i]));
  }

  const int out_rank = in_rank + pos_rank - 1 - batch_dims;
  MOTE_ENSURE_SUPPORTED(ctx, out_rank <= Shape::kMaxRank,
                        "the output would have rank %d; mote supports up to "
                        "%d",
                        out_rank, Shape::kMaxRank);
  Shape expected;
  for (int i = 0; i < axis; ++i) {
    expected.dims[expected.rank++] = input.shape.dims[i];
  }
  for (int i = batch_dims; i < pos_rank; ++i) {
    expected.dims[expected.rank++] = positions.shape.dims[i];
  }
  for (int i = axis + 1; i < in_rank; ++i) {
    expected.dims[expected.rank++] = input.shape.dims[i];
  }
  MOTE_RETURN_IF_ERROR(
      CheckOutputShape(ctx, output, expected, "axis, batch_dims and the "
                       "positions' shape"));

  ref::GatherGeometry& g = data->geometry;
  g.batch_size = input.shape.FlatSize(0, batch_dims);
  g.outer_size = input.shape.FlatSize(batch_dims, axis);
  g.axis_size = input.shape.dims[axis];
  g.inner_size = input.shape.FlatSize(axis + 1, in_rank);
  g.coord_size = positions.shape.FlatSize(batch_dims, pos_rank);
  data->element_size = DataTypeSize(input.type);
  data->axis = axis;
  data->positions_name = positions.name;
  return Status::kOk;
}

Status Eval(EvalContext& ctx) {
  const OpData* data = ctx.user_data<OpData>();
  const int64_t bad = ref::Gather(data->geometry, ctx.input(0)->data,
                                  ctx.input_data<int32_t>(1),
                                  data->element_size, ctx.output(0)->data);
  if (bad >= 0) {
    return ctx.Fail(Status::kInvalidArgument,
                    MOTE_MSG("positions '%s': entry %lld is %d, outside [0, "
                             "%d) (the size of input axis %d)",
                             data->positions_name, static_cast<long long>(bad),
                             static_cast<int>(ctx.input_data<int32_t>(1)[bad]),
                             static_cast<int>(data->geometry.axis_size),
                             static_cast<int>(data->axis)));
  }
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_GATHER() {
  // Version 2 is int8, 5 batch_dims; 3 (bool), 4 (int16), 6 (int16
  // positions) and 7 (int4) are refused in Prepare.
  static constexpr OpRegistration r = {/*builtin_code=*/36,
                                       "GATHER",
                                       Init,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/5,
                                       /*dtypes=*/"int8, float32 (int32 "
                                                  "positions)"};
  return r;
}

}  // namespace mote
