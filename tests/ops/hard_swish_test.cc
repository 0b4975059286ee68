// HARD_SWISH through the interpreter: float32 and int8 (TFLite's int16
// fixed-point scheme) across quantizations, a MobileNetV3-style conv ->
// hard swish, and Prepare's rejections.
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

double HardSwish(double x) { return x * std::clamp(x + 3.0, 0.0, 6.0) / 6.0; }

TEST(HardSwishOp, Float) {
  RunUnaryF32(BuiltinOp::kHardSwish, {}, {}, FloatSweep(false), HardSwish);
}

TEST(HardSwishOp, Int8AcrossQuantizations) {
  const struct {
    float si;
    int32_t zi;
    float so;
    int32_t zo;
  } cases[] = {{0.05f, 0, 0.05f, 0},     {0.05f, 0, 0.03f, -100}, {0.1f, -128, 0.1f, -128},
               {0.02f, 127, 0.01f, 20},  {0.2f, 30, 0.15f, -50},  {0.01f, -60, 0.005f, -70}};
  for (const auto& c : cases) RunUnaryS8(BuiltinOp::kHardSwish, {}, c.si, c.zi, c.so, c.zo, HardSwish);
}

// CONV -> HARD_SWISH (float): the activation sees the conv's output.
TEST(HardSwishOp, AfterConvF32) {
  OpTester t;
  const int32_t x = t.Input("x", kF32, {1, 1, 1, 6});
  const int32_t w = t.Const<float>("w", {6, 1, 1, 6},
                                   {2, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0,
                                    0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 2});
  const int32_t c = t.Temp("c", kF32, {1, 1, 1, 6});
  const int32_t y = t.Output("y", kF32, {1, 1, 1, 6});
  t.Op(BuiltinOp::kConv2D, {x, w}, {c}, host::Conv2DOptions(tflite::Padding_SAME, 1, 1));
  t.Op(BuiltinOp::kHardSwish, {c}, {y});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<float> in = {-3, -1, -0.5f, 0, 0.5f, 2};
  std::vector<double> want;
  for (float v : in) want.push_back(HardSwish(2.0 * v));
  EXPECT_TRUE(NearAll(t.Run<float>(in), want));
}

TEST(HardSwishOp, ZeroSizeTensorsRun) { ExpectZeroSizeRuns(BuiltinOp::kHardSwish, {}, Q(0.1f, 0)); }

TEST(HardSwishOp, Rejections) {
  ExpectCommonUnaryRejections(BuiltinOp::kHardSwish, {}, Q(0.1f, 0));
  {
    // The output multiplier (input scale / 128 / output scale) would need a
    // left shift.
    UnaryModel m(kS8, Q(0.1f, 0), Q(0.0001f, 0));
    m.Op(BuiltinOp::kHardSwish);
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': scale 0.0001 is too small for input 'x' scale 0.1"));
  }
  {
    UnaryModel m(kF32, {}, {});
    m.t.Op(BuiltinOp::kHardSwish, {m.x}, {m.y}, {}, 2);
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "HARD_SWISH version 2"));
  }
}

}  // namespace
}  // namespace mote::optest
