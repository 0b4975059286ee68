// The Cortex-M platform layer: what the runtime needs from a board and
// nothing more. Start-up (vector table, .data/.bss, FPU and MVE enable) and
// semihosting I/O come from picolibc's crt0 (--crt0=semihost), so a
// firmware's main() can printf and its return value is QEMU's exit status.
// The runtime library itself contains no platform code.
#ifndef MOTE_TARGETS_CORTEX_M_PLATFORM_H_
#define MOTE_TARGETS_CORTEX_M_PLATFORM_H_

#include <cstddef>
#include <cstdint>

#include "mote/profiler.h"

namespace mote::cortex_m {

// Turns on the DWT cycle counter (every core here has one).
void PlatformInit();

// DWT CYCCNT: core clock cycles on hardware. QEMU has no cycle model and
// reads 0 here: count instructions with InstructionMark() instead.
uint32_t CycleCount();

// An instruction-count mark: `mov r11, r11`, a no-op that compilers never
// emit. Under QEMU with mote's TCG plugin (tools/qemu-plugin) every mark
// records the number of instructions executed so far; the difference of two
// marks is the exact count of the code between them.
inline void InstructionMark() { __asm__ volatile("mov r11, r11" ::: "memory"); }

// Stack painting: fill the unused stack (from its bottom up to just below
// the caller's frame) with a pattern; later, the lowest overwritten word
// gives the deepest the stack has been since. Bytes from the stack top.
void PaintStack();
size_t StackHighWater();
size_t StackSize();

// Profiler hooks for the interpreter (Interpreter::set_profiler).
// Marks every op's start and end; counts come from the QEMU plugin.
class MarkProfiler final : public Profiler {
 public:
  void OpBegin(int) override { InstructionMark(); }
  void OpEnd(int) override { InstructionMark(); }
};

// Adds each op's DWT cycles to cycles[op] (hardware; zeros under QEMU).
class CycleProfiler final : public Profiler {
 public:
  CycleProfiler(uint32_t* cycles, int num_ops) : cycles_(cycles), num_ops_(num_ops) {}
  void OpBegin(int) override { start_ = CycleCount(); }
  void OpEnd(int op) override {
    if (op >= 0 && op < num_ops_) cycles_[op] += CycleCount() - start_;
  }

 private:
  uint32_t* cycles_;
  int num_ops_;
  uint32_t start_ = 0;
};

}  // namespace mote::cortex_m

#endif  // MOTE_TARGETS_CORTEX_M_PLATFORM_H_
