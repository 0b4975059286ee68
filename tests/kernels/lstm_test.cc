// Tests of the LSTM reference kernels: the int16 sigmoid/tanh tables
// (exact points, accuracy over every input, symmetry), the integer LSTM
// against the float LSTM on the same (dequantized) weights, time-major
// against batch-major order, the cell clip, and the float LSTM against a
// double implementation.
#include "kernels/ref/lstm.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "kernels/quant_math.h"
#include "kernels/ref/lstm_activations.h"

namespace mote {
namespace {

double Sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

TEST(LstmActivationsTest, SigmoidS16ExactPoints) {
  // Q3.12 inputs: 0, the extremes (+-8) and +-1.
  const std::vector<int16_t> in = {0, 32767, -32768, 4096, -4096};
  std::vector<int16_t> out(in.size());
  ref::SigmoidS16(0, 0, static_cast<int32_t>(in.size()), in.data(), out.data());
  EXPECT_EQ(out[0], 16384);  // 0.5 in Q0.15
  EXPECT_EQ(out[1], 32757);  // sigmoid(8) = 0.999665
  EXPECT_EQ(out[2], 11);     // sigmoid(-8) = 0.000335
  // sigmoid(+-1) = 0.731059 / 0.268941: they add up to 1 (32768).
  EXPECT_NEAR(out[3], 0.731059 * 32768, 2);
  EXPECT_EQ(out[3] + out[4], 32768);

  // Past the table (|x| * 12 / 2^9 >= 255) the result saturates; TFLite's
  // rounding leaves 1, not 0, on the negative side.
  ref::SigmoidS16(0, 2, 3, in.data(), out.data());
  EXPECT_EQ(out[0], 16384);
  EXPECT_EQ(out[1], 32767);
  EXPECT_EQ(out[2], 1);
}

TEST(LstmActivationsTest, SigmoidS16IsAccurateAndMonotonicForEveryInput) {
  std::vector<int16_t> in;
  for (int x = -32768; x <= 32767; ++x) in.push_back(static_cast<int16_t>(x));
  std::vector<int16_t> out(in.size());
  ref::SigmoidS16(0, 0, static_cast<int32_t>(in.size()), in.data(), out.data());
  double worst = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    worst = std::max(worst, std::fabs(out[i] - 32768.0 * Sigmoid(in[i] / 4096.0)));
    if (i > 0) {
      ASSERT_GE(out[i], out[i - 1]) << "input " << in[i];
    }
  }
  EXPECT_LT(worst, 4.0);  // Q0.15 LSBs: table interpolation error
}

TEST(LstmActivationsTest, TanhS16ExactPointsAndAccuracy) {
  std::vector<int16_t> in;
  for (int x = -32768; x <= 32767; ++x) in.push_back(static_cast<int16_t>(x));
  std::vector<int16_t> out(in.size());
  ref::TanhS16(0, 0, static_cast<int32_t>(in.size()), in.data(), out.data());
  EXPECT_EQ(out[32768], 0);       // tanh(0)
  EXPECT_EQ(out.back(), 32767);   // tanh(8) = 0.9999998
  EXPECT_EQ(out.front(), -32767);
  double worst = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    worst = std::max(worst, std::fabs(out[i] - 32768.0 * std::tanh(in[i] / 4096.0)));
    if (i > 0) {
      ASSERT_GE(out[i], out[i - 1]) << "input " << in[i];
    }
  }
  EXPECT_LT(worst, 8.0);
}

TEST(LstmActivationsTest, TanhRescaleFollowsTheCellScale) {
  int32_t m = -1, s = -1;
  ref::LstmTanhRescale(-12, &m, &s);  // Q3.12 cell: the plain path
  EXPECT_EQ(m, 0);
  EXPECT_EQ(s, 0);
  ref::LstmTanhRescale(-11, &m, &s);  // Q4.11: one left shift
  EXPECT_EQ(m, 0);
  EXPECT_EQ(s, 1);
  ref::LstmTanhRescale(-16, &m, &s);  // finer than Q3.12: 3 >> 4
  EXPECT_EQ(m, 3);
  EXPECT_EQ(s, 4);
  // With a Q4.11 cell (scale 2^-11), x = 2048 is 1.0: tanh(1) = 0.761594.
  const int16_t x = 2048;
  int16_t y = 0;
  ref::LstmTanhRescale(-11, &m, &s);
  ref::TanhS16(m, s, 1, &x, &y);
  EXPECT_NEAR(y, 0.761594 * 32768, 4);
  // Scale 2^-16: 3 * x / 16 with rounding; x = 65536 * 0.5 would not fit,
  // use 16384 (0.25): tanh(0.25) = 0.244919.
  const int16_t x2 = 16384;
  ref::LstmTanhRescale(-16, &m, &s);
  ref::TanhS16(m, s, 1, &x2, &y);
  EXPECT_NEAR(y, 0.244919 * 32768, 4);
}

