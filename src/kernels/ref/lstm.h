// UNIDIRECTIONAL_SEQUENCE_LSTM reference kernels: the standard (Keras) LSTM
// without peephole, projection, CIFG or layer norm, as TFLite Micro's
// lstm_eval.h computes it.
//
// Per time step, with h the hidden state and c the cell state:
//   f = sigmoid(W_f x + b_f + R_f h)      (forget gate)
//   i = sigmoid(W_i x + b_i + R_i h)      (input gate)
//   g = tanh(W_g x + b_g + R_g h)         (cell gate)
//   c = clip(f * c + i * g)
//   o = sigmoid(W_o x + b_o + R_o h)      (output gate)
//   h = o * tanh(c);  output[t] = h
// h and c are variable tensors that persist between invokes.
//
// int8 ("8x8->16"): int8 input, weights and hidden state, int32 biases,
// int16 cell state. Each gate's two fully connected layers produce Q3.12
// int16 values (saturated separately, then added with saturation); the
// activations produce Q0.15; the products are rescaled with TFLite's
// MultiplyByQuantizedMultiplier.
#ifndef MOTE_KERNELS_REF_LSTM_H_
#define MOTE_KERNELS_REF_LSTM_H_

#include <cstdint>

namespace mote {

// Gate order of the LSTM's weight and bias tensors.
enum LstmGate : int { kLstmInputGate = 0, kLstmForgetGate = 1, kLstmCellGate = 2, kLstmOutputGate = 3 };

struct LstmDims {
  int32_t batches = 0;
  int32_t time_steps = 0;
  int32_t input_size = 0;
  int32_t state_size = 0;  // units: hidden and cell state per batch
  // true: input [time, batch, input], all batches advance together;
  // false: input [batch, time, input], one batch after the other.
  bool time_major = false;

  // Rows processed per step (the gate buffers hold rows * state_size).
  int32_t step_rows() const { return time_major ? batches : 1; }
};

// One fully connected layer of a gate: int8 -> Q3.12 int16.
struct LstmFcParamsS8 {
  int32_t input_offset = 0;  // minus the input (or hidden state) zero point
  int32_t multiplier = 0;    // input_scale * weight_scale / 2^-12
  int shift = 0;
};

// An element-wise product of two int16 values rescaled to int16 or int8.
struct LstmMulParams {
  int32_t multiplier = 0;
  int shift = 0;
  int32_t output_offset = 0;
  int32_t act_min = 0;
  int32_t act_max = 0;
};

struct LstmParamsS8 {
  LstmFcParamsS8 input_fc[4];      // by LstmGate, from the input
  LstmFcParamsS8 recurrent_fc[4];  // by LstmGate, from the hidden state
  LstmMulParams forget_times_cell;   // Q0.15 * cell -> cell
  LstmMulParams input_times_cell_gate;  // Q0.15 * Q0.15 -> cell
  LstmMulParams output_times_tanh;   // Q0.15 * Q0.15 -> hidden (int8)
  // log2 of the cell state scale: tanh(c) rescales c to Q3.12 with it.
  int32_t cell_scale_power = -12;
  // Cell clip: |c| <= quantized_cell_clip when clip is set.
  bool clip = false;
  int16_t quantized_cell_clip = 0;
};

struct LstmWeightsS8 {
  const int8_t* input_weights[4] = {};      // by LstmGate, [state, input]
  const int8_t* recurrent_weights[4] = {};  // by LstmGate, [state, state]
  const int32_t* bias[4] = {};              // by LstmGate, [state]
};

struct LstmParamsF32 {
  bool clip = false;
  float cell_clip = 0.0f;
};

struct LstmWeightsF32 {
  const float* input_weights[4] = {};
  const float* recurrent_weights[4] = {};
  const float* bias[4] = {};
};

namespace ref {

// The tanh input shift TFLite derives from the cell scale power:
// (15 + power) - 3, applied as a left shift when >= 0 (multiplier 0: the
// power-of-two case) and as multiplier 3 with a right shift otherwise.
void LstmTanhRescale(int32_t cell_scale_power, int32_t* multiplier,
                     int32_t* left_shift);

// `input`: batches * time_steps * input_size; `output`: batches * time_steps
// * state_size in the same order; `hidden`, `cell`: batches * state_size,
// updated in place. `scratch`: 4 * step_rows * state_size int16.
void UnidirectionalSequenceLstmS8(const LstmParamsS8& params,
                                  const LstmDims& dims,
                                  const LstmWeightsS8& weights,
                                  const int8_t* input, int8_t* hidden,
                                  int16_t* cell, int8_t* output,
                                  int16_t* scratch);

// float32 with the same structure; `scratch`: 4 * step_rows * state_size.
void UnidirectionalSequenceLstmF32(const LstmParamsF32& params,
                                   const LstmDims& dims,
                                   const LstmWeightsF32& weights,
                                   const float* input, float* hidden,
                                   float* cell, float* output, float* scratch);

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_LSTM_H_
