// ADD, SUB and MUL with int16 activations (TFLite's 16x8 scheme, zero
// points 0) through the interpreter: broadcasting, fused activations, the
// general (not power-of-two) int16 path TFLite Micro runs, and rejections.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

using Act = tflite::ActivationFunctionType;

struct OpKind {
  BuiltinOp op;
  int32_t version;  // TFLite's version for int16
  double (*fn)(double, double);
  host::OptionsBuilder (*options)(Act);
};

const OpKind kOps[] = {
    {BuiltinOp::kAdd, 3, [](double a, double b) { return a + b; }, host::AddOptions},
    {BuiltinOp::kSub, 5, [](double a, double b) { return a - b; }, host::SubOptions},
    {BuiltinOp::kMul, 4, [](double a, double b) { return a * b; }, host::MulOptions},
};

// Random int16 inputs (extremes included) at scales sa, sb; the output scale
// covers the real results. Every output within 1 LSB of
// quantize(activation(fn(real inputs))): ADD and SUB round twice at the end
// of TFLite's general path, MUL twice in its rescale.
void RunBinaryS16(const OpKind& k, const std::vector<int32_t>& sa_shape, const std::vector<int32_t>& sb_shape,
                  float sa, float sb, Act act, uint32_t seed) {
  host::Rng rng(seed);
  std::vector<int16_t> a = rng.UniformS16(Count(sa_shape));
  std::vector<int16_t> b = rng.UniformS16(Count(sb_shape));
  if (!a.empty()) a.front() = -32768;
  if (!b.empty()) b.back() = 32767;
  const Broadcast bc = BroadcastRef(sa_shape, sb_shape);
  std::vector<double> real;
  double max_abs = 1e-9;
  for (size_t i = 0; i < bc.index_a.size(); ++i) {
    const double v = k.fn(a[bc.index_a[i]] * double{sa}, b[bc.index_b[i]] * double{sb});
    real.push_back(ApplyActivation(v, act));
    max_abs = std::max(max_abs, std::fabs(v));
  }
  const float so = static_cast<float>(max_abs / 32000.0);
  OpTester t;
  t.Input("a", kS16, sa_shape, Q(sa));
  t.Input("b", kS16, sb_shape, Q(sb));
  t.Output("y", kS16, bc.shape, Q(so));
  t.Op(k.op, {0, 1}, {2}, k.options(act), k.version);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<int16_t>(0, a);
  t.SetInput<int16_t>(1, b);
  ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
  const std::vector<int16_t> got = t.GetOutput<int16_t>(0);
  ASSERT_EQ(got.size(), real.size());
  for (size_t i = 0; i < got.size(); ++i) {
    const double q = std::clamp(real[i] / so, -32768.0, 32767.0);
    ASSERT_LE(std::fabs(got[i] - q), 1.0 + 1e-3) << "element " << i;
  }
}

TEST(ArithmeticInt16Op, BroadcastShapes) {
  uint32_t seed = 1;
  for (const OpKind& k : kOps) {
    for (const auto& [sa, sb] : BroadcastShapePairs()) {
      SCOPED_TRACE(testing::Message() << "op " << static_cast<int>(k.op) << ", seed " << seed);
      RunBinaryS16(k, sa, sb, 1.0f / 4096, 1.0f / 1000, tflite::ActivationFunctionType_NONE, seed++);
    }
  }
}

TEST(ArithmeticInt16Op, FusedActivationsAndScales) {
  uint32_t seed = 100;
  for (const OpKind& k : kOps) {
    for (Act act : {tflite::ActivationFunctionType_RELU, tflite::ActivationFunctionType_RELU6,
                    tflite::ActivationFunctionType_RELU_N1_TO_1}) {
      SCOPED_TRACE(testing::Message() << "op " << static_cast<int>(k.op) << ", act " << act);
      RunBinaryS16(k, {3, 5}, {3, 5}, 1.0f / 8192, 1.0f / 8192, act, seed++);
      RunBinaryS16(k, {4, 1}, {1, 6}, 0.01f, 0.0003f, act, seed++);
    }
  }
}

// Equal scales: ADD is an exact saturating sum (every step of the general
// path is exact).
TEST(ArithmeticInt16Op, AddEqualScalesIsExact) {
  OpTester t;
  t.Input("a", kS16, {5}, Q(0.5f));
  t.Input("b", kS16, {5}, Q(0.5f));
  t.Output("y", kS16, {5}, Q(0.5f));
  t.Op(BuiltinOp::kAdd, {0, 1}, {2}, host::AddOptions(), 3);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<int16_t>(0, {1, -32768, 32767, 20000, -5});
  t.SetInput<int16_t>(1, {2, -1, 1, 20000, 3});
  ASSERT_EQ(t.Invoke(), Status::kOk);
  EXPECT_EQ(t.GetOutput<int16_t>(0), (std::vector<int16_t>{3, -32768, 32767, 32767, -2}));
}

