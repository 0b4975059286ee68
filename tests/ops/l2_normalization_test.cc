// L2_NORMALIZATION through the interpreter: float32 against double, int8
// within 1 LSB of the real result at TFLite's fixed output scale 1/128,
// and Prepare's rejections.
#include <cmath>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

host::OptionsBuilder L2NormOptions(tflite::ActivationFunctionType act = tflite::ActivationFunctionType_NONE) {
  return host::MakeOptions([act](auto& fbb) { return tflite::CreateL2NormOptions(fbb, act); });
}

TEST(L2NormalizationOp, Float) {
  host::Rng rng(9);
  const std::vector<float> in = rng.Uniform(2 * 3 * 8, -2.0f, 2.0f);
  OpTester t;
  t.Input("x", kF32, {2, 3, 8});
  t.Output("y", kF32, {2, 3, 8});
  t.Op(BuiltinOp::kL2Normalization, {0}, {1}, L2NormOptions());
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  std::vector<double> want;
  for (int r = 0; r < 6; ++r) {
    double sum = 0;
    for (int c = 0; c < 8; ++c) sum += double{in[r * 8 + c]} * in[r * 8 + c];
    for (int c = 0; c < 8; ++c) want.push_back(in[r * 8 + c] / std::sqrt(sum));
  }
  EXPECT_TRUE(NearAll(t.Run<float>(in), want, 1e-6));
}

TEST(L2NormalizationOp, Int8) {
  const float si = 0.03f;
  const int32_t zi = -5;
  host::Rng rng(10);
  const std::vector<int8_t> in = rng.UniformS8(4 * 32);
  OpTester t;
  t.Input("x", kS8, {4, 32}, Q(si, zi));
  t.Output("y", kS8, {4, 32}, Q(1.0f / 128, 0));
  t.Op(BuiltinOp::kL2Normalization, {0}, {1}, L2NormOptions(), 2);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  std::vector<double> want;
  for (int r = 0; r < 4; ++r) {
    double sum = 0;
    for (int c = 0; c < 32; ++c) sum += std::pow(in[r * 32 + c] - zi, 2);
    for (int c = 0; c < 32; ++c) want.push_back((in[r * 32 + c] - zi) / std::sqrt(sum));
  }
  EXPECT_TRUE(WithinLsb(t.Run<int8_t>(in), QuantizeAll(want, 1.0 / 128, 0)));
}

TEST(L2NormalizationOp, Rejections) {
  {
    UnaryModel m(kS8, Q(0.1f), Q(0.1f, 0));
    m.Op(BuiltinOp::kL2Normalization, L2NormOptions());
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "int8 L2_NORMALIZATION writes scale 1/128 and zero point 0"));
  }
  {
    UnaryModel m(kF32, {}, {});
    m.Op(BuiltinOp::kL2Normalization, L2NormOptions(tflite::ActivationFunctionType_RELU));
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "fused activation 1 is not supported"));
  }
  {
    UnaryModel m(kF32, {}, {}, {});
    m.Op(BuiltinOp::kL2Normalization, L2NormOptions());
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "needs at least one dimension"));
  }
  {
    UnaryModel m(kS16, Q(0.1f), Q(0.1f));
    m.Op(BuiltinOp::kL2Normalization, L2NormOptions());
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "expected float32 or int8, got int16"));
  }
}

}  // namespace
}  // namespace mote::optest
