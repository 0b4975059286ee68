// Ops that move bytes without rescaling them (RESHAPE, PAD, TRANSPOSE,
// STRIDED_SLICE, SQUEEZE...) give correct real values only when the output
// carries the input's quantization. TFLite Micro does not check this and
// silently produces wrong values; converters never write such models, so
// refusing them costs nothing.
#ifndef MOTE_OPS_SAME_QUANTIZATION_H_
#define MOTE_OPS_SAME_QUANTIZATION_H_

#include "mote/op.h"

namespace mote {

inline bool IsQuantizedType(DataType type) {
  return type == DataType::kInt8 || type == DataType::kUInt8 ||
         type == DataType::kInt16;
}

inline Status EnsureSameQuantization(PrepareContext& ctx, const TensorInfo& input,
                                     const TensorInfo& output) {
  if (!IsQuantizedType(input.type) || input.type != output.type) return Status::kOk;
  const bool same =
      input.quant.count == output.quant.count &&
      (input.quant.count == 0 ||
       (input.quant.count == 1 && input.quant.scale() == output.quant.scale() &&
        input.quant.zero_point() == output.quant.zero_point()));
  MOTE_ENSURE_SUPPORTED(ctx, same,
                        "output '%s' must have the quantization of input '%s' "
                        "(this op copies values without rescaling them)",
                        output.name, input.name);
  return Status::kOk;
}

}  // namespace mote

#endif  // MOTE_OPS_SAME_QUANTIZATION_H_
