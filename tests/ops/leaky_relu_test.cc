// LEAKY_RELU through the interpreter: float32 and int8 (one multiplier for
// x >= 0, one for alpha * x) for small, zero, negative and > 1 alphas, and
// Prepare's rejections.
#include <limits>
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

TEST(LeakyReluOp, FloatAlphas) {
  for (float alpha : {0.2f, 0.01f, 0.0f, -0.5f, 1.0f, 3.0f}) {
    SCOPED_TRACE(testing::Message() << "alpha " << alpha);
    RunUnaryF32(BuiltinOp::kLeakyRelu, host::LeakyReluOptions(alpha), {}, FloatSweep(false),
                [alpha](double x) { return x >= 0 ? x : static_cast<double>(alpha) * x; });
  }
}

TEST(LeakyReluOp, Int8AlphasAndQuantizations) {
  const struct {
    float si;
    int32_t zi;
    float so;
    int32_t zo;
  } cases[] = {{0.05f, 0, 0.05f, 0}, {0.1f, -20, 0.04f, 30}, {0.02f, 127, 0.03f, -128}, {0.1f, -128, 0.2f, 127}};
  for (float alpha : {0.2f, 0.01f, 0.0f, -0.5f, 1.5f}) {
    for (const auto& c : cases) {
      SCOPED_TRACE(testing::Message() << "alpha " << alpha);
      RunUnaryS8(BuiltinOp::kLeakyRelu, host::LeakyReluOptions(alpha), c.si, c.zi, c.so, c.zo,
                 [alpha](double x) { return x >= 0 ? x : static_cast<double>(alpha) * x; });
    }
  }
}

// Without LeakyReluOptions alpha is the schema default 0: a plain RELU.
TEST(LeakyReluOp, NoOptionsMeansAlphaZero) {
  OpTester t;
  t.Input("x", kF32, {4});
  t.Output("y", kF32, {4});
  t.Op(BuiltinOp::kLeakyRelu, {0}, {1});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Run<float>({-2, -0.5f, 0, 3}), (std::vector<float>{0, 0, 0, 3}));
}

TEST(LeakyReluOp, ZeroSizeTensorsRun) { ExpectZeroSizeRuns(BuiltinOp::kLeakyRelu, host::LeakyReluOptions(0.2f), Q(0.1f, 0)); }

TEST(LeakyReluOp, Rejections) {
  ExpectCommonUnaryRejections(BuiltinOp::kLeakyRelu, host::LeakyReluOptions(0.2f), Q(0.1f, 0));
  {
    UnaryModel m(kS8, Q(0.1f, 0), Q(0.1f, 0));
    m.Op(BuiltinOp::kLeakyRelu, host::LeakyReluOptions(std::numeric_limits<float>::quiet_NaN()));
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "alpha must be finite"));
  }
  {
    UnaryModel m(kS8, Q(0.1f, 0), Q(0.1f, 0));
    m.Op(BuiltinOp::kLeakyRelu, host::LeakyReluOptions(std::numeric_limits<float>::infinity()));
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "alpha must be finite"));
  }
  {
    UnaryModel m(kS8, Q(0.1f, 0), Q(0.1f, 0));
    m.Op(BuiltinOp::kLeakyRelu, host::LeakyReluOptions(1e10f));
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "rescale factor"));
  }
  {
    UnaryModel m(kS8, Q(1e6f, 0), Q(1e-6f, 0));
    m.Op(BuiltinOp::kLeakyRelu, host::LeakyReluOptions(0.1f));
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'x' to output 'y': rescale factor"));
  }
}

}  // namespace
}  // namespace mote::optest
