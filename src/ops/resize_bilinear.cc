// RESIZE_BILINEAR: float32 and int8 (TFLite's integer-only path), NHWC,
// align_corners or half_pixel_centers (not both, as TFLite Micro).
//
// TFLite never checks that the lower neighbour stays inside the input; mote
// refuses the (extreme) upscaling ratios where it would not.
#include "kernels/ref/resize_bilinear.h"

#include "mote/op.h"
#include "ops/ops.h"
#include "ops/resize_common.h"
#include "schema/tflite_generated.h"

namespace mote {
namespace {

// Keeps TFLite's int32 fixed-point products (1024 * size) far from overflow.
constexpr int32_t kMaxSpatialS8 = 1 << 20;

Status Init(PrepareContext& ctx) {
  ref::ResizeParams* params = ctx.AllocatePersistent<ref::ResizeParams>();
  MOTE_ENSURE(ctx, params != nullptr, "out of persistent memory");
  *params = ref::ResizeParams();
  if (const tflite::ResizeBilinearOptions* o =
          ctx.options<tflite::ResizeBilinearOptions>()) {
    params->align_corners = o->align_corners();
    params->half_pixel_centers = o->half_pixel_centers();
  }
  ctx.set_user_data(params);
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  const ref::ResizeParams& params = *ctx.user_data<ref::ResizeParams>();
  MOTE_ENSURE(ctx, !(params.align_corners && params.half_pixel_centers),
              "align_corners and half_pixel_centers cannot both be set");
  TensorInfo input;
  TensorInfo output;
  MOTE_RETURN_IF_ERROR(PrepareResize(ctx, kTypesS8 | kTypesF32,
                                     "int8 or float32", &input, &output));
  const bool integer = input.type == DataType::kInt8;
  for (int axis = 1; axis <= 2; ++axis) {
    const int32_t in = input.shape.dims[axis];
    const int32_t out = output.shape.dims[axis];
    MOTE_ENSURE_SUPPORTED(ctx,
                          !integer || (in <= kMaxSpatialS8 &&
                                       out <= kMaxSpatialS8),
                          "input '%s': int8 %s %d -> %d is too large",
                          input.name, axis == 1 ? "height" : "width",
                          static_cast<int>(in), static_cast<int>(out));
    MOTE_ENSURE_SUPPORTED(ctx,
                          ref::BilinearAxisInRange(in, out, params, integer),
                          "input '%s': resizing %s %d to %d would read past "
                          "the input in TFLite's arithmetic",
                          input.name, axis == 1 ? "height" : "width",
                          static_cast<int>(in), static_cast<int>(out));
  }
  return Status::kOk;
}

Status Eval(EvalContext& ctx) {
  const ref::ResizeParams& params = *ctx.user_data<ref::ResizeParams>();
  const EvalTensor* input = ctx.input(0);
  const EvalTensor* output = ctx.output(0);
  if (input->type == DataType::kInt8) {
    ref::ResizeBilinearS8(params, input->shape(), input->as<const int8_t>(),
                          output->shape(), output->as<int8_t>());
  } else {
    ref::ResizeBilinearF32(params, input->shape(), input->as<const float>(),
                           output->shape(), output->as<float>());
  }
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_RESIZE_BILINEAR() {
  // Version 2 is int8, 3 half_pixel_centers; 4 (int16) is refused in
  // Prepare.
  static constexpr OpRegistration r = {/*builtin_code=*/23,
                                       "RESIZE_BILINEAR",
                                       Init,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/3,
                                       /*dtypes=*/"int8, float32"};
  return r;
}

}  // namespace mote
