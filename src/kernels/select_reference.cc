// kernels/select.h entry points that no fixed-ISA folder (portable/,
// arm_dsp/, arm_mve/) defines: the reference kernels. Compiled for every
// build but x86-64's, whose dispatch_x86.cc defines them all. Every entry
// point now has its own file in each folder (portable/ forwards to the
// reference), so nothing is left here; a new entry point may start here
// before its folders define it.
#include "kernels/select.h"
