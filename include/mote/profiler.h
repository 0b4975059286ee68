// Per-op profiling hook. The platform supplies the clock (a cycle counter on
// Cortex-M, a steady clock on the host); the interpreter calls the hook
// around every op's Eval.
#ifndef MOTE_PROFILER_H_
#define MOTE_PROFILER_H_

#include <cstdint>

namespace mote {

class Profiler {
 public:
  virtual void OpBegin(int op_index) = 0;
  virtual void OpEnd(int op_index) = 0;

 protected:
  ~Profiler() = default;
};

}  // namespace mote

#endif  // MOTE_PROFILER_H_
