// Quantization-aware fine-tuning (QAT).
//
// Starts from the exported graph (batch norm folded, activations fused,
// dropout gone) and its calibration, and rebuilds it as a trainable float
// network whose every tensor is rounded onto the int8 grid the runtime
// stores it on (FakeQuant layers with the exported scale, zero point and
// fused-activation clamp), and whose weights and biases are, during every
// forward pass, the values the export writes: per-channel int8 weights
// (QuantizePerChannelS8's scales and rounding; per tensor for fully
// connected) and int32 biases at input scale x weight scale. The optimiser
// updates float weights (straight-through estimator). The activation ranges
// stay those of the calibration, so the fine-tuned network exports with the
// same tensor parameters and its fake-quant forward pass tracks the int8
// model the runtime executes.
#ifndef MOTE_TRAIN_QAT_H_
#define MOTE_TRAIN_QAT_H_

#include "data/dataset.h"
#include "train/inference_graph.h"
#include "train/network.h"
#include "train/quantize.h"
#include "train/trainer.h"

namespace mote::train {

// The graph as a trainable network with FakeQuant layers (weights copied).
Network BuildQatNetwork(const InferenceGraph& graph, const Calibration& calibration);

// The weight half of QAT: Install() puts the exported (fake-quantized)
// weights and biases in place and keeps the float ones; Restore() puts the
// float ones back.
class WeightFakeQuantizer {
 public:
  WeightFakeQuantizer(Network* net, const Calibration& calibration, const InferenceGraph& graph);
  void Install();
  void Restore();

 private:
  struct Target {
    Param* kernel;
    Param* bias;
    int channels;      // the last axis of the kernel
    bool per_channel;  // false: fully connected (one scale)
    float input_scale;
  };
  std::vector<Target> targets_;
  std::vector<std::vector<float>> saved_;
};

struct QatRun {
  Network net;  // fine-tuned, float weights (export through BuildInferenceGraph)
  TrainResult result;
};

// Fine-tunes for config.qat_epochs epochs with `training`'s optimiser,
// batch size, threads, augmentation and class weights; cosine schedule from
// config.qat_learning_rate. The best validation epoch is kept.
QatRun FineTuneQat(const InferenceGraph& graph, const Calibration& calibration,
                   const QuantizeConfig& config, const TrainConfig& training,
                   const data::Dataset& train, const data::Dataset* val,
                   const Trainer::BatchFn& on_batch, const Trainer::EpochFn& on_epoch);

}  // namespace mote::train

#endif  // MOTE_TRAIN_QAT_H_
