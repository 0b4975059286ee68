// SOFTMAX (int8 -> int16, int16 -> int16), LOGISTIC and TANH (int16) through
// the interpreter, against the real functions in double, and their
// rejections.
#include <gtest/gtest-spi.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

std::vector<int16_t> AllInt16Values() {
  std::vector<int16_t> v;
  for (int q = -32768; q <= 32767; ++q) v.push_back(static_cast<int16_t>(q));
  return v;
}

// Runs every int16 value through `op` at input scale `in_scale`, output
// Q0.15, and returns the largest |got - 2^15 fn(x)|.
template <typename Fn>
double MaxErrorS16(BuiltinOp op, float in_scale, Fn fn) {
  OpTester t;
  t.Input("x", kS16, {256, 256}, Q(in_scale));
  t.Output("y", kS16, {256, 256}, Q(1.0f / 32768));
  t.Op(op, {0}, {1}, {}, 3);
  EXPECT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<int16_t> in = AllInt16Values();
  const std::vector<int16_t> out = t.Run<int16_t>(in);
  double worst = 0.0;
  for (size_t i = 0; i < out.size(); ++i) {
    worst = std::max(worst, std::fabs(out[i] - std::min(fn(in[i] * double{in_scale}) * 32768.0, 32767.0)));
  }
  return worst;
}

double Sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

TEST(ActivationInt16Op, LogisticEveryInput) {
  // The table's own scale (2^-12) and general scales; TFLite's int16
  // sigmoid (1/24-step table, linear interpolation) is within 2 LSB.
  for (float scale : {1.0f / 4096, 0.001f, 1.0f / 32768}) {
    EXPECT_LE(MaxErrorS16(BuiltinOp::kLogistic, scale, Sigmoid), 2.0) << "scale " << scale;
  }
}

TEST(ActivationInt16Op, TanhEveryInput) {
  // tanh reads the table at 2x: within 4 LSB.
  for (float scale : {1.0f / 4096, 1.0f / 2048, 0.003f}) {
    EXPECT_LE(MaxErrorS16(BuiltinOp::kTanh, scale, [](double x) { return std::tanh(x); }), 4.0)
        << "scale " << scale;
  }
}

std::vector<double> SoftmaxRow(const std::vector<double>& x) {
  const double m = *std::max_element(x.begin(), x.end());
  double sum = 0.0;
  for (double v : x) sum += std::exp(v - m);
  std::vector<double> p;
  for (double v : x) p.push_back(std::exp(v - m) / sum);
  return p;
}

// int8 -> int16 SOFTMAX (keyword_scrambled's last op): within 1 LSB of
// 65536 p - 32768.
TEST(ActivationInt16Op, SoftmaxInt8ToInt16) {
  for (float beta : {1.0f, 0.5f}) {
    OpTester t;
    t.Input("x", kS8, {4, 64}, Q(0.1f, 3));
    t.Output("y", kS16, {4, 64}, Q(1.0f / 65536, -32768));
    t.Op(BuiltinOp::kSoftmax, {0}, {1}, host::SoftmaxOptions(beta), 3);
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    host::Rng rng(3);
    const std::vector<int8_t> in = rng.UniformS8(256);
    const std::vector<int16_t> out = t.Run<int8_t, int16_t>(in);
    ASSERT_EQ(out.size(), in.size());
    for (int row = 0; row < 4; ++row) {
      std::vector<double> x;
      for (int c = 0; c < 64; ++c) x.push_back((in[row * 64 + c] - 3) * 0.1 * beta);
      const std::vector<double> p = SoftmaxRow(x);
      for (int c = 0; c < 64; ++c) {
        const double want = std::clamp(p[c] * 65536.0 - 32768.0, -32768.0, 32767.0);
        ASSERT_LE(std::fabs(out[row * 64 + c] - want), 1.0) << "beta " << beta << " row " << row << " col " << c;
      }
    }
  }
}

// int16 -> int16 SOFTMAX (TFLite Micro's tables): within 8 LSB of Q0.15
// while every input is within 10 / (scale * beta) of its row's maximum.
TEST(ActivationInt16Op, SoftmaxInt16) {
  const float scale = 1.0f / 2048;
  OpTester t;
  t.Input("x", kS16, {3, 100}, Q(scale));
  t.Output("y", kS16, {3, 100}, Q(1.0f / 32768));
  t.Op(BuiltinOp::kSoftmax, {0}, {1}, host::SoftmaxOptions(1.0f), 3);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  host::Rng rng(4);
  const std::vector<int16_t> in = rng.UniformS16(300, 32767 - 20480, 32767);
  const std::vector<int16_t> out = t.Run<int16_t>(in);
  for (int row = 0; row < 3; ++row) {
    std::vector<double> x;
    for (int c = 0; c < 100; ++c) x.push_back(in[row * 100 + c] * double{scale});
    const std::vector<double> p = SoftmaxRow(x);
    for (int c = 0; c < 100; ++c) {
      ASSERT_LE(std::fabs(out[row * 100 + c] - std::min(p[c] * 32768.0, 32767.0)), 8.0) << row << "," << c;
    }
  }
}

