// CONV_2D through the interpreter: float32 and int8 against a double
// convolution computed here, every padding/stride/dilation/activation
// option, conv -> add residual blocks, and Prepare's rejections.
#include <string>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

using Act = tflite::ActivationFunctionType;

struct ConvCase {
  std::vector<int32_t> input;   // [N, H, W, C]
  std::vector<int32_t> filter;  // [O, KH, KW, C]
  tflite::Padding padding = tflite::Padding_SAME;
  int stride_w = 1;
  int stride_h = 1;
  int dilation_w = 1;
  int dilation_h = 1;
  Act act = tflite::ActivationFunctionType_NONE;
  bool bias = true;
  bool per_channel = true;
};

std::vector<int32_t> OutShape(const ConvCase& c) {
  const AxisRef rows = ConvAxisRef(c.padding, c.input[1], c.filter[1], c.stride_h, c.dilation_h);
  const AxisRef cols = ConvAxisRef(c.padding, c.input[2], c.filter[2], c.stride_w, c.dilation_w);
  return {c.input[0], rows.out, cols.out, c.filter[0]};
}

// The convolution in double, before the activation.
std::vector<double> ConvRef(const ConvCase& c, const std::vector<double>& in,
                            const std::vector<double>& w, const std::vector<double>& bias) {
  const AxisRef rows = ConvAxisRef(c.padding, c.input[1], c.filter[1], c.stride_h, c.dilation_h);
  const AxisRef cols = ConvAxisRef(c.padding, c.input[2], c.filter[2], c.stride_w, c.dilation_w);
  const int n = c.input[0], h = c.input[1], wd = c.input[2], ch = c.input[3];
  const int o = c.filter[0], kh = c.filter[1], kw = c.filter[2];
  std::vector<double> out;
  for (int b = 0; b < n; ++b)
    for (int oy = 0; oy < rows.out; ++oy)
      for (int ox = 0; ox < cols.out; ++ox)
        for (int oc = 0; oc < o; ++oc) {
          double acc = bias.empty() ? 0.0 : bias[oc];
          for (int ky = 0; ky < kh; ++ky)
            for (int kx = 0; kx < kw; ++kx) {
              const int iy = oy * c.stride_h - rows.pad + ky * c.dilation_h;
              const int ix = ox * c.stride_w - cols.pad + kx * c.dilation_w;
              if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
              for (int ic = 0; ic < ch; ++ic) {
                acc += in[((b * h + iy) * wd + ix) * ch + ic] *
                       w[((oc * kh + ky) * kw + kx) * ch + ic];
              }
            }
          out.push_back(acc);
        }
  return out;
}

host::OptionsBuilder Options(const ConvCase& c) {
  return host::Conv2DOptions(c.padding, c.stride_w, c.stride_h, c.act, c.dilation_w, c.dilation_h);
}

void RunF32(const ConvCase& c, uint32_t seed) {
  host::Rng rng(seed);
  const std::vector<float> in = rng.Uniform(Count(c.input), -2.0f, 2.0f);
  const std::vector<float> w = rng.Uniform(Count(c.filter), -1.0f, 1.0f);
  const std::vector<float> bias = c.bias ? rng.Uniform(c.filter[0], -1.0f, 1.0f) : std::vector<float>{};
  const std::vector<int32_t> out_shape = OutShape(c);

  OpTester t;
  const int32_t x = t.Input("x", kF32, c.input);
  const int32_t wt = t.Const<float>("w", c.filter, w);
  const int32_t b = c.bias ? t.Const<float>("b", {c.filter[0]}, bias) : -1;
  const int32_t y = t.Output("y", kF32, out_shape);
  t.Op(BuiltinOp::kConv2D, {x, wt, b}, {y}, Options(c));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<float> got = t.Run<float>(in);

  std::vector<double> want = ConvRef(c, ToDouble(in), ToDouble(w), ToDouble(bias));
  for (double& v : want) v = ApplyActivation(v, c.act);
  EXPECT_TRUE(NearAll(got, want, 1e-5));
}

