#include "kernels/ref/mean.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "kernels/quant_math.h"

namespace mote {
namespace {

struct Reduction {
  bool reduced[Shape::kMaxRank] = {};
};

Reduction Resolve(const Shape& shape, const std::vector<int32_t>& axes) {
  Reduction r;
  int32_t bad = 0;
  EXPECT_TRUE(ref::ResolveReduceAxes(
      shape.rank, axes.data(), static_cast<int>(axes.size()), r.reduced, &bad));
  return r;
}

std::vector<float> RunMeanF32(const Shape& shape, const std::vector<float>& in,
                              const std::vector<int32_t>& axes) {
  const Reduction r = Resolve(shape, axes);
  const int64_t n = ref::ReducedShape(shape, r.reduced, false).FlatSize();
  std::vector<float> out(static_cast<size_t>(n) + 1, 99.f);
  ref::MeanF32(shape, in.data(), r.reduced, out.data());
  EXPECT_EQ(out.back(), 99.f) << "wrote past the output";
  out.pop_back();
  return out;
}

struct QuantS8 {
  float input_scale;
  int32_t input_zero_point;
  float output_scale;
  int32_t output_zero_point;
};

// What the op wrapper computes in Prepare.
ref::MeanS8Params PrepareMeanS8(const QuantS8& q, int64_t count) {
  ref::MeanS8Params p;
  p.input_zero_point = q.input_zero_point;
  p.output_zero_point = q.output_zero_point;
  QuantizeMultiplier(
      static_cast<double>(q.input_scale) / static_cast<double>(q.output_scale),
      &p.multiplier, &p.shift);
  ref::FoldMeanCount(count, &p.multiplier, &p.shift);
  return p;
}

std::vector<int8_t> RunMeanS8(const Shape& shape, const std::vector<int8_t>& in,
                              const std::vector<int32_t>& axes,
                              const QuantS8& q) {
  const Reduction r = Resolve(shape, axes);
  const int64_t n = ref::ReducedShape(shape, r.reduced, false).FlatSize();
  const ref::MeanS8Params p =
      PrepareMeanS8(q, ref::ReducedCount(shape, r.reduced));
  std::vector<int32_t> scratch(static_cast<size_t>(n) + 1, 12345);
  std::vector<int8_t> out(static_cast<size_t>(n) + 1, 99);
  ref::MeanS8(p, shape, in.data(), r.reduced, scratch.data(), out.data());
  EXPECT_EQ(out.back(), 99) << "wrote past the output";
  EXPECT_EQ(scratch.back(), 12345) << "wrote past the scratch";
  out.pop_back();
  return out;
}

// For each output element, the input flat indices that feed it, in input
// order: decodes indices directly instead of walking an odometer.
std::vector<std::vector<int64_t>> Groups(const Shape& shape,
                                         const bool* reduced) {
  const int64_t n_out = ref::ReducedShape(shape, reduced, false).FlatSize();
  std::vector<std::vector<int64_t>> groups(static_cast<size_t>(n_out));
  for (int64_t i = 0; i < shape.FlatSize(); ++i) {
    int64_t rest = i;
    int64_t coords[Shape::kMaxRank];
    for (int d = shape.rank - 1; d >= 0; --d) {
      coords[d] = rest % shape.dims[d];
      rest /= shape.dims[d];
    }
    int64_t o = 0;
    for (int d = 0; d < shape.rank; ++d) {
      if (!reduced[d]) o = o * shape.dims[d] + coords[d];
    }
    groups[o].push_back(i);
  }
  return groups;
}

// TFLM's QuantizedMeanOrSum written out from its text: int64 count, the
// multiplier fold inline, the zero point subtracted in int64.
std::vector<int8_t> TflmMeanS8(const Shape& shape,
                               const std::vector<int8_t>& in,
                               const bool* reduced, const QuantS8& q) {
  int32_t multiplier;
  int shift;
  QuantizeMultiplier(
      static_cast<double>(q.input_scale) / static_cast<double>(q.output_scale),
      &multiplier, &shift);
  int64_t count = 1;
  for (int d = 0; d < shape.rank; ++d) {
    if (reduced[d]) count *= shape.dims[d];
  }
  int fold = 0;
  while ((count >> (fold + 1)) != 0) ++fold;  // floor(log2(count))
  fold = std::min(fold, 32);
  fold = std::min(fold, 31 + shift);
  multiplier =
      static_cast<int32_t>((static_cast<int64_t>(multiplier) << fold) / count);
  shift -= fold;
  std::vector<int8_t> out;
  for (const auto& group : Groups(shape, reduced)) {
    int64_t sum = 0;
    for (int64_t i : group) sum += in[i];
    const int32_t centered = static_cast<int32_t>(
        sum - static_cast<int64_t>(q.input_zero_point) * count);
    int32_t v = MultiplyByQuantizedMultiplier(centered, multiplier, shift) +
                q.output_zero_point;
    out.push_back(static_cast<int8_t>(std::clamp(v, -128, 127)));
  }
  return out;
}

// Dequantize, average in double, quantize.
std::vector<int> DoubleMeanS8(const Shape& shape, const std::vector<int8_t>& in,
                              const bool* reduced, const QuantS8& q) {
  std::vector<int> out;
  for (const auto& group : Groups(shape, reduced)) {
    double sum = 0;
    for (int64_t i : group) sum += q.input_scale * (in[i] - q.input_zero_point);
    const double mean = sum / static_cast<double>(group.size());
    const double quantized =
        std::round(mean / q.output_scale) + q.output_zero_point;
    out.push_back(static_cast<int>(std::clamp(quantized, -128.0, 127.0)));
  }
  return out;
}

TEST(MeanTest, ResolveAxesHandlesNegativeAndDuplicateAxes) {
  bool reduced[Shape::kMaxRank];
  int32_t bad = 0;
  const int32_t axes[] = {-1, 1, 3};
  ASSERT_TRUE(ref::ResolveReduceAxes(4, axes, 3, reduced, &bad));
  EXPECT_FALSE(reduced[0]);
  EXPECT_TRUE(reduced[1]);
  EXPECT_FALSE(reduced[2]);
  EXPECT_TRUE(reduced[3]);
  const int32_t out_of_range[] = {0, 4};
  EXPECT_FALSE(ref::ResolveReduceAxes(4, out_of_range, 2, reduced, &bad));
  EXPECT_EQ(bad, 4);
  const int32_t too_negative[] = {-5};
  EXPECT_FALSE(ref::ResolveReduceAxes(4, too_negative, 1, reduced, &bad));
  EXPECT_EQ(bad, -5);
  // A scalar ignores its axes, as TFLite's ResolveAxis.
  EXPECT_TRUE(ref::ResolveReduceAxes(0, out_of_range, 2, reduced, &bad));
}

TEST(MeanTest, ReducedShapeWithAndWithoutKeepDims) {
  bool reduced[Shape::kMaxRank] = {false, true, true, false};
  const Shape in = MakeShape({2, 5, 7, 3});
  EXPECT_EQ(ref::ReducedShape(in, reduced, true), MakeShape({2, 1, 1, 3}));
  EXPECT_EQ(ref::ReducedShape(in, reduced, false), MakeShape({2, 3}));
  EXPECT_EQ(ref::ReducedCount(in, reduced), 35);
}

TEST(MeanTest, FoldMeanCountHandComputed) {
  // Scale ratio 1: QuantizeMultiplier gives 2^30, shift 1. Count 49:
  // fold = min(floor(log2 49) = 5, 32, 32) = 5; (2^30 * 32) / 49.
  int32_t m = 1 << 30;
  int shift = 1;
  ref::FoldMeanCount(49, &m, &shift);
  EXPECT_EQ(m, 701219150);  // floor(2^35 / 49)
  EXPECT_EQ(shift, -4);
  // A large count is capped by 31 + shift: shift -20 allows a fold of 11.
  m = 1 << 30;
  shift = -20;
  ref::FoldMeanCount(int64_t{1} << 20, &m, &shift);
  EXPECT_EQ(m, (1 << 30) >> 9);
  EXPECT_EQ(shift, -31);
  // Count 1 changes nothing.
  m = 123456789;
  shift = 3;
  ref::FoldMeanCount(1, &m, &shift);
  EXPECT_EQ(m, 123456789);
  EXPECT_EQ(shift, 3);
}

TEST(MeanTest, HandComputedFloat) {
  const Shape in = MakeShape({2, 2});  // [[1, 2], [3, 4]]
  const std::vector<float> x = {1, 2, 3, 4};
  EXPECT_EQ(RunMeanF32(in, x, {0}), (std::vector<float>{2, 3}));
  EXPECT_EQ(RunMeanF32(in, x, {1}), (std::vector<float>{1.5f, 3.5f}));
  EXPECT_EQ(RunMeanF32(in, x, {-1}), (std::vector<float>{1.5f, 3.5f}));
  EXPECT_EQ(RunMeanF32(in, x, {0, 1}), (std::vector<float>{2.5f}));
  EXPECT_EQ(RunMeanF32(in, x, {1, 0, 1}), (std::vector<float>{2.5f}));
  EXPECT_EQ(RunMeanF32(in, x, {}), x);  // no axis: a copy
}

TEST(MeanTest, FloatSpatialMeanMatchesTfliteSummationOrder) {
  // [1, 3, 3, 2] NHWC over axes {1, 2}: sums in (h, w) order, one division.
  const Shape in = MakeShape({1, 3, 3, 2});
  std::vector<float> x(18);
  for (int i = 0; i < 18; ++i) x[i] = 0.1f * static_cast<float>(i * i) - 3.3f;
  for (const auto& axes : {std::vector<int32_t>{1, 2}, {2, 1}, {-3, -2}}) {
    const std::vector<float> got = RunMeanF32(in, x, axes);
    ASSERT_EQ(got.size(), 2u);
    for (int c = 0; c < 2; ++c) {
      float sum = 0.f;
      for (int hw = 0; hw < 9; ++hw) sum += x[hw * 2 + c];
      EXPECT_EQ(got[c], sum / 9.f);  // bit-exact, same order
    }
  }
}

TEST(MeanTest, HandComputedInt8) {
  const QuantS8 same = {0.5f, 0, 0.5f, 0};
  // Count 2: multiplier 2^30, shift 0. 3 * 2^30 / 2^31 = 1.5 rounds to 2;
  // -3 gives -1.5, which gemmlowp's rounding takes to -1.
  EXPECT_EQ(RunMeanS8(MakeShape({2, 2}), {1, 2, -1, -2}, {1}, same),
            (std::vector<int8_t>{2, -1}));
  // Count 4 with zero points: input zp 10, values 10+{4, 8, 0, 4} -> mean 4,
  // output zp -3 -> 1. Exact, since the sum divides.
  const QuantS8 zp = {0.25f, 10, 0.25f, -3};
  EXPECT_EQ(RunMeanS8(MakeShape({4}), {14, 18, 10, 14}, {0}, zp),
            (std::vector<int8_t>{1}));
  // Output scale twice the input's halves the values: mean 40 -> 20.
  const QuantS8 halve = {0.5f, 0, 1.0f, 0};
  EXPECT_EQ(RunMeanS8(MakeShape({1, 2}), {30, 50}, {-1}, halve),
            (std::vector<int8_t>{20}));
}

TEST(MeanTest, Int8MatchesTflmFormulaAndDoubleWithinOneLsb) {
  std::mt19937 rng(2024);
  std::uniform_int_distribution<int> value(-128, 127);
  const QuantS8 quants[] = {
      {0.5f, 0, 0.5f, 0},  // same scale, the common case
      {0.0784f, -128, 0.0784f, -128},
      {0.02f, 127, 0.05f, -128},  // extreme zero points
      {0.05f, -128, 0.02f, 127},  // multiplier > 1
      {1e-3f, 3, 0.9f, -7},       // tiny multiplier
      {3.0f, -20, 0.011f, 15},    // large multiplier (positive shift)
  };
  const std::vector<std::pair<Shape, std::vector<int32_t>>> cases = {
      {MakeShape({1, 7, 7, 8}), {1, 2}},  // global average pool
      {MakeShape({1, 7, 7, 8}), {2, 1}},
      {MakeShape({2, 5, 3, 4}), {1, 2}},
      {MakeShape({2, 5, 3, 4}), {-1}},
      {MakeShape({2, 5, 3, 4}), {0, 3}},
      {MakeShape({2, 5, 3, 4}), {0, 1, 2, 3}},
      {MakeShape({3, 1, 2, 3, 2}), {4, 2, 2}},
      {MakeShape({6}), {0}},
      {MakeShape({1, 49, 10, 1}), {1}},
  };
  for (const QuantS8& q : quants) {
    for (const auto& [shape, axes] : cases) {
      std::vector<int8_t> x(static_cast<size_t>(shape.FlatSize()));
      for (auto& v : x) v = static_cast<int8_t>(value(rng));
      const Reduction r = Resolve(shape, axes);
      const std::vector<int8_t> got = RunMeanS8(shape, x, axes, q);
      EXPECT_EQ(got, TflmMeanS8(shape, x, r.reduced, q));
      const std::vector<int> real = DoubleMeanS8(shape, x, r.reduced, q);
      ASSERT_EQ(got.size(), real.size());
      for (size_t i = 0; i < got.size(); ++i) {
        EXPECT_NEAR(got[i], real[i], 1) << "scale " << q.input_scale << "->"
                                        << q.output_scale << " at " << i;
      }
    }
  }
}

TEST(MeanTest, Int8ExactWhenTheMeanIsAnInteger) {
  // Same scale: the rescale is by count only, and a sum divisible by the
  // count leaves nothing to round.
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> value(-100, 100);
  const QuantS8 q = {0.1f, -128, 0.1f, -128};
  const Shape shape = MakeShape({1, 4, 6, 3});  // 24 per channel
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<int8_t> x(72);
    for (auto& v : x) v = static_cast<int8_t>(value(rng));
    // Make each channel's sum a multiple of 24 by adjusting one element.
    for (int c = 0; c < 3; ++c) {
      int sum = 0;
      for (int hw = 0; hw < 24; ++hw) sum += x[hw * 3 + c] + 128;
      const int excess = sum % 24;
      x[c] = static_cast<int8_t>(x[c] - excess);
    }
    const std::vector<int8_t> got = RunMeanS8(shape, x, {1, 2}, q);
    for (int c = 0; c < 3; ++c) {
      int sum = 0;
      for (int hw = 0; hw < 24; ++hw) sum += x[hw * 3 + c] + 128;
      ASSERT_EQ(sum % 24, 0);
      EXPECT_EQ(got[c], sum / 24 - 128) << "channel " << c;
    }
  }
}

TEST(MeanTest, Int8SaturatesAtTheInt8Range) {
  // Mean +127 with input zp -128 and scale ratio 4: far above 127.
  const QuantS8 q = {1.0f, -128, 0.25f, 0};
  EXPECT_EQ(RunMeanS8(MakeShape({2}), {127, 127}, {0}, q),
            (std::vector<int8_t>{127}));
  const QuantS8 low = {1.0f, 127, 0.25f, 0};
  EXPECT_EQ(RunMeanS8(MakeShape({2}), {-128, -128}, {0}, low),
            (std::vector<int8_t>{-128}));
}

TEST(MeanTest, EmptyInputGivesZeros) {
  // TFLite writes raw zeros (not the zero point) when an input dim is 0.
  const QuantS8 q = {0.5f, 3, 0.5f, 7};
  EXPECT_EQ(RunMeanS8(MakeShape({2, 0}), {}, {1}, q),
            (std::vector<int8_t>{0, 0}));
  EXPECT_EQ(RunMeanF32(MakeShape({3, 0}), {}, {1}),
            (std::vector<float>{0.f, 0.f, 0.f}));
}

}  // namespace
}  // namespace mote
