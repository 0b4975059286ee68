// Prepare-time work shared by the reductions (MEAN, SUM, REDUCE_MAX): the
// input/output counts, the constant axis tensor, its resolution against the
// input rank, keep_dims, and the output's element count.
//
// The axis tensor must be constant (what converters emit); TFLite Micro
// reads it at Eval, mote resolves it once here. TFLite Micro trusts the
// model's output shape; its element count is what must agree for the kernel
// to stay in bounds, so that is what is checked.
#ifndef MOTE_OPS_REDUCE_COMMON_H_
#define MOTE_OPS_REDUCE_COMMON_H_

#include <cmath>
#include <cstdint>

#include "kernels/ref/reduce.h"
#include "mote/op.h"
#include "ops/const_tensor_util.h"
#include "schema/tflite_generated.h"

namespace mote {

constexpr int kMaxReduceAxes = 32;

// The op must have 2 inputs (data, axis) and 1 output.
inline Status CheckReduceArity(PrepareContext& ctx) {
  MOTE_ENSURE(ctx, ctx.num_inputs() == 2, "expected 2 inputs, got %d",
              ctx.num_inputs());
  MOTE_ENSURE(ctx, ctx.num_outputs() == 1, "expected 1 output, got %d",
              ctx.num_outputs());
  return Status::kOk;
}

// The input and output types agree.
inline Status CheckReduceSameType(PrepareContext& ctx, const TensorInfo& input,
                                  const TensorInfo& output) {
  MOTE_ENSURE(ctx, output.type == input.type,
              "input '%s' is %s but output '%s' is %s", input.name,
              DataTypeName(input.type), output.name, DataTypeName(output.type));
  return Status::kOk;
}

// Reads and resolves the axis input, then checks the output holds exactly
// the reduced elements. `*reduced_shape` is the shape with keep_dims applied.
inline Status PrepareReduction(PrepareContext& ctx, const TensorInfo& input,
                               const TensorInfo& output,
                               bool reduced[Shape::kMaxRank],
                               Shape* reduced_shape) {
  int32_t axes[kMaxReduceAxes];
  int num_axes = 0;
  const TensorInfo axis = ctx.input(1);
  MOTE_RETURN_IF_ERROR(ReadConstInt32Vector(ctx, axis, "axis", true, axes,
                                            kMaxReduceAxes, &num_axes));
  int32_t bad_axis = 0;
  MOTE_ENSURE(ctx,
              ref::ResolveReduceAxes(input.shape.rank, axes, num_axes, reduced,
                                     &bad_axis),
              "axis tensor '%s': axis %d is out of range for input '%s' of "
              "rank %d",
              axis.name, static_cast<int>(bad_axis), input.name,
              static_cast<int>(input.shape.rank));

  const tflite::ReducerOptions* options =
      ctx.options<tflite::ReducerOptions>();
  const bool keep_dims = options != nullptr && options->keep_dims();
  *reduced_shape = ref::ReducedShape(input.shape, reduced, keep_dims);
  MOTE_ENSURE(ctx, output.shape.FlatSize() == reduced_shape->FlatSize(),
              "output '%s' has %lld elements; reducing input '%s' gives %lld",
              output.name, static_cast<long long>(output.shape.FlatSize()),
              input.name, static_cast<long long>(reduced_shape->FlatSize()));
  return Status::kOk;
}

// A quantized reduction's input and output: quantized, per tensor, with a
// positive scale and a zero point of the element type, and a rescale factor
// (input scale / output scale) that MultiplyByQuantizedMultiplier can apply
// without shifting past 31 bits.
inline Status CheckReduceQuantized(PrepareContext& ctx, const TensorInfo& input,
                                   const TensorInfo& output) {
  MOTE_ENSURE(ctx, input.is_quantized() && output.is_quantized(),
              "%s input '%s' and output '%s' must be quantized",
              DataTypeName(input.type), input.name, output.name);
  MOTE_ENSURE(ctx,
              input.quant.scale() > 0.0f && output.quant.scale() > 0.0f &&
                  std::isfinite(input.quant.scale()) &&
                  std::isfinite(output.quant.scale()),
              "input '%s' and output '%s' need positive scales", input.name,
              output.name);
  const int32_t qmin = input.type == DataType::kInt16 ? -32768 : -128;
  const int32_t qmax = input.type == DataType::kInt16 ? 32767 : 127;
  for (const TensorInfo* t : {&input, &output}) {
    [[maybe_unused]] const char* role = t == &input ? "input" : "output";
    MOTE_ENSURE(ctx, t->quant.count == 1,
                "%s '%s': %s needs per-tensor quantization (1 scale), got %d",
                role, t->name, DataTypeName(t->type),
                static_cast<int>(t->quant.count));
    const int32_t zp = t->quant.zero_point();
    MOTE_ENSURE(ctx, zp >= qmin && zp <= qmax,
                "%s '%s': %s zero point %d is outside [%d, %d]", role, t->name,
                DataTypeName(t->type), static_cast<int>(zp),
                static_cast<int>(qmin), static_cast<int>(qmax));
  }
  // Past 2^30 the multiplier's left shift would overflow int32.
  const double factor = static_cast<double>(input.quant.scale()) /
                        static_cast<double>(output.quant.scale());
  MOTE_ENSURE_SUPPORTED(ctx, factor <= 1073741824.0,
                        "input '%s' to output '%s': rescale factor %g is too "
                        "large",
                        input.name, output.name, factor);
  return Status::kOk;
}

}  // namespace mote

#endif  // MOTE_OPS_REDUCE_COMMON_H_
