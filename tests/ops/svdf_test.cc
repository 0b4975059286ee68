// SVDF through the interpreter: int8 with int16 and int8 state against a
// double implementation on the dequantized values over several invokes (the
// state persists, ResetState restores it, an int8 state starts at its zero
// point), float32 against double, and Prepare's rejections.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

constexpr BuiltinOp kSvdf = static_cast<BuiltinOp>(27);

host::OptionsBuilder SvdfOptions(int rank, tflite::ActivationFunctionType act =
                                               tflite::ActivationFunctionType_NONE) {
  return host::MakeOptions(
      [=](flatbuffers::FlatBufferBuilder& fbb) { return tflite::CreateSVDFOptions(fbb, rank, act); });
}

int32_t Variable(OpTester& t, const std::string& name, tflite::TensorType type,
                 std::vector<int32_t> shape, Quantization q = {}) {
  const int32_t i = t.Temp(name, type, std::move(shape), std::move(q));
  t.writer().tensor(i).is_variable = true;
  return i;
}

struct Dims {
  int batches = 2, input = 5, filters = 6, rank = 2, memory = 4;
  int units() const { return filters / rank; }
};

// The SVDF in double: state [batches][filters][memory] of real values.
struct SvdfRef {
  Dims d;
  std::vector<double> wf, wt, bias;
  std::vector<double> state;
  // Quantizes each new state value as the int8 op stores it (0: float).
  double state_scale = 0;
  int32_t state_zp = 0, state_min = 0, state_max = 0;
  // The real value the state starts from.
  double initial_state = 0;

  std::vector<double> Invoke(const std::vector<double>& x) {
    if (state.empty()) state.assign(d.batches * d.filters * d.memory, initial_state);
    std::rotate(state.begin(), state.begin() + 1, state.end());
    std::vector<double> out;
    for (int b = 0; b < d.batches; ++b) {
      for (int f = 0; f < d.filters; ++f) {
        double feature = 0;
        for (int i = 0; i < d.input; ++i) feature += wf[f * d.input + i] * x[b * d.input + i];
        if (state_scale > 0) {
          const double q = std::clamp(std::round(feature / state_scale) + state_zp,
                                      double(state_min), double(state_max));
          feature = (q - state_zp) * state_scale;
        }
        state[(b * d.filters + f) * d.memory + d.memory - 1] = feature;
      }
      for (int u = 0; u < d.units(); ++u) {
        double acc = bias.empty() ? 0.0 : bias[u];
        for (int r = 0; r < d.rank; ++r) {
          const int f = u * d.rank + r;
          for (int m = 0; m < d.memory; ++m) {
            acc += wt[f * d.memory + m] * state[(b * d.filters + f) * d.memory + m];
          }
        }
        out.push_back(acc);
      }
    }
    return out;
  }
};

