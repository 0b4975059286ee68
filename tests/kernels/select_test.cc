#include "kernels/ref/select.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace mote {
namespace {

TEST(SelectTest, ElementwiseAndRows) {
  const std::vector<uint8_t> cond = {1, 0, 3};  // 3 reads as true
  const std::vector<float> x = {1, 2, 3, 4, 5, 6}, y = {-1, -2, -3, -4, -5, -6};
  std::vector<float> out(6);
  ASSERT_TRUE(ref::SelectRows(4, 3, 2, cond.data(), x.data(), y.data(),
                              out.data()));
  EXPECT_EQ(out, (std::vector<float>{1, 2, -3, -4, 5, 6}));
  const std::vector<uint8_t> cond6 = {0, 1, 0, 1, 0, 1};
  ASSERT_TRUE(ref::SelectRows(4, 6, 1, cond6.data(), x.data(), y.data(),
                              out.data()));
  EXPECT_EQ(out, (std::vector<float>{-1, 2, -3, 4, -5, 6}));
  EXPECT_FALSE(ref::SelectRows(3, 6, 1, cond6.data(), x.data(), y.data(),
                               out.data()));
}

TEST(SelectTest, BroadcastsAllThreeInputs) {
  // condition [2, 1], x [1, 3], y scalar -> [2, 3].
  const std::vector<uint8_t> cond = {1, 0};
  const std::vector<int16_t> x = {10, 20, 30};
  const int16_t y = -7;
  std::vector<int16_t> out(6);
  ASSERT_TRUE(ref::SelectBroadcast(2, MakeShape({2, 1}), cond.data(),
                                   MakeShape({1, 3}), x.data(), Shape{}, &y,
                                   out.data()));
  EXPECT_EQ(out, (std::vector<int16_t>{10, 20, 30, -7, -7, -7}));
  Shape s;
  ASSERT_TRUE(ref::SelectBroadcastShape(MakeShape({2, 1}), MakeShape({1, 3}),
                                        Shape{}, &s));
  EXPECT_EQ(s, MakeShape({2, 3}));
  EXPECT_FALSE(ref::SelectBroadcastShape(MakeShape({2}), MakeShape({3}),
                                         Shape{}, &s));
}

TEST(SelectTest, EveryElementSizeAtRankSix) {
  const Shape cs = MakeShape({2, 1, 2, 1, 2, 1});
  const Shape xs = MakeShape({1, 2, 1, 2, 1, 2});
  std::vector<uint8_t> cond(8);
  for (int i = 0; i < 8; ++i) cond[i] = i % 3 == 0;
  std::vector<int64_t> x(8), y = {-1};
  for (int i = 0; i < 8; ++i) x[i] = int64_t{1} << (40 + i);
  std::vector<int64_t> out(64);
  ASSERT_TRUE(ref::SelectBroadcast(8, cs, cond.data(), xs, x.data(),
                                   MakeShape({1}), y.data(), out.data()));
  // Naive index arithmetic over the [2,2,2,2,2,2] output.
  for (int o = 0; o < 64; ++o) {
    int idx[6];
    for (int d = 5, r = o; d >= 0; --d, r /= 2) idx[d] = r % 2;
    const int c = idx[0] * 4 + idx[2] * 2 + idx[4];
    const int xi = idx[1] * 4 + idx[3] * 2 + idx[5];
    EXPECT_EQ(out[o], cond[c] ? x[xi] : -1) << o;
  }
  std::vector<uint8_t> bytes_out(64);
  const std::vector<uint8_t> xb(8, 1), yb = {0};
  ASSERT_TRUE(ref::SelectBroadcast(1, cs, cond.data(), xs, xb.data(),
                                   MakeShape({1}), yb.data(), bytes_out.data()));
  for (int o = 0; o < 64; ++o) {
    int idx[6];
    for (int d = 5, r = o; d >= 0; --d, r /= 2) idx[d] = r % 2;
    EXPECT_EQ(bytes_out[o], cond[idx[0] * 4 + idx[2] * 2 + idx[4]]);
  }
}

}  // namespace
}  // namespace mote
