#include "ops/ops.h"

namespace mote {

Status RegisterAllOps(MutableOpResolver<kNumBuiltinOps>* resolver) {
  const OpRegistration* all[] = {
      &Register_ADD(),         &Register_AVERAGE_POOL_2D(),
      &Register_CONCATENATION(), &Register_CONV_2D(),
      &Register_DEPTHWISE_CONV_2D(), &Register_DEQUANTIZE(),
      &Register_FULLY_CONNECTED(), &Register_HARD_SWISH(),
      &Register_LEAKY_RELU(),  &Register_LOGISTIC(),
      &Register_MAX_POOL_2D(), &Register_MEAN(),
      &Register_MUL(),         &Register_PAD(),
      &Register_QUANTIZE(),    &Register_RELU(),
      &Register_RELU6(),       &Register_RESHAPE(),
      &Register_SOFTMAX(),     &Register_STRIDED_SLICE(),
      &Register_SUB(),         &Register_TANH(),
      &Register_TRANSPOSE(),
      // --- int16x8 and other quantized variants (issue 7)
      // --- stateful ops and variables (issue 7)
      &Register_ASSIGN_VARIABLE(), &Register_READ_VARIABLE(),
      &Register_SVDF(), &Register_UNIDIRECTIONAL_SEQUENCE_LSTM(),
      &Register_VAR_HANDLE(),
      // --- shape and data-movement ops (issue 7)
      &Register_BATCH_TO_SPACE_ND(), &Register_CAST(),
      &Register_DEPTH_TO_SPACE(), &Register_EXPAND_DIMS(),
      &Register_FILL(), &Register_GATHER(), &Register_PACK(),
      &Register_RESIZE_BILINEAR(), &Register_RESIZE_NEAREST_NEIGHBOR(),
      &Register_SHAPE(), &Register_SLICE(), &Register_SPACE_TO_BATCH_ND(),
      &Register_SPACE_TO_DEPTH(), &Register_SPLIT(), &Register_SPLIT_V(),
      &Register_SQUEEZE(), &Register_TRANSPOSE_CONV(), &Register_UNPACK(),
      &Register_ZEROS_LIKE(),
      // --- math, comparison and reduction ops (issue 7)
      &Register_ABS(), &Register_ARG_MAX(), &Register_ARG_MIN(),
      &Register_DIV(), &Register_EQUAL(), &Register_EXP(), &Register_FLOOR(),
      &Register_GREATER(), &Register_GREATER_EQUAL(),
      &Register_L2_NORMALIZATION(), &Register_LESS(), &Register_LESS_EQUAL(),
      &Register_LOG(), &Register_LOGICAL_AND(), &Register_LOGICAL_NOT(),
      &Register_LOGICAL_OR(), &Register_MAXIMUM(), &Register_MINIMUM(),
      &Register_NEG(), &Register_NOT_EQUAL(), &Register_PRELU(),
      &Register_REDUCE_MAX(), &Register_RSQRT(), &Register_SELECT(),
      &Register_SELECT_V2(), &Register_SQRT(), &Register_SQUARED_DIFFERENCE(),
      &Register_SUM(),
  };
  static_assert(sizeof(all) / sizeof(all[0]) <= kNumBuiltinOps,
                "the resolver holds every op");
  for (const OpRegistration* r : all) {
    MOTE_RETURN_IF_ERROR(resolver->Add(*r));
  }
  return Status::kOk;
}

}  // namespace mote
