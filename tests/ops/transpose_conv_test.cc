// TRANSPOSE_CONV through the interpreter: TFLite Micro's float goldens
// (with and without bias, strides, fused RELU), int8 per-channel within
// 1 LSB of a double reference, and the rejections.
#include <vector>

#include "data_movement_test_util.h"

namespace mote::optest {
namespace {

using tflite::ActivationFunctionType_NONE;
using tflite::ActivationFunctionType_RELU;
using tflite::Padding_SAME;
using tflite::Padding_VALID;

std::vector<float> Iota1(int n) { return Iota<float>(n, 1); }

// Scatter reference in double: out[b, y*s - pad + fy, x*s - pad + fx, o] +=
// in[b, y, x, i] * filter[o, fy, fx, i]; then bias.
std::vector<double> TransposeConvRef(const std::vector<double>& in,
                                     const std::vector<int32_t>& in_shape,
                                     const std::vector<double>& filter,
                                     const std::vector<int32_t>& f_shape,
                                     const std::vector<double>& bias,
                                     const std::vector<int32_t>& out_shape,
                                     int stride, int pad_h, int pad_w) {
  const int oh = out_shape[1], ow = out_shape[2], oc = out_shape[3];
  const int ih = in_shape[1], iw = in_shape[2], ic = in_shape[3];
  std::vector<double> out(Count(out_shape), 0.0);
  for (int b = 0; b < in_shape[0]; ++b)
    for (int y = 0; y < ih; ++y)
      for (int x = 0; x < iw; ++x)
        for (int i = 0; i < ic; ++i)
          for (int fy = 0; fy < f_shape[1]; ++fy)
            for (int fx = 0; fx < f_shape[2]; ++fx)
              for (int o = 0; o < oc; ++o) {
                const int py = y * stride - pad_h + fy, px = x * stride - pad_w + fx;
                if (py < 0 || py >= oh || px < 0 || px >= ow) continue;
                out[((b * oh + py) * ow + px) * oc + o] +=
                    in[((b * ih + y) * iw + x) * ic + i] *
                    filter[((o * f_shape[1] + fy) * f_shape[2] + fx) * ic + i];
              }
  for (size_t k = 0; k < out.size(); ++k) {
    if (!bias.empty()) out[k] += bias[k % oc];
  }
  return out;
}

TEST(TransposeConvOp, TfliteMicroFloatGolden) {
  OpTester t;
  const int32_t shape = t.Const<int32_t>("output_shape", {4}, {1, 4, 4, 1});
  const int32_t filter = t.Const<float>("filter", {1, 3, 3, 2}, Iota1(18));
  const int32_t x = t.Input("x", kF32, {1, 4, 4, 2});
  const int32_t bias = t.Const<float>("bias", {1}, {0});
  const int32_t y = t.Output("y", kF32, {1, 4, 4, 1});
  t.Op(BuiltinOp::kTransposeConv, {shape, filter, x, bias}, {y},
       host::TransposeConvOptions(Padding_SAME, 1, 1), 3);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_EQ(t.Run<float>(Iota1(32)),
            (std::vector<float>{184, 412, 568, 528, 678, 1347, 1689, 1434, 1494,
                                2715, 3057, 2442, 1968, 3352, 3652, 2760}));
}

TEST(TransposeConvOp, FloatValidStride2BiasRelu) {
  OpTester t;
  const int32_t shape = t.Input("output_shape", kS32, {4});  // runtime: ignored
  const int32_t filter = t.Const<float>(
      "filter", {2, 3, 3, 1}, {1, 3, 5, 7, 9, 11, 13, 15, 17, 2, 4, 6, 8, 10, 12, 14, 16, 18});
  const int32_t x = t.Input("x", kF32, {1, 2, 2, 1});
  const int32_t bias = t.Const<float>("bias", {2}, {3, 4});
  const int32_t y = t.Output("y", kF32, {1, 5, 5, 2});
  t.Op(BuiltinOp::kTransposeConv, {shape, filter, x, bias}, {y},
       host::TransposeConvOptions(Padding_VALID, 2, 2, ActivationFunctionType_RELU), 4);
  t.SetGraphInputs({x, shape});
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  t.SetInput<float>(0, {1, 2, -3, 4});
  t.SetInput<int32_t>(1, {0, 0, 0, 0});
  ASSERT_EQ(t.Invoke(), Status::kOk) << t.message();
  EXPECT_EQ(t.GetOutput<float>(0),
            (std::vector<float>{4,  6,  6,  8,  10, 14, 9,  12, 13, 16, 10, 12, 12,
                                14, 28, 32, 21, 24, 25, 28, 13, 12, 9,  8,  35, 40,
                                45, 52, 57, 64, 0,  0,  0,  0,  0,  0,  39, 44, 47,
                                52, 0,  0,  0,  0,  4,  6,  63, 68, 71, 76}));
}

// int8 with per-channel filter scales, input/output zero points and a bias:
// within 1 LSB of quantize(double reference on the dequantized values).
TEST(TransposeConvOp, Int8PerChannelMatchesDoubleReference) {
  host::Rng rng(11);
  const std::vector<int32_t> in_shape = {2, 3, 4, 3}, f_shape = {4, 3, 3, 3},
                             out_shape = {2, 6, 8, 4};
  const std::vector<float> wf = rng.Uniform(Count(f_shape), -1.0f, 1.0f);
  const host::QuantizedWeights w = host::QuantizePerChannelS8(wf, f_shape, 0);
  const float in_scale = 0.05f;
  const int32_t in_zp = 7;
  const std::vector<float> bias_f = rng.Uniform(4, -0.5f, 0.5f);
  const host::QuantizedBias b = host::QuantizeBiasS32(bias_f, in_scale, w.scales);
  const std::vector<int8_t> in = rng.UniformS8(Count(in_shape));

  std::vector<double> wd;
  for (size_t i = 0; i < w.values.size(); ++i) {
    wd.push_back(w.values[i] * double{w.scales[i / 27]});
  }
  std::vector<double> bd;
  for (size_t c = 0; c < 4; ++c) bd.push_back(b.values[c] * double{in_scale} * w.scales[c]);
  // SAME, stride 2 on 6x8: pad = ((3 - 1) * 2 + 3 - 6) / 2 = 0 rows,
  // ((4 - 1) * 2 + 3 - 8) / 2 = 0 columns.
  const std::vector<double> real = TransposeConvRef(
      DequantizeAll(in, in_scale, in_zp), in_shape, wd, f_shape, bd, out_shape, 2, 0, 0);
  const host::AffineParams out_q = RangeParams(real);

  OpTester t;
  const int32_t shape = t.Const<int32_t>("output_shape", {4}, out_shape);
  const int32_t filter = t.Const<int8_t>("filter", f_shape, w.values, w.quant());
  const int32_t x = t.Input("x", kS8, in_shape, Q(in_scale, in_zp));
  const int32_t bias = t.Const<int32_t>("bias", {4}, b.values, b.quant());
  const int32_t y = t.Output("y", kS8, out_shape, Q(out_q.scale, out_q.zero_point));
  t.Op(BuiltinOp::kTransposeConv, {shape, filter, x, bias}, {y},
       host::TransposeConvOptions(Padding_SAME, 2, 2), 3);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  EXPECT_TRUE(WithinLsb(t.Run<int8_t>(in), QuantizeAll(real, out_q.scale, out_q.zero_point)));
}

TEST(TransposeConvOp, Int8WithoutBias) {
  OpTester t;
  const int32_t shape = t.Const<int32_t>("output_shape", {4}, {1, 2, 2, 1});
  const int32_t filter = t.Const<int8_t>("filter", {1, 2, 2, 1}, {1, -2, 3, -4}, Q(1.0f));
  const int32_t x = t.Input("x", kS8, {1, 1, 1, 1}, Q(1.0f, -1));
  const int32_t y = t.Output("y", kS8, {1, 2, 2, 1}, Q(1.0f, 2));
  t.Op(BuiltinOp::kTransposeConv, {shape, filter, x}, {y},
       host::TransposeConvOptions(Padding_VALID, 2, 2), 2);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  // (4 + 1) * w + 2
  EXPECT_EQ(t.Run<int8_t>({4}), (std::vector<int8_t>{7, -8, 17, -18}));
}

TEST(TransposeConvOp, Rejections) {
  struct Model {
    OpTester t;
    int32_t shape, filter, x, y;
    tflite::ActivationFunctionType act = ActivationFunctionType_NONE;
    int stride = 1;
    Model(tflite::TensorType type = kF32, std::vector<int32_t> out = {1, 4, 4, 1}) {
      const Quantization q = type == kS8 ? Q(0.5f) : Quantization{};
      shape = t.Const<int32_t>("output_shape", {4}, out);
      filter = type == kS8 ? t.Const<int8_t>("filter", {1, 3, 3, 2}, std::vector<int8_t>(18, 1), Q(1.0f))
                           : t.Const<float>("filter", {1, 3, 3, 2}, Iota1(18));
      x = t.Input("x", type, {1, 4, 4, 2}, q);
      y = t.Output("y", type, out, q);
    }
    void Op() {
      t.Op(BuiltinOp::kTransposeConv, {shape, filter, x}, {y},
           host::TransposeConvOptions(Padding_SAME, stride, stride, act));
    }
  };
  {
    Model m(kS8);
    m.act = ActivationFunctionType_RELU;
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "int8 with fused activation 1"));
  }
  {
    Model m(kF32, {1, 5, 5, 1});
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "input 'x' is 4x4 (h x w), but output 'y'"));
  }
  {
    Model m;
    m.shape = m.t.Const<int32_t>("wrong_shape", {4}, {1, 8, 8, 1});
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "output_shape tensor 'wrong_shape' does not match"));
  }
  {
    Model m;
    m.stride = 0;
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "stride 0x0 (h x w) must be >= 1"));
  }
  {
    Model m;
    m.filter = m.t.Const<int8_t>("int8_filter", {1, 3, 3, 2}, std::vector<int8_t>(18, 1), Q(1.0f));
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "(hybrid quantization) are not supported"));
  }
  {
    Model m(kS8);
    m.filter = m.t.Const<int8_t>("zp_filter", {1, 3, 3, 2}, std::vector<int8_t>(18, 1), Q(1.0f, 3));
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "filter 'zp_filter': zero point 3 of channel 0 is not 0"));
  }
  {
    Model m(kS16);
    m.Op();
    EXPECT_TRUE(PrepareFails(m.t, Status::kUnsupported, "input 'x': expected int8 or float32, got int16"));
  }
  {
    Model m;
    m.t.Op(BuiltinOp::kTransposeConv, {m.shape, m.filter, m.x}, {m.y}, {});
    EXPECT_TRUE(PrepareFails(m.t, Status::kInvalidModel, "stride 0x0"));
  }
}

}  // namespace
}  // namespace mote::optest
