// ABS through the interpreter: every int8 value (rescaled and not), int16
// quantized and raw, float32, and Prepare's rejections.
#include <cmath>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

double Abs(double x) { return std::fabs(x); }

TEST(AbsOp, Int8EveryValue) {
  RunUnaryS8(BuiltinOp::kAbs, {}, 0.1f, 0, 0.1f, -128, Abs, 0);  // same scale: exact
  RunUnaryS8(BuiltinOp::kAbs, {}, 0.1f, 20, 0.05f, -128, Abs);
  RunUnaryS8(BuiltinOp::kAbs, {}, 0.02f, -128, 0.03f, -100, Abs);
}

TEST(AbsOp, FloatAndInt16) {
  RunUnaryF32(BuiltinOp::kAbs, {}, {}, FloatSweep(), Abs, 0.0);
  {
    OpTester t;
    t.Input("x", kS16, {4}, Q(0.5f, 0));
    t.Output("y", kS16, {4}, Q(1.0f, 0));
    t.Op(BuiltinOp::kAbs, {0}, {1}, {}, 3);
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    EXPECT_EQ(t.Run<int16_t>({-32768, 5, -7, 0}), (std::vector<int16_t>{16384, 3, 4, 0}));
  }
  {
    OpTester t;
    t.Input("x", kS16, {3});
    t.Output("y", kS16, {3});
    t.Op(BuiltinOp::kAbs, {0}, {1}, {}, 4);
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    EXPECT_EQ(t.Run<int16_t>({-32768, -5, 6}), (std::vector<int16_t>{-32768, 5, 6}));
  }
}

TEST(AbsOp, Rejections) {
  {
    UnaryModel m(kS32, {}, {});
    m.Op(BuiltinOp::kAbs);
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'x': expected float32, int8 or int16, got int32"));
  }
  {
    UnaryModel m(kS16, Q(0.5f, 3), Q(0.5f, 0));
    m.Op(BuiltinOp::kAbs);
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x': int16 zero point 3 is outside {0}"));
  }
  {
    UnaryModel m(kS8, Q(0.1f), {});
    m.Op(BuiltinOp::kAbs);
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "output 'y': int8 needs per-tensor quantization (1 scale), got 0"));
  }
  {
    UnaryModel m(kS8, Q(1.0f), Q(1e-10f));
    m.Op(BuiltinOp::kAbs);
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "rescale factor"));
  }
}

}  // namespace
}  // namespace mote::optest
