// EXP: float32 (TFLite Micro's exp.cc: std::exp per element; overflow gives
// +inf). Version 2 adds int8/int16 lookup tables, which TFLite Micro does not
// run; Prepare rejects them by type.
#include "kernels/ref/elementwise.h"
#include "mote/op.h"
#include "ops/math_unary_common.h"
#include "ops/ops.h"

namespace mote {

const OpRegistration& Register_EXP() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/47, "EXP", nullptr, PrepareFloatUnary,
      EvalFloatUnary<ref::ExpF32>, nullptr,
      /*max_version=*/2,
      /*dtypes=*/"float32"};
  return r;
}

}  // namespace mote
