// Every ADD int8 kernel variant (kernels/select.h) against the reference
// kernel, bit for bit: lengths around the vector widths (8, 16), a single
// value on either side, other broadcasts (which fall back), parameters from
// random scales as Prepare makes them and from random multipliers and
// shifts, extreme zero points.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "kernels/ref/add.h"
#include "kernels/select.h"
#include "opt_test_util.h"

namespace mote {
namespace opt_test {
namespace {

ref::AddSubParams RandomParams(Rng& rng) {
  ref::AddSubParams p;
  if (rng.Chance(0.5)) {
    // As Prepare computes them from scales.
    const float s1 = 0.001f * static_cast<float>(rng.Int(1, 200));
    const float s2 = 0.001f * static_cast<float>(rng.Int(1, 200));
    const float so = 0.001f * static_cast<float>(rng.Int(1, 400));
    const Activation act = rng.Chance(0.5) ? Activation::kNone : Activation::kRelu;
    if (ref::MakeAddParams(DataType::kInt8, s1, rng.ZeroPoint(), s2,
                           rng.ZeroPoint(), so, rng.ZeroPoint(), act, &p)) {
      return p;
    }
  }
  // Any multipliers and right shifts QuantizeMultiplier can produce.
  std::vector<int32_t> mult, shift;
  rng.Requantization(3, &mult, &shift);
  p.input1_offset = -rng.ZeroPoint();
  p.input2_offset = -rng.ZeroPoint();
  p.output_offset = rng.ZeroPoint();
  p.left_shift = 20;
  p.input1_multiplier = mult[0];
  p.input2_multiplier = mult[1];
  p.output_multiplier = mult[2];
  p.input1_shift = -rng.Int(0, 31);
  p.input2_shift = -rng.Int(0, 31);
  p.output_shift = -rng.Int(0, 31);
  rng.ActivationRange(p.output_offset, &p.act_min, &p.act_max);
  return p;
}

void CheckAdd(const Shape& s1, const Shape& s2, const Shape& out, Rng& rng) {
  SCOPED_TRACE("shapes " + std::to_string(s1.FlatSize()) + " + " +
               std::to_string(s2.FlatSize()));
  const ref::AddSubParams p = RandomParams(rng);
  const std::vector<int8_t> a = rng.Int8s(s1.FlatSize());
  const std::vector<int8_t> b = rng.Int8s(s2.FlatSize());
  std::vector<int8_t> expected(out.FlatSize());
  ASSERT_TRUE(ref::AddS8(p, s1, a.data(), s2, b.data(), expected.data()));
  ForEachVariant([&] {
    std::vector<int8_t> got(out.FlatSize(), 0x55);
    ASSERT_TRUE(opt::AddS8(p, s1, a.data(), s2, b.data(), got.data()));
    ExpectSame(expected, got);
  });
}

TEST(AddOptTest, SameShapesMatchReference) {
  Rng rng(42);
  for (int i = 0; i < 200; ++i) {
    const int n = rng.Chance(0.5) ? rng.Int(1, 40) : rng.Int(41, 700);
    const Shape s = MakeShape({1, n});
    CheckAdd(s, s, s, rng);
    if (HasFailure()) return;
  }
  // ResNet's residual additions.
  const Shape r = MakeShape({1, 32, 32, 16});
  CheckAdd(r, r, r, rng);
}

TEST(AddOptTest, BroadcastsMatchReference) {
  Rng rng(43);
  for (int i = 0; i < 60; ++i) {
    const int n = rng.Int(2, 100);
    const Shape v = MakeShape({2, n});
    const Shape one = MakeShape({1});
    CheckAdd(v, one, v, rng);  // a single value on the right
    CheckAdd(one, v, v, rng);  // and on the left
    // A row against a matrix: the reference's general broadcast.
    CheckAdd(v, MakeShape({1, n}), v, rng);
    if (HasFailure()) return;
  }
}

TEST(AddOptTest, IncompatibleShapesAreRefused) {
  const Shape a = MakeShape({2, 3});
  const Shape b = MakeShape({2, 4});
  const std::vector<int8_t> x(8, 1);
  std::vector<int8_t> out(8);
  ref::AddSubParams p;
  p.input1_multiplier = p.input2_multiplier = p.output_multiplier = 1 << 30;
  ForEachVariant([&] {
    EXPECT_FALSE(opt::AddS8(p, a, x.data(), b, x.data(), out.data()));
  });
}

}  // namespace
}  // namespace opt_test
}  // namespace mote
