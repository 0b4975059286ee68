// Registrations of mote's builtin ops, one per file in src/ops/.
// Register only the ops a firmware needs; RegisterAllOps adds every one.
#ifndef MOTE_OPS_OPS_H_
#define MOTE_OPS_OPS_H_

#include "mote/op.h"
#include "mote/op_resolver.h"

namespace mote {

const OpRegistration& Register_ADD();
const OpRegistration& Register_AVERAGE_POOL_2D();
const OpRegistration& Register_CONCATENATION();
const OpRegistration& Register_CONV_2D();
const OpRegistration& Register_DEPTHWISE_CONV_2D();
const OpRegistration& Register_DEQUANTIZE();
const OpRegistration& Register_FULLY_CONNECTED();
const OpRegistration& Register_HARD_SWISH();
const OpRegistration& Register_LEAKY_RELU();
const OpRegistration& Register_LOGISTIC();
const OpRegistration& Register_MAX_POOL_2D();
const OpRegistration& Register_MEAN();
const OpRegistration& Register_MUL();
const OpRegistration& Register_PAD();
const OpRegistration& Register_QUANTIZE();
const OpRegistration& Register_RELU();
const OpRegistration& Register_RELU6();
const OpRegistration& Register_RESHAPE();
const OpRegistration& Register_SOFTMAX();
const OpRegistration& Register_STRIDED_SLICE();
const OpRegistration& Register_SUB();
const OpRegistration& Register_TANH();
const OpRegistration& Register_TRANSPOSE();

// --- int16x8 and other quantized variants (issue 7) -------------------------

// --- stateful ops and variables (issue 7) ----------------------------------
const OpRegistration& Register_ASSIGN_VARIABLE();
const OpRegistration& Register_READ_VARIABLE();
const OpRegistration& Register_SVDF();
const OpRegistration& Register_UNIDIRECTIONAL_SEQUENCE_LSTM();
const OpRegistration& Register_VAR_HANDLE();

// --- shape and data-movement ops (issue 7) ---------------------------------
const OpRegistration& Register_BATCH_TO_SPACE_ND();
const OpRegistration& Register_CAST();
const OpRegistration& Register_DEPTH_TO_SPACE();
const OpRegistration& Register_EXPAND_DIMS();
const OpRegistration& Register_FILL();
const OpRegistration& Register_GATHER();
const OpRegistration& Register_PACK();
const OpRegistration& Register_RESIZE_BILINEAR();
const OpRegistration& Register_RESIZE_NEAREST_NEIGHBOR();
const OpRegistration& Register_SHAPE();
const OpRegistration& Register_SLICE();
const OpRegistration& Register_SPACE_TO_BATCH_ND();
const OpRegistration& Register_SPACE_TO_DEPTH();
const OpRegistration& Register_SPLIT();
const OpRegistration& Register_SPLIT_V();
const OpRegistration& Register_SQUEEZE();
const OpRegistration& Register_TRANSPOSE_CONV();
const OpRegistration& Register_UNPACK();
const OpRegistration& Register_ZEROS_LIKE();

// --- math, comparison and reduction ops (issue 7) --------------------------
const OpRegistration& Register_ABS();
const OpRegistration& Register_ARG_MAX();
const OpRegistration& Register_ARG_MIN();
const OpRegistration& Register_DIV();
const OpRegistration& Register_EQUAL();
const OpRegistration& Register_EXP();
const OpRegistration& Register_FLOOR();
const OpRegistration& Register_GREATER();
const OpRegistration& Register_GREATER_EQUAL();
const OpRegistration& Register_L2_NORMALIZATION();
const OpRegistration& Register_LESS();
const OpRegistration& Register_LESS_EQUAL();
const OpRegistration& Register_LOG();
const OpRegistration& Register_LOGICAL_AND();
const OpRegistration& Register_LOGICAL_NOT();
const OpRegistration& Register_LOGICAL_OR();
const OpRegistration& Register_MAXIMUM();
const OpRegistration& Register_MINIMUM();
const OpRegistration& Register_NEG();
const OpRegistration& Register_NOT_EQUAL();
const OpRegistration& Register_PRELU();
const OpRegistration& Register_REDUCE_MAX();
const OpRegistration& Register_RSQRT();
const OpRegistration& Register_SELECT();
const OpRegistration& Register_SELECT_V2();
const OpRegistration& Register_SQRT();
const OpRegistration& Register_SQUARED_DIFFERENCE();
const OpRegistration& Register_SUM();

// --- per-type registrations (session 3) ------------------------------------
// One type's kernel only (ops/per_type_registration.h): Prepare rejects any
// other type with kUnsupported, and a firmware registering these links no
// other type's kernel. RegisterAllOps adds the general ones above.
const OpRegistration& Register_CONV_2D_INT8();
const OpRegistration& Register_CONV_2D_INT16();
const OpRegistration& Register_DEPTHWISE_CONV_2D_INT8();
const OpRegistration& Register_DEPTHWISE_CONV_2D_INT16();
const OpRegistration& Register_FULLY_CONNECTED_INT8();
const OpRegistration& Register_FULLY_CONNECTED_INT16();
const OpRegistration& Register_SOFTMAX_INT8();
const OpRegistration& Register_SOFTMAX_INT16();

// Capacity of a resolver that can hold every builtin op mote implements.
constexpr int kNumBuiltinOps = 160;

// Adds every op above.
Status RegisterAllOps(MutableOpResolver<kNumBuiltinOps>* resolver);

}  // namespace mote

#endif  // MOTE_OPS_OPS_H_
