// kernels/select.h's SOFTMAX int8 on Helium: the exp table of
// arm_common/softmax_s8_table.h (the reference's own terms, looked up) with
// a sixteen-lane row maximum (VMAXV). Scratch: the table, up to 1 KB.
#include <arm_mve.h>

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
  arm_common::SoftmaxS8Table(
      params, shape, input, output, scratch, [](const int8_t* in, int32_t n) {
        int8_t m = -128;
        for (int32_t i = 0; i < n; i += 16) {
          const mve_pred16_t p = vctp8q(static_cast<uint32_t>(n - i));
          // Inactive lanes load 0, so predicate the reduction as well.
          m = vmaxvq_p_s8(m, vldrbq_z_s8(in + i, p), p);
        }
        return static_cast<int32_t>(m);
      });
}

}  // namespace opt
}  // namespace mote