void RunS8(const ConvCase& c, uint32_t seed) {
  host::Rng rng(seed);
  const float in_scale = 3.0f / 255;
  const int32_t in_zp = -43;
  const std::vector<int8_t> in_q = rng.UniformS8(Count(c.input));
  const host::QuantizedWeights wq =
      c.per_channel ? host::QuantizePerChannelS8(rng.Uniform(Count(c.filter), -1.0f, 1.0f), c.filter, 0)
                    : host::QuantizePerTensorS8(rng.Uniform(Count(c.filter), -1.0f, 1.0f));
  const host::QuantizedBias bq =
      host::QuantizeBiasS32(rng.Uniform(c.filter[0], -2.0f, 2.0f), in_scale, wq.scales);

  // What the kernel sees, in real numbers.
  const std::vector<double> in_real = DequantizeAll(in_q, in_scale, in_zp);
  std::vector<double> w_real(wq.values.size());
  const size_t per_channel_elems = wq.values.size() / c.filter[0];
  std::vector<double> bias_real;
  for (size_t i = 0; i < w_real.size(); ++i) {
    const size_t ch = c.per_channel ? i / per_channel_elems : 0;
    w_real[i] = double{wq.scales[ch]} * wq.values[i];
  }
  if (c.bias) {
    for (int oc = 0; oc < c.filter[0]; ++oc) {
      const double ws = wq.scales[c.per_channel ? oc : 0];
      bias_real.push_back(double{in_scale} * ws * bq.values[oc]);
    }
  }
  const std::vector<double> real = ConvRef(c, in_real, w_real, bias_real);
  const host::AffineParams out = RangeParams(real);

  OpTester t;
  const int32_t x = t.Input("x", kS8, c.input, Q(in_scale, in_zp));
  const int32_t wt = t.Const<int8_t>("w", c.filter, wq.values, wq.quant());
  const int32_t b = c.bias ? t.Const<int32_t>("b", {c.filter[0]}, bq.values, bq.quant()) : -1;
  const int32_t y = t.Output("y", kS8, OutShape(c), Q(out.scale, out.zero_point));
  t.Op(BuiltinOp::kConv2D, {x, wt, b}, {y}, Options(c), /*version=*/3);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<int8_t> got = t.Run<int8_t>(in_q);

  std::vector<int8_t> want(real.size());
  for (size_t i = 0; i < real.size(); ++i) {
    want[i] = static_cast<int8_t>(QuantizeOne(ApplyActivation(real[i], c.act), out.scale, out.zero_point));
  }
  EXPECT_TRUE(WithinLsb(got, want));
}

// Every combination of padding, stride and dilation on a 7x6 image.
TEST(Conv2DOp, GeometryMatrixF32AndS8) {
  uint32_t seed = 1;
  for (tflite::Padding padding : {tflite::Padding_SAME, tflite::Padding_VALID}) {
    for (int sh : {1, 2, 3}) {
      for (int sw : {1, 2}) {
        for (int dh : {1, 2}) {
          for (int dw : {1, 3}) {
            ConvCase c;
            c.input = {1, 7, 6, 2};
            c.filter = {3, 3, 2, 2};
            c.padding = padding;
            c.stride_h = sh;
            c.stride_w = sw;
            c.dilation_h = dh;
            c.dilation_w = dw;
            if (OutShape(c)[1] < 1 || OutShape(c)[2] < 1) continue;
            SCOPED_TRACE(testing::Message() << "padding " << padding << " stride " << sh << "x" << sw
                                            << " dilation " << dh << "x" << dw);
            RunF32(c, seed++);
            RunS8(c, seed++);
          }
        }
      }
    }
  }
}

TEST(Conv2DOp, FusedActivationsF32AndS8) {
  for (Act act : {tflite::ActivationFunctionType_NONE, tflite::ActivationFunctionType_RELU,
                  tflite::ActivationFunctionType_RELU_N1_TO_1, tflite::ActivationFunctionType_RELU6}) {
    ConvCase c;
    c.input = {2, 5, 5, 3};
    c.filter = {4, 3, 3, 3};
    c.act = act;
    SCOPED_TRACE(testing::Message() << "activation " << act);
    RunF32(c, 100 + act);
    RunS8(c, 200 + act);
  }
}

