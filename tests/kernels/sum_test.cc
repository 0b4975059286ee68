#include "kernels/ref/sum.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "kernels/quant_math.h"
#include "kernels/ref/reduce.h"

namespace mote {
namespace {

struct Reduction {
  bool reduced[Shape::kMaxRank];
  int64_t outputs;
};

Reduction Resolve(const Shape& shape, const std::vector<int32_t>& axes) {
  Reduction r{};
  int32_t bad = 0;
  EXPECT_TRUE(ref::ResolveReduceAxes(shape.rank, axes.data(),
                                     static_cast<int>(axes.size()), r.reduced,
                                     &bad));
  r.outputs = ref::ReducedShape(shape, r.reduced, false).FlatSize();
  return r;
}

ref::SumQuantParams Params(float in_scale, int in_zp, float out_scale,
                           int out_zp) {
  ref::SumQuantParams p;
  p.input_zero_point = in_zp;
  p.output_zero_point = out_zp;
  QuantizeMultiplier(static_cast<double>(in_scale) / out_scale, &p.multiplier,
                     &p.shift);
  return p;
}

std::vector<int8_t> SumS8(const ref::SumQuantParams& p, const Shape& shape,
                          const std::vector<int8_t>& in,
                          const std::vector<int32_t>& axes) {
  const Reduction r = Resolve(shape, axes);
  std::vector<int32_t> scratch(static_cast<size_t>(r.outputs), 77);
  std::vector<int8_t> out(static_cast<size_t>(r.outputs), 55);
  ref::SumS8(p, shape, in.data(), r.reduced, scratch.data(), out.data());
  return out;
}

TEST(SumTest, HandComputedFloat) {
  // [[1, 2, 3], [4, 5, 6]]: over axis 0 -> [5, 7, 9], over 1 -> [6, 15].
  const Shape shape = MakeShape({2, 3});
  const std::vector<float> in = {1, 2, 3, 4, 5, 6};
  for (const auto& [axes, want] :
       std::vector<std::pair<std::vector<int32_t>, std::vector<float>>>{
           {{0}, {5, 7, 9}}, {{1}, {6, 15}}, {{-1}, {6, 15}},
           {{0, 1}, {21}}, {{}, {1, 2, 3, 4, 5, 6}}}) {
    const Reduction r = Resolve(shape, axes);
    std::vector<float> out(static_cast<size_t>(r.outputs), -1.0f);
    ref::SumF32(shape, in.data(), r.reduced, out.data());
    EXPECT_EQ(out, want);
  }
}

// Float sums are accumulated in input order: 1e8 + 1 + ... loses the ones
// exactly as TFLite's row-major loop does.
TEST(SumTest, FloatSummationOrderIsRowMajor) {
  const Shape shape = MakeShape({4, 1});
  const std::vector<float> in = {1e8f, 1.0f, 1.0f, -1e8f};
  const Reduction r = Resolve(shape, {0});
  float out = -1.0f;
  ref::SumF32(shape, in.data(), r.reduced, &out);
  float want = 0.0f;
  for (float v : in) want = v + want;
  EXPECT_EQ(out, want);
  EXPECT_EQ(out, 0.0f);  // the ones vanish next to 1e8
}

TEST(SumTest, HandComputedInt8) {
  // Same scales, zero points 3 and -2: sum of (q - 3) over 4 values, + (-2).
  const ref::SumQuantParams p = Params(0.5f, 3, 0.5f, -2);
  const Shape shape = MakeShape({2, 4});
  const std::vector<int8_t> in = {4, 5, 6, 7, 3, 3, 3, 13};
  // Row 0: 1 + 2 + 3 + 4 = 10 -> 8. Row 1: 0 + 0 + 0 + 10 = 10 -> 8.
  EXPECT_EQ(SumS8(p, shape, in, {1}), (std::vector<int8_t>{8, 8}));
  // Output scale twice the input's: 10 / 2 = 5 -> 3.
  EXPECT_EQ(SumS8(Params(0.5f, 3, 1.0f, -2), shape, in, {1}),
            (std::vector<int8_t>{3, 3}));
  // Saturates: 8 * 127 at the same scale.
  const std::vector<int8_t> big(8, 127);
  EXPECT_EQ(SumS8(Params(0.1f, 0, 0.1f, 0), shape, big, {1}),
            (std::vector<int8_t>{127, 127}));
  EXPECT_EQ(SumS8(Params(0.1f, 0, 0.1f, 0), shape,
                  std::vector<int8_t>(8, -128), {1}),
            (std::vector<int8_t>{-128, -128}));
}

// Random shapes and axes against the formula written out in int64 and
// against double arithmetic (within 1 LSB).
TEST(SumTest, Int8MatchesFormulaAndDouble) {
  std::mt19937 rng(7);
  struct Q {
    float in_scale;
    int in_zp;
    float out_scale;
    int out_zp;
  };
  for (const Q q : {Q{0.02f, 5, 0.2f, -3}, Q{0.1f, -128, 1.0f, 127},
                    Q{0.05f, 0, 0.05f, 0}, Q{0.3f, 17, 0.9f, -40}}) {
    const ref::SumQuantParams p = Params(q.in_scale, q.in_zp, q.out_scale,
                                         q.out_zp);
    const Shape shape = MakeShape({3, 4, 5});
    std::uniform_int_distribution<int> d(-128, 127);
    std::vector<int8_t> in(60);
    for (int8_t& v : in) v = static_cast<int8_t>(d(rng));
    for (const std::vector<int32_t>& axes :
         std::vector<std::vector<int32_t>>{{0}, {1}, {2}, {0, 2}, {-1, -3}}) {
      const Reduction r = Resolve(shape, axes);
      const std::vector<int8_t> got = SumS8(p, shape, in, axes);
      // Group sums by the output index, walked naively.
      std::vector<int64_t> sums(static_cast<size_t>(r.outputs), 0);
      std::vector<int64_t> counts(sums.size(), 0);
      for (int i = 0; i < 3; ++i) {
        for (int j = 0; j < 4; ++j) {
          for (int k = 0; k < 5; ++k) {
            int64_t o = 0;
            const int idx[3] = {i, j, k};
            const int dims[3] = {3, 4, 5};
            for (int a = 0; a < 3; ++a) {
              if (!r.reduced[a]) o = o * dims[a] + idx[a];
            }
            sums[o] += in[(i * 4 + j) * 5 + k];
            ++counts[o];
          }
        }
      }
      for (size_t o = 0; o < sums.size(); ++o) {
        const int32_t centered =
            static_cast<int32_t>(sums[o] - int64_t{q.in_zp} * counts[o]);
        const int32_t formula = std::clamp(
            MultiplyByQuantizedMultiplier(centered, p.multiplier, p.shift) +
                q.out_zp,
            -128, 127);
        EXPECT_EQ(got[o], formula) << "output " << o;
        const double real = q.in_scale * static_cast<double>(centered);
        const double want = std::clamp(
            std::round(real / q.out_scale) + q.out_zp, -128.0, 127.0);
        EXPECT_NEAR(got[o], want, 1.0) << "output " << o;
      }
    }
  }
}

TEST(SumTest, Int16UsesTheSameFormula) {
  ref::SumQuantParams p;
  p.input_zero_point = 0;
  p.output_zero_point = 0;
  QuantizeMultiplier(0.5, &p.multiplier, &p.shift);
  const Shape shape = MakeShape({2, 2});
  const std::vector<int16_t> in = {30000, 30000, -100, 301};
  const Reduction r = Resolve(shape, {1});
  std::vector<int32_t> scratch(2);
  std::vector<int16_t> out(2);
  ref::SumS16(p, shape, in.data(), r.reduced, scratch.data(), out.data());
  // 60000 / 2 = 30000; 201 / 2 = 100.5 rounds away from zero to 101.
  EXPECT_EQ(out, (std::vector<int16_t>{30000, 101}));
  const std::vector<int16_t> saturating = {32767, 32767, -32768, -32768};
  QuantizeMultiplier(1.0, &p.multiplier, &p.shift);
  ref::SumS16(p, shape, saturating.data(), r.reduced, scratch.data(),
              out.data());
  EXPECT_EQ(out, (std::vector<int16_t>{32767, -32768}));
}

TEST(SumTest, EmptyInputGivesZeros) {
  // TFLite writes raw zeros (not the zero point) when a reduced dim is 0.
  const Shape shape = MakeShape({2, 0});
  const Reduction r = Resolve(shape, {1});
  std::vector<int32_t> scratch(2, 9);
  std::vector<int8_t> out(2, 9);
  ref::SumS8(Params(0.1f, 4, 0.1f, 7), shape, nullptr, r.reduced,
             scratch.data(), out.data());
  EXPECT_EQ(out, (std::vector<int8_t>{0, 0}));
  std::vector<float> fout(2, 9.0f);
  ref::SumF32(shape, nullptr, r.reduced, fout.data());
  EXPECT_EQ(fout, (std::vector<float>{0.0f, 0.0f}));
}

}  // namespace
}  // namespace mote
