#include "kernels/ref/logical.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace mote {
namespace {

TEST(LogicalTest, TruthTablesWithBroadcastAndNonCanonicalBytes) {
  const std::vector<uint8_t> a = {0, 0, 1, 1, 2, 0};  // 2 reads as true
  const std::vector<uint8_t> b = {0, 1, 0, 1, 0, 255};
  bool out[6];
  const Shape s = MakeShape({6});
  ASSERT_TRUE(ref::LogicalAnd(s, a.data(), s, b.data(), out));
  EXPECT_EQ(std::vector<int>(out, out + 6), (std::vector<int>{0, 0, 0, 1, 0, 0}));
  ASSERT_TRUE(ref::LogicalOr(s, a.data(), s, b.data(), out));
  EXPECT_EQ(std::vector<int>(out, out + 6), (std::vector<int>{0, 1, 1, 1, 1, 1}));
  // [2, 3] with [3]: each row combined with the same vector.
  const std::vector<uint8_t> row = {1, 0, 1};
  ASSERT_TRUE(ref::LogicalAnd(MakeShape({2, 3}), a.data(), MakeShape({3}),
                              row.data(), out));
  EXPECT_EQ(std::vector<int>(out, out + 6), (std::vector<int>{0, 0, 1, 1, 0, 0}));
  ref::LogicalNot(6, a.data(), out);
  EXPECT_EQ(std::vector<int>(out, out + 6), (std::vector<int>{1, 1, 0, 0, 0, 1}));
  EXPECT_FALSE(ref::LogicalOr(MakeShape({2}), a.data(), MakeShape({3}),
                              b.data(), out));
}

}  // namespace
}  // namespace mote