TEST(Conv2DOp, PerTensorFilterAndNoBias) {
  ConvCase c;
  c.input = {1, 6, 6, 3};
  c.filter = {5, 1, 1, 3};
  c.per_channel = false;
  RunS8(c, 7);
  c.bias = false;
  RunS8(c, 8);
  RunF32(c, 9);
  c.per_channel = true;
  c.filter = {2, 3, 3, 3};
  c.padding = tflite::Padding_VALID;
  RunS8(c, 10);
}

TEST(Conv2DOp, FilterLargerThanImageWithSamePadding) {
  ConvCase c;
  c.input = {1, 2, 3, 1};
  c.filter = {2, 5, 5, 1};
  RunF32(c, 11);
  RunS8(c, 12);
}

// Scales chosen so the requantization multiplier is exactly 1:
// 0.5 * 0.25 / 0.125. The output is then the integer sum itself.
TEST(Conv2DOp, HandComputedS8IsExact) {
  OpTester t;
  const int32_t x = t.Input("x", kS8, {1, 3, 3, 1}, Q(0.5f, -1));
  const int32_t w = t.Const<int8_t>("w", {1, 2, 2, 1}, {1, 2, 3, 4}, Q(0.25f));
  const int32_t b = t.Const<int32_t>("b", {1}, {-20}, Q(0.125f));
  const int32_t y = t.Output("y", kS8, {1, 2, 2, 1}, Q(0.125f, 3));
  t.Op(BuiltinOp::kConv2D, {x, w, b}, {y}, host::Conv2DOptions(tflite::Padding_VALID, 1, 1), 3);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  // Input + 1 = 0..8; sums 27, 37, 57, 67; minus 20; plus zero point 3.
  EXPECT_EQ(t.Run<int8_t>({-1, 0, 1, 2, 3, 4, 5, 6, 7}), (std::vector<int8_t>{10, 20, 40, 50}));
}

// Multiplier 1 and 2 (exact left shift) and 0.5 (one rounding in TFLite's
// SaturatingRoundingDoublingHighMul, whose ties go up: -14.5 -> -14): the
// int8 result equals the integer formula exactly.
TEST(Conv2DOp, PowerOfTwoRescaleIsExactS8) {
  for (float out_scale : {0.125f, 0.0625f, 0.25f}) {
    host::Rng rng(31);
    const std::vector<int8_t> in = rng.UniformS8(1 * 4 * 4 * 2, -20, 20);
    const std::vector<int8_t> wv = rng.UniformS8(3 * 3 * 3 * 2, -10, 10);
    const std::vector<int32_t> bias = {100, -50, 7};
    OpTester t;
    const int32_t x = t.Input("x", kS8, {1, 4, 4, 2}, Q(0.5f, 5));
    const int32_t w = t.Const<int8_t>("w", {3, 3, 3, 2}, wv, Quantization::PerChannel({0.25f, 0.25f, 0.25f}, 0));
    const int32_t b = t.Const<int32_t>("b", {3}, bias);
    const int32_t y = t.Output("y", kS8, {1, 4, 4, 3}, Q(out_scale, -7));
    t.Op(BuiltinOp::kConv2D, {x, w, b}, {y}, host::Conv2DOptions(tflite::Padding_SAME, 1, 1), 3);
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    const std::vector<int8_t> got = t.Run<int8_t>(in);
    const double m = 0.5 * 0.25 / out_scale;
    std::vector<int8_t> want;
    for (int oy = 0; oy < 4; ++oy)
      for (int ox = 0; ox < 4; ++ox)
        for (int oc = 0; oc < 3; ++oc) {
          int64_t acc = bias[oc];
          for (int ky = 0; ky < 3; ++ky)
            for (int kx = 0; kx < 3; ++kx) {
              const int iy = oy - 1 + ky, ix = ox - 1 + kx;
              if (iy < 0 || iy >= 4 || ix < 0 || ix >= 4) continue;
              for (int ic = 0; ic < 2; ++ic) {
                acc += (in[(iy * 4 + ix) * 2 + ic] - 5) * wv[((oc * 3 + ky) * 3 + kx) * 2 + ic];
              }
            }
          const double scaled = std::floor(static_cast<double>(acc) * m + 0.5) - 7;
          want.push_back(static_cast<int8_t>(std::clamp(scaled, -128.0, 127.0)));
        }
    EXPECT_EQ(got, want) << "output scale " << out_scale;
  }
}

