// UNIDIRECTIONAL_SEQUENCE_LSTM through the interpreter: int8 (int16 cell
// state) against a double LSTM on the dequantized values over several
// invokes, batch-major and time-major, a hidden state with a non-zero zero
// point (initialized to it, restored by ResetState), float32 against double,
// the unused "intermediates" tensors, and Prepare's rejections.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

constexpr BuiltinOp kLstm = static_cast<BuiltinOp>(44);
constexpr int kInputGate = 0, kForgetGate = 1, kCellGate = 2, kOutputGate = 3;

host::OptionsBuilder LstmOptions(float cell_clip, bool time_major,
                                 tflite::ActivationFunctionType act = tflite::ActivationFunctionType_TANH) {
  return host::MakeOptions([=](flatbuffers::FlatBufferBuilder& fbb) {
    return tflite::CreateUnidirectionalSequenceLSTMOptions(fbb, act, cell_clip, 0.0f, time_major);
  });
}

int32_t Variable(OpTester& t, const std::string& name, tflite::TensorType type,
                 std::vector<int32_t> shape, Quantization q = {}) {
  const int32_t i = t.Temp(name, type, std::move(shape), std::move(q));
  t.writer().tensor(i).is_variable = true;
  return i;
}

double Sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

struct Dims {
  int batches = 2, steps = 3, input = 4, units = 3;
  bool time_major = false;
};

// The LSTM in double, states [batches][units].
struct LstmRef {
  Dims d;
  std::vector<double> w[4], r[4], b[4];
  std::vector<double> h, c;
  double clip = 0;

  std::vector<double> Invoke(const std::vector<double>& x) {
    if (h.empty()) h.assign(d.batches * d.units, 0.0), c.assign(d.batches * d.units, 0.0);
    std::vector<double> out(d.batches * d.steps * d.units);
    for (int t = 0; t < d.steps; ++t) {
      for (int bt = 0; bt < d.batches; ++bt) {
        const int row = d.time_major ? t * d.batches + bt : bt * d.steps + t;
        double gate[4][16];
        for (int g = 0; g < 4; ++g) {
          for (int u = 0; u < d.units; ++u) {
            double acc = b[g][u];
            for (int i = 0; i < d.input; ++i) acc += w[g][u * d.input + i] * x[row * d.input + i];
            for (int k = 0; k < d.units; ++k) acc += r[g][u * d.units + k] * h[bt * d.units + k];
            gate[g][u] = g == kCellGate ? std::tanh(acc) : Sigmoid(acc);
          }
        }
        for (int u = 0; u < d.units; ++u) {
          double& cu = c[bt * d.units + u];
          cu = gate[kForgetGate][u] * cu + gate[kInputGate][u] * gate[kCellGate][u];
          if (clip > 0) cu = std::clamp(cu, -clip, clip);
          h[bt * d.units + u] = gate[kOutputGate][u] * std::tanh(cu);
          out[row * d.units + u] = h[bt * d.units + u];
        }
      }
    }
    return out;
  }
};

// A standard int8 LSTM: weights per tensor, biases at input * weight scale,
// hidden state at 1/128 with zero point `hidden_zp`, cell state at 2^-11.
struct LstmModel {
  OpTester t;
  Dims d;
  int32_t inputs[24];
  int32_t x, y, hidden, cell;
  LstmRef ref;
  float in_scale = 1.0f / 100;
  int32_t in_zp = -2;
  float hidden_scale = 1.0f / 128;
  int32_t hidden_zp = 0;
  float cell_scale = 1.0f / 2048;

