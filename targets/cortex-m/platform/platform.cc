#include "mote_cortex_m.h"

// From picolibc's linker script: the stack is the top __stack_size bytes of
// RAM, [__heap_end, __stack).
extern "C" uint32_t __stack[];
extern "C" uint32_t __heap_end[];

namespace mote::cortex_m {
namespace {

// Debug Exception and Monitor Control, and the DWT (ARMv7-M / ARMv8-M).
volatile uint32_t& Reg(uintptr_t address) { return *reinterpret_cast<volatile uint32_t*>(address); }
constexpr uintptr_t kDemcr = 0xE000EDFC;
constexpr uint32_t kDemcrTrcena = 1u << 24;
constexpr uintptr_t kDwtCtrl = 0xE0001000;
constexpr uint32_t kDwtCtrlCyccntena = 1u;
constexpr uintptr_t kDwtCyccnt = 0xE0001004;

constexpr uint32_t kPaint = 0xC0DEC0DEu;

uintptr_t StackPointer() {
  uintptr_t sp;
  __asm__ volatile("mov %0, sp" : "=r"(sp));
  return sp;
}

}  // namespace

void PlatformInit() {
  Reg(kDemcr) |= kDemcrTrcena;
  Reg(kDwtCyccnt) = 0;
  Reg(kDwtCtrl) |= kDwtCtrlCyccntena;
}

uint32_t CycleCount() { return Reg(kDwtCyccnt); }

size_t StackSize() {
  return reinterpret_cast<uintptr_t>(__stack) - reinterpret_cast<uintptr_t>(__heap_end);
}

void PaintStack() {
  // Everything below the stack pointer is free; 16 bytes of slack.
  const uintptr_t limit = StackPointer() - 16;
  for (volatile uint32_t* p = __heap_end; reinterpret_cast<uintptr_t>(p) < limit; ++p) {
    *p = kPaint;
  }
}

size_t StackHighWater() {
  const volatile uint32_t* p = __heap_end;
  while (p < __stack && *p == kPaint) ++p;
  return reinterpret_cast<uintptr_t>(__stack) - reinterpret_cast<uintptr_t>(p);
}

}  // namespace mote::cortex_m
