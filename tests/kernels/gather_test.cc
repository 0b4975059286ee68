#include "kernels/ref/gather.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace mote {
namespace {

template <typename T>
std::vector<T> RunGather(const ref::GatherGeometry& g, const std::vector<T>& in,
                         const std::vector<int32_t>& positions,
                         int64_t* bad = nullptr) {
  const size_t n = static_cast<size_t>(g.batch_size * g.outer_size *
                                       g.coord_size * g.inner_size);
  const T sentinel = static_cast<T>(77);
  std::vector<T> out(n + 1, sentinel);
  const int64_t result =
      ref::Gather(g, in.data(), positions.data(), sizeof(T), out.data());
  if (bad != nullptr) *bad = result;
  EXPECT_EQ(out.back(), sentinel) << "wrote past the output";
  out.pop_back();
  return out;
}

TEST(GatherTest, Axis0PicksRows) {
  // input [3, 2], positions [1, 0, 1] -> [3, 2]
  ref::GatherGeometry g;
  g.axis_size = 3;
  g.inner_size = 2;
  g.coord_size = 3;
  int64_t bad = 0;
  EXPECT_EQ(RunGather<float>(g, {1, 2, 3, 4, 5, 6}, {1, 0, 1}, &bad),
            (std::vector<float>{3, 4, 1, 2, 3, 4}));
  EXPECT_EQ(bad, -1);
}

TEST(GatherTest, Axis1PicksColumns) {
  // input [2, 3], axis 1, positions [2, 0] -> [2, 2]
  ref::GatherGeometry g;
  g.outer_size = 2;
  g.axis_size = 3;
  g.coord_size = 2;
  EXPECT_EQ(RunGather<int8_t>(g, {1, 2, 3, 4, 5, 6}, {2, 0}),
            (std::vector<int8_t>{3, 1, 6, 4}));
}

TEST(GatherTest, BatchDimsUseTheirOwnPositions) {
  // input [2, 3], positions [2, 1] with batch_dims 1: batch b reads
  // input[b, positions[b, :]].
  ref::GatherGeometry g;
  g.batch_size = 2;
  g.axis_size = 3;
  g.coord_size = 1;
  EXPECT_EQ(RunGather<int8_t>(g, {1, 2, 3, 4, 5, 6}, {2, 0}),
            (std::vector<int8_t>{3, 4}));
}

TEST(GatherTest, OutOfRangePositionsStopWithTheirIndex) {
  ref::GatherGeometry g;
  g.axis_size = 3;
  g.coord_size = 3;
  int64_t bad = 0;
  RunGather<float>(g, {1, 2, 3}, {0, 3, 1}, &bad);
  EXPECT_EQ(bad, 1);
  RunGather<float>(g, {1, 2, 3}, {0, 1, -1}, &bad);
  EXPECT_EQ(bad, 2);
  RunGather<float>(g, {1, 2, 3}, {INT32_MIN, 0, 0}, &bad);
  EXPECT_EQ(bad, 0);
  // In a later batch the index is that batch's entry.
  g.batch_size = 2;
  g.coord_size = 1;
  RunGather<float>(g, {1, 2, 3, 4, 5, 6}, {2, 3}, &bad);
  EXPECT_EQ(bad, 1);
}

}  // namespace
}  // namespace mote
