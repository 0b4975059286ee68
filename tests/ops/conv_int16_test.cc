// CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED with int16 activations and
// int8 weights (TFLite's 16x8 scheme) through the interpreter, against the
// real-valued result in double, and the 16x8 rejections.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

using Act = tflite::ActivationFunctionType;

// The error TFLite's 16x8 arithmetic allows against the real result, in
// output LSBs: one rounding (0.5) with a 15-bit multiplier (relative 2^-15)
// on the int64 path; two roundings with the exact multiplier on the int32
// one (CONV_2D with an int32 bias or none).
double Bound(double expected_q, bool int64_path) {
  return int64_path ? 0.5 + std::fabs(expected_q) * std::ldexp(1.0, -15) + 1e-6
                    : 1.0 + 1e-6;
}

// Every output within Bound() of the real result divided by the output
// scale, clamped to [lo, hi].
testing::AssertionResult NearReal(const std::vector<int16_t>& got,
                                  const std::vector<double>& real,
                                  double out_scale, bool int64_path,
                                  double lo = -32768, double hi = 32767) {
  if (got.size() != real.size()) {
    return testing::AssertionFailure() << "size " << got.size() << " != " << real.size();
  }
  for (size_t i = 0; i < got.size(); ++i) {
    const double q = std::clamp(real[i] / out_scale, lo, hi);
    if (std::fabs(got[i] - q) > Bound(q, int64_path)) {
      return testing::AssertionFailure() << "element " << i << ": got " << got[i] << ", want " << q;
    }
  }
  return testing::AssertionSuccess();
}

enum class Bias { kNone, kS64, kS32 };

struct ConvCase {
  bool depthwise = false;
  std::vector<int32_t> in_shape;  // NHWC
  int32_t filter_h = 3, filter_w = 3, out_ch = 2;
  tflite::Padding padding = tflite::Padding_SAME;
  int stride_h = 1, stride_w = 1, dilation_h = 1, dilation_w = 1;
  Act act = tflite::ActivationFunctionType_NONE;
  Bias bias = Bias::kS64;
  bool per_channel = true;
};

