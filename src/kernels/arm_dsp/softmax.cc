// kernels/select.h's SOFTMAX int8 on the DSP extension: the exp table of
// arm_common/softmax_s8_table.h (the reference's own terms, looked up) with
// a scalar row maximum. Scratch: the table, up to 1 KB.
#include "kernels/arm_common/selection.h"
#include "kernels/arm_common/softmax_s8_table.h"
#include "kernels/select.h"

namespace mote {
namespace opt {

size_t SoftmaxS8_ScratchBytes(const ref::SoftmaxParamsS8& params,
                              const Shape& shape) {
  static_assert(arm_common::kSoftmaxTableEntries == 256,
                "selection.h plans the table");
  return arm_common::SoftmaxS8ScratchBytes(params, shape);
}

void SoftmaxS8(const ref::SoftmaxParamsS8& params, const Shape& shape,
               const int8_t* input, int8_t* output, void* scratch) {
  arm_common::SoftmaxS8Table(params, shape, input, output, scratch,
                             [](const int8_t* in, int32_t n) {
                               int32_t m = in[0];
                               for (int32_t i = 1; i < n; ++i) {
                                 m = in[i] > m ? in[i] : m;
                               }
                               return m;
                             });
}

}  // namespace opt
}  // namespace mote
