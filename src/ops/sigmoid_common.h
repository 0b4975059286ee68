// What the LOGISTIC and TANH op wrappers share: their data, the int16
// Prepare (TFLite Micro requires the same of both) and Eval.
#ifndef MOTE_OPS_SIGMOID_COMMON_H_
#define MOTE_OPS_SIGMOID_COMMON_H_

#include <cstdint>

#include "kernels/ref/sigmoid_common.h"
#include "mote/op.h"

namespace mote {

struct SigmoidOpData {
  int32_t size = 0;
  ref::Q4InputParamsS8 s8;
  ref::SigmoidTableInputS16 s16;
};

// The int16 part of Prepare: an output of scale 2^-15 (Q0.15) and the
// input rescale onto the sigmoid table (`max_pot_shift` as
// PrepareSigmoidTableInputS16 takes it). Zero points are checked before.
Status PrepareSigmoidS16(PrepareContext& ctx, const TensorInfo& input,
                         const TensorInfo& output, int max_pot_shift,
                         ref::SigmoidTableInputS16* params);

// The kernels of one op, by type.
struct SigmoidKernels {
  void (*s8)(const ref::Q4InputParamsS8&, int32_t, const int8_t*, int8_t*);
  void (*s16)(const ref::SigmoidTableInputS16&, int32_t, const int16_t*,
              int16_t*);
  void (*f32)(int32_t, const float*, float*);
};

Status EvalSigmoid(EvalContext& ctx, const SigmoidKernels& k);

}  // namespace mote

#endif  // MOTE_OPS_SIGMOID_COMMON_H_
