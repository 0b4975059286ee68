// RELU6 through the interpreter: float32, int8 with one quantization (an
// exact clamp to [zero point, quantized 6]) and int8 requantizing to a
// different output quantization, and Prepare's rejections.
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

double Relu6(double x) { return std::clamp(x, 0.0, 6.0); }

TEST(Relu6Op, Float) {
  RunUnaryF32(BuiltinOp::kRelu6, {}, {}, FloatSweep(), Relu6, 0.0);
}

TEST(Relu6Op, SameQuantizationIsExactClamp) {
  const std::pair<float, int32_t> quants[] = {{0.05f, -128}, {0.1f, 0}, {0.02f, 50}, {1.0f / 32, -100}, {0.1f, 127}};
  for (const auto& [scale, zp] : quants) {
    OpTester t;
    t.Input("x", kS8, {256}, Q(scale, zp));
    t.Output("y", kS8, {256}, Q(scale, zp));
    t.Op(BuiltinOp::kRelu6, {0}, {1});
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    const int six = std::min(127, zp + static_cast<int>(std::round(6.0 / scale)));
    std::vector<int8_t> want;
    const std::vector<int8_t> in = AllInt8Values();
    for (int8_t q : in) want.push_back(static_cast<int8_t>(std::clamp<int>(q, zp, six)));
    EXPECT_EQ(t.Run<int8_t>(in), want) << scale << " " << zp;
  }
}

TEST(Relu6Op, RequantizingToAnotherQuantization) {
  const struct {
    float si;
    int32_t zi;
    float so;
    int32_t zo;
  } cases[] = {{0.05f, 0, 6.0f / 255, -128}, {0.1f, -30, 0.03f, -128}, {0.02f, 127, 0.05f, 10}, {0.2f, -128, 0.1f, 0}};
  for (const auto& c : cases) RunUnaryS8(BuiltinOp::kRelu6, {}, c.si, c.zi, c.so, c.zo, Relu6);
}

TEST(Relu6Op, ZeroSizeTensorsRun) { ExpectZeroSizeRuns(BuiltinOp::kRelu6, {}, Q(0.1f, 0)); }

TEST(Relu6Op, Rejections) {
  ExpectCommonUnaryRejections(BuiltinOp::kRelu6, {}, Q(0.1f, 0));
  {
    UnaryModel m(kS8, Q(1e6f, 0), Q(1e-6f, 0));
    m.Op(BuiltinOp::kRelu6);
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "rescale factor"));
  }
}

}  // namespace
}  // namespace mote::optest
