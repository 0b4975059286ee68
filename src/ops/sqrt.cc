// SQRT: float32 (TFLite Micro's elementwise.cc: std::sqrt per element; a
// negative input gives NaN).
#include "kernels/ref/elementwise.h"
#include "mote/op.h"
#include "ops/math_unary_common.h"
#include "ops/ops.h"

namespace mote {

const OpRegistration& Register_SQRT() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/75, "SQRT", nullptr, PrepareFloatUnary,
      EvalFloatUnary<ref::SqrtF32>, nullptr,
      /*max_version=*/1,
      /*dtypes=*/"float32"};
  return r;
}

}  // namespace mote
