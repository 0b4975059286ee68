// FLOOR: float32 (TFLite Micro's floor.cc: std::floor per element).
#include "kernels/ref/elementwise.h"
#include "mote/op.h"
#include "ops/math_unary_common.h"
#include "ops/ops.h"

namespace mote {

const OpRegistration& Register_FLOOR() {
  static constexpr OpRegistration r = {
      /*builtin_code=*/8, "FLOOR", nullptr, PrepareFloatUnary,
      EvalFloatUnary<ref::FloorF32>, nullptr,
      /*max_version=*/1,
      /*dtypes=*/"float32"};
  return r;
}

}  // namespace mote
