// Caller-provided memory for the dsp blocks: no heap anywhere.
//
// Every block lays its buffers out with one function that takes them from a
// Scratch. Called on a counting Scratch (no memory) it gives the byte size
// that *_scratch_bytes() reports, so size and layout cannot disagree.
#ifndef MOTE_DSP_SCRATCH_H_
#define MOTE_DSP_SCRATCH_H_

#include <cstddef>
#include <cstdint>

#include "mote/status.h"

namespace mote::dsp {

class Scratch {
 public:
  // Counts bytes only; Take returns nullptr.
  Scratch() = default;
  Scratch(void* memory, size_t bytes)
      : base_(static_cast<uint8_t*>(memory)), capacity_(bytes), counting_(false) {}

  // `count` elements of T, aligned to 8 bytes; nullptr when counting or when
  // the memory is exhausted (then ok() turns false).
  template <typename T>
  T* Take(size_t count) {
    const size_t offset = (used_ + 7u) & ~size_t{7};
    const size_t bytes = count * sizeof(T);
    if (count != 0 && bytes / count != sizeof(T)) {  // size_t overflow
      overflow_ = true;
      return nullptr;
    }
    used_ = offset + bytes;
    if (counting_) return nullptr;
    if (used_ > capacity_ || used_ < offset) {
      overflow_ = true;
      return nullptr;
    }
    return reinterpret_cast<T*>(base_ + offset);
  }

  size_t used() const { return (used_ + 7u) & ~size_t{7}; }
  bool counting() const { return counting_; }
  bool ok() const { return !overflow_; }

 private:
  uint8_t* base_ = nullptr;
  size_t capacity_ = 0;
  size_t used_ = 0;
  bool counting_ = true;
  bool overflow_ = false;
};

}  // namespace mote::dsp

// Reports a failure on `errors` (may be null) and returns `status`.
#define MOTE_DSP_FAIL(errors, status, ...)                         \
  do {                                                            \
    if ((errors) != nullptr) (errors)->Report((status), MOTE_MSG(__VA_ARGS__)); \
    return (status);                                              \
  } while (0)

#endif  // MOTE_DSP_SCRATCH_H_