// --- LSTM: one random model, quantized as a converter does ------------------

struct RandomLstm {
  LstmDims dims;
  std::vector<float> w[4], r[4], b[4];  // by LstmGate
  std::vector<float> input;             // in the dims' order
};

RandomLstm MakeLstm(int32_t batches, int32_t steps, int32_t input_size, int32_t units,
                    bool time_major, uint32_t seed) {
  RandomLstm m;
  m.dims.batches = batches;
  m.dims.time_steps = steps;
  m.dims.input_size = input_size;
  m.dims.state_size = units;
  m.dims.time_major = time_major;
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  auto fill = [&](size_t n, float scale) {
    std::vector<float> v(n);
    for (float& x : v) x = scale * u(gen);
    return v;
  };
  for (int g = 0; g < 4; ++g) {
    m.w[g] = fill(static_cast<size_t>(units) * input_size, 0.6f);
    m.r[g] = fill(static_cast<size_t>(units) * units, 0.6f);
    m.b[g] = fill(static_cast<size_t>(units), 0.3f);
  }
  m.input = fill(static_cast<size_t>(batches) * steps * input_size, 1.0f);
  return m;
}

std::vector<float> RunF32(const RandomLstm& m, std::vector<float>* hidden,
                          std::vector<float>* cell, float clip = 0.0f) {
  LstmWeightsF32 w;
  for (int g = 0; g < 4; ++g) {
    w.input_weights[g] = m.w[g].data();
    w.recurrent_weights[g] = m.r[g].data();
    w.bias[g] = m.b[g].data();
  }
  LstmParamsF32 p;
  p.clip = clip > 0.0f;
  p.cell_clip = clip;
  std::vector<float> out(static_cast<size_t>(m.dims.batches) * m.dims.time_steps *
                         m.dims.state_size);
  std::vector<float> scratch(4 * static_cast<size_t>(m.dims.step_rows()) * m.dims.state_size);
  ref::UnidirectionalSequenceLstmF32(p, m.dims, w, m.input.data(), hidden->data(),
                                     cell->data(), out.data(), scratch.data());
  return out;
}

// int8 weights (per-tensor, symmetric), int32 biases at input * weight
// scale, activations at 1/128, cell state at 2^-11, parameters computed as
// TFLite Micro's Prepare computes them.
struct QuantLstm {
  std::vector<int8_t> w[4], r[4];
  std::vector<int32_t> b[4];
  float w_scale[4], r_scale[4];
  LstmParamsS8 params;
  std::vector<int8_t> input;
};

constexpr float kActScale = 1.0f / 128;
constexpr float kCellScale = 1.0f / 2048;

std::vector<int8_t> QuantizeSym(const std::vector<float>& v, float* scale) {
  float max = 0;
  for (float x : v) max = std::max(max, std::fabs(x));
  *scale = max / 127;
  std::vector<int8_t> q(v.size());
  for (size_t i = 0; i < v.size(); ++i) q[i] = static_cast<int8_t>(std::round(v[i] / *scale));
  return q;
}

LstmMulParams Mul(double real, int32_t zp, int32_t lo, int32_t hi) {
  LstmMulParams p;
  QuantizeMultiplier(real, &p.multiplier, &p.shift);
  p.output_offset = zp;
  p.act_min = lo;
  p.act_max = hi;
  return p;
}

