#include "train/quantize.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "host/model_writer.h"
#include "kernels/quant_math.h"
#include "train/im2col.h"
#include "train/trainer.h"

namespace mote::train {
namespace {

int TfliteActivation(FusedActivation a) {
  switch (a) {
    case FusedActivation::kRelu: return static_cast<int>(Activation::kRelu);
    case FusedActivation::kRelu6: return static_cast<int>(Activation::kRelu6);
    case FusedActivation::kNone: break;
  }
  return static_cast<int>(Activation::kNone);
}

// Up to this many values per tensor are kept for percentiles.
constexpr size_t kMaxKept = size_t{1} << 21;

struct Observer {
  float min = std::numeric_limits<float>::infinity();
  float max = -std::numeric_limits<float>::infinity();
  std::vector<float> kept;
  size_t stride = 1;
  size_t seen = 0;
  void Add(const float* v, size_t n, bool keep) {
    for (size_t i = 0; i < n; ++i) {
      min = std::min(min, v[i]);
      max = std::max(max, v[i]);
    }
    if (!keep) return;
    for (size_t i = 0; i < n; ++i, ++seen) {
      if (seen % stride == 0) kept.push_back(v[i]);
    }
  }
};

// The range [a * min, a * max], a in (0, 1], whose int8 grid (the exported
// one: ActivationParams) gives the least mean squared error on `values`.
// Shrinking both ends by one factor keeps zero's position (ReLU outputs stay
// [0, x]); a = 1 wins ties, so clean data keeps min/max.
void MseRange(const std::vector<float>& values, float* min, float* max) {
  if (values.empty() || !(*max > *min)) return;
  // A fixed subsample keeps the search cheap on big tensors.
  const size_t step = std::max<size_t>(1, values.size() / 65536);
  auto error = [&](float lo, float hi) {
    float scale = 0.0f;
    int32_t zp = 0;
    ActivationParams(lo, hi, &scale, &zp);
    double sum = 0.0;
    for (size_t i = 0; i < values.size(); i += step) {
      const float q = std::min(std::max(std::round(values[i] / scale) + zp, -128.0f), 127.0f);
      const double d = static_cast<double>((q - zp) * scale) - values[i];
      sum += d * d;
    }
    return sum;
  };
  double best = error(*min, *max);
  float best_a = 1.0f;
  for (int k = 1; k < 100; ++k) {
    const float a = 1.0f - 0.009f * static_cast<float>(k);  // down to 0.109
    const double e = error(a * *min, a * *max);
    if (e < best) {
      best = e;
      best_a = a;
    }
  }
  *min *= best_a;
  *max *= best_a;
}

}  // namespace

void ActivationParams(float min, float max, float* scale, int32_t* zero_point) {
  if (!(max - min > 1e-6f)) max = min + 1e-3f;  // a constant tensor (dead channel)
  const host::AffineParams p = host::ChooseQuantParams(min, max);
  *scale = p.scale;
  *zero_point = p.zero_point;
}

void ValidateQuantizeConfig(const QuantizeConfig& c) {
  if (c.method != "minmax" && c.method != "percentile" && c.method != "mse") {
    throw std::invalid_argument(
        "quantization: method must be \"minmax\", \"percentile\" or \"mse\"");
  }
  if (c.qat_epochs < 0 || c.qat_epochs > 1000) {
    throw std::invalid_argument("quantization: qat_epochs must be in 0..1000");
  }
  if (!(c.qat_learning_rate > 0.0f) || !std::isfinite(c.qat_learning_rate)) {
    throw std::invalid_argument("quantization: qat_learning_rate must be > 0");
  }
  if (!(c.percentile > 50.0 && c.percentile <= 100.0)) {
    throw std::invalid_argument("quantization: percentile must be in (50, 100]");
  }
  if (c.calibration_samples < 1) {
    throw std::invalid_argument("quantization: calibration_samples must be >= 1");
  }
}

Calibration Calibrate(const Network& net, const InferenceGraph& graph, const data::Dataset& all,
                      const QuantizeConfig& config, int threads) {
  ValidateQuantizeConfig(config);
  const data::Dataset d = data::Limit(all, static_cast<size_t>(config.calibration_samples), 17);
  const SampleShape in = net.input_shape();
  if (!(SampleShape{d.h, d.w, d.c} == in)) {
    throw std::invalid_argument("calibration data: samples are " + d.shape_string() +
                                ", the model's input is " + in.ToString());
  }
  const size_t tensors = graph.ops.size() + 1;
  const bool keep = config.method != "minmax";
  const int batch = 64;
  const size_t chunks = (d.size() + batch - 1) / batch;
  const int shards = static_cast<int>(std::max<size_t>(1, std::min<size_t>(threads, chunks)));
  std::vector<std::vector<Observer>> obs(shards, std::vector<Observer>(tensors));
  for (auto& shard : obs) {
    for (size_t t = 0; t < tensors; ++t) {
      const int64_t per_sample = t == 0 ? in.size() : graph.ops[t - 1].out.size();
      const size_t total = d.size() * static_cast<size_t>(per_sample) / shards + 1;
      shard[t].stride = std::max<size_t>(1, total / (kMaxKept / shards));
    }
  }
  RunShards(shards, [&](int s) {
    Network::Workspace ws = net.NewWorkspace();
    for (size_t chunk = s; chunk < chunks; chunk += shards) {
      const size_t begin = chunk * batch;
      const size_t end = std::min(d.size(), begin + batch);
      ws.input().Resize(static_cast<int>(end - begin), in);
      std::memcpy(ws.input().data.data(), d.sample(begin), (end - begin) * in.size() * 4);
      net.Forward(&ws, false, 0);
      obs[s][0].Add(ws.acts[0].data.data(), ws.acts[0].size(), keep);
      for (size_t i = 0; i < graph.ops.size(); ++i) {
        const int src = graph.ops[i].source_layer;
        if (src < 0) continue;  // softmax: fixed output parameters
        const Batch& b = ws.acts[src + 1];
        obs[s][i + 1].Add(b.data.data(), b.size(), keep);
      }
    }
  });
  Calibration cal;
  cal.min.resize(tensors);
  cal.max.resize(tensors);
  for (size_t t = 0; t < tensors; ++t) {
    Observer merged;
    for (int s = 0; s < shards; ++s) {
      merged.min = std::min(merged.min, obs[s][t].min);
      merged.max = std::max(merged.max, obs[s][t].max);
      merged.kept.insert(merged.kept.end(), obs[s][t].kept.begin(), obs[s][t].kept.end());
    }
    if (!std::isfinite(merged.min)) merged.min = merged.max = 0.0f;  // softmax
    if (config.method == "mse") {
      MseRange(merged.kept, &merged.min, &merged.max);
    } else if (keep && !merged.kept.empty()) {
      // The central `percentile` % of the values (never wider than min/max).
      const double tail = (100.0 - config.percentile) / 200.0;
      auto at = [&](double q) {
        const size_t k = std::min(merged.kept.size() - 1,
                                  static_cast<size_t>(q * (merged.kept.size() - 1) + 0.5));
        std::nth_element(merged.kept.begin(), merged.kept.begin() + k, merged.kept.end());
        return merged.kept[k];
      };
      merged.min = std::max(merged.min, at(tail));
      merged.max = std::min(merged.max, at(1.0 - tail));
    }
    cal.min[t] = merged.min;
    cal.max[t] = merged.max;
  }
  return cal;
}

QuantizedModel QuantizeGraph(const InferenceGraph& graph, const Calibration& cal) {
  if (cal.min.size() != graph.ops.size() + 1) {
    throw std::invalid_argument("quantization: calibration does not match the graph");
  }
  auto params_for = [&](size_t t, const std::string& name) {
    host::AffineParams p;
    ActivationParams(cal.min[t], cal.max[t], &p.scale, &p.zero_point);
    if (!(p.scale > 0.0f)) throw std::invalid_argument(name + ": cannot quantize its range");
    return p;
  };
  QuantizedModel m;
  {
    const host::AffineParams p = params_for(0, "input");
    m.tensors.push_back({"input", graph.input, p.scale, p.zero_point});
  }
  for (size_t i = 0; i < graph.ops.size(); ++i) {
    const FloatOp& f = graph.ops[i];
    QOp q;
    q.kind = f.kind;
    q.name = f.name;
    q.input = static_cast<int>(m.tensors.size()) - 1;
    q.kernel_h = f.kernel_h;
    q.kernel_w = f.kernel_w;
    q.stride_h = f.stride_h;
    q.stride_w = f.stride_w;
    q.padding = f.padding;
    q.multiplier = f.multiplier;
    q.activation = f.activation;
    const QTensor in = m.tensors[q.input];
    QTensor out{f.name, f.out, in.scale, in.zero_point};
    if (f.kind == OpKind::kSoftmax) {
      out.scale = 1.0f / 256;
      out.zero_point = -128;
      if (!ref::PrepareSoftmaxS8(in.scale, 1.0f, &q.softmax)) {
        throw std::invalid_argument(f.name + ": input scale too small for int8 softmax");
      }
    } else if (f.kind == OpKind::kConv2D || f.kind == OpKind::kDepthwiseConv2D ||
               f.kind == OpKind::kFullyConnected) {
      const host::AffineParams p = params_for(i + 1, f.name);
      out.scale = p.scale;
      out.zero_point = p.zero_point;
      const int cout = f.out.c;
      host::QuantizedWeights w;
      if (f.kind == OpKind::kConv2D) {
        // HWIO -> OHWI.
        const int k = f.kernel_h * f.kernel_w * f.in.c;
        std::vector<float> ohwi(f.weights.size());
        for (int o = 0; o < cout; ++o) {
          for (int j = 0; j < k; ++j) ohwi[static_cast<size_t>(o) * k + j] = f.weights[j * cout + o];
        }
        w = host::QuantizePerChannelS8(ohwi, {cout, f.kernel_h, f.kernel_w, f.in.c}, 0);
      } else if (f.kind == OpKind::kDepthwiseConv2D) {
        w = host::QuantizePerChannelS8(f.weights, {1, f.kernel_h, f.kernel_w, cout}, 3);
      } else {
        // [depth][units] -> [units][depth], one scale (TFLite's converter).
        const int64_t depth = f.in.size();
        std::vector<float> t(f.weights.size());
        for (int u = 0; u < cout; ++u) {
          for (int64_t j = 0; j < depth; ++j) t[u * depth + j] = f.weights[j * cout + u];
        }
        w = host::QuantizePerTensorS8(t);
      }
      q.weights = std::move(w.values);
      q.weight_scales = w.scales;
      const host::QuantizedBias b = host::QuantizeBiasS32(f.bias, in.scale, q.weight_scales);
      q.bias = b.values;
      q.bias_scales = b.scales;
      // The runtime's multipliers: conv/depthwise multiply the scales in
      // double, fully connected in float first (TFLite's two code paths).
      for (size_t c = 0; c < q.weight_scales.size(); ++c) {
        double real;
        if (f.kind == OpKind::kFullyConnected) {
          real = static_cast<double>(in.scale * q.weight_scales[c]) /
                 static_cast<double>(out.scale);
        } else {
          real = static_cast<double>(in.scale) * static_cast<double>(q.weight_scales[c]) /
                 static_cast<double>(out.scale);
        }
        int32_t mult = 0;
        int shift = 0;
        QuantizeMultiplier(real, &mult, &shift);
        q.out_multiplier.push_back(mult);
        q.out_shift.push_back(shift);
      }
    }
    ActivationRangeQuantized(TfliteActivation(q.activation), out.scale, out.zero_point, -128, 127,
                             &q.act_min, &q.act_max);
    q.output = static_cast<int>(m.tensors.size());
    m.tensors.push_back(out);
    m.ops.push_back(std::move(q));
  }
  m.output = static_cast<int>(m.tensors.size()) - 1;
  return m;
}

void QuantizeInput(const QuantizedModel& m, const float* x, int8_t* q) {
  const QTensor& t = m.input_tensor();
  const int64_t n = t.shape.size();
  for (int64_t i = 0; i < n; ++i) {
    const float v = std::round(x[i] / t.scale) + static_cast<float>(t.zero_point);
    q[i] = static_cast<int8_t>(std::min(127.0f, std::max(-128.0f, v)));
  }
}

namespace {

inline int8_t Requantize(int32_t acc, int32_t mult, int shift, int32_t zp, int32_t lo,
                         int32_t hi) {
  int32_t v = MultiplyByQuantizedMultiplier(acc, mult, shift) + zp;
  return static_cast<int8_t>(std::min(std::max(v, lo), hi));
}

void ConvS8(const QuantizedModel& m, const QOp& op, const int8_t* in, int8_t* out) {
  const QTensor& ti = m.tensors[op.input];
  const QTensor& to = m.tensors[op.output];
  const ConvGeometry g = ConvGeometry::Make(ti.shape, op.kernel_h, op.kernel_w, op.stride_h,
                                            op.stride_w, op.padding);
  const int k = g.patch();
  const int cout = to.shape.c;
  std::vector<int8_t> col(static_cast<size_t>(g.pixels()) * k);
  Im2Col<int8_t>(g, in, col.data(), static_cast<int8_t>(ti.zero_point));
  // sum (x - zp) w = sum x w - zp sum w: exact in int32.
  std::vector<int32_t> wsum(cout, 0);
  for (int o = 0; o < cout; ++o) {
    for (int j = 0; j < k; ++j) wsum[o] += op.weights[static_cast<size_t>(o) * k + j];
  }
  for (int p = 0; p < g.pixels(); ++p) {
    const int8_t* x = col.data() + static_cast<size_t>(p) * k;
    for (int o = 0; o < cout; ++o) {
      const int8_t* w = op.weights.data() + static_cast<size_t>(o) * k;
      int32_t acc = 0;
      for (int j = 0; j < k; ++j) acc += int32_t{x[j]} * int32_t{w[j]};
      acc += op.bias[o] - ti.zero_point * wsum[o];
      out[static_cast<size_t>(p) * cout + o] =
          Requantize(acc, op.out_multiplier[o], op.out_shift[o], to.zero_point, op.act_min,
                     op.act_max);
    }
  }
}

void DepthwiseS8(const QuantizedModel& m, const QOp& op, const int8_t* in, int8_t* out) {
  const QTensor& ti = m.tensors[op.input];
  const QTensor& to = m.tensors[op.output];
  const ConvGeometry g = ConvGeometry::Make(ti.shape, op.kernel_h, op.kernel_w, op.stride_h,
                                            op.stride_w, op.padding);
  const int cin = ti.shape.c, cout = to.shape.c, mult = op.multiplier;
  std::vector<int32_t> acc(cout);
  for (int oy = 0; oy < g.out_h; ++oy) {
    for (int ox = 0; ox < g.out_w; ++ox) {
      std::copy(op.bias.begin(), op.bias.end(), acc.begin());
      for (int ky = 0; ky < g.k_h; ++ky) {
        const int iy = oy * g.stride_h - g.pad_top + ky;
        if (iy < 0 || iy >= g.in_h) continue;
        for (int kx = 0; kx < g.k_w; ++kx) {
          const int ix = ox * g.stride_w - g.pad_left + kx;
          if (ix < 0 || ix >= g.in_w) continue;
          const int8_t* x = in + (static_cast<size_t>(iy) * g.in_w + ix) * cin;
          const int8_t* w = op.weights.data() + static_cast<size_t>(ky * g.k_w + kx) * cout;
          for (int c = 0; c < cin; ++c) {
            const int32_t xv = int32_t{x[c]} - ti.zero_point;
            for (int j = 0; j < mult; ++j) acc[c * mult + j] += xv * w[c * mult + j];
          }
        }
      }
      int8_t* o = out + (static_cast<size_t>(oy) * g.out_w + ox) * cout;
      for (int c = 0; c < cout; ++c) {
        o[c] = Requantize(acc[c], op.out_multiplier[c], op.out_shift[c], to.zero_point,
                          op.act_min, op.act_max);
      }
    }
  }
}

void FullyConnectedS8(const QuantizedModel& m, const QOp& op, const int8_t* in, int8_t* out) {
  const QTensor& ti = m.tensors[op.input];
  const QTensor& to = m.tensors[op.output];
  const int64_t depth = ti.shape.size();
  const int units = to.shape.c;
  for (int u = 0; u < units; ++u) {
    const int8_t* w = op.weights.data() + u * depth;
    int32_t acc = op.bias[u];
    for (int64_t j = 0; j < depth; ++j) acc += (int32_t{in[j]} - ti.zero_point) * int32_t{w[j]};
    out[u] = Requantize(acc, op.out_multiplier[0], op.out_shift[0], to.zero_point, op.act_min,
                        op.act_max);
  }
}

void PoolS8(const QuantizedModel& m, const QOp& op, const int8_t* in, int8_t* out) {
  const QTensor& ti = m.tensors[op.input];
  const ConvGeometry g = ConvGeometry::Make(ti.shape, op.kernel_h, op.kernel_w, op.stride_h,
                                            op.stride_w, op.padding);
  const int ch = ti.shape.c;
  for (int oy = 0; oy < g.out_h; ++oy) {
    const int y0 = std::max(oy * g.stride_h - g.pad_top, 0);
    const int y1 = std::min(oy * g.stride_h - g.pad_top + g.k_h, g.in_h);
    for (int ox = 0; ox < g.out_w; ++ox) {
      const int x0 = std::max(ox * g.stride_w - g.pad_left, 0);
      const int x1 = std::min(ox * g.stride_w - g.pad_left + g.k_w, g.in_w);
      const int count = (y1 - y0) * (x1 - x0);
      for (int c = 0; c < ch; ++c) {
        int32_t v;
        if (op.kind == OpKind::kMaxPool) {
          v = -128;
          for (int y = y0; y < y1; ++y) {
            for (int x = x0; x < x1; ++x) v = std::max<int32_t>(v, in[(y * g.in_w + x) * ch + c]);
          }
        } else {
          int32_t sum = 0;
          for (int y = y0; y < y1; ++y) {
            for (int x = x0; x < x1; ++x) sum += in[(y * g.in_w + x) * ch + c];
          }
          // Round half away from zero, as TFLite's integer average.
          v = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
        }
        out[(static_cast<size_t>(oy) * g.out_w + ox) * ch + c] =
            static_cast<int8_t>(std::min(std::max(v, op.act_min), op.act_max));
      }
    }
  }
}

}  // namespace

void RunInt8(const QuantizedModel& m, const int8_t* input, int8_t* output,
             std::vector<std::vector<int8_t>>* tensors) {
  std::vector<std::vector<int8_t>> t(m.tensors.size());
  t[0].assign(input, input + m.tensors[0].shape.size());
  for (const QOp& op : m.ops) {
    t[op.output].resize(m.tensors[op.output].shape.size());
    const int8_t* in = t[op.input].data();
    int8_t* out = t[op.output].data();
    switch (op.kind) {
      case OpKind::kConv2D: ConvS8(m, op, in, out); break;
      case OpKind::kDepthwiseConv2D: DepthwiseS8(m, op, in, out); break;
      case OpKind::kFullyConnected: FullyConnectedS8(m, op, in, out); break;
      case OpKind::kMaxPool:
      case OpKind::kAvgPool: PoolS8(m, op, in, out); break;
      case OpKind::kReshape: std::copy(in, in + t[op.output].size(), out); break;
      case OpKind::kSoftmax: {
        const int k = m.tensors[op.output].shape.c;
        ref::SoftmaxS8(op.softmax, MakeShape({1, k}), in, out);
        break;
      }
    }
  }
  std::copy(t[m.output].begin(), t[m.output].end(), output);
  if (tensors != nullptr) *tensors = std::move(t);
}

std::vector<float> PredictInt8(const QuantizedModel& m, const data::Dataset& d, int threads) {
  const QTensor& out_t = m.output_tensor();
  const int64_t in_size = m.input_tensor().shape.size();
  const int64_t out_size = out_t.shape.size();
  if (d.sample_size() != in_size) {
    throw std::invalid_argument("int8 evaluation: samples are " + d.shape_string() +
                                ", the model's input is " + m.input_tensor().shape.ToString());
  }
  std::vector<float> result(d.size() * out_size);
  const int shards = std::max(1, std::min<int>(threads, static_cast<int>(d.size())));
  RunShards(shards, [&](int s) {
    std::vector<int8_t> q(in_size), o(out_size);
    for (size_t i = s; i < d.size(); i += shards) {
      QuantizeInput(m, d.sample(i), q.data());
      RunInt8(m, q.data(), o.data());
      for (int64_t k = 0; k < out_size; ++k) {
        result[i * out_size + k] = out_t.scale * static_cast<float>(o[k] - out_t.zero_point);
      }
    }
  });
  return result;
}

}  // namespace mote::train
