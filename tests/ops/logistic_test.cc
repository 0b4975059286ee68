// LOGISTIC through the interpreter: float32 and int8 (output scale 1/256,
// zero point -128) across input quantizations, FC -> LOGISTIC (a binary
// classifier head), and Prepare's rejections.
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

double Sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

TEST(LogisticOp, Float) {
  RunUnaryF32(BuiltinOp::kLogistic, {}, {}, FloatSweep(), Sigmoid);
}

TEST(LogisticOp, Int8AcrossInputQuantizations) {
  const std::pair<float, int32_t> inputs[] = {{0.1f, 0},   {0.05f, -128}, {0.02f, 127}, {0.25f, 10},
                                              {0.001f, 3}, {1.0f, -5},    {1.0f / 16, 0}};
  for (const auto& [scale, zp] : inputs) {
    RunUnaryS8(BuiltinOp::kLogistic, {}, scale, zp, 1.0f / 256, -128, Sigmoid);
  }
}

TEST(LogisticOp, SaturatesAndCentres) {
  OpTester t;
  t.Input("x", kS8, {3}, Q(0.5f, 0));
  t.Output("y", kS8, {3}, Q(1.0f / 256, -128));
  t.Op(BuiltinOp::kLogistic, {0}, {1});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  // sigmoid(0) = 0.5 -> 128 - 128 = 0; sigmoid(-64) -> 0; sigmoid(63.5) -> 1 (saturated 127).
  EXPECT_EQ(t.Run<int8_t>({0, -128, 127}), (std::vector<int8_t>{0, -128, 127}));
}

TEST(LogisticOp, FullyConnectedThenLogisticS8) {
  OpTester t;
  const int32_t x = t.Input("x", kS8, {1, 2}, Q(0.5f, 0));
  const int32_t w = t.Const<int8_t>("w", {1, 2}, {2, -2}, Q(0.5f));
  const int32_t l = t.Temp("logit", kS8, {1, 1}, Q(0.25f, 0));
  const int32_t y = t.Output("y", kS8, {1, 1}, Q(1.0f / 256, -128));
  t.Op(BuiltinOp::kFullyConnected, {x, w}, {l}, host::FullyConnectedOptions());
  t.Op(BuiltinOp::kLogistic, {l}, {y});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  // logit = 0.5 * 0.5 * (2 * 3 - 2 * 1) = 1.0 -> sigmoid 0.7311 -> 187 - 128.
  EXPECT_TRUE(WithinLsb(t.Run<int8_t>({3, 1}), {static_cast<int8_t>(QuantizeOne(Sigmoid(1.0), 1.0 / 256, -128))}));
}

TEST(LogisticOp, ZeroSizeTensorsRun) { ExpectZeroSizeRuns(BuiltinOp::kLogistic, {}, Q(1.0f / 256, -128)); }

TEST(LogisticOp, Rejections) {
  // The shared rejections (but for int16, which this op now runs) are in
  // activation_int16_test.cc, CommonUnaryRejectionsBesidesInt16.
  {
    UnaryModel m(kS8, Q(0.1f, 0), Q(1.0f / 256, 0));
    m.Op(BuiltinOp::kLogistic);
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': int8 logistic needs zero point -128, got 0"));
  }
  {
    UnaryModel m(kS8, Q(0.1f, 0), Q(1.0f / 128, -128));
    m.Op(BuiltinOp::kLogistic);
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "output 'y': int8 logistic supports only scale 1/256"));
  }
}

}  // namespace
}  // namespace mote::optest
