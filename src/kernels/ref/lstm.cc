#include "kernels/ref/lstm.h"

#include <algorithm>
#include <cfloat>
#include <cstring>

#include "kernels/quant_math.h"
#include "kernels/ref/logistic.h"
#include "kernels/ref/lstm_activations.h"
#include "kernels/ref/tanh.h"

namespace mote {
namespace ref {
namespace {

constexpr int32_t kInt16Min = -32768;
constexpr int32_t kInt16Max = 32767;

inline int32_t AddWrapping(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) +
                              static_cast<uint32_t>(b));
}

// Where one step reads and writes: `rows` rows of the input, hidden and
// cell state, and output.
struct StepData {
  int32_t rows;
  int32_t input_offset;
  int32_t state_offset;
  int32_t output_offset;
};

// Calls `step` for every time step in TFLite Micro's order
// (LstmStepManager): time-major inputs run all batches per step; batch-major
// inputs run each batch's sequence with its own slice of the states.
template <typename Step>
void ForEachStep(const LstmDims& d, Step step) {
  if (d.time_major) {
    for (int32_t t = 0; t < d.time_steps; ++t) {
      step(StepData{d.batches, t * d.batches * d.input_size, 0,
                    t * d.batches * d.state_size});
    }
    return;
  }
  for (int32_t b = 0; b < d.batches; ++b) {
    for (int32_t t = 0; t < d.time_steps; ++t) {
      const int32_t row = b * d.time_steps + t;
      step(StepData{1, row * d.input_size, b * d.state_size,
                    row * d.state_size});
    }
  }
}

// --- int8 -----------------------------------------------------------------

// int8 fully connected to Q3.12 int16 (TFLite's integer FullyConnected with
// output zero point 0 and the int16 clamp). The weights are symmetric.
void FcS8ToS16(const LstmFcParamsS8& p, int32_t rows, int32_t depth,
               int32_t units, const int8_t* input, const int8_t* weights,
               const int32_t* bias, int16_t* output) {
  for (int32_t r = 0; r < rows; ++r) {
    const int8_t* in = input + r * depth;
    for (int32_t u = 0; u < units; ++u) {
      const int8_t* w = weights + u * depth;
      // Prepare bounds depth so this int32 sum cannot overflow.
      int32_t acc = 0;
      for (int32_t i = 0; i < depth; ++i) {
        acc += static_cast<int32_t>(w[i]) *
               (static_cast<int32_t>(in[i]) + p.input_offset);
      }
      if (bias != nullptr) acc = AddWrapping(acc, bias[u]);
      acc = MultiplyByQuantizedMultiplier(acc, p.multiplier, p.shift);
      output[r * units + u] =
          static_cast<int16_t>(std::min(std::max(acc, kInt16Min), kInt16Max));
    }
  }
}

// a + b saturated to int16, element-wise; `out` may alias either.
void AddSaturatingS16(int32_t n, const int16_t* a, const int16_t* b,
                      int16_t* out) {
  for (int32_t i = 0; i < n; ++i) {
    const int32_t sum = int32_t{a[i]} + int32_t{b[i]};
    out[i] = static_cast<int16_t>(std::min(std::max(sum, kInt16Min), kInt16Max));
  }
}

// TFLite's MulElementwise: (a * b) rescaled, plus the offset, clamped.
template <typename Out>
void MulS16(const LstmMulParams& p, int32_t n, const int16_t* a,
            const int16_t* b, Out* out) {
  for (int32_t i = 0; i < n; ++i) {
    int32_t v = MultiplyByQuantizedMultiplier(int32_t{a[i]} * int32_t{b[i]},
                                              p.multiplier, p.shift);
    v += p.output_offset;
    out[i] = static_cast<Out>(std::min(std::max(v, p.act_min), p.act_max));
  }
}

// One gate: FC(input) + FC(hidden), saturated to int16, then the sigmoid
// (or, for the cell gate, tanh) of the Q3.12 sum as Q0.15.
void GateS8(const LstmParamsS8& p, const LstmDims& d,
            const LstmWeightsS8& w, int gate, const StepData& s,
            const int8_t* input, const int8_t* hidden, int16_t* out,
            int16_t* fc_scratch) {
  const int32_t n = s.rows * d.state_size;
  FcS8ToS16(p.input_fc[gate], s.rows, d.input_size, d.state_size,
            input + s.input_offset, w.input_weights[gate], w.bias[gate], out);
  FcS8ToS16(p.recurrent_fc[gate], s.rows, d.state_size, d.state_size,
            hidden + s.state_offset, w.recurrent_weights[gate], nullptr,
            fc_scratch);
  AddSaturatingS16(n, out, fc_scratch, out);
  // Q3.12 in: multiplier 0 and shift 0 select the plain power-of-two path.
  if (gate == kLstmCellGate) {
    TanhS16(0, 0, n, out, out);
  } else {
    SigmoidS16(0, 0, n, out, out);
  }
}

// --- float32 --------------------------------------------------------------

void FcF32(int32_t rows, int32_t depth, int32_t units, const float* input,
           const float* weights, const float* bias, float* output) {
  for (int32_t r = 0; r < rows; ++r) {
    const float* in = input + r * depth;
    for (int32_t u = 0; u < units; ++u) {
      const float* w = weights + u * depth;
      float total = 0.0f;
      for (int32_t i = 0; i < depth; ++i) total += in[i] * w[i];
      // As TFLite's float FullyConnected: the bias (0 when absent) last,
      // then the clamp of activation NONE.
      const float v = total + (bias != nullptr ? bias[u] : 0.0f);
      output[r * units + u] = std::min(std::max(v, -FLT_MAX), FLT_MAX);
    }
  }
}

void GateF32(const LstmDims& d, const LstmWeightsF32& w, int gate,
             const StepData& s, const float* input, const float* hidden,
             float* out, float* fc_scratch) {
  const int32_t n = s.rows * d.state_size;
  FcF32(s.rows, d.input_size, d.state_size, input + s.input_offset,
        w.input_weights[gate], w.bias[gate], out);
  FcF32(s.rows, d.state_size, d.state_size, hidden + s.state_offset,
        w.recurrent_weights[gate], nullptr, fc_scratch);
  for (int32_t i = 0; i < n; ++i) out[i] = out[i] + fc_scratch[i];
  if (gate == kLstmCellGate) {
    TanhF32(n, out, out);
  } else {
    LogisticF32(n, out, out);
  }
}

// TFLite's float Mul with activation NONE.
inline float MulF32(float a, float b) {
  return std::min(std::max(a * b, -FLT_MAX), FLT_MAX);
}

}  // namespace

