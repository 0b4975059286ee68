#include "kernels/ref/space_to_batch_nd.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <numeric>
#include <vector>

#include "kernels/ref/batch_to_space_nd.h"

namespace mote {
namespace {

template <typename T>
std::vector<T> RunSpaceToBatch(const ref::SpaceBatchParams& p, const Shape& in,
                               const std::vector<T>& input, const Shape& out,
                               T pad) {
  std::vector<T> output(static_cast<size_t>(out.FlatSize()) + 1, T{99});
  ref::SpaceToBatchND(p, in, input.data(), out, &pad, sizeof(T),
                      output.data());
  EXPECT_EQ(output.back(), T{99}) << "wrote past the output";
  output.pop_back();
  return output;
}

// TFLite's SpaceToBatchND tests.
TEST(SpaceToBatchNDTest, Block2x2NoPadding) {
  std::vector<float> in(16);
  std::iota(in.begin(), in.end(), 1.0f);
  ref::SpaceBatchParams p;
  p.block_height = 2;
  p.block_width = 2;
  EXPECT_EQ(RunSpaceToBatch<float>(p, MakeShape({1, 4, 4, 1}), in,
                                   MakeShape({4, 2, 2, 1}), 0.0f),
            (std::vector<float>{1, 3, 9, 11, 2, 4, 10, 12, 5, 7, 13, 15, 6, 8,
                                14, 16}));
}

TEST(SpaceToBatchNDTest, PaddingUsesThePadValue) {
  // input [1, 5, 2, 1], block [3, 2], paddings [[1, 0], [2, 0]].
  std::vector<int8_t> in(10);
  std::iota(in.begin(), in.end(), int8_t{1});
  ref::SpaceBatchParams p;
  p.block_height = 3;
  p.block_width = 2;
  p.before_height = 1;
  p.before_width = 2;
  const int8_t z = -7;  // the zero point
  EXPECT_EQ(RunSpaceToBatch<int8_t>(p, MakeShape({1, 5, 2, 1}), in,
                                    MakeShape({6, 2, 2, 1}), z),
            (std::vector<int8_t>{z, z, z, 5, z, z, z, 6, z, 1, z, 7, z, 2, z, 8,
                                 z, 3, z, 9, z, 4, z, 10}));
}

TEST(SpaceToBatchNDTest, RoundTripThroughBatchToSpace) {
  // input [2, 4, 6, 3] with block [2, 3]: B2S undoes S2B exactly.
  const Shape in_shape = MakeShape({2, 4, 6, 3});
  const Shape mid_shape = MakeShape({12, 2, 2, 3});
  std::vector<int16_t> in(static_cast<size_t>(in_shape.FlatSize()));
  std::iota(in.begin(), in.end(), int16_t{-50});
  ref::SpaceBatchParams p;
  p.block_height = 2;
  p.block_width = 3;
  const std::vector<int16_t> mid =
      RunSpaceToBatch<int16_t>(p, in_shape, in, mid_shape, 0);
  std::vector<int16_t> back(in.size());
  ref::BatchToSpaceND(p, mid_shape, mid.data(), in_shape, sizeof(int16_t),
                      back.data());
  EXPECT_EQ(back, in);
}

}  // namespace
}  // namespace mote
