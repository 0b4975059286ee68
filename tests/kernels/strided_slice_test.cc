#include "kernels/ref/strided_slice.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

namespace mote {
namespace {

using ref::StridedSliceError;

struct Slice {
  std::vector<int32_t> begin, end, strides;
  int32_t begin_mask = 0, end_mask = 0, ellipsis_mask = 0, new_axis_mask = 0,
          shrink_axis_mask = 0;
  bool offset = false;
};

ref::StridedSliceSpec SpecOf(const Slice& s) {
  ref::StridedSliceSpec spec;
  spec.count = static_cast<int32_t>(s.begin.size());
  spec.begin = s.begin.data();
  spec.end = s.end.data();
  spec.strides = s.strides.data();
  spec.begin_mask = s.begin_mask;
  spec.end_mask = s.end_mask;
  spec.ellipsis_mask = s.ellipsis_mask;
  spec.new_axis_mask = s.new_axis_mask;
  spec.shrink_axis_mask = s.shrink_axis_mask;
  spec.offset = s.offset;
  return spec;
}

// Plans and runs the slice on iota data (value = flat input index).
template <typename T = int32_t>
std::vector<T> RunSlice(const Shape& shape, const Slice& s, Shape* out_shape) {
  ref::StridedSlicePlan plan;
  const StridedSliceError error =
      ref::PlanStridedSlice(shape, SpecOf(s), &plan, nullptr);
  EXPECT_EQ(error, StridedSliceError::kOk) << ref::StridedSliceErrorName(error);
  if (error != StridedSliceError::kOk) return {};
  std::vector<T> in(static_cast<size_t>(shape.FlatSize()));
  for (size_t i = 0; i < in.size(); ++i) in[i] = static_cast<T>(i);
  const T sentinel = static_cast<T>(-7);
  std::vector<T> out(static_cast<size_t>(plan.output_shape.FlatSize()) + 1,
                     sentinel);
  ref::StridedSlice(plan, in.data(), sizeof(T), out.data());
  EXPECT_EQ(out.back(), sentinel) << "wrote past the output";
  out.pop_back();
  if (out_shape != nullptr) *out_shape = plan.output_shape;
  return out;
}

StridedSliceError PlanError(const Shape& shape, const Slice& s,
                            int* bad = nullptr) {
  ref::StridedSlicePlan plan;
  return ref::PlanStridedSlice(shape, SpecOf(s), &plan, bad);
}

TEST(StridedSliceTest, HandComputed1D) {
  const Shape in = MakeShape({4});  // values 0 1 2 3
  Shape out;
  EXPECT_EQ(RunSlice(in, {{1}, {3}, {1}}, &out), (std::vector<int32_t>{1, 2}));
  EXPECT_EQ(out, MakeShape({2}));
  // Negative indices count from the end.
  EXPECT_EQ(RunSlice(in, {{-3}, {-1}, {1}}, &out),
            (std::vector<int32_t>{1, 2}));
  // Backward: a[-1:-5:-1] == [3, 2, 1, 0] (the end clamps to -1).
  EXPECT_EQ(RunSlice(in, {{-1}, {-5}, {-1}}, &out),
            (std::vector<int32_t>{3, 2, 1, 0}));
  // Strides 2 and 3.
  EXPECT_EQ(RunSlice(in, {{0}, {4}, {2}}, &out), (std::vector<int32_t>{0, 2}));
  EXPECT_EQ(RunSlice(in, {{0}, {4}, {3}}, &out), (std::vector<int32_t>{0, 3}));
  // Out-of-range indices clamp.
  EXPECT_EQ(RunSlice(in, {{-100}, {100}, {1}}, &out),
            (std::vector<int32_t>{0, 1, 2, 3}));
  // An empty range gives a zero-sized output.
  EXPECT_TRUE(RunSlice(in, {{3}, {1}, {1}}, &out).empty());
  EXPECT_EQ(out, MakeShape({0}));
}

TEST(StridedSliceTest, BeginAndEndMasks) {
  const Shape in = MakeShape({4});
  Slice s{{2}, {3}, {1}};
  s.begin_mask = 1;
  s.end_mask = 1;
  EXPECT_EQ(RunSlice(in, s, nullptr), (std::vector<int32_t>{0, 1, 2, 3}));
  s.strides = {-1};
  EXPECT_EQ(RunSlice(in, s, nullptr), (std::vector<int32_t>{3, 2, 1, 0}));
  // Only the begin masked: a[:3:-1] is empty going backward from the end.
  s.end_mask = 0;
  EXPECT_TRUE(RunSlice(in, s, nullptr).empty());
  s.end = {0};
  EXPECT_EQ(RunSlice(in, s, nullptr), (std::vector<int32_t>{3, 2, 1}));
}

TEST(StridedSliceTest, OffsetMakesEndRelative) {
  Slice s{{1}, {2}, {1}};
  s.offset = true;  // end = 1 + 2
  EXPECT_EQ(RunSlice(MakeShape({5}), s, nullptr), (std::vector<int32_t>{1, 2}));
}

TEST(StridedSliceTest, ShrinkAxis2D) {
  const Shape in = MakeShape({2, 3});  // [[0 1 2] [3 4 5]]
  Shape out;
  Slice s{{1, 0}, {2, 3}, {1, 1}};
  s.shrink_axis_mask = 1;
  EXPECT_EQ(RunSlice(in, s, &out), (std::vector<int32_t>{3, 4, 5}));
  EXPECT_EQ(out, MakeShape({3}));
  // a[:, -1]: the end is irrelevant for a shrunk axis.
  Slice t{{0, -1}, {2, 0}, {1, 1}};
  t.begin_mask = 1;
  t.end_mask = 1;
  t.shrink_axis_mask = 2;
  EXPECT_EQ(RunSlice(in, t, &out), (std::vector<int32_t>{2, 5}));
  EXPECT_EQ(out, MakeShape({2}));
  // Both shrunk: a scalar.
  Slice u{{1, 2}, {2, 3}, {1, 1}};
  u.shrink_axis_mask = 3;
  EXPECT_EQ(RunSlice(in, u, &out), (std::vector<int32_t>{5}));
  EXPECT_EQ(out.rank, 0);
}

TEST(StridedSliceTest, EllipsisExpandsToTheRemainingDims) {
  const Shape in = MakeShape({2, 3, 4});  // value = 12a + 4b + c
  Shape out;
  // x[..., 1]
  Slice s{{0, 1}, {0, 2}, {1, 1}};
  s.ellipsis_mask = 1;
  s.shrink_axis_mask = 2;
  EXPECT_EQ(RunSlice(in, s, &out), (std::vector<int32_t>{1, 5, 9, 13, 17, 21}));
  EXPECT_EQ(out, MakeShape({2, 3}));
  // x[1, ..., 2:4]
  Slice t{{1, 0, 2}, {2, 0, 4}, {1, 1, 1}};
  t.ellipsis_mask = 2;
  t.shrink_axis_mask = 1;
  EXPECT_EQ(RunSlice(in, t, &out),
            (std::vector<int32_t>{14, 15, 18, 19, 22, 23}));
  EXPECT_EQ(out, MakeShape({3, 2}));
  // x[0, 1, 2, ...]: the ellipsis covers no dim.
  Slice u{{0, 1, 2, 0}, {1, 2, 3, 0}, {1, 1, 1, 1}};
  u.ellipsis_mask = 8;
  u.shrink_axis_mask = 7;
  EXPECT_EQ(RunSlice(in, u, &out), (std::vector<int32_t>{6}));
  EXPECT_EQ(out.rank, 0);
}

TEST(StridedSliceTest, NewAxisInsertsSizeOneDims) {
  const Shape in = MakeShape({2, 3});
  Shape out;
  // x[None, 1:2]
  Slice s{{0, 1}, {0, 2}, {1, 1}};
  s.new_axis_mask = 1;
  EXPECT_EQ(RunSlice(in, s, &out), (std::vector<int32_t>{3, 4, 5}));
  EXPECT_EQ(out, MakeShape({1, 1, 3}));
  // x[:, None, ::-1]
  Slice t{{0, 0, 0}, {0, 0, 0}, {1, 1, -1}};
  t.begin_mask = 5;
  t.end_mask = 5;
  t.new_axis_mask = 2;
  EXPECT_EQ(RunSlice(in, t, &out), (std::vector<int32_t>{2, 1, 0, 5, 4, 3}));
  EXPECT_EQ(out, MakeShape({2, 1, 3}));
  // An entry with both bits is an ellipsis: x[...] is a copy.
  Slice u{{0}, {0}, {1}};
  u.ellipsis_mask = 1;
  u.new_axis_mask = 1;
  EXPECT_EQ(RunSlice(in, u, &out), (std::vector<int32_t>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(out, in);
}

TEST(StridedSliceTest, MissingTrailingEntriesTakeWholeDims) {
  Shape out;
  EXPECT_EQ(RunSlice(MakeShape({3, 2}), {{1}, {2}, {1}}, &out),
            (std::vector<int32_t>{2, 3}));
  EXPECT_EQ(out, MakeShape({1, 2}));
}

TEST(StridedSliceTest, AudioPreprocessorSlice) {
  // The audio preprocessor's int32 slice: [257] -> [5:241] = 236 values.
  Shape out;
  const std::vector<int32_t> got =
      RunSlice(MakeShape({257}), {{5}, {241}, {1}}, &out);
  EXPECT_EQ(out, MakeShape({236}));
  ASSERT_EQ(got.size(), 236u);
  EXPECT_EQ(got.front(), 5);
  EXPECT_EQ(got.back(), 240);
}

TEST(StridedSliceTest, RejectsInvalidSpecs) {
  const Shape in = MakeShape({2, 3});
  int bad = -1;
  EXPECT_EQ(PlanError(in, {{0, 0}, {1, 1}, {1, 0}}, &bad),
            StridedSliceError::kZeroStride);
  EXPECT_EQ(bad, 1);
  EXPECT_EQ(PlanError(in, {{0, 0, 0}, {1, 1, 1}, {1, 1, 1}}),
            StridedSliceError::kTooManyIndices);
  Slice two_ellipses{{0, 0}, {0, 0}, {1, 1}};
  two_ellipses.ellipsis_mask = 3;
  EXPECT_EQ(PlanError(in, two_ellipses, &bad),
            StridedSliceError::kMultipleEllipsis);
  EXPECT_EQ(bad, 1);
  Slice shrink_far{{2, 0}, {3, 1}, {1, 1}};
  shrink_far.shrink_axis_mask = 1;
  EXPECT_EQ(PlanError(in, shrink_far), StridedSliceError::kShrinkOutOfRange);
  shrink_far.begin = {-3, 0};
  EXPECT_EQ(PlanError(in, shrink_far), StridedSliceError::kShrinkOutOfRange);
  Slice shrink_back{{1, 0}, {0, 1}, {-1, 1}};
  shrink_back.shrink_axis_mask = 1;
  EXPECT_EQ(PlanError(in, shrink_back), StridedSliceError::kShrinkNotForward);
  Slice too_deep{{0}, {0}, {1}};
  too_deep.new_axis_mask = 1;
  EXPECT_EQ(PlanError(MakeShape({1, 1, 1, 1, 1, 1}), too_deep),
            StridedSliceError::kRankTooLarge);
  std::vector<int32_t> many(33, 0);
  ref::StridedSliceSpec spec;
  spec.count = 33;
  spec.begin = spec.end = spec.strides = many.data();
  ref::StridedSlicePlan plan;
  EXPECT_EQ(ref::PlanStridedSlice(in, spec, &plan, nullptr),
            StridedSliceError::kBadCount);
}

// Python's slice semantics (CPython slice.indices), an independent statement
// of the same clamping rules, on random specs up to rank 4.
std::vector<int32_t> PythonIndices(int32_t n, int32_t begin, int32_t end,
                                   int32_t step, bool begin_none,
                                   bool end_none) {
  const int64_t lower = step < 0 ? -1 : 0;
  const int64_t upper = step < 0 ? n - 1 : n;
  const auto fix = [&](int64_t v) {
    if (v < 0) {
      v += n;
      if (v < lower) v = lower;
    } else if (v > upper) {
      v = upper;
    }
    return v;
  };
  const int64_t start = begin_none ? (step < 0 ? upper : lower) : fix(begin);
  const int64_t stop = end_none ? (step < 0 ? lower : upper) : fix(end);
  std::vector<int32_t> idx;
  for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
    idx.push_back(static_cast<int32_t>(i));
  }
  return idx;
}

TEST(StridedSliceTest, RandomSlicesMatchPythonSemantics) {
  std::mt19937 rng(99);
  std::uniform_int_distribution<int> dim(1, 5);
  std::uniform_int_distribution<int> coin(0, 3);
  std::uniform_int_distribution<int> stride_pick(-3, 3);
  int non_empty = 0;
  for (int trial = 0; trial < 1000; ++trial) {
    const int rank = 1 + trial % 4;
    Shape shape;
    shape.rank = rank;
    Slice s;
    std::vector<std::vector<int32_t>> axis_indices(rank);
    for (int d = 0; d < rank; ++d) {
      // Now and then an empty dim.
      shape.dims[d] = (trial % 16 == 0 && d == 0) ? 0 : dim(rng);
      const int n = shape.dims[d];
      std::uniform_int_distribution<int> index(-2 * n - 1, 2 * n + 1);
      int stride = 0;
      while (stride == 0) stride = stride_pick(rng);
      s.begin.push_back(index(rng));
      s.end.push_back(index(rng));
      s.strides.push_back(stride);
      const bool begin_none = coin(rng) == 0;
      const bool end_none = coin(rng) == 0;
      if (begin_none) s.begin_mask |= 1 << d;
      if (end_none) s.end_mask |= 1 << d;
      axis_indices[d] =
          PythonIndices(n, s.begin[d], s.end[d], stride, begin_none, end_none);
    }
    Shape out;
    const std::vector<int32_t> got = RunSlice<int32_t>(shape, s, &out);
    // Expected: the cartesian product of the per-axis indices.
    Shape expected_shape;
    expected_shape.rank = rank;
    std::vector<int32_t> expected;
    for (int d = 0; d < rank; ++d) {
      expected_shape.dims[d] = static_cast<int32_t>(axis_indices[d].size());
    }
    for (int64_t o = 0; o < expected_shape.FlatSize(); ++o) {
      int64_t rest = o;
      int64_t coords[4];
      for (int d = rank - 1; d >= 0; --d) {
        coords[d] = axis_indices[d][rest % expected_shape.dims[d]];
        rest /= expected_shape.dims[d];
      }
      int64_t flat = 0;
      for (int d = 0; d < rank; ++d) flat = flat * shape.dims[d] + coords[d];
      expected.push_back(static_cast<int32_t>(flat));
    }
    ASSERT_EQ(out, expected_shape) << "trial " << trial;
    ASSERT_EQ(got, expected) << "trial " << trial;
    if (!got.empty()) ++non_empty;
  }
  EXPECT_GT(non_empty, 150);  // the random specs do select data
}

TEST(StridedSliceTest, ElementSizesOneTwoAndEight) {
  Slice s{{0, 2}, {2, 0}, {1, -2}};
  s.end_mask = 2;  // x[0:2, 2::-2] on [2, 4]: columns 2, 0
  Shape out;
  EXPECT_EQ(RunSlice<int8_t>(MakeShape({2, 4}), s, &out),
            (std::vector<int8_t>{2, 0, 6, 4}));
  EXPECT_EQ(RunSlice<int16_t>(MakeShape({2, 4}), s, &out),
            (std::vector<int16_t>{2, 0, 6, 4}));
  EXPECT_EQ(RunSlice<int64_t>(MakeShape({2, 4}), s, &out),
            (std::vector<int64_t>{2, 0, 6, 4}));
  EXPECT_EQ(out, MakeShape({2, 2}));
}

}  // namespace
}  // namespace mote