  LstmModel(Dims dims, int32_t h_zp, uint32_t seed) : d(dims), hidden_zp(h_zp) {
    ref.d = d;
    host::Rng rng(seed);
    std::fill(std::begin(inputs), std::end(inputs), -1);
    const std::vector<int32_t> in_shape =
        d.time_major ? std::vector<int32_t>{d.steps, d.batches, d.input}
                     : std::vector<int32_t>{d.batches, d.steps, d.input};
    x = t.Input("x", kS8, in_shape, Q(in_scale, in_zp));
    inputs[0] = x;
    const char* names[4] = {"input", "forget", "cell", "output"};
    for (int g = 0; g < 4; ++g) {
      const host::QuantizedWeights w =
          host::QuantizePerTensorS8(rng.Uniform(d.units * d.input, -0.8f, 0.8f));
      const host::QuantizedWeights r =
          host::QuantizePerTensorS8(rng.Uniform(d.units * d.units, -0.8f, 0.8f));
      const float bias_scale = in_scale * w.scales[0];
      std::vector<int32_t> bias;
      for (float v : rng.Uniform(d.units, -0.4f, 0.4f)) bias.push_back(static_cast<int32_t>(std::round(v / bias_scale)));
      inputs[1 + g] = t.Const<int8_t>(std::string(names[g]) + "_w", {d.units, d.input}, w.values, w.quant());
      inputs[5 + g] = t.Const<int8_t>(std::string(names[g]) + "_r", {d.units, d.units}, r.values, r.quant());
      inputs[12 + g] = t.Const<int32_t>(std::string(names[g]) + "_b", {d.units}, bias, Q(bias_scale));
      for (int8_t v : w.values) ref.w[g].push_back(double{w.scales[0]} * v);
      for (int8_t v : r.values) ref.r[g].push_back(double{r.scales[0]} * v);
      for (int32_t v : bias) ref.b[g].push_back(double{bias_scale} * v);
    }
    hidden = Variable(t, "h", kS8, {d.batches, d.units}, Q(hidden_scale, hidden_zp));
    cell = Variable(t, "c", kS16, {d.batches, d.units}, Q(cell_scale));
    inputs[18] = hidden;
    inputs[19] = cell;
    const std::vector<int32_t> out_shape = {in_shape[0], in_shape[1], d.units};
    y = t.Output("y", kS8, out_shape, Q(hidden_scale, hidden_zp));
  }
  void Op(float clip = 0.0f) {
    ref.clip = clip;
    t.Op(kLstm, std::vector<int32_t>(std::begin(inputs), std::end(inputs)), {y},
         LstmOptions(clip, d.time_major));
  }
  std::vector<int8_t> Input(uint32_t seed) {
    host::Rng rng(seed);
    return rng.UniformS8(d.batches * d.steps * d.input, -100, 100);
  }
  std::vector<int8_t> Expect(const std::vector<int8_t>& in) {
    std::vector<double> xr;
    for (int8_t v : in) xr.push_back(double{in_scale} * (v - in_zp));
    std::vector<int8_t> q;
    for (double v : ref.Invoke(xr)) q.push_back(static_cast<int8_t>(QuantizeOne(v, hidden_scale, hidden_zp)));
    return q;
  }
};

void RunS8(Dims d, int32_t hidden_zp, float clip) {
  LstmModel m(d, hidden_zp, 17);
  m.Op(clip);
  ASSERT_EQ(m.t.Prepare(), Status::kOk) << m.t.message();
  // The hidden state starts at its zero point (the real value 0).
  const EvalTensor* h = m.t.interp().tensor(m.hidden);
  ASSERT_NE(h, nullptr);
  for (int i = 0; i < d.batches * d.units; ++i) EXPECT_EQ(h->as<int8_t>()[i], hidden_zp);

  std::vector<std::vector<int8_t>> first;
  for (int round = 0; round < 2; ++round) {
    SCOPED_TRACE(round == 0 ? "after Prepare" : "after ResetState");
    m.ref.h.clear();
    for (int k = 0; k < 3; ++k) {
      const std::vector<int8_t> in = m.Input(100 + k);
      const std::vector<int8_t> got = m.t.Run<int8_t>(in);
      EXPECT_TRUE(WithinLsb(got, m.Expect(in), 3)) << "invoke " << k;
      if (round == 0) first.push_back(got);
      else EXPECT_EQ(got, first[k]) << "invoke " << k << " differs from the fresh run";
    }
    ASSERT_EQ(m.t.interp().ResetState(), Status::kOk);
  }
  // The state carries over: the same input again gives another output.
  m.t.Run<int8_t>(m.Input(100));
  EXPECT_NE(m.t.Run<int8_t>(m.Input(100)), first[0]);
}

TEST(LstmOp, Int8BatchMajorFollowsDoubleReference) { RunS8(Dims{}, 0, 0.0f); }
TEST(LstmOp, Int8TimeMajorFollowsDoubleReference) {
  Dims d;
  d.time_major = true;
  RunS8(d, 0, 0.0f);
}
TEST(LstmOp, Int8HiddenZeroPointAndCellClip) { RunS8(Dims{}, -4, 1.5f); }

TEST(LstmOp, IntermediatesAreIgnored) {
  // TFLite's converter lists five float32 [0] "intermediates" on the op.
  LstmModel m(Dims{}, 0, 5);
  m.Op();
  std::vector<int32_t> inter;
  for (int i = 0; i < 5; ++i) inter.push_back(m.t.Temp("i" + std::to_string(i), kF32, {0}));
  m.t.writer().op(0).intermediates = inter;
  ASSERT_EQ(m.t.Prepare(), Status::kOk) << m.t.message();
  const std::vector<int8_t> in = m.Input(1);
  EXPECT_TRUE(WithinLsb(m.t.Run<int8_t>(in), m.Expect(in), 3));
}

