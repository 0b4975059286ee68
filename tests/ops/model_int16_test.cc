// A whole 16x8 model as TFLite's converter writes one (int16 activations,
// int8 weights, int64 biases), built with ModelWriter and run end to end:
//   float x -> QUANTIZE -> CONV_2D (RELU) -> DEPTHWISE_CONV_2D -> ADD
//   (residual) -> MUL -> LOGISTIC -> FULLY_CONNECTED -> SOFTMAX -> DEQUANTIZE
// against the same network in double. Each int16 tensor adds at most a few
// LSB of its own scale; the int16 SOFTMAX (about 8 LSB of 2^-15) dominates,
// so the probabilities agree to 3e-4 (measured: about 1e-5).
#include <cmath>
#include <cstdint>
#include <vector>

#include "op_test_util.h"

namespace mote::optest {
namespace {

using Act = tflite::ActivationFunctionType;

// Symmetric int16 scale covering |v| <= max_abs.
float S16Scale(const std::vector<double>& v) {
  double m = 1e-6;
  for (double x : v) m = std::max(m, std::fabs(x));
  return static_cast<float>(m / 32000.0);
}

std::vector<double> Relu(std::vector<double> v) {
  for (double& x : v) x = std::max(0.0, x);
  return v;
}

// NHWC conv / depthwise with SAME padding, stride 1, in double.
std::vector<double> ConvRef(const std::vector<double>& in, int h, int w, int ic, const std::vector<double>& f,
                            const std::vector<double>& bias, int oc, bool depthwise) {
  std::vector<double> out;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int o = 0; o < oc; ++o) {
        double acc = bias[o];
        for (int fy = 0; fy < 3; ++fy)
          for (int fx = 0; fx < 3; ++fx) {
            const int iy = y + fy - 1, ix = x + fx - 1;
            if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
            if (depthwise) {
              acc += in[(iy * w + ix) * ic + o] * f[(fy * 3 + fx) * oc + o];
            } else {
              for (int c = 0; c < ic; ++c) acc += in[(iy * w + ix) * ic + c] * f[((o * 3 + fy) * 3 + fx) * ic + c];
            }
          }
        out.push_back(acc);
      }
  return out;
}

TEST(ModelInt16, ConverterStyleNetworkMatchesDouble) {
  constexpr int H = 6, W = 6, C = 4, UNITS = 5;
  host::Rng rng(2024);
  const std::vector<float> x = rng.Uniform(H * W * 2, -2.0f, 2.0f);
  const std::vector<float> conv_w = rng.Uniform(C * 3 * 3 * 2, -0.5f, 0.5f);
  const std::vector<float> dw_w = rng.Uniform(3 * 3 * C, -0.5f, 0.5f);
  const std::vector<float> fc_w = rng.Uniform(UNITS * H * W * C, -0.1f, 0.1f);
  const std::vector<float> conv_b = rng.Uniform(C, -0.2f, 0.2f);
  const std::vector<float> dw_b = rng.Uniform(C, -0.2f, 0.2f);
  const std::vector<float> fc_b = rng.Uniform(UNITS, -0.2f, 0.2f);
  const host::QuantizedWeights qconv = host::QuantizePerChannelS8(conv_w, {C, 3, 3, 2}, 0);
  const host::QuantizedWeights qdw = host::QuantizePerChannelS8(dw_w, {1, 3, 3, C}, 3);
  const host::QuantizedWeights qfc = host::QuantizePerTensorS8(fc_w);
  const auto deq = [](const host::QuantizedWeights& q, int channels, int axis_stride, bool last) {
    std::vector<double> r(q.values.size());
    for (size_t i = 0; i < r.size(); ++i) {
      const size_t c = q.scales.size() == 1 ? 0 : (last ? i % channels : i / axis_stride);
      r[i] = q.values[i] * double{q.scales[c]};
    }
    return r;
  };

  // The network in double with the quantized weights (the weights are what
  // the model holds; activations stay real).
  const std::vector<double> xr(x.begin(), x.end());
  const std::vector<double> a1 =
      Relu(ConvRef(xr, H, W, 2, deq(qconv, C, 3 * 3 * 2, false), std::vector<double>(conv_b.begin(), conv_b.end()), C, false));
  const std::vector<double> a2 =
      ConvRef(a1, H, W, C, deq(qdw, C, 1, true), std::vector<double>(dw_b.begin(), dw_b.end()), C, true);
  std::vector<double> a3(a1.size()), a4(a1.size()), a5(a1.size());
  for (size_t i = 0; i < a1.size(); ++i) {
    a3[i] = a1[i] + a2[i];
    a4[i] = a3[i] * a3[i];
    a5[i] = 1.0 / (1.0 + std::exp(-a4[i]));
  }
  const std::vector<double> wfc = deq(qfc, 1, 1, false);
  std::vector<double> logits(UNITS);
  for (int u = 0; u < UNITS; ++u) {
    logits[u] = fc_b[u];
    for (int d = 0; d < H * W * C; ++d) logits[u] += a5[d] * wfc[u * H * W * C + d];
  }
  double m = logits[0];
  for (double l : logits) m = std::max(m, l);
  double sum = 0.0;
  for (double l : logits) sum += std::exp(l - m);

  // Scales from the real ranges, as a calibrating converter picks them
  // (LOGISTIC's input at a general scale, rescaled onto its table); LOGISTIC
  // and SOFTMAX write Q0.15.
  const float sx = S16Scale(xr), s1 = S16Scale(a1), s2 = S16Scale(a2), s3 = S16Scale(a3), s4 = S16Scale(a4);
  const float s5 = 1.0f / 32768, sl = S16Scale(logits);
  const auto bias64 = [](const std::vector<float>& b, float in_scale, const std::vector<float>& w_scales) {
    std::vector<int64_t> q;
    for (size_t i = 0; i < b.size(); ++i) {
      q.push_back(std::llround(b[i] / (double{in_scale} * w_scales[w_scales.size() == 1 ? 0 : i])));
    }
    return q;
  };

  OpTester t;
  const int32_t tx = t.Input("x", kF32, {1, H, W, 2});
  const int32_t qx = t.Temp("xq", kS16, {1, H, W, 2}, Q(sx));
  const int32_t wc = t.Const<int8_t>("conv_w", {C, 3, 3, 2}, qconv.values, qconv.quant());
  const int32_t bc = t.Const<int64_t>("conv_b", {C}, bias64(conv_b, sx, qconv.scales));
  const int32_t t1 = t.Temp("a1", kS16, {1, H, W, C}, Q(s1));
  const int32_t wd = t.Const<int8_t>("dw_w", {1, 3, 3, C}, qdw.values, qdw.quant());
  const int32_t bd = t.Const<int64_t>("dw_b", {C}, bias64(dw_b, s1, qdw.scales));
  const int32_t t2 = t.Temp("a2", kS16, {1, H, W, C}, Q(s2));
  const int32_t t3 = t.Temp("a3", kS16, {1, H, W, C}, Q(s3));
  const int32_t t4 = t.Temp("a4", kS16, {1, H, W, C}, Q(s4));
  const int32_t t5 = t.Temp("a5", kS16, {1, H, W, C}, Q(s5));
  const int32_t wf = t.Const<int8_t>("fc_w", {UNITS, H * W * C}, qfc.values, qfc.quant());
  const int32_t bf = t.Const<int64_t>("fc_b", {UNITS}, bias64(fc_b, s5, qfc.scales), Q(s5 * qfc.scales[0]));
  const int32_t tl = t.Temp("logits", kS16, {1, UNITS}, Q(sl));
  const int32_t tp = t.Temp("p", kS16, {1, UNITS}, Q(1.0f / 32768));
  const int32_t ty = t.Output("y", kF32, {1, UNITS});
  t.Op(BuiltinOp::kQuantize, {tx}, {qx}, {}, 2);
  t.Op(BuiltinOp::kConv2D, {qx, wc, bc}, {t1}, host::Conv2DOptions(tflite::Padding_SAME, 1, 1, tflite::ActivationFunctionType_RELU), 4);
  t.Op(BuiltinOp::kDepthwiseConv2D, {t1, wd, bd}, {t2}, host::DepthwiseConv2DOptions(tflite::Padding_SAME, 1, 1, 1), 5);
  t.Op(BuiltinOp::kAdd, {t1, t2}, {t3}, host::AddOptions(), 3);
  t.Op(BuiltinOp::kMul, {t3, t3}, {t4}, host::MulOptions(), 4);
  t.Op(BuiltinOp::kLogistic, {t4}, {t5}, {}, 3);
  t.Op(BuiltinOp::kFullyConnected, {t5, wf, bf}, {tl}, host::FullyConnectedOptions(), 7);
  t.Op(BuiltinOp::kSoftmax, {tl}, {tp}, host::SoftmaxOptions(1.0f), 3);
  t.Op(BuiltinOp::kDequantize, {tp}, {ty}, {}, 3);
  ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
  const std::vector<float> y = t.Run<float>(x);
  ASSERT_EQ(y.size(), static_cast<size_t>(UNITS));
  double total = 0.0;
  for (int u = 0; u < UNITS; ++u) {
    const double want = std::exp(logits[u] - m) / sum;
    EXPECT_NEAR(y[u], want, 3e-4) << "unit " << u;
    total += y[u];
  }
  EXPECT_NEAR(total, 1.0, 1e-3);
  // Run again: the same input gives the same bytes (no state).
  EXPECT_EQ(t.Run<float>(x), y);
}

}  // namespace
}  // namespace mote::optest
