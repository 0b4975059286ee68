// Offline arena planning: place buffers with known lifetimes in one block so
// that buffers alive at the same time never overlap, and the block is small.
//
// Each buffer goes at the lowest offset that no lifetime-overlapping, already
// placed buffer occupies (TFLM's greedy placement). The result depends on
// the order buffers are placed in, so several orders (largest first, longest
// lived first, largest size x lifetime first, earliest first) are tried and
// the smallest plan is kept; on feed-forward networks it meets the live-set
// lower bound or comes close.
#ifndef MOTE_PLANNER_GREEDY_PLANNER_H_
#define MOTE_PLANNER_GREEDY_PLANNER_H_

#include <cstddef>
#include <cstdint>

namespace mote {

struct BufferRequest {
  uint32_t size = 0;     // bytes
  int32_t first_use = 0; // op index that writes it (0 for graph inputs)
  int32_t last_use = 0;  // last op index that reads it (inclusive)
  uint32_t offset = 0;   // output: byte offset in the planned block
};

// Work memory PlanGreedy needs for `count` requests (caller provides it).
constexpr size_t PlannerScratchBytes(int count) {
  return static_cast<size_t>(count) * 2 * sizeof(int32_t);
}

// Assigns every request's offset (a multiple of `alignment`, a power of two)
// and returns the size of the block. `scratch` holds PlannerScratchBytes.
size_t PlanGreedy(BufferRequest* requests, int count, size_t alignment,
                  void* scratch);

// The largest total size of buffers alive at the same time: no plan can be
// smaller. Reported next to the plan so its quality is visible.
size_t LiveSetLowerBound(const BufferRequest* requests, int count);

}  // namespace mote

#endif  // MOTE_PLANNER_GREEDY_PLANNER_H_
