// MUL: int8 (one rescale by in1_scale * in2_scale / out_scale, which may
// exceed 1), int32 and float32, with NumPy broadcasting up to rank 6 and
// fused RELU/RELU6/RELU_N1_TO_1.
#include "kernels/ref/mul.h"

#include <cmath>
#include <new>

#include "kernels/quant_math.h"
#include "kernels/ref/broadcast.h"
#include "ops/ops.h"
#include "schema/tflite_generated.h"

namespace mote {
namespace {

struct OpData {
  Activation activation = Activation::kNone;  // from MulOptions
  ref::MulParamsS8 params;                    // int8
  int32_t act_min_i = 0;                      // int32
  int32_t act_max_i = 0;
  float act_min_f = 0.0f;  // float32
  float act_max_f = 0.0f;
};

Status Init(PrepareContext& ctx) {
  void* memory = ctx.AllocatePersistent(sizeof(OpData), alignof(OpData));
  if (memory == nullptr) return Status::kArenaTooSmall;
  OpData* data = new (memory) OpData();
  if (const tflite::MulOptions* opts =
          ctx.op()->builtin_options_as_MulOptions()) {
    data->activation =
        static_cast<Activation>(opts->fused_activation_function());
  }
  ctx.set_user_data(data);
  return Status::kOk;
}

Status CheckQuantS8(PrepareContext& ctx, const TensorInfo& t,
                    const char* role) {
  MOTE_ENSURE(ctx, t.quant.count == 1,
              "%s '%s': int8 needs per-tensor quantization (1 scale), got %d",
              role, t.name, static_cast<int>(t.quant.count));
  const float scale = t.quant.scale(0);
  MOTE_ENSURE(ctx, scale > 0.0f && std::isfinite(scale),
              "%s '%s': scale must be positive and finite, got %g", role,
              t.name, static_cast<double>(scale));
  const int32_t zp = t.quant.zero_point(0);
  MOTE_ENSURE(ctx, zp >= -128 && zp <= 127,
              "%s '%s': int8 zero point %d is outside [-128, 127]", role,
              t.name, static_cast<int>(zp));
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  MOTE_ENSURE(ctx, ctx.num_inputs() == 2, "expected 2 inputs, got %d",
              ctx.num_inputs());
  MOTE_ENSURE(ctx, ctx.num_outputs() == 1, "expected 1 output, got %d",
              ctx.num_outputs());
  const TensorInfo input1 = ctx.input(0);
  const TensorInfo input2 = ctx.input(1);
  const TensorInfo output = ctx.output(0);
  MOTE_ENSURE(ctx, input1.present() && input2.present() && output.present(),
              "both inputs and the output are required");

  const DataType type = output.type;
  MOTE_ENSURE_SUPPORTED(ctx,
                        type == DataType::kInt8 || type == DataType::kInt32 ||
                            type == DataType::kFloat32,
                        "output '%s': expected int8, int32 or float32, got %s",
                        output.name, DataTypeName(type));
  MOTE_ENSURE(ctx, input1.type == type, "input '%s': expected %s, got %s",
              input1.name, DataTypeName(type), DataTypeName(input1.type));
  MOTE_ENSURE(ctx, input2.type == type, "input '%s': expected %s, got %s",
              input2.name, DataTypeName(type), DataTypeName(input2.type));
  // TFLite clamps only these; it would silently ignore TANH or SIGN_BIT.
  MOTE_ENSURE_SUPPORTED(ctx,
                        data->activation == Activation::kNone ||
                            data->activation == Activation::kRelu ||
                            data->activation == Activation::kReluN1To1 ||
                            data->activation == Activation::kRelu6,
                        "fused activation %d is not supported (only NONE, "
                        "RELU, RELU_N1_TO_1, RELU6)",
                        static_cast<int>(data->activation));

  Shape expected;
  MOTE_ENSURE(ctx, ref::BroadcastShapes(input1.shape, input2.shape, &expected),
              "inputs '%s' and '%s' have shapes that do not broadcast",
              input1.name, input2.name);
  MOTE_ENSURE(ctx, output.shape == expected,
              "output '%s': shape is not the broadcast shape of the inputs",
              output.name);

  if (type == DataType::kFloat32) {
    ActivationRangeFloat(static_cast<int>(data->activation), &data->act_min_f,
                         &data->act_max_f);
    return Status::kOk;
  }
  if (type == DataType::kInt32) {
    // TFLite multiplies int32 tensors as plain integers, whatever their
    // quantization parameters say.
    ref::ActivationRangeS32(data->activation, &data->act_min_i,
                            &data->act_max_i);
    return Status::kOk;
  }
  MOTE_RETURN_IF_ERROR(CheckQuantS8(ctx, input1, "input"));
  MOTE_RETURN_IF_ERROR(CheckQuantS8(ctx, input2, "input"));
  MOTE_RETURN_IF_ERROR(CheckQuantS8(ctx, output, "output"));
  const bool ok = ref::MakeMulParamsS8(
      input1.quant.scale(0), input1.quant.zero_point(0), input2.quant.scale(0),
      input2.quant.zero_point(0), output.quant.scale(0),
      output.quant.zero_point(0), data->activation, &data->params);
  MOTE_ENSURE_SUPPORTED(ctx, ok,
                        "output '%s': cannot requantize input scales %g and "
                        "%g to output scale %g (multiplier or activation "
                        "bounds out of range)",
                        output.name, static_cast<double>(input1.quant.scale(0)),
                        static_cast<double>(input2.quant.scale(0)),
                        static_cast<double>(output.quant.scale(0)));
  return Status::kOk;
}

Status Eval(EvalContext& ctx) {
  const OpData* data = ctx.user_data<OpData>();
  const EvalTensor* in1 = ctx.input(0);
  const EvalTensor* in2 = ctx.input(1);
  const EvalTensor* out = ctx.output(0);
  bool ok = false;
  switch (out->type) {
    case DataType::kInt8:
      ok = ref::MulS8(data->params, in1->shape(), in1->as<int8_t>(),
                      in2->shape(), in2->as<int8_t>(), out->as<int8_t>());
      break;
    case DataType::kInt32:
      ok = ref::MulS32(data->act_min_i, data->act_max_i, in1->shape(),
                       in1->as<int32_t>(), in2->shape(), in2->as<int32_t>(),
                       out->as<int32_t>());
      break;
    default:
      ok = ref::MulF32(data->act_min_f, data->act_max_f, in1->shape(),
                       in1->as<float>(), in2->shape(), in2->as<float>(),
                       out->as<float>());
      break;
  }
  if (!ok) {
    return ctx.Fail(Status::kInternal,
                    MOTE_MSG("input shapes do not broadcast"));
  }
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_MUL() {
  // Version 3 is a rescale >= 1 (supported); versions 4 to 7 add int16,
  // int64, complex64 and uint32, which Prepare rejects by type.
  static constexpr OpRegistration r = {
      /*builtin_code=*/18, "MUL", Init, Prepare, Eval, nullptr,
      /*max_version=*/7,
      /*dtypes=*/"int8, int32, float32"};
  return r;
}

}  // namespace mote