// Builds, runs and checks one CONV_2D / DEPTHWISE_CONV_2D 16x8 model.
void RunConvS16(const ConvCase& c, uint32_t seed) {
  host::Rng rng(seed);
  const int32_t n = c.in_shape[0], h = c.in_shape[1], w = c.in_shape[2], ic = c.in_shape[3];
  const std::vector<int32_t> f_shape = c.depthwise ? std::vector<int32_t>{1, c.filter_h, c.filter_w, c.out_ch}
                                                   : std::vector<int32_t>{c.out_ch, c.filter_h, c.filter_w, ic};
  const AxisRef rows = ConvAxisRef(c.padding, h, c.filter_h, c.stride_h, c.dilation_h);
  const AxisRef cols = ConvAxisRef(c.padding, w, c.filter_w, c.stride_w, c.dilation_w);
  const std::vector<int32_t> out_shape = {n, rows.out, cols.out, c.out_ch};

  const float in_scale = 1.0f / 4096;  // inputs in [-8, 8)
  std::vector<int16_t> in = rng.UniformS16(Count(c.in_shape));
  in.front() = -32768;
  in.back() = 32767;
  const int channel_axis = c.depthwise ? 3 : 0;
  const std::vector<float> real_w = rng.Uniform(Count(f_shape), -1.0f, 1.0f);
  const host::QuantizedWeights qw = c.per_channel ? host::QuantizePerChannelS8(real_w, f_shape, channel_axis)
                                                  : host::QuantizePerTensorS8(real_w);
  const auto w_scale = [&](int o) { return double{qw.scales[c.per_channel ? o : 0]}; };
  std::vector<double> bias_real(c.out_ch);
  std::vector<int64_t> bias_q(c.out_ch);
  for (int o = 0; o < c.out_ch; ++o) {
    bias_q[o] = static_cast<int64_t>(rng.UniformInt(-2000000, 2000000));
    bias_real[o] = bias_q[o] * in_scale * w_scale(o);
  }

  // Real-valued result in double, zero padding.
  const int32_t mult = c.depthwise ? c.out_ch / ic : 1;
  std::vector<double> real;
  double max_abs = 1e-9;
  for (int b = 0; b < n; ++b)
    for (int y = 0; y < rows.out; ++y)
      for (int x = 0; x < cols.out; ++x)
        for (int o = 0; o < c.out_ch; ++o) {
          double acc = c.bias == Bias::kNone ? 0.0 : bias_real[o];
          for (int fy = 0; fy < c.filter_h; ++fy)
            for (int fx = 0; fx < c.filter_w; ++fx) {
              const int iy = y * c.stride_h - rows.pad + fy * c.dilation_h;
              const int ix = x * c.stride_w - cols.pad + fx * c.dilation_w;
              if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
              const int first = c.depthwise ? o / mult : 0;
              const int last = c.depthwise ? first + 1 : ic;
              for (int ch = first; ch < last; ++ch) {
                const int64_t wi = c.depthwise ? (fy * c.filter_w + fx) * c.out_ch + o
                                               : ((o * c.filter_h + fy) * c.filter_w + fx) * ic + ch;
                acc += in[((b * h + iy) * w + ix) * ic + ch] * in_scale * qw.values[wi] * w_scale(o);
              }
            }
          real.push_back(ApplyActivation(acc, c.act));
          max_abs = std::max(max_abs, std::fabs(acc));
        }
  // An output scale that uses most of the int16 range.
  const float out_scale = static_cast<float>(max_abs / 30000.0);

  OpTester t;
  const int32_t xt = t.Input("x", kS16, c.in_shape, Q(in_scale));
  const int32_t wt = t.Const<int8_t>("w", f_shape, qw.values, qw.quant());
  std::vector<int32_t> ins = {xt, wt};
  if (c.bias == Bias::kS64) ins.push_back(t.Const<int64_t>("b", {c.out_ch}, bias_q));
  if (c.bias == Bias::kS32) {
    ins.push_back(t.Const<int32_t>("b", {c.out_ch}, std::vector<int32_t>(bias_q.begin(), bias_q.end())));
  }
  const int32_t yt = t.Output("y", kS16, out_shape, Q(out_scale));
  if (c.depthwise) {
    t.Op(BuiltinOp::kDepthwiseConv2D, ins, {yt},
         host::DepthwiseConv2DOptions(c.padding, c.stride_w, c.stride_h, mult, c.act, c.dilation_w, c.dilation_h), 5);
  } else {
    t.Op(BuiltinOp::kConv2D, ins, {yt},
         host::Conv2DOptions(c.padding, c.stride_w, c.stride_h, c.act, c.dilation_w, c.dilation_h),
         c.bias == Bias::kS64 ? 4 : 8);
  }
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const bool int64_path = c.depthwise || c.bias == Bias::kS64;
  EXPECT_TRUE(NearReal(t.Run<int16_t>(in), real, out_scale, int64_path));
}

std::vector<ConvCase> Geometries(bool depthwise) {
  std::vector<ConvCase> cases;
  for (tflite::Padding pad : {tflite::Padding_SAME, tflite::Padding_VALID}) {
    for (int stride : {1, 2}) {
      for (int dilation : {1, 2}) {
        ConvCase c;
        c.depthwise = depthwise;
        c.in_shape = {2, 7, 8, 2};
        c.out_ch = depthwise ? 4 : 3;
        c.padding = pad;
        c.stride_h = stride;
        c.stride_w = stride == 1 ? 1 : 3;
        c.dilation_h = dilation;
        c.dilation_w = dilation;
        cases.push_back(c);
      }
    }
  }
  return cases;
}

