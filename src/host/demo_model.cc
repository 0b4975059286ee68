#include "host/demo_model.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "host/model_writer.h"

namespace mote::host {

namespace {

constexpr int kCalibrationSamples = 16;
constexpr float kInputScale = 10.0f / 256.0f;
constexpr int32_t kInputZeroPoint = -128;

// A float NHWC activation batch: one vector per calibration sample.
struct Activations {
  int h = 1, w = 1, c = 1;
  std::vector<std::vector<float>> samples;
};

struct Window {
  int out = 0;
  int pad = 0;  // padding before the first element
};

// TFLite's output size and leading padding for one spatial dimension.
Window ComputeWindow(int in, int filter, int stride, bool same) {
  Window w;
  if (same) {
    w.out = (in + stride - 1) / stride;
    const int total = std::max((w.out - 1) * stride + filter - in, 0);
    w.pad = total / 2;
  } else {
    w.out = (in - filter) / stride + 1;
  }
  return w;
}

std::vector<float> Dequantized(const QuantizedWeights& q, int channels,
                               int inner) {
  std::vector<float> out(q.values.size());
  for (size_t i = 0; i < out.size(); ++i) {
    const size_t c = q.scales.size() == 1 ? 0 : (i / inner) % channels;
    out[i] = q.values[i] * q.scales[c];
  }
  return out;
}

std::vector<float> Dequantized(const QuantizedBias& q) {
  std::vector<float> out(q.values.size());
  for (size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<float>(q.values[i]) *
             q.scales[q.scales.size() == 1 ? 0 : i];
  }
  return out;
}

// Conv (depthwise when `depthwise`, filter [1,KH,KW,C]; else [O,KH,KW,C])
// over every sample, in float, with an optional ReLU.
Activations Conv(const Activations& in, const std::vector<float>& filter,
                 const std::vector<float>& bias, int out_c, int kh, int kw,
                 int stride, bool same, bool depthwise, bool relu) {
  const Window wy = ComputeWindow(in.h, kh, stride, same);
  const Window wx = ComputeWindow(in.w, kw, stride, same);
  Activations out;
  out.h = wy.out;
  out.w = wx.out;
  out.c = out_c;
  for (const std::vector<float>& x : in.samples) {
    std::vector<float> y(static_cast<size_t>(out.h) * out.w * out.c);
    for (int oy = 0; oy < out.h; ++oy) {
      for (int ox = 0; ox < out.w; ++ox) {
        for (int oc = 0; oc < out_c; ++oc) {
          double acc = bias[oc];
          for (int fy = 0; fy < kh; ++fy) {
            const int iy = oy * stride - wy.pad + fy;
            if (iy < 0 || iy >= in.h) continue;
            for (int fx = 0; fx < kw; ++fx) {
              const int ix = ox * stride - wx.pad + fx;
              if (ix < 0 || ix >= in.w) continue;
              const float* px = &x[(static_cast<size_t>(iy) * in.w + ix) * in.c];
              if (depthwise) {
                acc += px[oc] * filter[(fy * kw + fx) * out_c + oc];
              } else {
                const float* pf = &filter[((oc * kh + fy) * kw + fx) * in.c];
                for (int ic = 0; ic < in.c; ++ic) acc += px[ic] * pf[ic];
              }
            }
          }
          const float v = static_cast<float>(acc);
          y[(static_cast<size_t>(oy) * out.w + ox) * out.c + oc] =
              relu ? std::max(v, 0.0f) : v;
        }
      }
    }
    out.samples.push_back(std::move(y));
  }
  return out;
}

// Min/max calibration, as TFLite's converter does with representative data.
Quantization Calibrate(const Activations& a) {
  float lo = 0.0f, hi = 0.0f;
  for (const std::vector<float>& s : a.samples) {
    for (float v : s) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  }
  // A dead layer would give the range {0} and scale 0; keep it usable.
  if (hi - lo < 1e-6f) hi = lo + 1e-6f;
  const AffineParams p = ChooseQuantParams(lo, hi);
  Quantization q = Quantization::PerTensor(p.scale, p.zero_point);
  q.min = {lo};
  q.max = {hi};
  return q;
}

// He-uniform initialisation keeps activations roughly the same size from
// layer to layer, like a trained network.
std::vector<float> HeUniform(Rng& rng, size_t n, int fan_in) {
  const float limit = std::sqrt(6.0f / static_cast<float>(fan_in));
  return rng.Uniform(n, -limit, limit);
}

}  // namespace

std::vector<uint8_t> BuildDemoModel(uint32_t seed) {
  Rng rng(seed);
  ModelWriter w;
  w.SetDescription("mote demo keyword-spotting CNN (random weights, seed " +
                   std::to_string(seed) + ")");

  // Calibration inputs: random spectrogram frames over the whole int8 range.
  Activations act;
  act.h = kDemoInputHeight;
  act.w = kDemoInputWidth;
  act.c = 1;
  for (int s = 0; s < kCalibrationSamples; ++s) {
    act.samples.push_back(Dequantize(
        rng.UniformS8(kDemoInputHeight * kDemoInputWidth), kInputScale,
        kInputZeroPoint));
  }
  Quantization act_q = Quantization::PerTensor(kInputScale, kInputZeroPoint);
  const int32_t input = w.AddActivation(
      "input", tflite::TensorType_INT8, {1, kDemoInputHeight, kDemoInputWidth, 1},
      act_q);
  int32_t x = input;

  // One convolution layer: quantize weights, quantize the bias with the
  // current input scale, run in float to calibrate the output, emit tensors.
  auto conv_layer = [&](const std::string& name, int out_c, int kh, int kw,
                        int stride, bool depthwise) {
    const int in_c = act.c;
    const std::vector<int32_t> filter_shape =
        depthwise ? std::vector<int32_t>{1, kh, kw, out_c}
                  : std::vector<int32_t>{out_c, kh, kw, in_c};
    const int fan_in = kh * kw * (depthwise ? 1 : in_c);
    const std::vector<float> wf =
        HeUniform(rng, static_cast<size_t>(NumElements(filter_shape)), fan_in);
    const int axis = depthwise ? 3 : 0;
    const QuantizedWeights wq = QuantizePerChannelS8(wf, filter_shape, axis);
    const QuantizedBias bq =
        QuantizeBiasS32(rng.Uniform(out_c, -0.1f, 0.1f), act_q.scales[0],
                        wq.scales);
    const int inner = depthwise ? 1 : kh * kw * in_c;
    act = Conv(act, Dequantized(wq, out_c, inner), Dequantized(bq), out_c, kh,
               kw, stride, /*same=*/true, depthwise, /*relu=*/true);
    act_q = Calibrate(act);

    const int32_t filter = w.AddConst(name + "/weights", filter_shape,
                                      wq.values, wq.quant());
    const int32_t bias = w.AddConst(name + "/bias", {out_c}, bq.values,
                                    bq.quant());
    const int32_t out = w.AddActivation(
        name + "/Relu", tflite::TensorType_INT8, {1, act.h, act.w, act.c},
        act_q);
    if (depthwise) {
      w.AddOperator(BuiltinOp::kDepthwiseConv2D, {x, filter, bias}, {out},
                    DepthwiseConv2DOptions(tflite::Padding_SAME, stride, stride,
                                           /*depth_multiplier=*/1,
                                           tflite::ActivationFunctionType_RELU),
                    /*version=*/3);
    } else {
      w.AddOperator(BuiltinOp::kConv2D, {x, filter, bias}, {out},
                    Conv2DOptions(tflite::Padding_SAME, stride, stride,
                                  tflite::ActivationFunctionType_RELU),
                    /*version=*/3);
    }
    x = out;
  };
  conv_layer("conv1", /*out_c=*/8, /*kh=*/10, /*kw=*/4, /*stride=*/2, false);
  conv_layer("dwconv", 8, 3, 3, 1, true);
  conv_layer("pwconv", 16, 1, 1, 1, false);

  // Global average pool: int8 pooling keeps the input's quantization.
  const int channels = act.c;
  Activations pooled;
  pooled.c = channels;
  for (const std::vector<float>& s : act.samples) {
    std::vector<float> mean(channels, 0.0f);
    for (size_t i = 0; i < s.size(); ++i) mean[i % channels] += s[i];
    for (float& m : mean) m /= static_cast<float>(act.h * act.w);
    pooled.samples.push_back(std::move(mean));
  }
  const int32_t pool = w.AddActivation("pool", tflite::TensorType_INT8,
                                       {1, 1, 1, channels}, act_q);
  w.AddOperator(BuiltinOp::kAveragePool2D, {x}, {pool},
                Pool2DOptions(tflite::Padding_VALID, 1, 1, act.w, act.h),
                /*version=*/2);

  const int32_t shape = w.AddConst("flatten/shape", {2},
                                   std::vector<int32_t>{1, channels});
  const int32_t flat = w.AddActivation("flatten", tflite::TensorType_INT8,
                                       {1, channels}, act_q);
  w.AddOperator(BuiltinOp::kReshape, {pool, shape}, {flat},
                ReshapeOptions({1, channels}), /*version=*/1);

  // Classifier: per-tensor weights, as TFLite's converter emits for
  // FULLY_CONNECTED.
  const std::vector<float> fc_wf =
      HeUniform(rng, static_cast<size_t>(kDemoNumClasses) * channels, channels);
  const QuantizedWeights fc_wq = QuantizePerTensorS8(fc_wf);
  const QuantizedBias fc_bq = QuantizeBiasS32(
      rng.Uniform(kDemoNumClasses, -0.1f, 0.1f), act_q.scales[0], fc_wq.scales);
  const std::vector<float> fc_w = Dequantized(fc_wq, 1, 1);
  const std::vector<float> fc_b = Dequantized(fc_bq);
  Activations logits;
  logits.c = kDemoNumClasses;
  for (const std::vector<float>& s : pooled.samples) {
    std::vector<float> y(kDemoNumClasses);
    for (int o = 0; o < kDemoNumClasses; ++o) {
      double acc = fc_b[o];
      for (int i = 0; i < channels; ++i) acc += s[i] * fc_w[o * channels + i];
      y[o] = static_cast<float>(acc);
    }
    logits.samples.push_back(std::move(y));
  }
  const Quantization logits_q = Calibrate(logits);
  const int32_t fc_weights =
      w.AddConst("fc/weights", {kDemoNumClasses, channels}, fc_wq.values,
                 Quantization::PerTensor(fc_wq.scales[0], 0));
  const int32_t fc_bias =
      w.AddConst("fc/bias", {kDemoNumClasses}, fc_bq.values,
                 Quantization::PerTensor(fc_bq.scales[0], 0));
  const int32_t fc = w.AddActivation("logits", tflite::TensorType_INT8,
                                     {1, kDemoNumClasses}, logits_q);
  w.AddOperator(BuiltinOp::kFullyConnected, {flat, fc_weights, fc_bias}, {fc},
                FullyConnectedOptions(), /*version=*/4);

  const int32_t probs = w.AddActivation(
      "probabilities", tflite::TensorType_INT8, {1, kDemoNumClasses},
      Quantization::PerTensor(1.0f / 256.0f, -128));
  w.AddOperator(BuiltinOp::kSoftmax, {fc}, {probs}, SoftmaxOptions(1.0f),
                /*version=*/2);

  w.SetInputs({input});
  w.SetOutputs({probs});
  // The converter records the oldest TFLite runtime that can run the model.
  std::vector<uint8_t> version(16, 0);
  const std::string v = "1.14.0";
  std::copy(v.begin(), v.end(), version.begin());
  w.AddMetadata("min_runtime_version", version);
  return w.Finish();
}

}  // namespace mote::host
