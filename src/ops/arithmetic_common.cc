#include "ops/arithmetic_common.h"

namespace mote {

Status GetArithmeticTensors(PrepareContext& ctx, Activation activation,
                            ArithmeticTensors* t) {
  MOTE_ENSURE(ctx, ctx.num_inputs() == 2, "expected 2 inputs, got %d",
              ctx.num_inputs());
  MOTE_ENSURE(ctx, ctx.num_outputs() == 1, "expected 1 output, got %d",
              ctx.num_outputs());
  t->input1 = ctx.input(0);
  t->input2 = ctx.input(1);
  t->output = ctx.output(0);
  MOTE_ENSURE(
      ctx, t->input1.present() && t->input2.present() && t->output.present(),
      "both inputs and the output are required");

  const DataType type = t->output.type;
  MOTE_ENSURE_SUPPORTED(ctx,
                        type == DataType::kInt8 || type == DataType::kInt16 ||
                            type == DataType::kInt32 ||
                            type == DataType::kFloat32,
                        "output '%s': expected int8, int16, int32 or float32, "
                        "got %s",
                        t->output.name, DataTypeName(type));
  for (const TensorInfo* in : {&t->input1, &t->input2}) {
    MOTE_ENSURE(ctx, in->type == type, "input '%s': expected %s, got %s",
                in->name, DataTypeName(type), DataTypeName(in->type));
  }
  MOTE_RETURN_IF_ERROR(CheckFusedActivation(ctx, activation));

  Shape expected;
  MOTE_ENSURE(ctx,
              ref::BroadcastShapes(t->input1.shape, t->input2.shape, &expected),
              "inputs '%s' and '%s' have shapes that do not broadcast",
              t->input1.name, t->input2.name);
  MOTE_ENSURE(ctx, t->output.shape == expected,
              "output '%s': shape is not the broadcast shape of the inputs",
              t->output.name);
  return Status::kOk;
}

Status CheckArithmeticQuant(PrepareContext& ctx, const ArithmeticTensors& t) {
  MOTE_RETURN_IF_ERROR(CheckActivationQuant(ctx, t.input1, "input"));
  MOTE_RETURN_IF_ERROR(CheckActivationQuant(ctx, t.input2, "input"));
  return CheckActivationQuant(ctx, t.output, "output");
}

Status CheckArithmeticParamsMade(PrepareContext& ctx,
                                 const ArithmeticTensors& t, bool made) {
  MOTE_ENSURE_SUPPORTED(ctx, made,
                        "output '%s': cannot requantize input scales %g and "
                        "%g to output scale %g (multiplier or activation "
                        "bounds out of range)",
                        t.output.name,
                        static_cast<double>(t.input1.quant.scale(0)),
                        static_cast<double>(t.input2.quant.scale(0)),
                        static_cast<double>(t.output.quant.scale(0)));
  return Status::kOk;
}

Status FailBroadcast(EvalContext& ctx) {
  return ctx.Fail(Status::kInternal, MOTE_MSG("input shapes do not broadcast"));
}

}  // namespace mote