// A filter computed at run time (a graph input) works too.
TEST(Conv2DOp, NonConstantFilterF32) {
  OpTester t;
  const int32_t x = t.Input("x", kF32, {1, 2, 2, 1});
  const int32_t w = t.Input("w", kF32, {1, 1, 1, 1});
  const int32_t y = t.Output("y", kF32, {1, 2, 2, 1});
  t.Op(BuiltinOp::kConv2D, {x, w}, {y}, host::Conv2DOptions(tflite::Padding_SAME, 1, 1));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<float>(0, {1, 2, 3, 4});
  t.SetInput<float>(1, {-2});
  ASSERT_EQ(t.Invoke(), Status::kOk);
  EXPECT_EQ(t.GetOutput<float>(0), (std::vector<float>{-2, -4, -6, -8}));
}

// x -> CONV -> y; z = ADD(x, y): the residual block of every ResNet-like
// model. y and z are both graph outputs so each is checked.
TEST(Conv2DOp, ResidualConvAddS8) {
  host::Rng rng(5);
  const std::vector<int32_t> shape = {1, 5, 5, 4};
  const float xs = 0.02f;
  const int32_t xz = 10;
  const std::vector<int8_t> xq = rng.UniformS8(Count(shape));
  const host::QuantizedWeights wq = host::QuantizePerChannelS8(rng.Uniform(4 * 3 * 3 * 4, -0.5f, 0.5f), {4, 3, 3, 4}, 0);
  const float ys = 0.03f, zs = 0.04f;
  const int32_t yz = -5, zz = 3;

  OpTester t;
  const int32_t x = t.Input("x", kS8, shape, Q(xs, xz));
  const int32_t w = t.Const<int8_t>("w", {4, 3, 3, 4}, wq.values, wq.quant());
  const int32_t y = t.Output("y", kS8, shape, Q(ys, yz));
  const int32_t z = t.Output("z", kS8, shape, Q(zs, zz));
  t.Op(BuiltinOp::kConv2D, {x, w}, {y}, host::Conv2DOptions(tflite::Padding_SAME, 1, 1, tflite::ActivationFunctionType_RELU), 3);
  t.Op(BuiltinOp::kAdd, {x, y}, {z}, host::AddOptions());
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<int8_t>(0, xq);
  ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
  const std::vector<int8_t> yq = t.GetOutput<int8_t>(0);
  const std::vector<int8_t> zq = t.GetOutput<int8_t>(1);

  ConvCase c;
  c.input = shape;
  c.filter = {4, 3, 3, 4};
  std::vector<double> w_real(wq.values.size());
  for (size_t i = 0; i < w_real.size(); ++i) w_real[i] = double{wq.scales[i / 36]} * wq.values[i];
  const std::vector<double> x_real = DequantizeAll(xq, xs, xz);
  const std::vector<double> y_real = ConvRef(c, x_real, w_real, {});
  std::vector<int8_t> y_want, z_want;
  const std::vector<double> y_got_real = DequantizeAll(yq, ys, yz);
  for (size_t i = 0; i < y_real.size(); ++i) {
    y_want.push_back(static_cast<int8_t>(QuantizeOne(std::max(0.0, y_real[i]), ys, yz)));
    z_want.push_back(static_cast<int8_t>(QuantizeOne(x_real[i] + y_got_real[i], zs, zz)));
  }
  EXPECT_TRUE(WithinLsb(yq, y_want));
  EXPECT_TRUE(WithinLsb(zq, z_want));
}

