// The quantization check QUANTIZE and DEQUANTIZE share: the per-tensor
// quantization of an integer tensor. Unlike the compute ops these accept an
// int16 zero point other than 0: TFLite Micro requantizes with any
// (keyword_scrambled's int8 -> int16 SOFTMAX output has zero point -32768
// and is requantized to int32).
#ifndef MOTE_OPS_QUANTIZE_COMMON_H_
#define MOTE_OPS_QUANTIZE_COMMON_H_

#include "mote/op.h"

namespace mote {

// Per-tensor quantization (kUnsupported otherwise) with a positive finite
// scale and a zero point the type can hold (int8, uint8, int16, int32).
Status CheckQuantizedTensor(PrepareContext& ctx, const TensorInfo& t,
                            const char* role);

}  // namespace mote

#endif  // MOTE_OPS_QUANTIZE_COMMON_H_
