// QUANTIZE: float32 -> int8 or int16 (round half away from zero), and
// per-tensor requantization between integer types as TFLite Micro runs it:
// int8 -> int8/uint8/int16/int32, uint8 -> int8, int16 -> int8/int16/int32,
// int32 -> int8/int16 (TFLite's Requantize with a fixed-point multiplier).
#include <cmath>

#include "kernels/quant_math.h"
#include "kernels/ref/quantize.h"
#include "ops/op_common.h"
#include "ops/ops.h"
#include "ops/quantize_common.h"

namespace mote {
namespace {

// Type-erased kernels, so Prepare can pick one per type pair.
using QuantizeFn = void (*)(const void* input, size_t size, float scale,
                            int32_t zero_point, void* output);
using RequantizeFn = void (*)(const void* input, size_t size,
                              int32_t input_zero_point, int32_t multiplier,
                              int shift, int32_t output_zero_point,
                              void* output);

template <typename Out>
void QuantizeErased(const void* input, size_t size, float scale,
                    int32_t zero_point, void* output) {
  ref::QuantizeF32(static_cast<const float*>(input), size, scale, zero_point,
                   static_cast<Out*>(output));
}

template <typename In, typename Out>
void RequantizeErased(const void* input, size_t size, int32_t input_zero_point,
                      int32_t multiplier, int shift, int32_t output_zero_point,
                      void* output) {
  ref::Requantize(static_cast<const In*>(input), size, input_zero_point,
                  multiplier, shift, output_zero_point,
                  static_cast<Out*>(output));
}

struct QuantizePath {
  DataType out;
  QuantizeFn fn;
};
constexpr QuantizePath kQuantizePaths[] = {
    {DataType::kInt8, QuantizeErased<int8_t>},
    {DataType::kInt16, QuantizeErased<int16_t>},
};

struct RequantizePath {
  DataType in;
  DataType out;
  RequantizeFn fn;
};
constexpr RequantizePath kRequantizePaths[] = {
    {DataType::kInt8, DataType::kInt8, RequantizeErased<int8_t, int8_t>},
    {DataType::kInt8, DataType::kUInt8, RequantizeErased<int8_t, uint8_t>},
    {DataType::kUInt8, DataType::kInt8, RequantizeErased<uint8_t, int8_t>},
    {DataType::kInt8, DataType::kInt16, RequantizeErased<int8_t, int16_t>},
    {DataType::kInt8, DataType::kInt32, RequantizeErased<int8_t, int32_t>},
    {DataType::kInt16, DataType::kInt8, RequantizeErased<int16_t, int8_t>},
    {DataType::kInt16, DataType::kInt16, RequantizeErased<int16_t, int16_t>},
    {DataType::kInt16, DataType::kInt32, RequantizeErased<int16_t, int32_t>},
    {DataType::kInt32, DataType::kInt8, RequantizeErased<int32_t, int8_t>},
    {DataType::kInt32, DataType::kInt16, RequantizeErased<int32_t, int16_t>},
};

struct OpData {
  QuantizeFn quantize = nullptr;      // float32 input
  RequantizeFn requantize = nullptr;  // integer input
  float output_scale = 1.0f;          // float input only
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  int32_t multiplier = 0;  // integer input only
  int shift = 0;
};

// Picks the kernel of the type pair; false when TFLite Micro has none.
bool SelectKernel(DataType in, DataType out, OpData* data) {
  data->quantize = nullptr;
  data->requantize = nullptr;
  if (in == DataType::kFloat32) {
    for (const QuantizePath& p : kQuantizePaths) {
      if (p.out == out) data->quantize = p.fn;
    }
    return data->quantize != nullptr;
  }
  for (const RequantizePath& p : kRequantizePaths) {
    if (p.in == in && p.out == out) data->requantize = p.fn;
  }
  return data->requantize != nullptr;
}

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  TensorInfo input;
  TensorInfo output;
  MOTE_RETURN_IF_ERROR(GetSingleInputOutput(ctx, &input, &output));
  MOTE_ENSURE_SUPPORTED(ctx, SelectKernel(input.type, output.type, data),
                        "input '%s' (%s) to output '%s' (%s) is not "
                        "supported (float32 -> int8/int16, int8 -> int8/"
                        "uint8/int16/int32, uint8 -> int8, int16 -> int8/"
                        "int16/int32, int32 -> int8/int16)",
                        input.name, DataTypeName(input.type), output.name,
                        DataTypeName(output.type));
  MOTE_RETURN_IF_ERROR(CheckSameShape(ctx, input, output));

  MOTE_RETURN_IF_ERROR(CheckQuantizedTensor(ctx, output, "output"));
  data->output_scale = output.quant.scale(0);
  data->output_zero_point = output.quant.zero_point(0);
  if (data->quantize != nullptr) return Status::kOk;

  MOTE_RETURN_IF_ERROR(CheckQuantizedTensor(ctx, input, "input"));
  data->input_zero_point = input.quant.zero_point(0);
  ref::RequantizeMultiplier(input.quant.scale(0), output.quant.scale(0),
                            &data->multiplier, &data->shift);
  // MultiplyByQuantizedMultiplier shifts left by at most 31 bits.
  MOTE_ENSURE_SUPPORTED(ctx, data->shift <= 31,
                        "output '%s': rescale 2^%d from input scale %g to "
                        "output scale %g is too large",
                        output.name, data->shift,
                        static_cast<double>(input.quant.scale(0)),
                        static_cast<double>(output.quant.scale(0)));
  return Status::kOk;
}

Status Eval(EvalContext& ctx) {
  const OpData* d = ctx.user_data<OpData>();
  const EvalTensor* in = ctx.input(0);
  EvalTensor* out = ctx.output(0);
  const size_t n = static_cast<size_t>(in->shape().FlatSize());
  if (d->quantize != nullptr) {
    d->quantize(in->data, n, d->output_scale, d->output_zero_point, out->data);
  } else {
    d->requantize(in->data, n, d->input_zero_point, d->multiplier, d->shift,
                  d->output_zero_point, out->data);
  }
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_QUANTIZE() {
  // Versions 1 (int8) and 2 (int16 output); 3 (per-channel) and 4 (int4)
  // are rejected by Prepare.
  static constexpr OpRegistration r = {/*builtin_code=*/114,
                                       "QUANTIZE",
                                       InitOpData<OpData>,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/4,
      /*dtypes=*/"float32 -> int8, int16; int8 <-> int8, uint8, int16, "
                 "int32; int16 -> int16, int32; int32 -> int16"};
  return r;
}

}  // namespace mote