TEST(Conv2DOp, ResidualConvAddF32) {
  host::Rng rng(6);
  const std::vector<float> xv = rng.Uniform(1 * 4 * 4 * 2, -1.0f, 1.0f);
  const std::vector<float> wv = rng.Uniform(2 * 3 * 3 * 2, -1.0f, 1.0f);
  OpTester t;
  const int32_t x = t.Input("x", kF32, {1, 4, 4, 2});
  const int32_t w = t.Const<float>("w", {2, 3, 3, 2}, wv);
  const int32_t y = t.Temp("y", kF32, {1, 4, 4, 2});
  const int32_t z = t.Output("z", kF32, {1, 4, 4, 2});
  t.Op(BuiltinOp::kConv2D, {x, w}, {y}, host::Conv2DOptions(tflite::Padding_SAME, 1, 1));
  t.Op(BuiltinOp::kAdd, {y, x}, {z}, host::AddOptions(tflite::ActivationFunctionType_RELU6));
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<float> got = t.Run<float>(xv);
  ConvCase c;
  c.input = {1, 4, 4, 2};
  c.filter = {2, 3, 3, 2};
  std::vector<double> want = ConvRef(c, ToDouble(xv), ToDouble(wv), {});
  for (size_t i = 0; i < want.size(); ++i) want[i] = std::clamp(want[i] + xv[i], 0.0, 6.0);
  EXPECT_TRUE(NearAll(got, want));
}

// --- rejections -------------------------------------------------------------

// A valid int8 conv [1,4,4,2] * [3,3,3,2] -> [1,4,4,3]; each rejection test
// breaks one thing.
struct S8Model : WeightedOpModel {
  explicit S8Model(tflite::TensorType type = kS8)
      : WeightedOpModel(BuiltinOp::kConv2D,
                        host::Conv2DOptions(tflite::Padding_SAME, 1, 1), 3) {
    x = t.Input("x", type, {1, 4, 4, 2}, Q(0.1f, 0));
    w = t.Const<int8_t>("w", {3, 3, 3, 2}, std::vector<int8_t>(54, 1),
                        Quantization::PerChannel({0.1f, 0.2f, 0.3f}, 0));
    b = t.Const<int32_t>("b", {3}, {1, 2, 3});
    y = t.Output("y", type, {1, 4, 4, 3}, Q(0.5f, 0));
  }
};

TEST(Conv2DOp, ValidBaseModelPrepares) {
  S8Model m;
  EXPECT_TRUE(PreparesAndInvokes(m));
}

// int16 activations run with int8 weights (16x8, tests/ops/conv_2d_int16_test.cc),
// never with int16 weights.
TEST(Conv2DOp, RejectsInt16Weights) {
  OpTester t;
  const int32_t x = t.Input("x", kS16, {1, 4, 4, 2}, Q(0.1f));
  const int32_t w = t.Const<int16_t>("w", {3, 3, 3, 2}, std::vector<int16_t>(54, 1), Q(0.1f));
  const int32_t y = t.Output("y", kS16, {1, 4, 4, 3}, Q(0.5f));
  t.Op(BuiltinOp::kConv2D, {x, w}, {y}, host::Conv2DOptions(tflite::Padding_SAME, 1, 1), 4);
  EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "filter 'w': int16 activations need int8 weights"));
}

TEST(Conv2DOp, RejectsOutputTypeMismatch) {
  OpTester t;
  const int32_t x = t.Input("x", kF32, {1, 4, 4, 2});
  const int32_t w = t.Const<float>("w", {3, 3, 3, 2}, std::vector<float>(54, 1));
  const int32_t y = t.Output("y", kS8, {1, 4, 4, 3}, Q(0.5f));
  t.Op(BuiltinOp::kConv2D, {x, w}, {y}, host::Conv2DOptions(tflite::Padding_SAME, 1, 1));
  EXPECT_TRUE(PrepareFails(t, Status::kInvalidModel, "output 'y': expected float32"));
}