QuantLstm Quantize(const RandomLstm& m) {
  QuantLstm q;
  const double gate_in = 1.0 / 4096;
  for (int g = 0; g < 4; ++g) {
    q.w[g] = QuantizeSym(m.w[g], &q.w_scale[g]);
    q.r[g] = QuantizeSym(m.r[g], &q.r_scale[g]);
    const float bias_scale = kActScale * q.w_scale[g];
    for (float x : m.b[g]) q.b[g].push_back(static_cast<int32_t>(std::round(x / bias_scale)));
    QuantizeMultiplier(static_cast<double>(kActScale * q.w_scale[g]) / gate_in,
                       &q.params.input_fc[g].multiplier, &q.params.input_fc[g].shift);
    QuantizeMultiplier(static_cast<double>(kActScale * q.r_scale[g]) / gate_in,
                       &q.params.recurrent_fc[g].multiplier, &q.params.recurrent_fc[g].shift);
  }
  const double gate_out = 1.0 / 32768;
  q.params.forget_times_cell = Mul(gate_out, 0, -32768, 32767);
  q.params.input_times_cell_gate = Mul(gate_out * gate_out / kCellScale, 0, -32768, 32767);
  q.params.output_times_tanh = Mul(gate_out * gate_out / kActScale, 0, -128, 127);
  q.params.cell_scale_power = -11;
  for (float x : m.input) {
    q.input.push_back(static_cast<int8_t>(std::clamp(std::round(x / kActScale), -128.0f, 127.0f)));
  }
  return q;
}

std::vector<int8_t> RunS8(const RandomLstm& m, const QuantLstm& q, std::vector<int8_t>* hidden,
                          std::vector<int16_t>* cell) {
  LstmWeightsS8 w;
  for (int g = 0; g < 4; ++g) {
    w.input_weights[g] = q.w[g].data();
    w.recurrent_weights[g] = q.r[g].data();
    w.bias[g] = q.b[g].data();
  }
  std::vector<int8_t> out(static_cast<size_t>(m.dims.batches) * m.dims.time_steps *
                          m.dims.state_size);
  std::vector<int16_t> scratch(4 * static_cast<size_t>(m.dims.step_rows()) *
                               m.dims.state_size);
  ref::UnidirectionalSequenceLstmS8(q.params, m.dims, w, q.input.data(), hidden->data(),
                                    cell->data(), out.data(), scratch.data());
  return out;
}

TEST(LstmS8Test, FollowsTheFloatLstmOnDequantizedWeights) {
  for (bool time_major : {false, true}) {
    SCOPED_TRACE(time_major ? "time major" : "batch major");
    RandomLstm m = MakeLstm(2, 4, 5, 3, time_major, 11);
    const QuantLstm q = Quantize(m);
    // The float model runs on exactly the values the int8 model sees.
    RandomLstm deq = m;
    for (int g = 0; g < 4; ++g) {
      for (size_t i = 0; i < m.w[g].size(); ++i) deq.w[g][i] = q.w[g][i] * q.w_scale[g];
      for (size_t i = 0; i < m.r[g].size(); ++i) deq.r[g][i] = q.r[g][i] * q.r_scale[g];
      for (size_t i = 0; i < m.b[g].size(); ++i) deq.b[g][i] = q.b[g][i] * kActScale * q.w_scale[g];
    }
    for (size_t i = 0; i < m.input.size(); ++i) deq.input[i] = q.input[i] * kActScale;

    std::vector<float> h(6, 0.0f), c(6, 0.0f);
    std::vector<int8_t> hq(6, 0);
    std::vector<int16_t> cq(6, 0);
    // Two invokes: the second starts from the state the first left.
    for (int invoke = 0; invoke < 2; ++invoke) {
      const std::vector<float> want = RunF32(deq, &h, &c);
      const std::vector<int8_t> got = RunS8(m, q, &hq, &cq);
      for (size_t i = 0; i < want.size(); ++i) {
        EXPECT_NEAR(got[i] * kActScale, want[i], 3 * kActScale)
            << "invoke " << invoke << " element " << i;
      }
      for (size_t i = 0; i < c.size(); ++i) {
        EXPECT_NEAR(cq[i] * kCellScale, c[i], 0.02) << "cell " << i;
      }
    }
  }
}

TEST(LstmS8Test, TimeMajorAndBatchMajorAgreeBitForBit) {
  RandomLstm bm = MakeLstm(3, 4, 2, 5, false, 5);
  RandomLstm tm = bm;
  tm.dims.time_major = true;
  const auto& d = bm.dims;
  for (int b = 0; b < d.batches; ++b) {
    for (int t = 0; t < d.time_steps; ++t) {
      for (int i = 0; i < d.input_size; ++i) {
        tm.input[(t * d.batches + b) * d.input_size + i] =
            bm.input[(b * d.time_steps + t) * d.input_size + i];
      }
    }
  }
  const QuantLstm qb = Quantize(bm), qt = Quantize(tm);
  std::vector<int8_t> hb(15, 0), ht(15, 0);
  std::vector<int16_t> cb(15, 0), ct(15, 0);
  const std::vector<int8_t> ob = RunS8(bm, qb, &hb, &cb);
  const std::vector<int8_t> ot = RunS8(tm, qt, &ht, &ct);
  for (int b = 0; b < d.batches; ++b) {
    for (int t = 0; t < d.time_steps; ++t) {
      for (int u = 0; u < d.state_size; ++u) {
        EXPECT_EQ(ob[(b * d.time_steps + t) * d.state_size + u],
                  ot[(t * d.batches + b) * d.state_size + u]);
      }
    }
  }
  EXPECT_EQ(hb, ht);
  EXPECT_EQ(cb, ct);
}