void LstmTanhRescale(int32_t cell_scale_power, int32_t* multiplier,
                     int32_t* left_shift) {
  int32_t shift = (15 + cell_scale_power) - 3;
  *multiplier = 0;
  if (shift < 0) {
    shift = -shift;
    *multiplier = 3;
  }
  *left_shift = shift;
}

void UnidirectionalSequenceLstmS8(const LstmParamsS8& p, const LstmDims& d,
                                  const LstmWeightsS8& w, const int8_t* input,
                                  int8_t* hidden, int16_t* cell,
                                  int8_t* output, int16_t* scratch) {
  const int32_t step_size = d.step_rows() * d.state_size;
  int16_t* buffer0 = scratch;
  int16_t* buffer1 = scratch + step_size;
  int16_t* buffer2 = scratch + 2 * step_size;
  int16_t* buffer3 = scratch + 3 * step_size;
  int32_t tanh_multiplier = 0;
  int32_t tanh_shift = 0;
  LstmTanhRescale(p.cell_scale_power, &tanh_multiplier, &tanh_shift);

  ForEachStep(d, [&](const StepData& s) {
    const int32_t n = s.rows * d.state_size;
    int16_t* c = cell + s.state_offset;
    int8_t* h = hidden + s.state_offset;
    // Buffer use as in TFLite Micro's LstmStep.
    int16_t* forget_gate = buffer0;
    int16_t* input_gate = buffer1;
    int16_t* cell_gate = buffer2;
    GateS8(p, d, w, kLstmForgetGate, s, input, hidden, forget_gate, buffer3);
    GateS8(p, d, w, kLstmInputGate, s, input, hidden, input_gate, buffer3);
    GateS8(p, d, w, kLstmCellGate, s, input, hidden, cell_gate, buffer3);

    // c = clip(f * c + i * g).
    MulS16(p.forget_times_cell, n, forget_gate, c, c);
    MulS16(p.input_times_cell_gate, n, input_gate, cell_gate, buffer1);
    AddSaturatingS16(n, c, buffer1, c);
    if (p.clip) {
      const int16_t hi = p.quantized_cell_clip;
      const int16_t lo = static_cast<int16_t>(-p.quantized_cell_clip);
      for (int32_t i = 0; i < n; ++i) c[i] = std::max(std::min(hi, c[i]), lo);
    }

    // h = o * tanh(c).
    int16_t* output_gate = buffer1;
    GateS8(p, d, w, kLstmOutputGate, s, input, hidden, output_gate, buffer3);
    TanhS16(tanh_multiplier, tanh_shift, n, c, buffer0);
    MulS16(p.output_times_tanh, n, buffer0, output_gate, h);
    std::memcpy(output + s.output_offset, h, static_cast<size_t>(n));
  });
}

void UnidirectionalSequenceLstmF32(const LstmParamsF32& p, const LstmDims& d,
                                   const LstmWeightsF32& w, const float* input,
                                   float* hidden, float* cell, float* output,
                                   float* scratch) {
  const int32_t step_size = d.step_rows() * d.state_size;
  float* buffer0 = scratch;
  float* buffer1 = scratch + step_size;
  float* buffer2 = scratch + 2 * step_size;
  float* buffer3 = scratch + 3 * step_size;

  ForEachStep(d, [&](const StepData& s) {
    const int32_t n = s.rows * d.state_size;
    float* c = cell + s.state_offset;
    float* h = hidden + s.state_offset;
    GateF32(d, w, kLstmForgetGate, s, input, hidden, buffer0, buffer3);
    GateF32(d, w, kLstmInputGate, s, input, hidden, buffer1, buffer3);
    GateF32(d, w, kLstmCellGate, s, input, hidden, buffer2, buffer3);
    for (int32_t i = 0; i < n; ++i) c[i] = MulF32(buffer0[i], c[i]);
    for (int32_t i = 0; i < n; ++i) buffer1[i] = MulF32(buffer1[i], buffer2[i]);
    for (int32_t i = 0; i < n; ++i) c[i] = c[i] + buffer1[i];
    if (p.clip) {
      for (int32_t i = 0; i < n; ++i) {
        c[i] = std::max(std::min(p.cell_clip, c[i]), -p.cell_clip);
      }
    }
    GateF32(d, w, kLstmOutputGate, s, input, hidden, buffer1, buffer3);
    TanhF32(n, c, buffer0);
    for (int32_t i = 0; i < n; ++i) h[i] = MulF32(buffer0[i], buffer1[i]);
    std::memcpy(output + s.output_offset, h, sizeof(float) * n);
  });
}

}  // namespace ref
}  // namespace mote
