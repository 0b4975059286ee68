#include "kernels/ref/split.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <numeric>
#include <vector>

namespace mote {
namespace {

TEST(SplitTest, UnequalPiecesAlongTheMiddleAxis) {
  // input [2, 3, 2] split along axis 1 into 1 and 2 rows.
  std::vector<int16_t> in(12);
  std::iota(in.begin(), in.end(), 0);
  std::vector<int16_t> a(2 * 1 * 2 + 1, -1);
  std::vector<int16_t> b(2 * 2 * 2 + 1, -1);
  void* outs[] = {a.data(), b.data()};
  const int32_t dims[] = {1, 2};
  ref::Split(in.data(), /*outer=*/2, /*inner=*/2, 2, dims, sizeof(int16_t),
             outs);
  EXPECT_EQ(a, (std::vector<int16_t>{0, 1, 6, 7, -1}));
  EXPECT_EQ(b, (std::vector<int16_t>{2, 3, 4, 5, 8, 9, 10, 11, -1}));
}

TEST(SplitTest, UnpackRowsAlongTheFirstAxis) {
  // input [3, 2] into three rows (UNPACK along axis 0).
  const std::vector<float> in = {1, 2, 3, 4, 5, 6};
  std::vector<float> r0(2), r1(2), r2(2);
  void* outs[] = {r0.data(), r1.data(), r2.data()};
  const int32_t ones[] = {1, 1, 1};
  ref::Split(in.data(), 1, 2, 3, ones, sizeof(float), outs);
  EXPECT_EQ(r0, (std::vector<float>{1, 2}));
  EXPECT_EQ(r1, (std::vector<float>{3, 4}));
  EXPECT_EQ(r2, (std::vector<float>{5, 6}));
}

TEST(SplitTest, LastAxisInterleaves) {
  // input [2, 4] into [2, 3] and [2, 1] along axis 1.
  const std::vector<int32_t> in = {1, 2, 3, 4, 5, 6, 7, 8};
  std::vector<int32_t> a(6), b(2);
  void* outs[] = {a.data(), b.data()};
  const int32_t dims[] = {3, 1};
  ref::Split(in.data(), 2, 1, 2, dims, sizeof(int32_t), outs);
  EXPECT_EQ(a, (std::vector<int32_t>{1, 2, 3, 5, 6, 7}));
  EXPECT_EQ(b, (std::vector<int32_t>{4, 8}));
}

}  // namespace
}  // namespace mote
