// LOG: float32 (TFLite Micro's elementwise.cc: std::log per element; 0 gives
// -inf, a negative input NaN). Version 2 adds int8/int16 lookup tables, which
// TFLite Micro does not run; Prepare rejects them by type.
#include "kernels/ref/elementwise.h"
#include "mote/op.h"
#include "ops/math_unary_common.h"
#include "ops/ops.h"

namespace mote {

const OpRegistration& Register_LOG() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/73, "LOG", nullptr, PrepareFloatUnary,
      EvalFloatUnary<ref::LogF32>, nullptr,
      /*max_version=*/2,
      /*dtypes=*/"float32"};
  return r;
}

}  // namespace mote