TEST(Conv2DInt16Op, PaddingsStridesDilationsPerChannel) {
  uint32_t seed = 1;
  for (const ConvCase& c : Geometries(false)) {
    SCOPED_TRACE(testing::Message() << "seed " << seed);
    RunConvS16(c, seed++);
  }
}

TEST(Conv2DInt16Op, Int32BiasNoBiasPerTensorAndActivations) {
  ConvCase c = Geometries(false)[0];
  c.bias = Bias::kS32;
  RunConvS16(c, 20);
  c.bias = Bias::kNone;
  RunConvS16(c, 21);
  c.bias = Bias::kS64;
  c.per_channel = false;
  RunConvS16(c, 22);
  for (Act act : {tflite::ActivationFunctionType_RELU, tflite::ActivationFunctionType_RELU6,
                  tflite::ActivationFunctionType_RELU_N1_TO_1}) {
    c.act = act;
    RunConvS16(c, 30 + act);
  }
}

TEST(DepthwiseConv2DInt16Op, PaddingsStridesDilationsPerChannel) {
  uint32_t seed = 40;
  for (ConvCase c : Geometries(true)) {
    SCOPED_TRACE(testing::Message() << "seed " << seed);
    RunConvS16(c, seed++);
    c.bias = Bias::kNone;
    RunConvS16(c, seed++);
  }
}

// A hand-computed 16x8 conv: 1x1 filter, identity scales. TFLite's int64
// rescale rounds half up: 1.5 -> 2, -1.5 -> -1, -2.5 -> -2.
TEST(Conv2DInt16Op, HandComputedRounding) {
  OpTester t;
  t.Input("x", kS16, {1, 1, 4, 1}, Q(0.5f));
  t.Const<int8_t>("w", {1, 1, 1, 1}, {1}, Q(1.0f));
  t.Const<int64_t>("b", {1}, {0});
  t.Output("y", kS16, {1, 1, 4, 1}, Q(1.0f));
  t.Op(BuiltinOp::kConv2D, {0, 1, 2}, {3}, host::Conv2DOptions(tflite::Padding_VALID, 1, 1), 4);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Run<int16_t>({3, -3, -5, 32767}), (std::vector<int16_t>{2, -1, -2, 16384}));
}

// --- FULLY_CONNECTED ---------------------------------------------------------

void RunFullyConnectedS16(const std::vector<int32_t>& in_shape, int32_t units, bool with_bias, bool keep_num_dims,
                          Act act, uint32_t seed) {
  host::Rng rng(seed);
  const int32_t depth = in_shape.back();
  const int64_t batches = Count(in_shape) / depth;
  const float in_scale = 1.0f / 2048;
  std::vector<int16_t> in = rng.UniformS16(Count(in_shape));
  in.front() = -32768;
  const host::QuantizedWeights qw = host::QuantizePerTensorS8(rng.Uniform(units * depth, -1.0f, 1.0f));
  std::vector<int64_t> bias(units);
  for (auto& b : bias) b = rng.UniformInt(-3000000, 3000000);
  std::vector<double> real;
  double max_abs = 1e-9;
  for (int64_t b = 0; b < batches; ++b)
    for (int u = 0; u < units; ++u) {
      double acc = with_bias ? bias[u] * double{in_scale} * qw.scales[0] : 0.0;
      for (int d = 0; d < depth; ++d) acc += in[b * depth + d] * double{in_scale} * qw.values[u * depth + d] * qw.scales[0];
      real.push_back(ApplyActivation(acc, act));
      max_abs = std::max(max_abs, std::fabs(acc));
    }
  const float out_scale = static_cast<float>(max_abs / 30000.0);
  std::vector<int32_t> out_shape = in_shape;
  out_shape.back() = units;
  if (!keep_num_dims) out_shape = {static_cast<int32_t>(batches), units};

  OpTester t;
  const int32_t x = t.Input("x", kS16, in_shape, Q(in_scale));
  const int32_t w = t.Const<int8_t>("w", {units, depth}, qw.values, qw.quant());
  std::vector<int32_t> ins = {x, w};
  // TFLite checks the bias scale against input scale * weights scale.
  if (with_bias) ins.push_back(t.Const<int64_t>("b", {units}, bias, Q(in_scale * qw.scales[0])));
  const int32_t y = t.Output("y", kS16, out_shape, Q(out_scale));
  t.Op(BuiltinOp::kFullyConnected, ins, {y}, host::FullyConnectedOptions(act, keep_num_dims), 7);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_TRUE(NearReal(t.Run<int16_t>(in), real, out_scale, true));
}

