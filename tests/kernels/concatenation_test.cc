#include "kernels/ref/concatenation.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

namespace mote {
namespace {

template <typename T>
std::vector<T> RunConcat(const Shape& out_shape, int axis,
                         const std::vector<std::vector<T>>& inputs,
                         const std::vector<int32_t>& axis_dims) {
  std::vector<const void*> ptrs;
  for (const auto& in : inputs)
    ptrs.push_back(in.empty() ? nullptr : in.data());
  const T sentinel = static_cast<T>(77);
  std::vector<T> out(static_cast<size_t>(out_shape.FlatSize()) + 1, sentinel);
  ref::Concatenation(out_shape, axis, static_cast<int>(inputs.size()),
                     axis_dims.data(), ptrs.data(), sizeof(T), out.data());
  EXPECT_EQ(out.back(), sentinel) << "wrote past the output";
  out.pop_back();
  return out;
}

TEST(ConcatenationTest, HandComputedFloatAxis0And1) {
  const std::vector<float> a = {1, 2, 3, 4};  // [[1, 2], [3, 4]]
  const std::vector<float> b = {5, 6, 7, 8};  // [[5, 6], [7, 8]]
  EXPECT_EQ(RunConcat<float>(MakeShape({4, 2}), 0, {a, b}, {2, 2}),
            (std::vector<float>{1, 2, 3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(RunConcat<float>(MakeShape({2, 4}), 1, {a, b}, {2, 2}),
            (std::vector<float>{1, 2, 5, 6, 3, 4, 7, 8}));
}

TEST(ConcatenationTest, HandComputedInt8UnequalSlabs) {
  // [2, 1] and [2, 3] along axis 1 -> [2, 4].
  const std::vector<int8_t> a = {-128, 127};
  const std::vector<int8_t> b = {1, 2, 3, 4, 5, 6};
  EXPECT_EQ(RunConcat<int8_t>(MakeShape({2, 4}), 1, {a, b}, {1, 3}),
            (std::vector<int8_t>{-128, 1, 2, 3, 127, 4, 5, 6}));
}

TEST(ConcatenationTest, EmptyInputIsSkipped) {
  const std::vector<int32_t> a = {1, 2};
  const std::vector<int32_t> empty;
  const std::vector<int32_t> c = {3};
  EXPECT_EQ(RunConcat<int32_t>(MakeShape({3}), 0, {a, empty, c}, {2, 0, 1}),
            (std::vector<int32_t>{1, 2, 3}));
}

// The audio preprocessor's int32 concatenation: [5] + [236] + [16] -> [257].
TEST(ConcatenationTest, Int32VectorsLikeAudioPreprocessor) {
  std::vector<int32_t> mid(236);
  for (int i = 0; i < 236; ++i) mid[i] = 1000 + i;
  const std::vector<int32_t> out = RunConcat<int32_t>(
      MakeShape({257}), 0,
      {std::vector<int32_t>(5, 0), mid, std::vector<int32_t>(16, 0)},
      {5, 236, 16});
  for (int i = 0; i < 257; ++i) {
    EXPECT_EQ(out[i], i >= 5 && i < 241 ? 1000 + (i - 5) : 0) << i;
  }
}

TEST(ConcatenationTest, MatchesNaiveReferenceEveryAxis) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> dim(1, 3);
  std::uniform_int_distribution<int> num(1, 4);
  for (int rank = 1; rank <= Shape::kMaxRank; ++rank) {
    for (int axis = 0; axis < rank; ++axis) {
      Shape out_shape;
      out_shape.rank = rank;
      for (int d = 0; d < rank; ++d) out_shape.dims[d] = dim(rng);
      const int n = num(rng);
      std::vector<int32_t> axis_dims(n);
      out_shape.dims[axis] = 0;
      for (int i = 0; i < n; ++i) {
        axis_dims[i] = dim(rng) - 1;  // 0..2, empty inputs included
        out_shape.dims[axis] += axis_dims[i];
      }
      // Input i element at coords c holds a code of (i, flat index).
      std::vector<std::vector<int64_t>> inputs(n);
      for (int i = 0; i < n; ++i) {
        Shape s = out_shape;
        s.dims[axis] = axis_dims[i];
        inputs[i].resize(static_cast<size_t>(s.FlatSize()));
        for (size_t j = 0; j < inputs[i].size(); ++j) {
          inputs[i][j] = i * 100000 + static_cast<int64_t>(j);
        }
      }
      const std::vector<int64_t> got =
          RunConcat<int64_t>(out_shape, axis, inputs, axis_dims);
      // Naive: decode each output index, find its input along the axis.
      for (int64_t o = 0; o < out_shape.FlatSize(); ++o) {
        int64_t coords[Shape::kMaxRank];
        int64_t rest = o;
        for (int d = rank - 1; d >= 0; --d) {
          coords[d] = rest % out_shape.dims[d];
          rest /= out_shape.dims[d];
        }
        int i = 0;
        int64_t c = coords[axis];
        while (c >= axis_dims[i]) c -= axis_dims[i++];
        coords[axis] = c;
        int64_t flat = 0;
        for (int d = 0; d < rank; ++d) {
          const int64_t size = d == axis ? axis_dims[i] : out_shape.dims[d];
          flat = flat * size + coords[d];
        }
        ASSERT_EQ(got[o], i * 100000 + flat)
            << "rank " << rank << " axis " << axis << " output " << o;
      }
    }
  }
}

}  // namespace
}  // namespace mote
