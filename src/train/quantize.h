// Full-integer post-training quantization and the trainer's own int8
// simulation of the result.
//
// Activations are int8 asymmetric per tensor, from ranges observed on a
// calibration set (min/max, percentiles or least squared error); weights are
// int8 symmetric per output channel (per tensor for fully connected, as
// TFLite's converter writes them); biases int32 with scale input * weight.
// Pooling and reshape outputs keep their input's parameters and softmax
// outputs 1/256 from -128, as TFLite Micro requires.
//
// The simulation (RunInt8) computes every op with its own integer loops
// from the QuantizedModel alone, using the runtime's requantization rule
// (Q31 multiplier and shift computed as the runtime's Prepare computes
// them); it must equal the exported .tflite run by mote's interpreter bit
// for bit, which the tests check.
#ifndef MOTE_TRAIN_QUANTIZE_H_
#define MOTE_TRAIN_QUANTIZE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "kernels/ref/softmax.h"
#include "train/inference_graph.h"

namespace mote::train {

// Range choice per activation tensor: "minmax" (the observed range),
// "percentile" (the central `percentile` % of the values) or "mse" (the
// range, shrunk from min/max, whose int8 grid gives the least squared
// error on the observed values: clipping a few outliers against rounding
// everything else more finely).
struct QuantizeConfig {
  std::string method = "minmax";
  double percentile = 99.99;      // percentile: keep this share of values
  int calibration_samples = 1000;
  // Quantization-aware fine-tuning after calibration (qat.h): epochs (0:
  // none) at this learning rate, cosine decay.
  int qat_epochs = 0;
  float qat_learning_rate = 1e-4f;
};
void ValidateQuantizeConfig(const QuantizeConfig& c);

// Observed float range of the graph input (index 0) and of every op's
// output (index i + 1).
struct Calibration {
  std::vector<float> min, max;
};
Calibration Calibrate(const Network& net, const InferenceGraph& graph, const data::Dataset& data,
                      const QuantizeConfig& config, int threads);

struct QTensor {
  std::string name;
  SampleShape shape;
  float scale = 1.0f;
  int32_t zero_point = 0;
};

struct QOp {
  OpKind kind = OpKind::kConv2D;
  std::string name;
  int input = 0, output = 0;  // tensor indices
  int kernel_h = 1, kernel_w = 1, stride_h = 1, stride_w = 1;
  Padding padding = Padding::kValid;
  int multiplier = 1;
  FusedActivation activation = FusedActivation::kNone;
  // TFLite layouts: conv OHWI, depthwise [1][kh][kw][cout], FC [units][depth].
  std::vector<int8_t> weights;
  std::vector<float> weight_scales;  // per output channel (one for FC)
  std::vector<int32_t> bias;
  std::vector<float> bias_scales;
  // As the runtime's Prepare derives them.
  std::vector<int32_t> out_multiplier;
  std::vector<int> out_shift;
  int32_t act_min = -128, act_max = 127;
  ref::SoftmaxParamsS8 softmax;
};

struct QuantizedModel {
  std::vector<QTensor> tensors;  // tensors[0] is the input
  std::vector<QOp> ops;
  int output = 0;
  const QTensor& input_tensor() const { return tensors[0]; }
  const QTensor& output_tensor() const { return tensors[output]; }
};

// The int8 parameters of an activation tensor with an observed range (zero
// always representable; a constant tensor gets a tiny range).
void ActivationParams(float min, float max, float* scale, int32_t* zero_point);

// Throws std::invalid_argument when a range cannot be quantized.
QuantizedModel QuantizeGraph(const InferenceGraph& graph, const Calibration& calibration);

// x -> int8 with the input tensor's parameters (round half away from zero,
// as TFLite's QUANTIZE).
void QuantizeInput(const QuantizedModel& m, const float* x, int8_t* q);

// One sample through the int8 model: input int8 (input tensor's size),
// output int8 (output tensor's size). `tensors`, when given, receives every
// tensor's values (debugging, layer-by-layer comparisons).
void RunInt8(const QuantizedModel& m, const int8_t* input, int8_t* output,
             std::vector<std::vector<int8_t>>* tensors = nullptr);

// Every sample of a data set through RunInt8 (float inputs quantized
// first); returns the dequantized outputs, size() x output size.
std::vector<float> PredictInt8(const QuantizedModel& m, const data::Dataset& d, int threads);

}  // namespace mote::train

#endif  // MOTE_TRAIN_QUANTIZE_H_