// int8 SVDF with an int16 or int8 state at zero point `state_zp`.
void RunS8(tflite::TensorType state_type, int32_t state_zp) {
  const Dims d;
  host::Rng rng(state_type == kS16 ? 3 : 4);
  const host::QuantizedWeights wf = host::QuantizePerTensorS8(rng.Uniform(d.filters * d.input, -0.5f, 0.5f));
  const std::vector<float> wt_real = rng.Uniform(d.filters * d.memory, -0.5f, 0.5f);
  const float in_scale = 1.0f / 64;
  const int32_t in_zp = 3;
  // The state covers the largest feature with headroom (no clamping).
  const int32_t qmax = state_type == kS16 ? 32767 : 127;
  const float state_scale = 0.5f * d.input * wf.scales[0] * 127 * 2.1f / (qmax - std::abs(state_zp));
  float wt_scale = 0;
  std::vector<int16_t> wt16;
  std::vector<int8_t> wt8;
  float max_wt = 0;
  for (float v : wt_real) max_wt = std::max(max_wt, std::fabs(v));
  wt_scale = max_wt / (state_type == kS16 ? 32767 : 127);
  for (float v : wt_real) {
    const float q = std::round(v / wt_scale);
    wt16.push_back(static_cast<int16_t>(q));
    wt8.push_back(static_cast<int8_t>(q));
  }
  const float bias_scale = state_scale * wt_scale;
  std::vector<int32_t> bias;
  for (float v : rng.Uniform(d.units(), -0.3f, 0.3f)) bias.push_back(static_cast<int32_t>(std::round(v / bias_scale)));

  SvdfRef ref;
  ref.d = d;
  for (int8_t v : wf.values) ref.wf.push_back(double{wf.scales[0]} * v);
  for (size_t i = 0; i < wt_real.size(); ++i) ref.wt.push_back(double{wt_scale} * (state_type == kS16 ? wt16[i] : wt8[i]));
  for (int32_t v : bias) ref.bias.push_back(double{bias_scale} * v);
  ref.state_scale = state_scale;
  ref.state_zp = state_zp;
  ref.state_min = -qmax - 1;
  ref.state_max = qmax;
  // TFLite Micro resets int8 variables to their zero point (real 0) but
  // every other type to raw 0, whatever its zero point.
  ref.initial_state = state_type == kS8 ? 0.0 : -double{state_scale} * state_zp;

  std::vector<std::vector<int8_t>> inputs;
  std::vector<std::vector<double>> want;
  double max_out = 0;
  for (int k = 0; k < 4; ++k) {
    inputs.push_back(rng.UniformS8(d.batches * d.input, -100, 100));
    std::vector<double> x;
    for (int8_t v : inputs.back()) x.push_back(double{in_scale} * (v - in_zp));
    want.push_back(ref.Invoke(x));
    for (double v : want.back()) max_out = std::max(max_out, std::fabs(v));
  }
  const float out_scale = static_cast<float>(max_out / 100);
  const int32_t out_zp = -5;

  OpTester t;
  const int32_t x = t.Input("x", kS8, {d.batches, d.input}, Q(in_scale, in_zp));
  const int32_t f = t.Const<int8_t>("wf", {d.filters, d.input}, wf.values, Q(wf.scales[0]));
  const int32_t w = state_type == kS16 ? t.Const<int16_t>("wt", {d.filters, d.memory}, wt16, Q(wt_scale))
                                       : t.Const<int8_t>("wt", {d.filters, d.memory}, wt8, Q(wt_scale));
  const int32_t b = t.Const<int32_t>("b", {d.units()}, bias, Q(bias_scale));
  const int32_t s = Variable(t, "state", state_type, {d.batches, d.memory * d.filters},
                             Q(state_scale, state_zp));
  const int32_t y = t.Output("y", kS8, {d.batches, d.units()}, Q(out_scale, out_zp));
  t.Op(kSvdf, {x, f, w, b, s}, {y}, SvdfOptions(d.rank), 3);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();

  std::vector<std::vector<int8_t>> first;
  for (int round = 0; round < 2; ++round) {
    SCOPED_TRACE(round == 0 ? "after Prepare" : "after ResetState");
    for (int k = 0; k < 4; ++k) {
      std::vector<int8_t> expect;
      for (double v : want[k]) expect.push_back(static_cast<int8_t>(QuantizeOne(v, out_scale, out_zp)));
      const std::vector<int8_t> got = t.Run<int8_t>(inputs[k]);
      EXPECT_TRUE(WithinLsb(got, expect, 2)) << "invoke " << k;
      if (round == 0) first.push_back(got);
      else EXPECT_EQ(got, first[k]) << "invoke " << k << " differs from the fresh run";
    }
    ASSERT_EQ(t.interp().ResetState(), Status::kOk);
  }
  // The same input twice gives different outputs: the state moved.
  EXPECT_NE(first[1], t.Run<int8_t>(inputs[1]));
}

TEST(SvdfOp, Int8WithInt16StateFollowsDoubleReference) { RunS8(kS16, 0); }
TEST(SvdfOp, Int8WithInt8StateStartsAtItsZeroPoint) { RunS8(kS8, 7); }
TEST(SvdfOp, Int8WithInt16StateNonZeroZeroPoint) { RunS8(kS16, -300); }

TEST(SvdfOp, Float32FollowsDoubleReferenceAndActivation) {
  const Dims d;
  host::Rng rng(9);
  const std::vector<float> wf = rng.Uniform(d.filters * d.input, -1.0f, 1.0f);
  const std::vector<float> wt = rng.Uniform(d.filters * d.memory, -1.0f, 1.0f);
  const std::vector<float> bias = rng.Uniform(d.units(), -1.0f, 1.0f);
  SvdfRef ref;
  ref.d = d;
  ref.wf = ToDouble(wf);
  ref.wt = ToDouble(wt);
  ref.bias = ToDouble(bias);
  OpTester t;
  const int32_t x = t.Input("x", kF32, {d.batches, d.input});
  const int32_t f = t.Const<float>("wf", {d.filters, d.input}, wf);
  const int32_t w = t.Const<float>("wt", {d.filters, d.memory}, wt);
  const int32_t b = t.Const<float>("b", {d.units()}, bias);
  const int32_t s = Variable(t, "state", kF32, {d.batches, d.memory * d.filters});
  const int32_t y = t.Output("y", kF32, {d.batches, d.units()});
  t.Op(kSvdf, {x, f, w, b, s}, {y}, SvdfOptions(d.rank, tflite::ActivationFunctionType_RELU));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  for (int k = 0; k < 5; ++k) {
    const std::vector<float> in = rng.Uniform(d.batches * d.input, -1.0f, 1.0f);
    std::vector<double> want = ref.Invoke(ToDouble(in));
    for (double& v : want) v = std::max(0.0, v);
    EXPECT_TRUE(NearAll(t.Run<float>(in), want)) << "invoke " << k;
  }
}

