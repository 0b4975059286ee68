// Init/Prepare/Eval shared by ADD, SUB and MUL: two inputs and one output of
// one type (int8, int16, int32 or float32) with NumPy broadcasting up to
// rank 6 and a fused RELU/RELU6/RELU_N1_TO_1. The ops differ only in their
// kernels, their quantized parameters (`Params`, made by `MakeParams`) and
// what they require of int32 tensors.
#ifndef MOTE_OPS_ARITHMETIC_COMMON_H_
#define MOTE_OPS_ARITHMETIC_COMMON_H_

#include <cstdint>
#include <limits>

#include "kernels/quant_math.h"
#include "kernels/ref/broadcast.h"
#include "mote/op.h"
#include "ops/op_common.h"
#include "ops/quant_common.h"

namespace mote {

template <typename Params>
struct ArithmeticData {
  Activation activation = Activation::kNone;  // from the options table
  Params params;                              // int8, int16
  int32_t act_min_i = std::numeric_limits<int32_t>::min();  // int32
  int32_t act_max_i = std::numeric_limits<int32_t>::max();
  float act_min_f = 0.0f;  // float32
  float act_max_f = 0.0f;
};

// Allocates the data and reads the fused activation from `opts` (AddOptions,
// SubOptions or MulOptions; may be null).
template <typename Params, typename Options>
Status InitArithmetic(PrepareContext& ctx, const Options* opts) {
  auto* data = NewOpData<ArithmeticData<Params>>(ctx);
  if (data == nullptr) return Status::kArenaTooSmall;
  if (opts != nullptr) {
    data->activation =
        static_cast<Activation>(opts->fused_activation_function());
  }
  return Status::kOk;
}

struct ArithmeticTensors {
  TensorInfo input1;
  TensorInfo input2;
  TensorInfo output;
};

// What every arithmetic op checks first: 2 inputs and 1 output, all of one
// supported type, the fused activation, and the output shape being the
// inputs' broadcast shape.
Status GetArithmeticTensors(PrepareContext& ctx, Activation activation,
                            ArithmeticTensors* t);

// The quantization of all three tensors (int8 or int16 by their type);
// `made` is whether the op's MakeParams succeeded, reported as TFLite's
// refusal to requantize.
Status CheckArithmeticQuant(PrepareContext& ctx, const ArithmeticTensors& t);
Status CheckArithmeticParamsMade(PrepareContext& ctx,
                                 const ArithmeticTensors& t, bool made);

// ref::MakeAddParams, MakeSubParams and MakeMulParams.
template <typename Params>
using MakeParamsFn = bool (*)(DataType, float, int32_t, float, int32_t, float,
                              int32_t, Activation, Params*);

// An op's own checks of int32 tensors (what TFLite Micro allows differs).
using CheckInt32Fn = Status (*)(PrepareContext&, const ArithmeticTensors&);

// The whole Prepare of an arithmetic op. `int32_activation`: whether the
// fused activation clamps an int32 output (SUB, MUL) or is ignored (ADD).
template <typename Params>
Status PrepareArithmetic(PrepareContext& ctx, MakeParamsFn<Params> make,
                         CheckInt32Fn check_int32, bool int32_activation) {
  auto* data = ctx.user_data<ArithmeticData<Params>>();
  ArithmeticTensors t;
  MOTE_RETURN_IF_ERROR(GetArithmeticTensors(ctx, data->activation, &t));
  switch (t.output.type) {
    case DataType::kFloat32:
      ActivationRangeFloat(static_cast<int>(data->activation),
                           &data->act_min_f, &data->act_max_f);
      return Status::kOk;
    case DataType::kInt32:
      if (int32_activation) {
        ref::ActivationRangeS32(data->activation, &data->act_min_i,
                                &data->act_max_i);
      }
      return check_int32(ctx, t);
    default: {
      MOTE_RETURN_IF_ERROR(CheckArithmeticQuant(ctx, t));
      const QuantParams& a = t.input1.quant;
      const QuantParams& b = t.input2.quant;
      const QuantParams& y = t.output.quant;
      const bool made =
          make(t.output.type, a.scale(0), a.zero_point(0), b.scale(0),
               b.zero_point(0), y.scale(0), y.zero_point(0), data->activation,
               &data->params);
      return CheckArithmeticParamsMade(ctx, t, made);
    }
  }
}

// The reference kernels of one arithmetic op, by type.
template <typename Params>
struct ArithmeticKernels {
  bool (*s8)(const Params&, const Shape&, const int8_t*, const Shape&,
             const int8_t*, int8_t*);
  bool (*s16)(const Params&, const Shape&, const int16_t*, const Shape&,
              const int16_t*, int16_t*);
  bool (*s32)(int32_t, int32_t, const Shape&, const int32_t*, const Shape&,
              const int32_t*, int32_t*);
  bool (*f32)(float, float, const Shape&, const float*, const Shape&,
              const float*, float*);
};

Status FailBroadcast(EvalContext& ctx);

template <typename Params>
Status EvalArithmetic(EvalContext& ctx, const ArithmeticKernels<Params>& k) {
  const auto* d = ctx.user_data<ArithmeticData<Params>>();
  const EvalTensor* in1 = ctx.input(0);
  const EvalTensor* in2 = ctx.input(1);
  const EvalTensor* out = ctx.output(0);
  bool ok = false;
  switch (out->type) {
    case DataType::kInt8:
      ok = k.s8(d->params, in1->shape(), in1->as<int8_t>(), in2->shape(),
                in2->as<int8_t>(), out->as<int8_t>());
      break;
    case DataType::kInt16:
      ok = k.s16(d->params, in1->shape(), in1->as<int16_t>(), in2->shape(),
                 in2->as<int16_t>(), out->as<int16_t>());
      break;
    case DataType::kInt32:
      ok = k.s32(d->act_min_i, d->act_max_i, in1->shape(), in1->as<int32_t>(),
                 in2->shape(), in2->as<int32_t>(), out->as<int32_t>());
      break;
    default:
      ok = k.f32(d->act_min_f, d->act_max_f, in1->shape(), in1->as<float>(),
                 in2->shape(), in2->as<float>(), out->as<float>());
      break;
  }
  return ok ? Status::kOk : FailBroadcast(ctx);
}

}  // namespace mote

#endif  // MOTE_OPS_ARITHMETIC_COMMON_H_
