// fw_kernel_tests: every optimised int8 kernel variant of this CPU's
// instruction set (variants.h) against the reference kernels on seeded
// random shapes and values, byte for byte, under QEMU. Prints a line per
// variant and "kernels: result pass|fail"; exit status 0 or 1.
#include <cstdio>

#include "kernels/select.h"
#include "tester.h"
#include "variants.h"

#if defined(MOTE_QEMU_MACHINE)
// The QEMU board for run.sh, as mote_add_firmware() records it.
__asm__(".pushsection .mote.board,\"\",%progbits\n.ascii \"" MOTE_QEMU_MACHINE
        "\"\n.popsection");
#endif
// The stack size, for picolibc's linker script (see MoteFirmware.cmake).
__asm__(".global __stack_size\n.equ __stack_size, 16384");

int main() {
  using namespace mote::kernel_test;
  std::printf("kernels: %s variants (select.h: %s)\n", kVariantsIsa,
              mote::opt::KernelIsaName());
  Tally total;
  const Tally tallies[] = {TestConv(1, 160), TestDepthwise(2, 160),
                           TestFullyConnected(3, 120), TestAdd(4, 120), TestAveragePool(5, 120), TestMaxPool(6, 120),
                           TestSoftmax(7, 120), TestConvS16(8, 160),
                           TestFullyConnectedS16(9, 120)};
  for (const Tally& t : tallies) {
    total.cases += t.cases;
    total.runs += t.runs;
    total.failures += t.failures;
  }
  BenchMarks();
  std::printf("kernels: %d cases, %d variant runs, %d failures\n", total.cases,
              total.runs, total.failures);
  std::printf("kernels: result %s\n", total.failures == 0 ? "pass" : "fail");
  return total.failures == 0 ? 0 : 1;
}
