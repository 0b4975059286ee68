#include "kernels/ref/pad.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

namespace mote {
namespace {

template <typename T>
std::vector<T> RunPad(const Shape& in_shape, const std::vector<T>& input,
                      const std::vector<int32_t>& left,
                      const std::vector<int32_t>& right, T pad_value) {
  Shape out_shape = in_shape;
  for (int d = 0; d < in_shape.rank; ++d) {
    out_shape.dims[d] += left[d] + right[d];
  }
  // One spare element on each side catches writes out of bounds.
  const T sentinel = static_cast<T>(99);
  std::vector<T> out(static_cast<size_t>(out_shape.FlatSize()) + 2, sentinel);
  ref::Pad(in_shape, input.data(), left.data(), right.data(), &pad_value,
           sizeof(T), out_shape, out.data() + 1);
  EXPECT_EQ(out.front(), sentinel);
  EXPECT_EQ(out.back(), sentinel);
  return std::vector<T>(out.begin() + 1, out.end() - 1);
}

// Independent reference: for every output index, map back to the input.
template <typename T>
std::vector<T> NaivePad(const Shape& in_shape, const std::vector<T>& input,
                        const std::vector<int32_t>& left,
                        const std::vector<int32_t>& right, T pad_value) {
  const int rank = in_shape.rank;
  Shape out_shape = in_shape;
  for (int d = 0; d < rank; ++d) out_shape.dims[d] += left[d] + right[d];
  std::vector<T> out(static_cast<size_t>(out_shape.FlatSize()));
  for (int64_t o = 0; o < out_shape.FlatSize(); ++o) {
    int64_t rest = o;
    int64_t in_index = 0;
    bool inside = true;
    int64_t in_block = 1;
    for (int d = rank - 1; d >= 0; --d) {
      const int64_t coord = rest % out_shape.dims[d];
      rest /= out_shape.dims[d];
      const int64_t in_coord = coord - left[d];
      if (in_coord < 0 || in_coord >= in_shape.dims[d]) inside = false;
      in_index += in_coord * in_block;
      in_block *= in_shape.dims[d];
    }
    out[o] = inside ? input[in_index] : pad_value;
  }
  return out;
}

TEST(PadTest, HandComputedInt8WithZeroPoint) {
  // [[1, 2], [3, 4]] padded by one row above, two columns left and one right.
  const std::vector<int8_t> out =
      RunPad<int8_t>(MakeShape({2, 2}), {1, 2, 3, 4}, {1, 2}, {0, 1}, -5);
  const std::vector<int8_t> expected = {-5, -5, -5, -5, -5,  //
                                        -5, -5, 1,  2,  -5,  //
                                        -5, -5, 3,  4,  -5};
  EXPECT_EQ(out, expected);
}

TEST(PadTest, HandComputedFloat1D) {
  const std::vector<float> out =
      RunPad<float>(MakeShape({3}), {1.5f, -2.f, 3.f}, {2}, {1}, 0.0f);
  EXPECT_EQ(out, (std::vector<float>{0.f, 0.f, 1.5f, -2.f, 3.f, 0.f}));
}

TEST(PadTest, ExtremeInt8PadValues) {
  for (int8_t pad : {int8_t{-128}, int8_t{127}}) {
    const std::vector<int8_t> out = RunPad<int8_t>(
        MakeShape({1, 1, 1, 1}), {7}, {0, 1, 1, 0}, {0, 1, 1, 0}, pad);
    ASSERT_EQ(out.size(), 9u);
    for (size_t i = 0; i < out.size(); ++i) {
      EXPECT_EQ(out[i], i == 4 ? 7 : pad) << "at " << i;
    }
  }
}

TEST(PadTest, ZeroPaddingIsACopy) {
  std::vector<int32_t> in(2 * 3 * 4);
  for (size_t i = 0; i < in.size(); ++i) in[i] = static_cast<int32_t>(i * 7);
  EXPECT_EQ(RunPad<int32_t>(MakeShape({2, 3, 4}), in, {0, 0, 0}, {0, 0, 0}, -1),
            in);
}

TEST(PadTest, EmptyInputGivesOnlyPadding) {
  const std::vector<int16_t> out =
      RunPad<int16_t>(MakeShape({2, 0}), {}, {1, 1}, {0, 2}, 42);
  EXPECT_EQ(out, std::vector<int16_t>(3 * 3, 42));
}

TEST(PadTest, ScalarIsCopied) {
  EXPECT_EQ(RunPad<float>(Shape{}, {3.25f}, {}, {}, 0.f),
            std::vector<float>{3.25f});
}

TEST(PadTest, MatchesNaiveReferenceRanks1To6AllTypes) {
  std::mt19937 rng(1234);
  std::uniform_int_distribution<int> dim(1, 3);
  std::uniform_int_distribution<int> padding(0, 2);
  std::uniform_int_distribution<int> value(-128, 127);
  for (int rank = 1; rank <= Shape::kMaxRank; ++rank) {
    for (int trial = 0; trial < 8; ++trial) {
      Shape shape;
      shape.rank = rank;
      std::vector<int32_t> left(rank), right(rank);
      for (int d = 0; d < rank; ++d) {
        shape.dims[d] = dim(rng);
        left[d] = padding(rng);
        right[d] = padding(rng);
      }
      const size_t n = static_cast<size_t>(shape.FlatSize());
      std::vector<int8_t> in8(n);
      std::vector<int16_t> in16(n);
      std::vector<float> in32(n);
      std::vector<int64_t> in64(n);
      for (size_t i = 0; i < n; ++i) {
        const int v = value(rng);
        in8[i] = static_cast<int8_t>(v);
        in16[i] = static_cast<int16_t>(v * 200);
        in32[i] = static_cast<float>(v) * 0.25f;
        in64[i] = static_cast<int64_t>(v) << 40;
      }
      EXPECT_EQ(RunPad<int8_t>(shape, in8, left, right, -128),
                NaivePad<int8_t>(shape, in8, left, right, -128));
      EXPECT_EQ(RunPad<int16_t>(shape, in16, left, right, 5),
                NaivePad<int16_t>(shape, in16, left, right, 5));
      EXPECT_EQ(RunPad<float>(shape, in32, left, right, -0.5f),
                NaivePad<float>(shape, in32, left, right, -0.5f));
      EXPECT_EQ(RunPad<int64_t>(shape, in64, left, right, int64_t{1} << 50),
                NaivePad<int64_t>(shape, in64, left, right, int64_t{1} << 50));
    }
  }
}

TEST(PadTest, LongPadRunsAreFilledCompletely) {
  // A wide pad run exercises the doubling fill for multi-byte elements.
  const std::vector<float> out =
      RunPad<float>(MakeShape({1, 1}), {2.f}, {37, 0}, {0, 1000}, 1.25f);
  ASSERT_EQ(out.size(), 38u * 1001u);
  for (size_t i = 0; i < out.size(); ++i) {
    const bool is_input = i == 37u * 1001u;
    ASSERT_EQ(out[i], is_input ? 2.f : 1.25f) << "at " << i;
  }
}

}  // namespace
}  // namespace mote
