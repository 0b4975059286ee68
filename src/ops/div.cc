// DIV: float32, int32 and int8 with NumPy broadcasting up to rank 6 and
// fused RELU/RELU6/RELU_N1_TO_1 (kernels/ref/div.h).
//
// Division by zero: float32 follows IEEE then the activation clamp (x / 0
// is +-FLT_MAX, 0 / 0 NaN), as TFLite. For int32 and int8 TFLite checks
// every divisor before dividing and fails the op on a zero (TFLite Micro
// only DCHECKs it and then divides by zero); mote fails the Invoke with an
// error naming the element.
#include "kernels/ref/div.h"

#include <new>

#include "kernels/quant_math.h"
#include "kernels/ref/broadcast.h"
#include "mote/op.h"
#include "ops/binary_common.h"
#include "ops/ops.h"
#include "schema/tflite_generated.h"

namespace mote {
namespace {

struct OpData {
  Activation activation = Activation::kNone;
  ref::DivParamsS8 params;  // int8
  int32_t act_min = 0;      // int32
  int32_t act_max = 0;
  float act_min_f = 0.0f;  // float32
  float act_max_f = 0.0f;
};

Status Init(PrepareContext& ctx) {
  void* memory = ctx.AllocatePersistent(sizeof(OpData), alignof(OpData));
  if (memory == nullptr) return Status::kArenaTooSmall;
  OpData* data = new (memory) OpData();
  if (const tflite::DivOptions* opts =
          ctx.options<tflite::DivOptions>()) {
    data->activation =
        static_cast<Activation>(opts->fused_activation_function());
  }
  ctx.set_user_data(data);
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  TensorInfo input1, input2, output;
  MOTE_RETURN_IF_ERROR(PrepareBinaryTensors(ctx, &input1, &input2, &output));
  const DataType type = output.type;
  MOTE_ENSURE_SUPPORTED(ctx,
                        type == DataType::kInt8 || type == DataType::kInt32 ||
                            type == DataType::kFloat32,
                        "output '%s': expected int8, int32 or float32, got %s",
                        output.name, DataTypeName(type));
  MOTE_RETURN_IF_ERROR(CheckTensorType(ctx, input1, "input", type));
  MOTE_RETURN_IF_ERROR(CheckTensorType(ctx, input2, "input", type));
  // TFLite clamps only these; it would silently ignore TANH or SIGN_BIT.
  MOTE_ENSURE_SUPPORTED(ctx,
                        data->activation == Activation::kNone ||
                            data->activation == Activation::kRelu ||
                            data->activation == Activation::kReluN1To1 ||
                            data->activation == Activation::kRelu6,
                        "fused activation %d is not supported (only NONE, "
                        "RELU, RELU_N1_TO_1, RELU6)",
                        static_cast<int>(data->activation));

  if (type == DataType::kFloat32) {
    ActivationRangeFloat(static_cast<int>(data->activation), &data->act_min_f,
                         &data->act_max_f);
    return Status::kOk;
  }
  if (type == DataType::kInt32) {
    // TFLite Micro only divides unquantized int32.
    MOTE_ENSURE_SUPPORTED(ctx, !input1.is_quantized() && !input2.is_quantized(),
                          "int32 inputs '%s' and '%s' must not be quantized",
                          input1.name, input2.name);
    ref::ActivationRangeS32(data->activation, &data->act_min, &data->act_max);
    return Status::kOk;
  }
  MOTE_RETURN_IF_ERROR(CheckQuantizedS8(ctx, input1, "input"));
  MOTE_RETURN_IF_ERROR(CheckQuantizedS8(ctx, input2, "input"));
  MOTE_RETURN_IF_ERROR(CheckQuantizedS8(ctx, output, "output"));
  const bool ok = ref::MakeDivParamsS8(
      input1.quant.scale(0), input1.quant.zero_point(0), input2.quant.scale(0),
      input2.quant.zero_point(0), output.quant.scale(0),
      output.quant.zero_point(0), data->activation, &data->params);
  MOTE_ENSURE_SUPPORTED(ctx, ok,
                        "output '%s': cannot requantize input scales %g / %g "
                        "to output scale %g (ratio or activation bounds out "
                        "of range)",
                        output.name, static_cast<double>(input1.quant.scale(0)),
                        static_cast<double>(input2.quant.scale(0)),
                        static_cast<double>(output.quant.scale(0)));
  return Status::kOk;
}

Status Eval(EvalContext& ctx) {
  const OpData* data = ctx.user_data<OpData>();
  const EvalTensor* in1 = ctx.input(0);
  const EvalTensor* in2 = ctx.input(1);
  EvalTensor* out = ctx.output(0);
  const Shape s1 = in1->shape();
  const Shape s2 = in2->shape();
  bool ok = false;
  int64_t zero = -1;
  switch (out->type) {
    case DataType::kInt8:
      zero = ref::FindZeroDivisorS8(s2.FlatSize(), in2->as<int8_t>(),
                                    -data->params.input2_offset);
      if (zero >= 0) break;
      ok = ref::DivS8(data->params, s1, in1->as<int8_t>(), s2,
                      in2->as<int8_t>(), out->as<int8_t>());
      break;
    case DataType::kInt32:
      zero = ref::FindZeroDivisorS32(s2.FlatSize(), in2->as<int32_t>());
      if (zero >= 0) break;
      ok = ref::DivS32(data->act_min, data->act_max, s1, in1->as<int32_t>(),
                       s2, in2->as<int32_t>(), out->as<int32_t>());
      break;
    default:
      ok = ref::DivF32(data->act_min_f, data->act_max_f, s1, in1->as<float>(),
                       s2, in2->as<float>(), out->as<float>());
      break;
  }
  if (zero >= 0) {
    return ctx.Fail(Status::kInvalidArgument,
                    MOTE_MSG("division by zero: element %lld of the divisor "
                             "(the second input) is zero",
                             static_cast<long long>(zero)));
  }
  if (!ok) {
    return ctx.Fail(Status::kInternal, MOTE_MSG("input shapes do not broadcast"));
  }
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_DIV() {
  // Version 2: broadcasting above rank 4.
  static constexpr OpRegistration r = {
      /*builtin_code=*/42, "DIV", Init, Prepare, Eval, nullptr,
      /*max_version=*/2,
      /*dtypes=*/"int8, int32, float32"};
  return r;
}

}  // namespace mote
