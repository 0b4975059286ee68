// RSQRT through the interpreter: float32 (including 0 and negatives), int8
// over every non-negative value, the int8 failure on negative inputs, and
// Prepare's rejections.
#include <cmath>
#include <limits>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

constexpr BuiltinOp kRsqrt = static_cast<BuiltinOp>(76);

TEST(RsqrtOp, Float) {
  std::vector<float> in = {0.25f, 1.0f, 4.0f, 100.0f, 1e-6f};
  RunUnaryF32(kRsqrt, {}, {}, in, [](double x) { return 1.0 / std::sqrt(x); }, 1e-6);
  OpTester t;
  t.Input("x", kF32, {2});
  t.Output("y", kF32, {2});
  t.Op(kRsqrt, {0}, {1});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<float> out = t.Run<float>({0.0f, -4.0f});
  EXPECT_EQ(out[0], std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::isnan(out[1]));
}

TEST(RsqrtOp, Int8NonNegativeValues) {
  const float si = 0.02f, so = 0.05f;
  const int32_t zi = -100, zo = -128;
  std::vector<int8_t> in;
  std::vector<double> real;
  for (int q = zi + 1; q <= 127; ++q) {
    in.push_back(static_cast<int8_t>(q));
    real.push_back(1.0 / std::sqrt(si * (q - zi)));
  }
  OpTester t;
  t.Input("x", kS8, {static_cast<int32_t>(in.size())}, Q(si, zi));
  t.Output("y", kS8, {static_cast<int32_t>(in.size())}, Q(so, zo));
  t.Op(kRsqrt, {0}, {1}, {}, 2);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_TRUE(WithinLsb(t.Run<int8_t>(in), QuantizeAll(real, so, zo)));
  // The zero point itself (a real 0) gives the largest output.
  OpTester z;
  z.Input("x", kS8, {1}, Q(si, zi));
  z.Output("y", kS8, {1}, Q(so, zo));
  z.Op(kRsqrt, {0}, {1});
  ASSERT_EQ(z.Prepare(), Status::kOk) << z.message();
  EXPECT_EQ(z.Run<int8_t>({static_cast<int8_t>(zi)}), (std::vector<int8_t>{127}));
}

TEST(RsqrtOp, Int8NegativeInputFailsTheInvoke) {
  OpTester t;
  t.Input("x", kS8, {3}, Q(0.1f, 0));
  t.Output("y", kS8, {3}, Q(0.1f, 0));
  t.Op(kRsqrt, {0}, {1});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<int8_t>(0, {4, -1, 9});
  EXPECT_EQ(t.Invoke(), Status::kInvalidArgument);
  EXPECT_NE(t.message().find("input element 1 is below the zero point"), std::string::npos) << t.message();
}

TEST(RsqrtOp, Rejections) {
  {
    UnaryModel m(kS16, Q(0.1f), Q(0.1f));
    m.Op(kRsqrt);
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'x': expected float32 or int8, got int16"));
  }
  {
    UnaryModel m(kS8, Q(1.0f), Q(1e4f));
    m.Op(kRsqrt);
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "is too small"));
  }
  {
    UnaryModel m(kS8, Q(1e-30f), Q(1e-30f));
    m.Op(kRsqrt);
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "is too large"));
  }
  {
    UnaryModel m(kS8, Q(0.1f, 300), Q(0.1f));
    m.Op(kRsqrt);
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x': int8 zero point 300 is outside [-128, 127]"));
  }
}

}  // namespace
}  // namespace mote::optest