TEST(SvdfOp, Float32WithoutBias) {
  OpTester t;
  const int32_t x = t.Input("x", kF32, {1, 2});
  const int32_t f = t.Const<float>("wf", {1, 2}, {1.0f, 2.0f});
  const int32_t w = t.Const<float>("wt", {1, 2}, {0.5f, 1.0f});
  const int32_t s = Variable(t, "state", kF32, {1, 2});
  const int32_t y = t.Output("y", kF32, {1, 1});
  t.Op(kSvdf, {x, f, w, -1, s}, {y}, SvdfOptions(1));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Run<float>({1.0f, 1.0f}), std::vector<float>{3.0f});         // 0 * .5 + 3 * 1
  EXPECT_EQ(t.Run<float>({2.0f, 0.0f}), std::vector<float>{3.5f});         // 3 * .5 + 2 * 1
}

// --- rejections -------------------------------------------------------------

struct SvdfModel {
  OpTester t;
  int32_t x, f, w, b, s, y;
  explicit SvdfModel(tflite::TensorType state_type = kS16) {
    x = t.Input("x", kS8, {1, 4}, Q(0.1f, 0));
    f = t.Const<int8_t>("wf", {4, 4}, std::vector<int8_t>(16, 1), Q(0.01f));
    if (state_type == kS16) {
      w = t.Const<int16_t>("wt", {4, 3}, std::vector<int16_t>(12, 1), Q(0.001f));
    } else {
      w = t.Const<int8_t>("wt", {4, 3}, std::vector<int8_t>(12, 1), Q(0.001f));
    }
    b = t.Const<int32_t>("b", {2}, {0, 0}, Q(0.002f * 0.001f));
    s = Variable(t, "state", state_type, {1, 12}, Q(0.002f));
    y = t.Output("y", kS8, {1, 2}, Q(0.05f, 0));
  }
  void Op(int rank = 2) { t.Op(kSvdf, {x, f, w, b, s}, {y}, SvdfOptions(rank), 3); }
};

TEST(SvdfOp, ValidModelPrepares) {
  SvdfModel m;
  m.Op();
  EXPECT_EQ(m.t.Prepare(), Status::kOk) << m.t.message();
}

TEST(SvdfOp, Rejections) {
  {
    SvdfModel m;
    m.Op(0);
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "rank 0 must be >= 1"));
  }
  {
    SvdfModel m;
    m.Op(3);
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "4 filters are not a multiple of rank 3"));
  }
  {
    SvdfModel m;
    m.t.writer().tensor(m.s).is_variable = false;
    m.t.SetGraphInputs({m.x, m.s});
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "activation state 'state' must be a variable tensor"));
  }
  {
    SvdfModel m;
    m.t.writer().tensor(m.s).type = kS8;
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected int16 like weights_time 'wt', got int8"));
  }
  {
    SvdfModel m;
    m.t.writer().tensor(m.s).shape = {1, 11};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "activation state 'state': expected [1, 12]"));
  }
  {
    SvdfModel m;
    m.t.writer().tensor(m.y).shape = {1, 3};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': expected [1, 2]"));
  }
  {
    SvdfModel m;
    m.t.writer().tensor(m.b).quant = Q(0.5f);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "bias 'b': scale 0.5 differs"));
  }
  {
    SvdfModel m;
    m.t.writer().tensor(m.f).quant = Quantization::PerChannel({0.01f, 0.01f, 0.01f, 0.01f}, 0);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "weights_feature 'wf': expected per-tensor"));
  }
  {
    SvdfModel m;
    m.w = m.t.Const<float>("wt32", {4, 3}, std::vector<float>(12, 1.0f));
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "weights_time 'wt32': expected int16 or int8, got float32"));
  }
  {
    // Hybrid: float input and output with int8 weights.
    OpTester t;
    const int32_t x = t.Input("x", kF32, {1, 2});
    const int32_t f = t.Const<int8_t>("wf", {1, 2}, {1, 1}, Q(0.1f));
    const int32_t w = t.Const<float>("wt", {1, 2}, {1.0f, 1.0f});
    const int32_t s = Variable(t, "state", kF32, {1, 2});
    const int32_t y = t.Output("y", kF32, {1, 1});
    t.Op(kSvdf, {x, f, w, -1, s}, {y}, SvdfOptions(1), 2);
    EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "hybrid SVDF"));
  }
  {
    SvdfModel m;
    m.t.Op(kSvdf, {m.x, m.f, m.w, m.b}, {m.y}, SvdfOptions(2), 3);
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 5 inputs"));
  }
}

}  // namespace
}  // namespace mote::optest