TEST(FullyConnectedInt16Op, ShapesBiasAndActivations) {
  RunFullyConnectedS16({1, 16}, 8, true, false, tflite::ActivationFunctionType_NONE, 1);
  RunFullyConnectedS16({3, 40}, 5, false, false, tflite::ActivationFunctionType_NONE, 2);
  RunFullyConnectedS16({2, 3, 12}, 4, true, true, tflite::ActivationFunctionType_RELU, 3);
  RunFullyConnectedS16({2, 3, 12}, 4, true, false, tflite::ActivationFunctionType_RELU_N1_TO_1, 4);
  RunFullyConnectedS16({1, 256}, 1, true, false, tflite::ActivationFunctionType_RELU6, 5);
}

// --- rejections ------------------------------------------------------------

// A valid 16x8 model to break one way at a time: x [1, 4, 4, 2] -> y.
struct S16Model {
  OpTester t;
  int32_t x, w, b, y;
  explicit S16Model(BuiltinOp op) : op_(op) {
    const bool fc = op == BuiltinOp::kFullyConnected;
    x = t.Input("x", kS16, fc ? std::vector<int32_t>{2, 8} : std::vector<int32_t>{1, 4, 4, 2}, Q(1.0f / 4096));
    const std::vector<int32_t> w_shape = op == BuiltinOp::kConv2D ? std::vector<int32_t>{2, 3, 3, 2}
                                         : fc                     ? std::vector<int32_t>{2, 8}
                                                                  : std::vector<int32_t>{1, 3, 3, 2};
    w = t.Const<int8_t>("w", w_shape, std::vector<int8_t>(Count(w_shape), 3), Q(0.01f));
    b = t.Const<int64_t>("b", {2}, {100, -100}, Q(0.01f / 4096));
    y = t.Output("y", kS16, fc ? std::vector<int32_t>{2, 2} : std::vector<int32_t>{1, 4, 4, 2}, Q(1.0f / 1024));
  }
  void Op(std::vector<int32_t> ins) {
    if (op_ == BuiltinOp::kConv2D) {
      t.Op(op_, ins, {y}, host::Conv2DOptions(tflite::Padding_SAME, 1, 1), 4);
    } else if (op_ == BuiltinOp::kDepthwiseConv2D) {
      t.Op(op_, ins, {y}, host::DepthwiseConv2DOptions(tflite::Padding_SAME, 1, 1, 1), 5);
    } else {
      t.Op(op_, ins, {y}, host::FullyConnectedOptions(), 7);
    }
  }
  BuiltinOp op_;
};

const BuiltinOp kConvLikeOps[] = {BuiltinOp::kConv2D, BuiltinOp::kDepthwiseConv2D, BuiltinOp::kFullyConnected};

TEST(ConvLikeInt16Op, ValidBaseModelsPrepare) {
  for (BuiltinOp op : kConvLikeOps) {
    S16Model m(op);
    m.Op({m.x, m.w, m.b});
    ASSERT_EQ(m.t.Prepare(), Status::kOk) << m.t.message();
    EXPECT_EQ(m.t.Invoke(), Status::kOk);
  }
}