TEST(Conv2DOp, RejectsHybridFloatInputInt8Weights) {
  OpTester t;
  const int32_t x = t.Input("x", kF32, {1, 4, 4, 2});
  const int32_t w = t.Const<int8_t>("w", {3, 3, 3, 2}, std::vector<int8_t>(54, 1), Q(0.1f));
  const int32_t y = t.Output("y", kF32, {1, 4, 4, 3});
  t.Op(BuiltinOp::kConv2D, {x, w}, {y}, host::Conv2DOptions(tflite::Padding_SAME, 1, 1));
  EXPECT_TRUE(PrepareFails(t, Status::kUnsupported, "hybrid"));
}

TEST(Conv2DOp, RejectsMissingInputQuantization) {
  S8Model m;
  m.t.writer().tensor(m.x).quant = {};
  m.Op({m.x, m.w, m.b});
  EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x': int8 needs per-tensor quantization"));
}

TEST(Conv2DOp, RejectsMissingOutputQuantization) {
  S8Model m;
  m.t.writer().tensor(m.y).quant = {};
  m.Op({m.x, m.w, m.b});
  EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y'"));
}

TEST(Conv2DOp, RejectsMissingFilterQuantization) {
  S8Model m;
  m.t.writer().tensor(m.w).quant = {};
  m.Op({m.x, m.w, m.b});
  EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "filter 'w': expected 1 scale or 3"));
}

// Two scales along the input-channel axis: the model is self-consistent, but
// the conv needs one per output channel.
TEST(Conv2DOp, RejectsPerChannelCountMismatch) {
  S8Model m;
  m.t.writer().tensor(m.w).quant = Quantization::PerChannel({0.1f, 0.2f}, 3);
  m.Op({m.x, m.w, m.b});
  EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "filter 'w': expected 1 scale or 3 (one per output channel), got 2"));
}

TEST(Conv2DOp, RejectsAsymmetricFilter) {
  S8Model m;
  m.t.writer().tensor(m.w).quant = Quantization::PerChannel({0.1f, 0.2f, 0.3f}, 0, {0, 4, 0});
  m.Op({m.x, m.w, m.b});
  EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "filter 'w': zero point 4 of channel 1"));
}

TEST(Conv2DOp, RejectsOutOfRangeZeroPoint) {
  S8Model m;
  m.t.writer().tensor(m.x).quant = Q(0.1f, 200);
  m.Op({m.x, m.w, m.b});
  EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x': int8 zero point 200"));
}

TEST(Conv2DOp, RejectsBiasOfWrongTypeAndSize) {
  {
    S8Model m;
    const int32_t fb = m.t.Const<float>("fb", {3}, {1, 2, 3});
    m.Op({m.x, m.w, fb});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "bias 'fb': expected int32, got float32"));
  }
  {
    S8Model m;
    const int32_t b4 = m.t.Const<int32_t>("b4", {4}, {1, 2, 3, 4});
    m.Op({m.x, m.w, b4});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "bias 'b4': expected 3 elements"));
  }
}

TEST(Conv2DOp, RejectsWrongInputAndOutputCounts) {
  {
    S8Model m;
    m.Op({m.x});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 2 or 3 inputs"));
  }
  {
    S8Model m;
    m.Op({m.x, m.w, m.b, m.b});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 2 or 3 inputs"));
  }
  {
    S8Model m;
    const int32_t y2 = m.t.Output("y2", kS8, {1, 4, 4, 3}, Q(0.5f));
    m.t.Op(BuiltinOp::kConv2D, {m.x, m.w, m.b}, {m.y, y2}, host::Conv2DOptions(tflite::Padding_SAME, 1, 1), 3);
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "expected 1 output, got 2"));
  }
}

