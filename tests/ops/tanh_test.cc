// TANH through the interpreter: float32 and int8 (output scale 1/128, zero
// point 0) across input quantizations, and Prepare's rejections.
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

double Tanh(double x) { return std::tanh(x); }

TEST(TanhOp, Float) {
  RunUnaryF32(BuiltinOp::kTanh, {}, {}, FloatSweep(), Tanh);
}

TEST(TanhOp, Int8AcrossInputQuantizations) {
  const std::pair<float, int32_t> inputs[] = {{0.1f, 0},   {0.05f, -128}, {0.02f, 127}, {0.25f, 10},
                                              {0.001f, 3}, {1.0f, -5},    {1.0f / 32, 0}};
  for (const auto& [scale, zp] : inputs) {
    RunUnaryS8(BuiltinOp::kTanh, {}, scale, zp, 1.0f / 128, 0, Tanh);
  }
}

TEST(TanhOp, OddSymmetryAndSaturation) {
  OpTester t;
  t.Input("x", kS8, {5}, Q(0.1f, 0));
  t.Output("y", kS8, {5}, Q(1.0f / 128, 0));
  t.Op(BuiltinOp::kTanh, {0}, {1});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<int8_t> got = t.Run<int8_t>({0, 5, -5, 127, -128});
  ASSERT_EQ(got.size(), 5u);
  EXPECT_EQ(got[0], 0);
  EXPECT_EQ(got[1], -got[2]);
  EXPECT_EQ(got[3], 127);
  EXPECT_EQ(got[4], -128);
}

TEST(TanhOp, ZeroSizeTensorsRun) { ExpectZeroSizeRuns(BuiltinOp::kTanh, {}, Q(1.0f / 128, 0)); }

TEST(TanhOp, Rejections) {
  // The shared rejections (but for int16, which this op now runs) are in
  // activation_int16_test.cc, CommonUnaryRejectionsBesidesInt16.
  {
    UnaryModel m(kS8, Q(0.1f, 0), Q(1.0f / 128, 5));
    m.Op(BuiltinOp::kTanh);
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "output 'y': int8 tanh supports only scale 1/128 and zero point 0"));
  }
  {
    UnaryModel m(kS8, Q(0.1f, 0), Q(1.0f / 256, -128));
    m.Op(BuiltinOp::kTanh);
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "got 0.00390625 and -128"));
  }
}

}  // namespace
}  // namespace mote::optest
