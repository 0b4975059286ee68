// DEPTHWISE_CONV_2D through the interpreter: float32 and int8 against a
// double computation, depth multipliers, every padding/stride/dilation and
// fused activation, a MobileNet-style depthwise -> pointwise block, and
// Prepare's rejections.
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

using Act = tflite::ActivationFunctionType;

struct DwCase {
  std::vector<int32_t> input;  // [N, H, W, C]
  int kh = 3;
  int kw = 3;
  int multiplier = 1;
  tflite::Padding padding = tflite::Padding_SAME;
  int stride_w = 1;
  int stride_h = 1;
  int dilation_w = 1;
  int dilation_h = 1;
  Act act = tflite::ActivationFunctionType_NONE;
  bool bias = true;
  bool per_channel = true;

  int out_ch() const { return input[3] * multiplier; }
  std::vector<int32_t> filter() const { return {1, kh, kw, out_ch()}; }
  std::vector<int32_t> output() const {
    return {input[0], ConvAxisRef(padding, input[1], kh, stride_h, dilation_h).out,
            ConvAxisRef(padding, input[2], kw, stride_w, dilation_w).out, out_ch()};
  }
  host::OptionsBuilder options() const {
    return host::DepthwiseConv2DOptions(padding, stride_w, stride_h, multiplier, act, dilation_w, dilation_h);
  }
};

std::vector<double> DwRef(const DwCase& c, const std::vector<double>& in, const std::vector<double>& w,
                          const std::vector<double>& bias) {
  const AxisRef rows = ConvAxisRef(c.padding, c.input[1], c.kh, c.stride_h, c.dilation_h);
  const AxisRef cols = ConvAxisRef(c.padding, c.input[2], c.kw, c.stride_w, c.dilation_w);
  const int h = c.input[1], wd = c.input[2], ch = c.input[3], oc_n = c.out_ch();
  std::vector<double> out;
  for (int b = 0; b < c.input[0]; ++b)
    for (int oy = 0; oy < rows.out; ++oy)
      for (int ox = 0; ox < cols.out; ++ox)
        for (int oc = 0; oc < oc_n; ++oc) {
          const int ic = oc / c.multiplier;
          double acc = bias.empty() ? 0.0 : bias[oc];
          for (int ky = 0; ky < c.kh; ++ky)
            for (int kx = 0; kx < c.kw; ++kx) {
              const int iy = oy * c.stride_h - rows.pad + ky * c.dilation_h;
              const int ix = ox * c.stride_w - cols.pad + kx * c.dilation_w;
              if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
              acc += in[((b * h + iy) * wd + ix) * ch + ic] * w[(ky * c.kw + kx) * oc_n + oc];
            }
          out.push_back(acc);
        }
  return out;
}

void RunF32(const DwCase& c, uint32_t seed) {
  host::Rng rng(seed);
  const std::vector<float> in = rng.Uniform(Count(c.input), -2.0f, 2.0f);
  const std::vector<float> w = rng.Uniform(Count(c.filter()), -1.0f, 1.0f);
  const std::vector<float> bias = c.bias ? rng.Uniform(c.out_ch(), -1.0f, 1.0f) : std::vector<float>{};
  OpTester t;
  const int32_t x = t.Input("x", kF32, c.input);
  const int32_t wt = t.Const<float>("w", c.filter(), w);
  const int32_t b = c.bias ? t.Const<float>("b", {c.out_ch()}, bias) : -1;
  const int32_t y = t.Output("y", kF32, c.output());
  t.Op(BuiltinOp::kDepthwiseConv2D, {x, wt, b}, {y}, c.options(), 2);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<float> got = t.Run<float>(in);
  std::vector<double> want = DwRef(c, ToDouble(in), ToDouble(w), ToDouble(bias));
  for (double& v : want) v = ApplyActivation(v, c.act);
  EXPECT_TRUE(NearAll(got, want));
}