// AddOptions/SubOptions.pot_scale_int16 defaults to true. TFLite proper then
// takes a power-of-two path for these scales (1 at 2^-10 plus -2 at 2^-12:
// it rounds -2 * 2^-2 to -1 first and outputs 0); TFLite Micro always runs
// the general path, which rounds 0.5 once, to 1. mote follows TFLite Micro,
// whatever the option says.
TEST(ArithmeticInt16Op, PotScaleOptionRunsTheGeneralPathLikeTfliteMicro) {
  for (bool pot : {true, false}) {
    for (BuiltinOp op : {BuiltinOp::kAdd, BuiltinOp::kSub}) {
      OpTester t;
      t.Input("a", kS16, {2}, Q(1.0f / 1024));
      t.Input("b", kS16, {2}, Q(1.0f / 4096));
      t.Output("y", kS16, {2}, Q(1.0f / 1024));
      host::OptionsBuilder options =
          op == BuiltinOp::kAdd
              ? host::MakeOptions([pot](auto& fbb) {
                  return tflite::CreateAddOptions(fbb, tflite::ActivationFunctionType_NONE, pot);
                })
              : host::MakeOptions([pot](auto& fbb) {
                  return tflite::CreateSubOptions(fbb, tflite::ActivationFunctionType_NONE, pot);
                });
      t.Op(op, {0, 1}, {2}, options, op == BuiltinOp::kAdd ? 3 : 5);
      ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
      t.SetInput<int16_t>(0, {1, 1});
      // SUB: 1 - 2 * 2^-2 = 0.5 -> 1 as well.
      t.SetInput<int16_t>(1, op == BuiltinOp::kAdd ? std::vector<int16_t>{-2, 2} : std::vector<int16_t>{2, -2});
      ASSERT_EQ(t.Invoke(), Status::kOk);
      // 1 + 0.5 = 1.5 rounds to 2.
      EXPECT_EQ(t.GetOutput<int16_t>(0), (std::vector<int16_t>{1, 2})) << "pot_scale_int16 " << pot;
    }
  }
}

// -32768 * -32768 = 2^30 fits the int32 product; the result saturates.
TEST(ArithmeticInt16Op, MulExtremes) {
  OpTester t;
  t.Input("a", kS16, {3}, Q(1.0f / 32768));
  t.Input("b", kS16, {3}, Q(1.0f / 32768));
  t.Output("y", kS16, {3}, Q(1.0f / 32768));
  t.Op(BuiltinOp::kMul, {0, 1}, {2}, host::MulOptions(), 4);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<int16_t>(0, {-32768, 16384, -16384});
  t.SetInput<int16_t>(1, {-32768, 16384, 16384});
  ASSERT_EQ(t.Invoke(), Status::kOk);
  // 1.0 saturates to 32767; 0.25 and -0.25 are exact.
  EXPECT_EQ(t.GetOutput<int16_t>(0), (std::vector<int16_t>{32767, 8192, -8192}));
}

// --- rejections ------------------------------------------------------------

struct S16Model {
  OpTester t;
  int32_t a, b, y;
  S16Model() {
    a = t.Input("a", kS16, {2, 3}, Q(0.001f));
    b = t.Input("b", kS16, {2, 3}, Q(0.002f));
    y = t.Output("y", kS16, {2, 3}, Q(0.004f));
  }
};

TEST(ArithmeticInt16Op, Rejections) {
  for (const OpKind& k : kOps) {
    SCOPED_TRACE(testing::Message() << "op " << static_cast<int>(k.op));
    {
      S16Model m;
      m.t.Op(k.op, {m.a, m.b}, {m.y}, k.options(tflite::ActivationFunctionType_NONE), k.version);
      ASSERT_EQ(m.t.Prepare(), Status::kOk) << m.t.message();
    }
    {
      S16Model m;
      m.t.writer().tensor(m.b).quant = Q(0.002f, 7);
      m.t.Op(k.op, {m.a, m.b}, {m.y}, k.options(tflite::ActivationFunctionType_NONE), k.version);
      EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'b': int16 zero point 7 is not 0"));
    }
    {
      S16Model m;
      m.t.writer().tensor(m.y).quant = Q(0.004f, -3);
      m.t.Op(k.op, {m.a, m.b}, {m.y}, k.options(tflite::ActivationFunctionType_NONE), k.version);
      EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "output 'y': int16 zero point -3 is not 0"));
    }
    {
      S16Model m;
      m.t.writer().tensor(m.b).type = kS8;
      m.t.Op(k.op, {m.a, m.b}, {m.y}, k.options(tflite::ActivationFunctionType_NONE), k.version);
      EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'b': expected int16, got int8"));
    }
    {
      S16Model m;
      m.t.writer().tensor(m.a).quant = {};
      m.t.Op(k.op, {m.a, m.b}, {m.y}, k.options(tflite::ActivationFunctionType_NONE), k.version);
      EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'a': int16 needs per-tensor quantization (1 scale), got 0"));
    }
    {
      S16Model m;
      m.t.writer().tensor(m.y).quant = Q(1e-30f);
      m.t.Op(k.op, {m.a, m.b}, {m.y}, k.options(tflite::ActivationFunctionType_NONE), k.version);
      EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "output 'y': cannot requantize"));
    }
    {
      S16Model m;
      m.t.writer().tensor(m.y).shape = {3, 2};
      m.t.Op(k.op, {m.a, m.b}, {m.y}, k.options(tflite::ActivationFunctionType_NONE), k.version);
      EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': shape is not the broadcast shape"));
    }
  }
}

}  // namespace
}  // namespace mote::optest
