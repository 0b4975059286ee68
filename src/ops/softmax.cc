// SOFTMAX over the last axis: int8 -> int8 (output scale 1/256, zero point
// -128) and int8 -> int16 (scale 1/65536, zero point -32768) with TFLite's
// fixed-point algorithm, int16 -> int16 (zero points 0, output scale
// 1/32768) with TFLite Micro's lookup tables, and float32.
#include <cmath>

#include "kernels/ref/lut.h"
#include "kernels/ref/softmax.h"
#include "kernels/scratch_plan.h"
#include "kernels/select.h"
#include "ops/op_common.h"
#include "ops/ops.h"
#include "ops/per_type_registration.h"
#include "ops/unary_common.h"
#include "schema/tflite_generated.h"

namespace mote {
namespace {

struct OpData {
  float beta = 0.0f;  // the schema's default when SoftmaxOptions is absent
  ref::SoftmaxParamsS8 s8;
  ref::SoftmaxParamsS16 s16;
  int16_t* luts = nullptr;  // int16 input: exp and 1 / (1 + x) tables
  int scratch_index = -1;   // int8 -> int8 kernel scratch (kernels/select.h)
};

Status Init(PrepareContext& ctx) {
  OpData* data = NewOpData<OpData>(ctx);
  if (data == nullptr) return Status::kArenaTooSmall;
  if (const tflite::SoftmaxOptions* opts =
          ctx.options<tflite::SoftmaxOptions>()) {
    data->beta = opts->beta();
  }
  return Status::kOk;
}

// The input types SOFTMAX runs and the output each allows: int8 -> int8 or
// int16, int16 -> int16, float32 -> float32.
Status CheckTypes(PrepareContext& ctx, const TensorInfo& input,
                  const TensorInfo& output) {
  MOTE_ENSURE_SUPPORTED(
      ctx,
      input.type == DataType::kInt8 || input.type == DataType::kInt16 ||
          input.type == DataType::kFloat32,
      "input '%s': expected int8, int16 or float32, got %s", input.name,
      DataTypeName(input.type));
  const bool s8_to_s16 =
      input.type == DataType::kInt8 && output.type == DataType::kInt16;
  MOTE_ENSURE(ctx, s8_to_s16 || output.type == input.type,
              "output '%s': expected %s like the input, got %s", output.name,
              DataTypeName(input.type), DataTypeName(output.type));
  return Status::kOk;
}

// TFLite Micro's check of an int16 output scale: within 0.1% of 2^-bits.
bool ScaleNear(float scale, float expected) {
  return std::fabs(scale - expected) <= 0.001f * expected;
}

Status PrepareS8Input(PrepareContext& ctx, const TensorInfo& input,
                      const TensorInfo& output, OpData* data) {
  if (output.type == DataType::kInt16) {
    // The kernel writes probabilities in 1/65536 steps from -32768.
    MOTE_ENSURE_SUPPORTED(ctx, output.quant.count == 1,
                          "output '%s': int16 needs per-tensor quantization "
                          "(1 scale), got %d",
                          output.name, static_cast<int>(output.quant.count));
    MOTE_ENSURE(ctx,
                output.quant.zero_point(0) == -32768 &&
                    ScaleNear(output.quant.scale(0), 1.0f / 65536),
                "output '%s': int8 -> int16 softmax needs scale 1/65536 and "
                "zero point -32768, got %g and %d",
                output.name, static_cast<double>(output.quant.scale(0)),
                static_cast<int>(output.quant.zero_point(0)));
  } else {
    MOTE_RETURN_IF_ERROR(CheckQuantS8(ctx, output, "output"));
    // The kernel writes probabilities in 1/256 steps from -128; TFLite
    // requires exactly this quantization.
    MOTE_ENSURE(ctx,
                output.quant.scale(0) == 1.0f / 256 &&
                    output.quant.zero_point(0) == -128,
                "output '%s': int8 softmax needs scale 1/256 and zero point "
                "-128, got %g and %d",
                output.name, static_cast<double>(output.quant.scale(0)),
                static_cast<int>(output.quant.zero_point(0)));
  }
  MOTE_ENSURE(
      ctx, ref::PrepareSoftmaxS8(input.quant.scale(0), data->beta, &data->s8),
      "input '%s': beta %g times input scale %g is too small for "
      "int8 softmax",
      input.name, static_cast<double>(data->beta),
      static_cast<double>(input.quant.scale(0)));
  data->scratch_index = -1;
  if (output.type != DataType::kInt8) return Status::kOk;
  const size_t bytes = opt::PlannedSoftmaxS8_ScratchBytes(data->s8, input.shape);
  return bytes > 0 ? ctx.RequestScratch(bytes, &data->scratch_index)
                   : Status::kOk;
}

Status PrepareS16Input(PrepareContext& ctx, const TensorInfo& input,
                       const TensorInfo& output, OpData* data) {
  MOTE_RETURN_IF_ERROR(
      CheckActivationQuant(ctx, output, "output", Status::kUnsupported));
  MOTE_ENSURE(ctx, ScaleNear(output.quant.scale(0), 1.0f / 32768),
              "output '%s': int16 softmax needs scale 1/32768, got %g",
              output.name, static_cast<double>(output.quant.scale(0)));
  const int32_t depth = input.shape.dims[input.shape.rank - 1];
  MOTE_ENSURE_SUPPORTED(ctx, depth <= ref::kMaxSoftmaxDepthS16,
                        "input '%s': int16 softmax over %d elements would "
                        "overflow its sum (at most %d)",
                        input.name, static_cast<int>(depth),
                        static_cast<int>(ref::kMaxSoftmaxDepthS16));
  // Prepare may run again on the same op: keep the first tables.
  if (data->luts == nullptr) {
    data->luts = ctx.AllocatePersistent<int16_t>(2 * ref::kLutSizeS16);
    if (data->luts == nullptr) return Status::kArenaTooSmall;
  }
  MOTE_ENSURE_SUPPORTED(
      ctx,
      ref::PrepareSoftmaxS16(input.quant.scale(0), data->beta, data->luts,
                             data->luts + ref::kLutSizeS16, &data->s16),
      "input '%s': beta %g times input scale %g is too large for int16 "
      "softmax",
      input.name, static_cast<double>(data->beta),
      static_cast<double>(input.quant.scale(0)));
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  TensorInfo input;
  TensorInfo output;
  int32_t size = 0;
  MOTE_RETURN_IF_ERROR(PrepareUnaryTensors(ctx, &input, &output, &size));
  MOTE_ENSURE(ctx, input.shape.rank >= 1, "input '%s': needs rank >= 1",
              input.name);
  MOTE_RETURN_IF_ERROR(CheckTypes(ctx, input, output));
  if (input.type == DataType::kFloat32) return Status::kOk;
  MOTE_RETURN_IF_ERROR(
      CheckActivationQuant(ctx, input, "input", Status::kUnsupported));
  if (input.type == DataType::kInt8) {
    return PrepareS8Input(ctx, input, output, data);
  }
  return PrepareS16Input(ctx, input, output, data);
}

// One function per kernel, so that a per-type registration's Eval
// references only its own.
void EvalS8(EvalContext& ctx, const OpData& data, const EvalTensor& input,
            EvalTensor& output) {
  opt::SoftmaxS8(data.s8, input.shape(), input.as<int8_t>(),
                 output.as<int8_t>(),
                 data.scratch_index >= 0 ? ctx.scratch(data.scratch_index)
                                         : nullptr);
}

void EvalS16(const OpData& data, const EvalTensor& input,
             EvalTensor& output) {
  ref::SoftmaxS16(data.s16, input.shape(), input.as<int16_t>(),
                  output.as<int16_t>());
}

Status Eval(EvalContext& ctx) {
  const OpData* data = ctx.user_data<OpData>();
  const EvalTensor* input = ctx.input(0);
  EvalTensor* output = ctx.output(0);
  switch (input->type) {
    case DataType::kInt8:
      if (output->type == DataType::kInt16) {
        ref::SoftmaxS8ToS16(data->s8, input->shape(), input->as<int8_t>(),
                            output->as<int16_t>());
      } else {
        EvalS8(ctx, *data, *input, *output);
      }
      break;
    case DataType::kInt16:
      EvalS16(*data, *input, *output);
      break;
    default:
      ref::SoftmaxF32(data->beta, input->shape(), input->as<float>(),
                      output->as<float>());
      break;
  }
  return Status::kOk;
}

// The per-type registrations: int8 -> int8 and int16 -> int16 only.
template <DataType kType>
Status PrepareOnly(PrepareContext& ctx) {
  MOTE_RETURN_IF_ERROR(RequireKernelType(ctx, ctx.input(0), kType, "input"));
  MOTE_RETURN_IF_ERROR(
      RequireKernelType(ctx, ctx.output(0), kType, "output"));
  return Prepare(ctx);
}

Status EvalOnlyS8(EvalContext& ctx) {
  EvalS8(ctx, *ctx.user_data<OpData>(), *ctx.input(0), *ctx.output(0));
  return Status::kOk;
}

Status EvalOnlyS16(EvalContext& ctx) {
  EvalS16(*ctx.user_data<OpData>(), *ctx.input(0), *ctx.output(0));
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_SOFTMAX() {
  // Versions 1 (float32), 2 (int8) and 3 (int16).
  static constexpr OpRegistration r = {/*builtin_code=*/25,
                                       "SOFTMAX",
                                       Init,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/3,
      /*dtypes=*/"int8, int8 -> int16, int16, float32"};
  return r;
}

const OpRegistration& Register_SOFTMAX_INT8() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/25, "SOFTMAX", Init, PrepareOnly<DataType::kInt8>,
      EvalOnlyS8, nullptr, /*max_version=*/3, /*dtypes=*/"int8 only"};
  return r;
}

const OpRegistration& Register_SOFTMAX_INT16() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/25, "SOFTMAX", Init, PrepareOnly<DataType::kInt16>,
      EvalOnlyS16, nullptr, /*max_version=*/3, /*dtypes=*/"int16 only"};
  return r;
}

}  // namespace mote
