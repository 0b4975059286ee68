// The kernel variants a build can switch between at run time, for tests and
// benchmarks that compare them (the op wrappers never call this).
//
// On x86-64 the kernels of kernels/select.h pick their instruction set at
// run time, and the variants are the instruction sets this CPU runs, worst
// first: 0 the reference kernels, then AVX2, then AVX-512 VNNI. Builds
// whose instruction set is fixed at build time (the Cortex-M folders,
// portable/) have one variant, that build's.
//
// Select a variant before Prepare, and never while another thread invokes:
// it is one global setting. Scratch sizes are the largest any variant of
// this CPU needs, so a switch after Prepare is still safe.
#ifndef MOTE_KERNELS_KERNEL_VARIANTS_H_
#define MOTE_KERNELS_KERNEL_VARIANTS_H_

namespace mote {
namespace opt {

// How many variants this build runs on this CPU (>= 1).
int KernelVariantCount();

// "ref", "avx2", "avx512vnni", or the build's instruction set.
const char* KernelVariantName(int variant);

// The variant in use: initially the best, KernelVariantCount() - 1.
int ActiveKernelVariant();

// Uses `variant` (clamped to the valid range) from now on.
void SetKernelVariant(int variant);

}  // namespace opt
}  // namespace mote

#endif  // MOTE_KERNELS_KERNEL_VARIANTS_H_