TEST(Conv2DOp, RejectsMismatchedShapes) {
  {
    S8Model m;
    m.t.writer().tensor(m.y).shape = {1, 3, 4, 3};
    m.Op({m.x, m.w, m.b});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': expected height x width 4x4"));
  }
  {
    S8Model m;
    m.t.writer().tensor(m.y).shape = {1, 4, 4, 2};
    m.Op({m.x, m.w, m.b});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output 'y': has 2 channels, filter 'w' has 3"));
  }
  {
    S8Model m;
    m.t.writer().tensor(m.y).shape = {2, 4, 4, 3};
    m.Op({m.x, m.w, m.b});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "batch 2 differs"));
  }
  {
    S8Model m;
    m.t.writer().tensor(m.x).shape = {1, 4, 4, 3};
    m.Op({m.x, m.w, m.b});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "filter 'w': has 2 input channels, input 'x' has 3"));
  }
  {
    S8Model m;
    m.t.writer().tensor(m.x).shape = {1, 4, 4, 4};
    m.Op({m.x, m.w, m.b});
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "grouped convolution"));
  }
  {
    S8Model m;
    m.t.writer().tensor(m.x).shape = {4, 4, 2};
    m.Op({m.x, m.w, m.b});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x': expected rank 4, got 3"));
  }
}

TEST(Conv2DOp, RejectsZeroSizeInput) {
  S8Model m;
  m.t.writer().tensor(m.x).shape = {1, 0, 4, 2};
  m.t.writer().tensor(m.y).shape = {1, 0, 4, 3};
  m.Op({m.x, m.w, m.b});
  EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x': dimension 1 is 0"));
}

TEST(Conv2DOp, RejectsBadOptions) {
  {
    S8Model m;
    m.Op({m.x, m.w, m.b}, {});  // no options: stride 0
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "stride 0x0"));
  }
  {
    S8Model m;
    m.Op({m.x, m.w, m.b}, host::Conv2DOptions(tflite::Padding_SAME, 1, 1, tflite::ActivationFunctionType_NONE, 0, 1));
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "dilation"));
  }
  {
    S8Model m;
    m.Op({m.x, m.w, m.b}, host::Conv2DOptions(tflite::Padding_SAME, 1, 1, tflite::ActivationFunctionType_TANH));
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "fused activation 4"));
  }
  {
    S8Model m;
    m.t.writer().tensor(m.x).shape = {1, 2, 2, 2};
    m.t.writer().tensor(m.y).shape = {1, 1, 1, 3};
    m.Op({m.x, m.w, m.b}, host::Conv2DOptions(tflite::Padding_VALID, 1, 1));
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "does not fit"));
  }
}

TEST(Conv2DOp, RejectsHugeRequantizationScale) {
  S8Model m;
  m.t.writer().tensor(m.x).quant = Q(1e6f, 0);
  m.t.writer().tensor(m.y).quant = Q(1e-6f, 0);
  m.Op({m.x, m.w, m.b});
  EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "requantization scale"));
}

TEST(Conv2DOp, RejectsTooNewVersion) {
  S8Model m;
  m.t.Op(BuiltinOp::kConv2D, {m.x, m.w, m.b}, {m.y}, host::Conv2DOptions(tflite::Padding_SAME, 1, 1), 9);
  EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "CONV_2D version 9"));
}

// SAME padding accepts any dilation: with dilation 2^31 - 1 and a 3x3
// filter the effective filter is 2^32 - 1 taps wide. Eval computes
// in_y = origin + dilation * fy in int, so Prepare refuses such a window.
TEST(Conv2DOp, RejectsDilationOverflowingInt32) {
  OpTester t;
  const int32_t x = t.Input("x", kF32, {1, 4, 4, 1});
  const int32_t w = t.Const<float>("w", {1, 3, 3, 1}, std::vector<float>(9, 1.0f));
  const int32_t y = t.Output("y", kF32, {1, 4, 4, 1});
  t.Op(BuiltinOp::kConv2D, {x, w}, {y},
       host::Conv2DOptions(tflite::Padding_SAME, 1, 1, tflite::ActivationFunctionType_NONE, 2147483647, 2147483647));
  ASSERT_NE(t.Prepare(), Status::kOk) << "must not reach Invoke";
  EXPECT_NE(t.message().find("dilation"), std::string::npos) << t.message();
}

}  // namespace
}  // namespace mote::optest
