#include "kernels/ref/transpose.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

namespace mote {
namespace {

template <typename T>
std::vector<T> RunTranspose(const Shape& in_shape, const std::vector<T>& input,
                            const std::vector<int32_t>& perm) {
  const T sentinel = static_cast<T>(123);
  std::vector<T> out(input.size() + 1, sentinel);
  ref::Transpose(in_shape, input.data(), perm.data(), sizeof(T), out.data());
  EXPECT_EQ(out.back(), sentinel) << "wrote past the output";
  out.pop_back();
  return out;
}

// Independent reference: decode each input index and place it.
template <typename T>
std::vector<T> NaiveTranspose(const Shape& in_shape,
                              const std::vector<T>& input,
                              const std::vector<int32_t>& perm) {
  const int rank = in_shape.rank;
  const Shape out_shape = ref::TransposedShape(in_shape, perm.data());
  std::vector<T> out(input.size());
  for (int64_t i = 0; i < in_shape.FlatSize(); ++i) {
    int64_t in_coords[Shape::kMaxRank];
    int64_t rest = i;
    for (int d = rank - 1; d >= 0; --d) {
      in_coords[d] = rest % in_shape.dims[d];
      rest /= in_shape.dims[d];
    }
    int64_t o = 0;
    for (int d = 0; d < rank; ++d) {
      o = o * out_shape.dims[d] + in_coords[perm[d]];
    }
    out[o] = input[i];
  }
  return out;
}

TEST(TransposeTest, HandComputed2D) {
  // [[1, 2, 3], [4, 5, 6]] -> [[1, 4], [2, 5], [3, 6]]
  EXPECT_EQ(RunTranspose<int8_t>(MakeShape({2, 3}), {1, 2, 3, 4, 5, 6}, {1, 0}),
            (std::vector<int8_t>{1, 4, 2, 5, 3, 6}));
  const Shape out = ref::TransposedShape(MakeShape({2, 3}),
                                         std::vector<int32_t>{1, 0}.data());
  EXPECT_EQ(out, MakeShape({3, 2}));
}

TEST(TransposeTest, HandComputedNhwcToNchw) {
  // [1, 2, 2, 3] NHWC, values = 100*h + 10*w + c.
  std::vector<float> in;
  for (int h = 0; h < 2; ++h)
    for (int w = 0; w < 2; ++w)
      for (int c = 0; c < 3; ++c) in.push_back(100.f * h + 10.f * w + c);
  const std::vector<float> out =
      RunTranspose<float>(MakeShape({1, 2, 2, 3}), in, {0, 3, 1, 2});
  const std::vector<float> expected = {0,   10,  100, 110, 1,   11,
                                       101, 111, 2,   12,  102, 112};
  EXPECT_EQ(out, expected);
}

TEST(TransposeTest, IdentityAndRank1AndScalar) {
  const std::vector<int16_t> v = {-32768, 1, 32767};
  EXPECT_EQ(RunTranspose<int16_t>(MakeShape({3}), v, {0}), v);
  EXPECT_EQ(RunTranspose<int32_t>(Shape{}, {-7}, {}), std::vector<int32_t>{-7});
  std::vector<int32_t> big(2 * 3 * 4);
  std::iota(big.begin(), big.end(), -10);
  EXPECT_EQ(RunTranspose<int32_t>(MakeShape({2, 3, 4}), big, {0, 1, 2}), big);
}

TEST(TransposeTest, EmptyTensorWritesNothing) {
  EXPECT_TRUE(RunTranspose<float>(MakeShape({2, 0, 3}), {}, {2, 0, 1}).empty());
}

// Every permutation of rank 1..6 with uneven dims, for 1, 2, 4 and 8-byte
// elements.
TEST(TransposeTest, AllPermutationsMatchNaiveReference) {
  const int32_t dims[Shape::kMaxRank] = {2, 3, 1, 4, 2, 3};
  for (int rank = 1; rank <= Shape::kMaxRank; ++rank) {
    Shape shape;
    shape.rank = rank;
    for (int d = 0; d < rank; ++d) shape.dims[d] = dims[d];
    const size_t n = static_cast<size_t>(shape.FlatSize());
    std::vector<int8_t> in8(n);
    std::vector<uint16_t> in16(n);
    std::vector<float> in32(n);
    std::vector<int64_t> in64(n);
    for (size_t i = 0; i < n; ++i) {
      in8[i] = static_cast<int8_t>(i * 37);
      in16[i] = static_cast<uint16_t>(i * 1009);
      in32[i] = static_cast<float>(i) * 0.5f - 3.f;
      in64[i] = (static_cast<int64_t>(i) << 33) - 5;
    }
    std::vector<int32_t> perm(rank);
    std::iota(perm.begin(), perm.end(), 0);
    int count = 0;
    do {
      ASSERT_EQ(RunTranspose(shape, in8, perm),
                NaiveTranspose(shape, in8, perm));
      ASSERT_EQ(RunTranspose(shape, in16, perm),
                NaiveTranspose(shape, in16, perm));
      ASSERT_EQ(RunTranspose(shape, in32, perm),
                NaiveTranspose(shape, in32, perm));
      ASSERT_EQ(RunTranspose(shape, in64, perm),
                NaiveTranspose(shape, in64, perm));
      ++count;
    } while (std::next_permutation(perm.begin(), perm.end()));
    int factorial = 1;
    for (int i = 2; i <= rank; ++i) factorial *= i;
    EXPECT_EQ(count, factorial);
  }
}

}  // namespace
}  // namespace mote