void RunS8(const DwCase& c, uint32_t seed) {
  host::Rng rng(seed);
  const float in_scale = 0.0173f;
  const int32_t in_zp = 21;
  const std::vector<int8_t> in_q = rng.UniformS8(Count(c.input));
  const std::vector<float> wf = rng.Uniform(Count(c.filter()), -1.0f, 1.0f);
  const host::QuantizedWeights wq =
      c.per_channel ? host::QuantizePerChannelS8(wf, c.filter(), 3) : host::QuantizePerTensorS8(wf);
  const host::QuantizedBias bq = host::QuantizeBiasS32(rng.Uniform(c.out_ch(), -1.0f, 1.0f), in_scale, wq.scales);
  std::vector<double> w_real(wq.values.size());
  for (size_t i = 0; i < w_real.size(); ++i) {
    w_real[i] = double{wq.scales[c.per_channel ? i % c.out_ch() : 0]} * wq.values[i];
  }
  std::vector<double> bias_real;
  if (c.bias) {
    for (int oc = 0; oc < c.out_ch(); ++oc) {
      bias_real.push_back(double{in_scale} * wq.scales[c.per_channel ? oc : 0] * bq.values[oc]);
    }
  }
  const std::vector<double> real = DwRef(c, DequantizeAll(in_q, in_scale, in_zp), w_real, bias_real);
  const host::AffineParams out = RangeParams(real);

  OpTester t;
  const int32_t x = t.Input("x", kS8, c.input, Q(in_scale, in_zp));
  const int32_t wt = t.Const<int8_t>("w", c.filter(), wq.values, wq.quant());
  const int32_t b = c.bias ? t.Const<int32_t>("b", {c.out_ch()}, bq.values, bq.quant()) : -1;
  const int32_t y = t.Output("y", kS8, c.output(), Q(out.scale, out.zero_point));
  t.Op(BuiltinOp::kDepthwiseConv2D, {x, wt, b}, {y}, c.options(), 3);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<int8_t> got = t.Run<int8_t>(in_q);
  std::vector<int8_t> want;
  for (double v : real) want.push_back(static_cast<int8_t>(QuantizeOne(ApplyActivation(v, c.act), out.scale, out.zero_point)));
  EXPECT_TRUE(WithinLsb(got, want));
}

TEST(DepthwiseConv2DOp, GeometryMatrixF32AndS8) {
  uint32_t seed = 1;
  for (tflite::Padding padding : {tflite::Padding_SAME, tflite::Padding_VALID}) {
    for (int stride : {1, 2}) {
      for (int dilation : {1, 2}) {
        for (int multiplier : {1, 2, 3}) {
          DwCase c;
          c.input = {1, 7, 8, 2};
          c.multiplier = multiplier;
          c.padding = padding;
          c.stride_h = stride;
          c.stride_w = stride == 1 ? 2 : 1;
          c.dilation_h = dilation;
          c.dilation_w = 3 - dilation;
          SCOPED_TRACE(testing::Message() << "padding " << padding << " stride " << stride << " dilation "
                                          << dilation << " multiplier " << multiplier);
          RunF32(c, seed++);
          RunS8(c, seed++);
        }
      }
    }
  }
}

TEST(DepthwiseConv2DOp, FusedActivationsF32AndS8) {
  for (Act act : {tflite::ActivationFunctionType_NONE, tflite::ActivationFunctionType_RELU,
                  tflite::ActivationFunctionType_RELU_N1_TO_1, tflite::ActivationFunctionType_RELU6}) {
    DwCase c;
    c.input = {2, 5, 4, 3};
    c.multiplier = 2;
    c.act = act;
    SCOPED_TRACE(testing::Message() << "activation " << act);
    RunF32(c, 50 + act);
    RunS8(c, 60 + act);
  }
}

TEST(DepthwiseConv2DOp, PerTensorFilterNoBiasAndNonSquareKernel) {
  DwCase c;
  c.input = {1, 6, 5, 4};
  c.kh = 1;
  c.kw = 3;
  c.per_channel = false;
  RunS8(c, 70);
  c.bias = false;
  RunS8(c, 71);
  RunF32(c, 72);
}

// Scales with multiplier 0.5 * 0.5 / 0.25 = 1: exact integer result.
TEST(DepthwiseConv2DOp, HandComputedS8IsExact) {
  OpTester t;
  const int32_t x = t.Input("x", kS8, {1, 2, 2, 2}, Q(0.5f, 1));
  // Channel 0 weights 1, 2, 3, 4; channel 1 weights -1 everywhere.
  const int32_t w = t.Const<int8_t>("w", {1, 2, 2, 2}, {1, -1, 2, -1, 3, -1, 4, -1},
                                    Quantization::PerChannel({0.5f, 0.5f}, 3));
  const int32_t b = t.Const<int32_t>("b", {2}, {5, -5});
  const int32_t y = t.Output("y", kS8, {1, 1, 1, 2}, Q(0.25f, -10));
  t.Op(BuiltinOp::kDepthwiseConv2D, {x, w, b}, {y}, host::DepthwiseConv2DOptions(tflite::Padding_VALID, 1, 1, 1), 3);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  // Inputs minus zero point: channel 0 {1, 2, 3, 4}, channel 1 {5, 6, 7, 8}.
  // Channel 0: 1 + 4 + 9 + 16 + 5 = 35 -> 25. Channel 1: -26 - 5 = -31 -> -41.
  EXPECT_EQ(t.Run<int8_t>({2, 6, 3, 7, 4, 8, 5, 9}), (std::vector<int8_t>{25, -41}));
}

