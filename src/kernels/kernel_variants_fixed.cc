// kernels/kernel_variants.h for builds whose kernels are fixed at build time
// (every CPU but x86-64, whose dispatch_x86.cc chooses at run time): one
// variant, the build's.
#include "kernels/kernel_variants.h"

#include "kernels/select.h"

namespace mote {
namespace opt {

int KernelVariantCount() { return 1; }
const char* KernelVariantName(int) { return KernelIsaName(); }
int ActiveKernelVariant() { return 0; }
void SetKernelVariant(int) {}

}  // namespace opt
}  // namespace mote