// A model as 16x8 converters write it: int8 input, QUANTIZE to int16,
// LOGISTIC and TANH in int16, QUANTIZE back to int8.
TEST(ActivationInt16Op, LogisticTanhBetweenQuantizes) {
  OpTester t;
  const int32_t x = t.Input("x", kS8, {1, 8}, Q(0.05f, 0));
  const int32_t a = t.Temp("a", kS16, {1, 8}, Q(1.0f / 4096));
  const int32_t s = t.Temp("s", kS16, {1, 8}, Q(1.0f / 32768));
  const int32_t h = t.Temp("h", kS16, {1, 8}, Q(1.0f / 32768));
  const int32_t y = t.Output("y", kS8, {1, 8}, Q(1.0f / 128, 0));
  t.Op(BuiltinOp::kQuantize, {x}, {a}, {}, 2);
  t.Op(BuiltinOp::kLogistic, {a}, {s}, {}, 3);
  t.Op(BuiltinOp::kTanh, {s}, {h}, {}, 3);
  t.Op(BuiltinOp::kQuantize, {h}, {y}, {}, 2);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<int8_t> in = {-128, -60, -10, 0, 1, 30, 100, 127};
  const std::vector<int8_t> out = t.Run<int8_t>(in);
  for (size_t i = 0; i < in.size(); ++i) {
    const double want = std::tanh(Sigmoid(in[i] * 0.05)) * 128.0;
    EXPECT_LE(std::fabs(out[i] - want), 1.0) << i;
  }
}

// --- rejections ------------------------------------------------------------

TEST(ActivationInt16Op, Rejections) {
  for (BuiltinOp op : {BuiltinOp::kLogistic, BuiltinOp::kTanh}) {
    SCOPED_TRACE(testing::Message() << "op " << static_cast<int>(op));
    {
      UnaryModel m(kS16, Q(1.0f / 4096, 5), Q(1.0f / 32768));
      m.Op(op);
      EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'x': int16 zero point 5 is not 0"));
    }
    {
      UnaryModel m(kS16, Q(1.0f / 4096), Q(1.0f / 256));
      m.Op(op);
      EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': int16 needs scale 2^-15 (Q0.15), got 0.00390625"));
    }
    {
      UnaryModel m(kS16, Q(4.0f), Q(1.0f / 32768));
      m.Op(op);
      EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'x': scale 4 is out of the int16 kernel's range"));
    }
    {
      UnaryModel m(kS16, Q(1.0f / 4096), Q(1.0f / 32768));
      m.t.writer().tensor(m.y).type = kS8;
      m.Op(op);
      EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': expected int16 like the input, got int8"));
    }
    {
      UnaryModel m(kS8, Q(0.1f), Q(1.0f / 32768));
      m.t.writer().tensor(m.y).type = kS16;
      m.Op(op);
      EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "output 'y': int16 is not supported, input 'x' is int8"));
    }
  }
  {
    UnaryModel m(kS16, Q(1.0f / 4096), Q(1.0f / 256));
    m.Op(BuiltinOp::kSoftmax, host::SoftmaxOptions(1.0f));
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': int16 softmax needs scale 1/32768"));
  }
  {
    UnaryModel m(kS16, Q(1.0f / 4096, 2), Q(1.0f / 32768));
    m.Op(BuiltinOp::kSoftmax, host::SoftmaxOptions(1.0f));
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'x': int16 zero point 2 is not 0"));
  }
  {
    UnaryModel m(kS8, Q(0.1f), Q(1.0f / 65536, 0));
    m.t.writer().tensor(m.y).type = kS16;
    m.Op(BuiltinOp::kSoftmax, host::SoftmaxOptions(1.0f));
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "int8 -> int16 softmax needs scale 1/65536 and zero point -32768"));
  }
  {
    UnaryModel m(kS16, Q(1.0f / 4096), Q(1.0f / 32768));
    m.t.writer().tensor(m.y).type = kS8;
    m.t.writer().tensor(m.y).quant = Q(1.0f / 256, -128);
    m.Op(BuiltinOp::kSoftmax, host::SoftmaxOptions(1.0f));
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': expected int16 like the input, got int8"));
  }
  {
    UnaryModel m(kS16, Q(1.0f / 4096), Q(1.0f / 32768), {1, 65537});
    m.Op(BuiltinOp::kSoftmax, host::SoftmaxOptions(1.0f));
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "int16 softmax over 65537 elements would overflow"));
  }
  {
    UnaryModel m(kS16, Q(1e6f), Q(1.0f / 32768));
    m.Op(BuiltinOp::kSoftmax, host::SoftmaxOptions(1e6f));
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "too large for int16 softmax"));
  }
}

// op_test_util.h's rejections shared by every activation, for the three
// ops that now run int16: every case must still be refused except the two
// int16 models the helper expects to be refused as unsupported types (int16
// in and out, and int8 to int16). Those now run (SOFTMAX int8 -> int16 with
// the right quantization) or are refused for their quantization instead.
void ExpectCommonRejectionsBesidesInt16(BuiltinOp op, host::OptionsBuilder options, Quantization good_out) {
  testing::TestPartResultArray failures;
  {
    testing::ScopedFakeTestPartResultReporter reporter(
        testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &failures);
    ExpectCommonUnaryRejections(op, options, good_out);
  }
  EXPECT_LE(failures.size(), 2);
  for (int i = 0; i < failures.size(); ++i) {
    const std::string message = failures.GetTestPartResult(i).message();
    EXPECT_NE(message.find("int16"), std::string::npos) << message;
  }
}

TEST(ActivationInt16Op, CommonUnaryRejectionsBesidesInt16) {
  ExpectCommonRejectionsBesidesInt16(BuiltinOp::kLogistic, {}, Q(1.0f / 256, -128));
  ExpectCommonRejectionsBesidesInt16(BuiltinOp::kTanh, {}, Q(1.0f / 128, 0));
  ExpectCommonRejectionsBesidesInt16(BuiltinOp::kSoftmax, host::SoftmaxOptions(1.0f), Q(1.0f / 256, -128));
}

}  // namespace
}  // namespace mote::optest
