// QUANTIZE: float32 -> int8 (round half away from zero), and per-tensor
// requantization int8 -> int8, uint8 <-> int8, int8 <-> int32 (TFLite's
// Requantize with a fixed-point multiplier). int16 is not supported yet.
#include "kernels/ref/quantize.h"

#include <cmath>
#include <new>

#include "kernels/quant_math.h"
#include "ops/ops.h"

namespace mote {
namespace {

enum class Path : uint8_t {
  kF32ToS8,
  kS8ToS8,
  kS8ToU8,
  kU8ToS8,
  kS8ToS32,
  kS32ToS8
};

struct OpData {
  Path path = Path::kF32ToS8;
  float output_scale = 1.0f;  // float input only
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  int32_t multiplier = 0;  // integer input only
  int shift = 0;
};

Status Init(PrepareContext& ctx) {
  void* memory = ctx.AllocatePersistent(sizeof(OpData), alignof(OpData));
  if (memory == nullptr) return Status::kArenaTooSmall;
  ctx.set_user_data(new (memory) OpData());
  return Status::kOk;
}

bool SelectPath(DataType in, DataType out, Path* path) {
  if (in == DataType::kFloat32 && out == DataType::kInt8) {
    *path = Path::kF32ToS8;
  } else if (in == DataType::kInt8 && out == DataType::kInt8) {
    *path = Path::kS8ToS8;
  } else if (in == DataType::kInt8 && out == DataType::kUInt8) {
    *path = Path::kS8ToU8;
  } else if (in == DataType::kUInt8 && out == DataType::kInt8) {
    *path = Path::kU8ToS8;
  } else if (in == DataType::kInt8 && out == DataType::kInt32) {
    *path = Path::kS8ToS32;
  } else if (in == DataType::kInt32 && out == DataType::kInt8) {
    *path = Path::kS32ToS8;
  } else {
    return false;
  }
  return true;
}

// The zero point range of an integer tensor type.
void ZeroPointRange(DataType type, int64_t* lo, int64_t* hi) {
  if (type == DataType::kUInt8) {
    *lo = 0;
    *hi = 255;
  } else if (type == DataType::kInt8) {
    *lo = -128;
    *hi = 127;
  } else {
    *lo = INT32_MIN;
    *hi = INT32_MAX;
  }
}

// Per-tensor quantization with a positive finite scale and a zero point the
// type can hold.
Status CheckQuant(PrepareContext& ctx, const TensorInfo& t, const char* role) {
  MOTE_ENSURE_SUPPORTED(ctx, t.quant.count == 1,
                        "%s '%s': only per-tensor quantization (1 scale) is "
                        "supported, got %d",
                        role, t.name, static_cast<int>(t.quant.count));
  const float scale = t.quant.scale(0);
  MOTE_ENSURE(ctx, scale > 0.0f && std::isfinite(scale),
              "%s '%s': scale must be positive and finite, got %g", role,
              t.name, static_cast<double>(scale));
  int64_t lo = 0;
  int64_t hi = 0;
  ZeroPointRange(t.type, &lo, &hi);
  const int64_t zp = t.quant.zero_points ? t.quant.zero_points[0] : 0;
  MOTE_ENSURE(ctx, zp >= lo && zp <= hi,
              "%s '%s': zero point %lld is outside the %s range", role, t.name,
              static_cast<long long>(zp), DataTypeName(t.type));
  return Status::kOk;
}

Status Prepare(PrepareContext& ctx) {
  OpData* data = ctx.user_data<OpData>();
  MOTE_ENSURE(ctx, ctx.num_inputs() == 1, "expected 1 input, got %d",
              ctx.num_inputs());
  MOTE_ENSURE(ctx, ctx.num_outputs() == 1, "expected 1 output, got %d",
              ctx.num_outputs());
  const TensorInfo input = ctx.input(0);
  const TensorInfo output = ctx.output(0);
  MOTE_ENSURE(ctx, input.present() && output.present(),
              "input and output are required");
  MOTE_ENSURE_SUPPORTED(ctx, SelectPath(input.type, output.type, &data->path),
                        "input '%s' (%s) to output '%s' (%s) is not "
                        "supported (float32 -> int8, int8 -> int8/uint8/"
                        "int32, uint8 -> int8, int32 -> int8)",
                        input.name, DataTypeName(input.type), output.name,
                        DataTypeName(output.type));
  MOTE_ENSURE(ctx, output.shape == input.shape,
              "output '%s': shape differs from input '%s'", output.name,
              input.name);

  MOTE_RETURN_IF_ERROR(CheckQuant(ctx, output, "output"));
  data->output_scale = output.quant.scale(0);
  data->output_zero_point = output.quant.zero_point(0);
  if (data->path == Path::kF32ToS8) return Status::kOk;

  MOTE_RETURN_IF_ERROR(CheckQuant(ctx, input, "input"));
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
  const EvalTensor* out = ctx.output(0);
  const size_t n = static_cast<size_t>(in->shape().FlatSize());
  switch (d->path) {
    case Path::kF32ToS8:
      ref::QuantizeF32ToS8(in->as<float>(), n, d->output_scale,
                           d->output_zero_point, out->as<int8_t>());
      break;
    case Path::kS8ToS8:
      ref::RequantizeS8ToS8(in->as<int8_t>(), n, d->input_zero_point,
                            d->multiplier, d->shift, d->output_zero_point,
                            out->as<int8_t>());
      break;
    case Path::kS8ToU8:
      ref::RequantizeS8ToU8(in->as<int8_t>(), n, d->input_zero_point,
                            d->multiplier, d->shift, d->output_zero_point,
                            out->as<uint8_t>());
      break;
    case Path::kU8ToS8:
      ref::RequantizeU8ToS8(in->as<uint8_t>(), n, d->input_zero_point,
                            d->multiplier, d->shift, d->output_zero_point,
                            out->as<int8_t>());
      break;
    case Path::kS8ToS32:
      ref::RequantizeS8ToS32(in->as<int8_t>(), n, d->input_zero_point,
                             d->multiplier, d->shift, d->output_zero_point,
                             out->as<int32_t>());
      break;
    case Path::kS32ToS8:
      ref::RequantizeS32ToS8(in->as<int32_t>(), n, d->input_zero_point,
                             d->multiplier, d->shift, d->output_zero_point,
                             out->as<int8_t>());
      break;
  }
  return Status::kOk;
}

}  // namespace

const OpRegistration& Register_QUANTIZE() {
  // Versions 2 to 4 add int16, per-channel and int4, which Prepare rejects.
  static constexpr OpRegistration r = {/*builtin_code=*/114,
                                       "QUANTIZE",
                                       Init,
                                       Prepare,
                                       Eval,
                                       nullptr,
                                       /*max_version=*/4,
      /*dtypes=*/"float32 -> int8; int8 <-> int8, uint8, int32"};
  return r;
}

}  // namespace mote
