// PRELU through the interpreter: float32 and int8 with a constant
// per-channel alpha, alpha broadcasting, and Prepare's rejections.
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

TEST(PreluOp, FloatPerChannelAlpha) {
  OpTester t;
  const int32_t x = t.Input("x", kF32, {1, 2, 2, 3});
  const int32_t alpha = t.Const<float>("alpha", {1, 1, 3}, {0.1f, 0.5f, 2.0f});
  const int32_t y = t.Output("y", kF32, {1, 2, 2, 3});
  t.Op(BuiltinOp::kPrelu, {x, alpha}, {y});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Run<float>({-1, -1, -1, 2, 2, 2, 0, -4, 3, -10, 1, -0.5f}),
            (std::vector<float>{-0.1f, -0.5f, -2, 2, 2, 2, 0, -2, 3, -1, 1, -1}));
}

TEST(PreluOp, Int8AgainstFloat) {
  const float si = 0.05f, sa = 0.004f, so = 0.04f;
  const int32_t zi = 10, za = -128, zo = 30;
  host::Rng rng(5);
  const std::vector<int8_t> alpha_q = rng.UniformS8(4);
  OpTester t;
  const int32_t x = t.Input("x", kS8, {64, 4}, Q(si, zi));
  const int32_t alpha = t.Const<int8_t>("alpha", {4}, alpha_q, Q(sa, za));
  const int32_t y = t.Output("y", kS8, {64, 4}, Q(so, zo));
  t.Op(BuiltinOp::kPrelu, {x, alpha}, {y});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  std::vector<int8_t> in = AllInt8Values();
  std::vector<double> real;
  for (size_t i = 0; i < in.size(); ++i) {
    const double v = si * (in[i] - zi);
    real.push_back(v >= 0 ? v : v * sa * (alpha_q[i % 4] - za));
  }
  EXPECT_TRUE(WithinLsb(t.Run<int8_t>(in), QuantizeAll(real, so, zo)));
}

TEST(PreluOp, Rejections) {
  {
    OpTester t;
    const int32_t x = t.Input("x", kF32, {2, 3});
    const int32_t alpha = t.Const<float>("alpha", {2}, {1, 2});
    const int32_t y = t.Output("y", kF32, {2, 3});
    t.Op(BuiltinOp::kPrelu, {x, alpha}, {y});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "inputs 'x' and 'alpha' have shapes that do not broadcast"));
  }
  {
    OpTester t;
    const int32_t x = t.Input("x", kS8, {2, 3}, Q(0.1f));
    const int32_t alpha = t.Const<float>("alpha", {3}, {1, 2, 3});
    const int32_t y = t.Output("y", kS8, {2, 3}, Q(0.1f));
    t.Op(BuiltinOp::kPrelu, {x, alpha}, {y});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "alpha 'alpha': expected int8, got float32"));
  }
  {
    OpTester t;
    const int32_t x = t.Input("x", kS8, {2, 3}, Q(0.1f));
    const int32_t alpha = t.Const<int8_t>("alpha", {3}, {1, 2, 3}, Quantization::PerChannel({0.1f, 0.2f, 0.3f}, 0));
    const int32_t y = t.Output("y", kS8, {2, 3}, Q(0.1f));
    t.Op(BuiltinOp::kPrelu, {x, alpha}, {y});
    EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "alpha 'alpha': int8 needs per-tensor quantization (1 scale), got 3"));
  }
  {
    OpTester t;
    const int32_t x = t.Input("x", kS16, {2}, Q(0.1f));
    const int32_t alpha = t.Const<int16_t>("alpha", {2}, {1, 2}, Q(0.1f));
    const int32_t y = t.Output("y", kS16, {2}, Q(0.1f));
    t.Op(BuiltinOp::kPrelu, {x, alpha}, {y});
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "input 'x': expected float32 or int8, got int16"));
  }
  {
    OpTester t;
    const int32_t x = t.Input("x", kS8, {2}, Q(100.0f));
    const int32_t alpha = t.Const<int8_t>("alpha", {1}, {1}, Q(0.1f));
    const int32_t y = t.Output("y", kS8, {2}, Q(1e-9f));
    t.Op(BuiltinOp::kPrelu, {x, alpha}, {y});
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "requantization scale"));
  }
}

}  // namespace
}  // namespace mote::optest