TEST(LstmS8Test, CellClipBoundsTheCellState) {
  RandomLstm m = MakeLstm(1, 6, 3, 4, false, 3);
  for (int g = 0; g < 4; ++g) {
    for (float& x : m.b[g]) x = 1.0f;  // push the cell state up
  }
  QuantLstm q = Quantize(m);
  q.params.clip = true;
  q.params.quantized_cell_clip = 300;
  std::vector<int8_t> h(4, 0);
  std::vector<int16_t> c(4, 0);
  RunS8(m, q, &h, &c);
  for (int16_t v : c) {
    EXPECT_LE(v, 300);
    EXPECT_GE(v, -300);
  }
  EXPECT_EQ(*std::max_element(c.begin(), c.end()), 300);  // the clip was hit
}

TEST(LstmS8Test, StateZeroPointOffsetsTheHiddenOutput) {
  // A zero-output model: all weights and biases 0 -> gates 0.5, cell gate
  // 0, so c stays 0 and h = 0.5 * tanh(0) = 0: the output is the zero point.
  RandomLstm m = MakeLstm(1, 2, 2, 2, false, 1);
  QuantLstm q = Quantize(m);
  for (int g = 0; g < 4; ++g) {
    std::fill(q.w[g].begin(), q.w[g].end(), 0);
    std::fill(q.r[g].begin(), q.r[g].end(), 0);
    std::fill(q.b[g].begin(), q.b[g].end(), 0);
  }
  q.params.output_times_tanh.output_offset = -4;
  std::vector<int8_t> h(2, -4);
  std::vector<int16_t> c(2, 0);
  const std::vector<int8_t> out = RunS8(m, q, &h, &c);
  EXPECT_EQ(out, (std::vector<int8_t>{-4, -4, -4, -4}));
  EXPECT_EQ(c, (std::vector<int16_t>{0, 0}));
}

// The float kernel against a double implementation of the same equations.
TEST(LstmF32Test, MatchesDoubleReference) {
  RandomLstm m = MakeLstm(2, 3, 4, 3, false, 21);
  std::vector<float> h(6, 0.0f), c(6, 0.0f);
  const std::vector<float> got = RunF32(m, &h, &c, /*clip=*/0.5f);
  const auto& d = m.dims;
  for (int b = 0; b < d.batches; ++b) {
    std::vector<double> hh(3, 0.0), cc(3, 0.0);
    for (int t = 0; t < d.time_steps; ++t) {
      const float* x = &m.input[(b * d.time_steps + t) * d.input_size];
      double gate[4][3];
      for (int g = 0; g < 4; ++g) {
        for (int u = 0; u < 3; ++u) {
          double acc = m.b[g][u];
          for (int i = 0; i < d.input_size; ++i) acc += double{m.w[g][u * d.input_size + i]} * x[i];
          for (int k = 0; k < 3; ++k) acc += double{m.r[g][u * 3 + k]} * hh[k];
          gate[g][u] = g == kLstmCellGate ? std::tanh(acc) : Sigmoid(acc);
        }
      }
      for (int u = 0; u < 3; ++u) {
        cc[u] = std::clamp(gate[kLstmForgetGate][u] * cc[u] +
                               gate[kLstmInputGate][u] * gate[kLstmCellGate][u],
                           -0.5, 0.5);
      }
      for (int u = 0; u < 3; ++u) {
        hh[u] = gate[kLstmOutputGate][u] * std::tanh(cc[u]);
        EXPECT_NEAR(got[(b * d.time_steps + t) * 3 + u], hh[u], 1e-5);
      }
    }
    for (int u = 0; u < 3; ++u) {
      EXPECT_NEAR(h[b * 3 + u], hh[u], 1e-5);
      EXPECT_NEAR(c[b * 3 + u], cc[u], 1e-5);
    }
  }
}

}  // namespace
}  // namespace mote