// The depthwise separable block of MobileNet: depthwise 3x3 + RELU6, then a
// pointwise 1x1 CONV_2D. Float, compared with the chained double reference.
TEST(DepthwiseConv2DOp, DepthwiseThenPointwiseF32) {
  host::Rng rng(80);
  DwCase c;
  c.input = {1, 6, 6, 3};
  c.bias = false;
  c.act = tflite::ActivationFunctionType_RELU6;
  const std::vector<float> in = rng.Uniform(Count(c.input), -3.0f, 3.0f);
  const std::vector<float> dw = rng.Uniform(Count(c.filter()), -1.0f, 1.0f);
  const std::vector<float> pw = rng.Uniform(4 * 3, -1.0f, 1.0f);
  OpTester t;
  const int32_t x = t.Input("x", kF32, c.input);
  const int32_t wd = t.Const<float>("dw", c.filter(), dw);
  const int32_t mid = t.Temp("mid", kF32, c.output());
  const int32_t wp = t.Const<float>("pw", {4, 1, 1, 3}, pw);
  const int32_t y = t.Output("y", kF32, {1, 6, 6, 4});
  t.Op(BuiltinOp::kDepthwiseConv2D, {x, wd}, {mid}, c.options());
  t.Op(BuiltinOp::kConv2D, {mid, wp}, {y}, host::Conv2DOptions(tflite::Padding_SAME, 1, 1));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<float> got = t.Run<float>(in);
  std::vector<double> m = DwRef(c, ToDouble(in), ToDouble(dw), {});
  for (double& v : m) v = std::clamp(v, 0.0, 6.0);
  std::vector<double> want;
  for (size_t p = 0; p < m.size() / 3; ++p)
    for (int o = 0; o < 4; ++o) {
      double acc = 0;
      for (int i = 0; i < 3; ++i) acc += m[p * 3 + i] * pw[o * 3 + i];
      want.push_back(acc);
    }
  EXPECT_TRUE(NearAll(got, want));
}

// --- rejections -------------------------------------------------------------

struct S8Model : WeightedOpModel {
  S8Model()
      : WeightedOpModel(BuiltinOp::kDepthwiseConv2D,
                        host::DepthwiseConv2DOptions(tflite::Padding_SAME, 1, 1, 2), 3) {
    x = t.Input("x", kS8, {1, 4, 4, 2}, Q(0.1f, 0));
    w = t.Const<int8_t>("w", {1, 3, 3, 4}, std::vector<int8_t>(36, 1),
                        Quantization::PerChannel({0.1f, 0.2f, 0.3f, 0.4f}, 3));
    b = t.Const<int32_t>("b", {4}, {1, 2, 3, 4});
    y = t.Output("y", kS8, {1, 4, 4, 4}, Q(0.5f, 0));
  }
};

TEST(DepthwiseConv2DOp, ValidBaseModelPrepares) {
  S8Model m;
  EXPECT_TRUE(PreparesAndInvokes(m));
}

TEST(DepthwiseConv2DOp, RejectsTypes) {
  {
    S8Model m;
    m.t.writer().tensor(m.x).type = kS16;
    m.t.writer().tensor(m.y).type = kS16;
    m.Op({m.x, m.w, m.b});
    // int16x8 needs an int64 bias here (TFLite Micro has no int32 one).
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "bias 'b': an int32 bias with int16 activations"));
  }
  {
    S8Model m;
    m.t.writer().tensor(m.y).type = kF32;
    m.Op({m.x, m.w, m.b});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': expected int8 like the input, got float32"));
  }
  {
    S8Model m;
    m.t.writer().tensor(m.x).type = kF32;
    m.t.writer().tensor(m.y).type = kF32;
    m.Op({m.x, m.w});
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "hybrid"));
  }
}