TEST(LstmOp, Float32FollowsDoubleReference) {
  const Dims d;
  host::Rng rng(23);
  LstmRef ref;
  ref.d = d;
  ref.clip = 0.8;
  OpTester t;
  int32_t inputs[24];
  std::fill(std::begin(inputs), std::end(inputs), -1);
  inputs[0] = t.Input("x", kF32, {d.batches, d.steps, d.input});
  for (int g = 0; g < 4; ++g) {
    const std::vector<float> w = rng.Uniform(d.units * d.input, -0.8f, 0.8f);
    const std::vector<float> r = rng.Uniform(d.units * d.units, -0.8f, 0.8f);
    const std::vector<float> b = rng.Uniform(d.units, -0.4f, 0.4f);
    inputs[1 + g] = t.Const<float>("w" + std::to_string(g), {d.units, d.input}, w);
    inputs[5 + g] = t.Const<float>("r" + std::to_string(g), {d.units, d.units}, r);
    inputs[12 + g] = t.Const<float>("b" + std::to_string(g), {d.units}, b);
    ref.w[g] = ToDouble(w);
    ref.r[g] = ToDouble(r);
    ref.b[g] = ToDouble(b);
  }
  inputs[18] = Variable(t, "h", kF32, {d.batches, d.units});
  inputs[19] = Variable(t, "c", kF32, {d.batches, d.units});
  const int32_t y = t.Output("y", kF32, {d.batches, d.steps, d.units});
  t.Op(kLstm, std::vector<int32_t>(std::begin(inputs), std::end(inputs)), {y},
       LstmOptions(0.8f, false));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  for (int k = 0; k < 3; ++k) {
    const std::vector<float> in = rng.Uniform(d.batches * d.steps * d.input, -1.0f, 1.0f);
    EXPECT_TRUE(NearAll(t.Run<float>(in), ref.Invoke(ToDouble(in)))) << "invoke " << k;
  }
}

// --- rejections -------------------------------------------------------------

TEST(LstmOp, ValidModelPrepares) {
  LstmModel m(Dims{}, 0, 1);
  m.Op();
  EXPECT_EQ(m.t.Prepare(), Status::kOk) << m.t.message();
}

TEST(LstmOp, RefusesVariantsAndBadTensors) {
  {
    LstmModel m(Dims{}, 0, 1);
    m.inputs[9] = m.t.Const<int16_t>("peephole", {3}, {1, 1, 1}, Q(0.1f));
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 9 is set: peephole"));
  }
  {
    LstmModel m(Dims{}, 0, 1);
    m.inputs[1] = -1;  // CIFG: no input gate
    m.inputs[5] = -1;
    m.inputs[12] = -1;
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 1 is absent"));
  }
  {
    LstmModel m(Dims{}, 0, 1);
    m.t.Op(kLstm, std::vector<int32_t>(std::begin(m.inputs), std::end(m.inputs)), {m.y},
           LstmOptions(0.0f, false, tflite::ActivationFunctionType_RELU));
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "cell activation 1 is not supported"));
  }
  {
    LstmModel m(Dims{}, 0, 1);
    m.t.Op(kLstm, std::vector<int32_t>(std::begin(m.inputs), std::end(m.inputs)), {m.y});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "UnidirectionalSequenceLSTMOptions are missing"));
  }
  {
    LstmModel m(Dims{}, 0, 1);
    m.t.writer().tensor(m.cell).is_variable = false;
    m.t.SetGraphInputs({m.x, m.cell});
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "cell state 'c' must be a variable tensor"));
  }
  {
    LstmModel m(Dims{}, 0, 1);
    m.t.writer().tensor(m.cell).type = kS8;
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "cell state 'c': expected int16, got int8"));
  }
  {
    LstmModel m(Dims{}, 0, 1);
    m.t.writer().tensor(m.inputs[6]).quant = Quantization::PerChannel({0.1f, 0.1f, 0.1f}, 0);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "weights 'forget_r': expected per-tensor"));
  }
  {
    LstmModel m(Dims{}, 0, 1);
    m.t.writer().tensor(m.y).shape = {2, 3, 4};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': expected [2, 3, 3]"));
  }
  {
    LstmModel m(Dims{}, 0, 1);
    m.t.writer().tensor(m.hidden).shape = {2, 4};
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "cell state 'c': expected 2 x 4 elements"));
  }
  {
    LstmModel m(Dims{}, 0, 1);
    m.t.Op(kLstm, {m.x}, {m.y}, LstmOptions(0.0f, false));
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 24 inputs, got 1"));
  }
}

}  // namespace
}  // namespace mote::optest
