#include "planner/greedy_planner.h"

#include <algorithm>
#include <cstdint>

namespace mote {
namespace {

bool LifetimesOverlap(const BufferRequest& a, const BufferRequest& b) {
  return a.first_use <= b.last_use && b.first_use <= a.last_use;
}

size_t AlignUp(size_t value, size_t alignment) {
  return (value + alignment - 1) & ~(alignment - 1);
}

// The orders in which buffers are placed. Largest-first is TFLM's; the
// others win on graphs where a long-lived buffer should claim its place
// before short-lived large ones fragment the block (MobileNet's first
// layers). Each is tried and the smallest plan kept.
enum class Order { kSize, kLifetime, kArea, kFirstUse };
constexpr Order kOrders[] = {Order::kSize, Order::kLifetime, Order::kArea, Order::kFirstUse};

int64_t Key(const BufferRequest& r, Order order) {
  const int64_t life = int64_t{r.last_use} - r.first_use + 1;
  switch (order) {
    case Order::kSize: return r.size;
    case Order::kLifetime: return life;
    case Order::kArea: return life * r.size;
    case Order::kFirstUse: return -int64_t{r.first_use};
  }
  return 0;
}

size_t PlanWithOrder(BufferRequest* requests, int count, size_t alignment,
                     Order strategy, int32_t* order, int32_t* neighbours) {
  for (int i = 0; i < count; ++i) order[i] = i;
  // Ties fall back to size, first use, then index, so plans are
  // deterministic.
  std::sort(order, order + count, [requests, strategy](int32_t a, int32_t b) {
    const int64_t ka = Key(requests[a], strategy), kb = Key(requests[b], strategy);
    if (ka != kb) return ka > kb;
    if (requests[a].size != requests[b].size) return requests[a].size > requests[b].size;
    if (requests[a].first_use != requests[b].first_use) {
      return requests[a].first_use < requests[b].first_use;
    }
    return a < b;
  });

  size_t high_water = 0;
  for (int placed = 0; placed < count; ++placed) {
    BufferRequest& r = requests[order[placed]];
    // Already placed buffers whose lifetimes overlap this one, by offset.
    int n = 0;
    for (int k = 0; k < placed; ++k) {
      if (LifetimesOverlap(requests[order[k]], r)) neighbours[n++] = order[k];
    }
    std::sort(neighbours, neighbours + n, [requests](int32_t a, int32_t b) {
      return requests[a].offset < requests[b].offset;
    });
    // First gap from the bottom that fits.
    size_t candidate = 0;
    for (int k = 0; k < n; ++k) {
      const BufferRequest& other = requests[neighbours[k]];
      if (candidate + r.size <= other.offset) break;
      candidate = std::max(candidate,
                           AlignUp(size_t{other.offset} + other.size, alignment));
    }
    r.offset = static_cast<uint32_t>(candidate);
    high_water = std::max(high_water, candidate + size_t{r.size});
  }
  return high_water;
}

}  // namespace

size_t PlanGreedy(BufferRequest* requests, int count, size_t alignment,
                  void* scratch) {
  int32_t* order = static_cast<int32_t*>(scratch);
  int32_t* neighbours = order + count;
  Order best = kOrders[0];
  size_t best_size = SIZE_MAX;
  for (Order o : kOrders) {
    const size_t size = PlanWithOrder(requests, count, alignment, o, order, neighbours);
    if (size < best_size) {
      best_size = size;
      best = o;
    }
  }
  // Offsets of the last attempt are in place; redo the best one.
  return PlanWithOrder(requests, count, alignment, best, order, neighbours);
}

size_t LiveSetLowerBound(const BufferRequest* requests, int count) {
  size_t best = 0;
  // The live set only changes where a buffer starts.
  for (int i = 0; i < count; ++i) {
    const int32_t t = requests[i].first_use;
    size_t live = 0;
    for (int k = 0; k < count; ++k) {
      if (requests[k].first_use <= t && t <= requests[k].last_use) {
        live += requests[k].size;
      }
    }
    best = std::max(best, live);
  }
  return best;
}

}  // namespace mote