TEST(DepthwiseConv2DOp, RejectsQuantization) {
  {
    S8Model m;
    m.t.writer().tensor(m.x).quant = {};
    m.Op({m.x, m.w, m.b});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x': int8 needs per-tensor quantization"));
  }
  {
    S8Model m;
    m.t.writer().tensor(m.w).quant = {};
    m.Op({m.x, m.w, m.b});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "filter 'w': expected 1 scale or 4"));
  }
  {
    // Three scales along dimension 1 (size 3): loads, but is not per channel.
    S8Model m;
    m.t.writer().tensor(m.w).quant = Quantization::PerChannel({0.1f, 0.2f, 0.3f}, 1);
    m.Op({m.x, m.w, m.b});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "filter 'w': expected 1 scale or 4 (one per output channel), got 3"));
  }
  {
    S8Model m;
    m.t.writer().tensor(m.y).quant = Q(0.0f, 0);
    m.Op({m.x, m.w, m.b});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': scale must be positive"));
  }
}

TEST(DepthwiseConv2DOp, RejectsShapes) {
  {
    S8Model m;
    m.t.writer().tensor(m.x).shape = {1, 4, 4, 3};  // 4 not a multiple of 3
    m.Op({m.x, m.w, m.b});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "4 output channels are not a multiple of the 3 channels of input 'x'"));
  }
  {
    S8Model m;
    m.t.writer().tensor(m.w).shape = {2, 3, 3, 2};
    m.t.writer().tensor(m.w).quant = Q(0.1f);
    m.Op({m.x, m.w, m.b});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "filter 'w': expected shape [1, height, width, channels]"));
  }
  {
    S8Model m;
    m.t.writer().tensor(m.y).shape = {1, 2, 2, 4};
    m.Op({m.x, m.w, m.b});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': expected height x width 4x4"));
  }
  {
    S8Model m;
    m.t.writer().tensor(m.y).shape = {1, 4, 4, 2};
    m.Op({m.x, m.w, m.b});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': has 2 channels, filter 'w' has 4"));
  }
  {
    S8Model m;
    m.t.writer().tensor(m.x).shape = {1, 4, 0, 2};
    m.t.writer().tensor(m.y).shape = {1, 4, 0, 4};
    m.Op({m.x, m.w, m.b});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x': dimension 2 is 0"));
  }
  {
    S8Model m;
    const int32_t b3 = m.t.Const<int32_t>("b3", {3}, {1, 2, 3});
    m.Op({m.x, m.w, b3});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "bias 'b3': expected 4 elements"));
  }
}

TEST(DepthwiseConv2DOp, RejectsCountsAndOptions) {
  {
    S8Model m;
    m.Op({m.x});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 2 or 3 inputs (input, filter, optional bias), got 1"));
  }
  {
    S8Model m;
    const int32_t y2 = m.t.Output("y2", kS8, {1, 4, 4, 4}, Q(0.5f));
    m.t.Op(BuiltinOp::kDepthwiseConv2D, {m.x, m.w, m.b}, {m.y, y2}, host::DepthwiseConv2DOptions(tflite::Padding_SAME, 1, 1, 2), 3);
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 1 output, got 2"));
  }
  {
    S8Model m;
    m.Op({m.x, m.w, m.b}, {});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "stride 0x0"));
  }
  {
    S8Model m;
    m.Op({m.x, m.w, m.b}, host::DepthwiseConv2DOptions(tflite::Padding_SAME, 1, 1, 2, tflite::ActivationFunctionType_SIGN_BIT));
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "fused activation 5"));
  }
}

// Fixed: Prepare now refuses a window whose span overflows int.
TEST(DepthwiseConv2DOp, RejectsDilationOverflowingInt32) {
  OpTester t;
  const int32_t x = t.Input("x", kF32, {1, 4, 4, 1});
  const int32_t w = t.Const<float>("w", {1, 3, 3, 1}, std::vector<float>(9, 1.0f));
  const int32_t y = t.Output("y", kF32, {1, 4, 4, 1});
  t.Op(BuiltinOp::kDepthwiseConv2D, {x, w}, {y},
       host::DepthwiseConv2DOptions(tflite::Padding_SAME, 1, 1, 1, tflite::ActivationFunctionType_NONE, 1, 2147483647));
  ASSERT_NE(t.Prepare(), Status::kOk) << "must not reach Invoke";
  EXPECT_NE(t.message().find("dilation"), std::string::npos) << t.message();
}

}  // namespace
}  // namespace mote::optest
