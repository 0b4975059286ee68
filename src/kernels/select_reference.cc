// kernels/select.h entry points that no fixed-ISA folder (portable/,
// arm_dsp/, arm_mve/) optimises yet: the reference kernels. Compiled for
// every build but x86-64's, whose dispatch_x86.cc defines them all; a
// folder that gains its own version takes the entry point out of here.
#include "kernels/select.h"

namespace mote {
namespace opt {

bool AddS8(const ref::AddSubParams& params, const Shape& input1_shape,
           const int8_t* input1, const Shape& input2_shape,
           const int8_t* input2, int8_t* output) {
  return ref::AddS8(params, input1_shape, input1, input2_shape, input2,
                    output);
}

}  // namespace opt
}  // namespace mote
