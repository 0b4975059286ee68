// RESIZE_NEAREST_NEIGHBOR: int8, int16 and float32 (copied as raw elements,
// as TFLite Micro does), NHWC, align_corners and half_pixel_centers.
#include "kernels/ref/resize_nearest_neighbor.h"

#include "mote/op.h"
#include "ops/ops.h"
#include "ops/resize_common.h"
#include "schema/tflite_generated.h"

namespace mote {
namespace {

Status Init(PrepareContext& ctx) {
  ref::ResizeParams* params = ctx.AllocatePersistent<ref::ResizeParams>();
  MOTE_ENSURE(ctx, params != nullptr, "out of persistent memory");
  *params = ref::ResizeParams();
  if (const tflite::ResizeNearestNeighborOptions* o =
          ctx.options<tflite::ResizeNearestNeighborOptions>()) {
    params->align_corners = o->align_corners();
    params->half_pixel_centers = o->half_pixel_centers();
  }
  ctx.set_user_data(params);
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  TensorInfo input;
  TensorInfo output;
  return PrepareResize(ctx, kTypesS8 | kTypesS16 | kTypesF32,
                       "int8, int16 or float32", &input, &output);
}

Status Eval(EvalContext& ctx) {
  const EvalTensor* input = ctx.input(0);
  const EvalTensor* output = ctx.output(0);
  ref::ResizeNearestNeighbor(*ctx.user_data<ref::ResizeParams>(),
                             input->shape(), input->data, output->shape(),
                             DataTypeSize(input->type), output->data);
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_RESIZE_NEAREST_NEIGHBOR() {
  // Version 2 is int8, 3 align_corners/half_pixel_centers, 4 int16.
  static constexpr OpRegistration r = {/*builtin_code=*/97,
                                       "RESIZE_NEAREST_NEIGHBOR",
                                       Init,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/4,
                                       /*dtypes=*/"int8, int16, float32"};
  return r;
}

}  // namespace mote
