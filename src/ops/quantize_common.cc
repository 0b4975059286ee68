#include "ops/quantize_common.h"

#include <cmath>
#include <cstdint>

namespace mote {
namespace {

// The zero point range of an integer tensor type.
void ZeroPointRange(DataType type, int64_t* lo, int64_t* hi) {
  switch (type) {
    case DataType::kUInt8:
      *lo = 0;
      *hi = 255;
      break;
    case DataType::kInt8:
      *lo = -128;
      *hi = 127;
      break;
    case DataType::kInt16:
      *lo = -32768;
      *hi = 32767;
      break;
    default:
      *lo = INT32_MIN;
      *hi = INT32_MAX;
      break;
  }
}

}  // namespace

Status CheckQuantizedTensor(PrepareContext& ctx, const TensorInfo& t,
                            const char* role) {
  // TFLite Micro would silently use the first scale of a per-channel tensor.
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
              "%s '%s': zero point %lld is outside the %s range", role,
              t.name, static_cast<long long>(zp), DataTypeName(t.type));
  return Status::kOk;
}

}  // namespace mote
