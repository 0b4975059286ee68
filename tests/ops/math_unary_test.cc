// SQRT, LOG, EXP, FLOOR and NEG through the interpreter: float32 against
// double over a sweep (negatives, zero, infinities), NEG on int32/int64,
// zero-size tensors, and Prepare's rejections.
#include <cmath>
#include <limits>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

constexpr BuiltinOp kNeg = static_cast<BuiltinOp>(59);
constexpr BuiltinOp kLog = static_cast<BuiltinOp>(73);
constexpr BuiltinOp kSqrt = static_cast<BuiltinOp>(75);

TEST(MathUnaryOp, FloatSweeps) {
  const std::vector<float> sweep = FloatSweep();
  // sqrt and log of negatives are NaN, log(0) is -inf: double agrees.
  RunUnaryF32(kSqrt, {}, {}, sweep, [](double x) { return std::sqrt(x); });
  RunUnaryF32(kLog, {}, {}, sweep, [](double x) { return std::log(x); });
  RunUnaryF32(BuiltinOp::kExp, {}, {}, sweep, [](double x) {
    return static_cast<double>(std::exp(static_cast<float>(x)));  // overflows to inf in float
  });
  RunUnaryF32(BuiltinOp::kFloor, {}, {}, sweep, [](double x) { return std::floor(x); });
  RunUnaryF32(kNeg, {}, {}, sweep, [](double x) { return -x; });
  // Higher rank, same element-wise result.
  RunUnaryF32(kSqrt, {}, {2, 1, 3, 1, 2, 1}, {0, 1, 4, 9, 16, 25, 36, 49, 64, 81, 100, 121},
              [](double x) { return std::sqrt(x); });
}

TEST(MathUnaryOp, NegativeSqrtAndLogGiveNan) {
  for (BuiltinOp op : {kSqrt, kLog}) {
    OpTester t;
    t.Input("x", kF32, {2});
    t.Output("y", kF32, {2});
    t.Op(op, {0}, {1});
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    const std::vector<float> out = t.Run<float>({-1.0f, 0.0f});
    EXPECT_TRUE(std::isnan(out[0]));
    EXPECT_EQ(out[1], op == kSqrt ? 0.0f : -std::numeric_limits<float>::infinity());
  }
}

TEST(MathUnaryOp, NegIntegersWrap) {
  {
    OpTester t;
    t.Input("x", kS32, {3});
    t.Output("y", kS32, {3});
    t.Op(kNeg, {0}, {1});
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    EXPECT_EQ(t.Run<int32_t>({5, -6, std::numeric_limits<int32_t>::min()}),
              (std::vector<int32_t>{-5, 6, std::numeric_limits<int32_t>::min()}));
  }
  {
    OpTester t;
    t.Input("x", kS64, {2});
    t.Output("y", kS64, {2});
    t.Op(kNeg, {0}, {1});
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    EXPECT_EQ(t.Run<int64_t>({int64_t{1} << 40, -7}), (std::vector<int64_t>{-(int64_t{1} << 40), 7}));
  }
}

TEST(MathUnaryOp, ZeroSizeTensors) {
  for (BuiltinOp op : {kSqrt, kLog, BuiltinOp::kExp, BuiltinOp::kFloor, kNeg}) {
    OpTester t;
    t.Input("x", kF32, {3, 0});
    t.Output("y", kF32, {3, 0});
    t.Op(op, {0}, {1});
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    EXPECT_EQ(t.Invoke(), Status::kOk) << t.message();
  }
}

TEST(MathUnaryOp, Rejections) {
  for (BuiltinOp op : {kSqrt, kLog, BuiltinOp::kExp, BuiltinOp::kFloor}) {
    {
      UnaryModel m(kS8, Q(0.1f), Q(0.1f));
      m.Op(op);
      EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'x': expected float32, got int8"));
    }
    {
      UnaryModel m(kF32, {}, {});
      m.t.writer().tensor(m.y).type = kS32;
      m.Op(op);
      EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': expected float32 like the input, got int32"));
    }
    {
      UnaryModel m(kF32, {}, {});
      m.t.writer().tensor(m.y).shape = {3, 2};
      m.Op(op);
      EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': shape differs from input 'x'"));
    }
  }
  {
    UnaryModel m(kS16, {}, {});
    m.Op(kNeg);
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "expected float32, int32 or int64, got int16"));
  }
}

}  // namespace
}  // namespace mote::optest
