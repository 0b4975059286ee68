// RELU through the interpreter: float32, int8 requantizing from the input's
// to the output's quantization (exact when they are equal), a standalone
// RELU after CONV_2D matching the fused one, and Prepare's rejections.
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

double Relu(double x) { return std::max(0.0, x); }

TEST(ReluOp, Float) {
  RunUnaryF32(BuiltinOp::kRelu, {}, {}, FloatSweep(), Relu, 0.0);
}

TEST(ReluOp, Int8AcrossQuantizations) {
  const struct {
    float si;
    int32_t zi;
    float so;
    int32_t zo;
  } cases[] = {{0.1f, 0, 0.1f, 0},     {0.1f, 20, 0.05f, -128}, {0.05f, -128, 0.1f, -128},
               {0.02f, 127, 0.02f, 0}, {0.3f, -5, 0.01f, 100},  {0.01f, 0, 2.0f, -10}};
  for (const auto& c : cases) RunUnaryS8(BuiltinOp::kRelu, {}, c.si, c.zi, c.so, c.zo, Relu);
}

// Same quantization: exactly max(x, zero point).
TEST(ReluOp, SameQuantizationIsExact) {
  OpTester t;
  t.Input("x", kS8, {256}, Q(0.1f, -20));
  t.Output("y", kS8, {256}, Q(0.1f, -20));
  t.Op(BuiltinOp::kRelu, {0}, {1});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<int8_t> in = AllInt8Values();
  std::vector<int8_t> want;
  for (int8_t q : in) want.push_back(std::max<int8_t>(q, -20));
  EXPECT_EQ(t.Run<int8_t>(in), want);
}

// CONV then a separate RELU equals CONV with the RELU fused.
TEST(ReluOp, StandaloneAfterConvEqualsFusedS8) {
  host::Rng rng(3);
  const std::vector<int8_t> in = rng.UniformS8(1 * 4 * 4 * 2);
  const std::vector<int8_t> wv = rng.UniformS8(2 * 3 * 3 * 2);
  auto run = [&](bool fused) {
    OpTester t;
    const int32_t x = t.Input("x", kS8, {1, 4, 4, 2}, Q(0.05f, 3));
    const int32_t w = t.Const<int8_t>("w", {2, 3, 3, 2}, wv, Q(0.01f));
    const int32_t c = fused ? t.Output("c", kS8, {1, 4, 4, 2}, Q(0.04f, -1))
                            : t.Temp("c", kS8, {1, 4, 4, 2}, Q(0.04f, -1));
    t.Op(BuiltinOp::kConv2D, {x, w}, {c},
         host::Conv2DOptions(tflite::Padding_SAME, 1, 1,
                             fused ? tflite::ActivationFunctionType_RELU : tflite::ActivationFunctionType_NONE),
         3);
    if (!fused) {
      const int32_t y = t.Output("y", kS8, {1, 4, 4, 2}, Q(0.04f, -1));
      t.Op(BuiltinOp::kRelu, {c}, {y});
    }
    EXPECT_EQ(t.Prepare(), Status::kOk) << t.message();
    return t.Run<int8_t>(in);
  };
  const std::vector<int8_t> fused = run(true);
  ASSERT_EQ(fused.size(), 32u);
  EXPECT_EQ(run(false), fused);
}

TEST(ReluOp, ZeroSizeTensorsRun) { ExpectZeroSizeRuns(BuiltinOp::kRelu, {}, Q(0.1f, 0)); }

TEST(ReluOp, Rejections) {
  ExpectCommonUnaryRejections(BuiltinOp::kRelu, {}, Q(0.1f, 0));
  {
    UnaryModel m(kS8, Q(1e6f, 0), Q(1e-6f, 0));
    m.Op(BuiltinOp::kRelu);
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'x' to output 'y': rescale factor"));
  }
  {
    UnaryModel m(kF32, {}, {});
    m.t.Op(BuiltinOp::kRelu, {m.x}, {m.y}, {}, 4);
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "RELU version 4"));
  }
}

}  // namespace
}  // namespace mote::optest