TEST(ConvLikeInt16Op, RejectsNonZeroZeroPoints) {
  for (BuiltinOp op : kConvLikeOps) {
    SCOPED_TRACE(testing::Message() << "op " << static_cast<int>(op));
    {
      S16Model m(op);
      m.t.writer().tensor(m.x).quant = Q(1.0f / 4096, 3);
      m.Op({m.x, m.w, m.b});
      EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'x': int16 zero point 3 is not 0"));
    }
    {
      S16Model m(op);
      m.t.writer().tensor(m.y).quant = Q(1.0f / 1024, -1);
      m.Op({m.x, m.w, m.b});
      EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "output 'y': int16 zero point -1 is not 0"));
    }
  }
}

TEST(ConvLikeInt16Op, RejectsInt16WeightsAndTypeMismatches) {
  for (BuiltinOp op : kConvLikeOps) {
    SCOPED_TRACE(testing::Message() << "op " << static_cast<int>(op));
    {
      S16Model m(op);
      host::TensorSpec& w = m.t.writer().tensor(m.w);
      w.type = kS16;
      m.t.writer().tensor(m.w).buffer = m.t.writer().AddBuffer(std::vector<uint8_t>(Count(w.shape) * 2, 0));
      m.Op({m.x, m.w, m.b});
      EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "int16 activations need int8 weights (16x8 quantization), got int16"));
    }
    {
      S16Model m(op);
      m.t.writer().tensor(m.y).type = kS8;
      m.Op({m.x, m.w, m.b});
      EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': expected int16 like the input, got int8"));
    }
    {
      S16Model m(op);
      m.t.writer().tensor(m.x).quant = {};
      m.Op({m.x, m.w, m.b});
      EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x': int16 needs per-tensor quantization (1 scale), got 0"));
    }
  }
}

TEST(ConvLikeInt16Op, RejectsBiasTypes) {
  for (BuiltinOp op : kConvLikeOps) {
    SCOPED_TRACE(testing::Message() << "op " << static_cast<int>(op));
    {
      S16Model m(op);
      const int32_t b8 = m.t.Const<int8_t>("b8", {2}, {1, 2});
      m.Op({m.x, m.w, b8});
      EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "bias 'b8': expected int64"));
    }
    {
      S16Model m(op);
      const int32_t b3 = m.t.Const<int64_t>("b3", {3}, {1, 2, 3});
      m.Op({m.x, m.w, b3});
      EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "bias 'b3': expected 2 elements"));
    }
    {
      S16Model m(op);
      const int32_t b32 = m.t.Const<int32_t>("b32", {2}, {1, 2}, Q(0.01f / 4096));
      m.Op({m.x, m.w, b32});
      if (op == BuiltinOp::kConv2D) {
        // TFLite Micro's CONV_2D has an int32-bias 16x8 kernel.
        EXPECT_EQ(m.t.Prepare(), Status::kOk) << m.t.message();
      } else {
        EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "bias 'b32': an int32 bias with int16 activations is not supported"));
      }
    }
  }
}

// The int64 rescale shifts left by at most 7 (TFLite's documented range).
TEST(ConvLikeInt16Op, RejectsRescaleBeyondTheInt64Range) {
  for (BuiltinOp op : kConvLikeOps) {
    S16Model m(op);
    m.t.writer().tensor(m.y).quant = Q(1e-9f);
    m.t.writer().tensor(m.b).quant = Q(0.01f / 4096);
    m.Op({m.x, m.w, m.b});
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "requantization scale 2^"));
  }
}

TEST(FullyConnectedInt16Op, RejectsPerChannelWeights) {
  S16Model m(BuiltinOp::kFullyConnected);
  m.t.writer().tensor(m.w).quant = Quantization::PerChannel({0.01f, 0.02f}, 0);
  m.Op({m.x, m.w, m.b});
  EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "per-channel weights with int16 activations"));
}

}  // namespace
}  // namespace mote::optest
