// A sequential network built from a JSON spec, and the per-shard workspace
// that runs it forward and backward.
//
// Spec (the "model" section of a training config):
//   {"input": [28, 28, 1], "loss": "softmax_cross_entropy",
//    "layers": [
//      {"type": "conv2d", "filters": 16, "kernel": 3, "batch_norm": true,
//       "activation": "relu"},
//      {"type": "max_pool", "size": 2},
//      {"type": "flatten"},
//      {"type": "dense", "units": 10}]}
// Layer types: conv2d, conv1d, depthwise_conv2d, dense, max_pool, avg_pool,
// global_avg_pool, batch_norm, relu, relu6, dropout, flatten, fake_quant
// (quantization-aware fine-tuning; see qat.h). "activation"
// (relu, relu6) and "batch_norm": true on conv/dense layers are shorthand
// for the layers after them. Unknown keys are errors (typos fail loudly).
#ifndef MOTE_TRAIN_NETWORK_H_
#define MOTE_TRAIN_NETWORK_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "train/layer.h"

namespace mote::train {

enum class LossKind { kSoftmaxCrossEntropy, kMeanSquaredError };

class Network {
 public:
  // Builds and initialises (seeded) the network; throws std::invalid_argument
  // naming the layer on a bad spec.
  static Network FromSpec(const nlohmann::json& spec, uint64_t seed);

  Network() = default;
  Network(Network&&) = default;
  Network& operator=(Network&&) = default;

  const nlohmann::json& spec() const { return spec_; }
  const SampleShape& input_shape() const { return input_; }
  SampleShape output_shape() const;
  LossKind loss() const { return loss_; }
  std::vector<std::unique_ptr<Layer>>& layers() { return layers_; }
  const std::vector<std::unique_ptr<Layer>>& layers() const { return layers_; }

  int64_t num_params() const;  // trainable values
  int64_t macs() const;        // per sample, forward
  std::string Summary() const;  // one line per layer

  // Buffers of one shard: activations of every layer (acts[0] is the input,
  // acts[i + 1] the output of layer i), caches and parameter gradients.
  struct Workspace {
    std::vector<Batch> acts;
    Batch grad_a, grad_b;  // dL/d(activation), alternating going backwards
    std::vector<std::unique_ptr<LayerCache>> caches;
    std::vector<std::vector<std::vector<float>>> grads;  // [layer][param]
    Batch& input() { return acts.front(); }
    const Batch& output() const { return acts.back(); }
  };
  Workspace NewWorkspace() const;
  static void ZeroGrads(Workspace* ws);

  // Runs every layer on ws->input(). `seed` drives dropout (training only).
  void Forward(Workspace* ws, bool training, uint64_t seed) const;
  // Back-propagates dL/d(output) given in `grad_output`, accumulating the
  // parameter gradients in ws->grads; dL/d(input) goes to `grad_input` when
  // given (training never needs it).
  void Backward(Workspace* ws, const Batch& grad_output, Batch* grad_input = nullptr) const;

  // Every trainable parameter / saved state, in a fixed order.
  std::vector<Param*> params();
  std::vector<Param*> state();
  std::vector<const Param*> params() const;
  std::vector<const Param*> state() const;

 private:
  nlohmann::json spec_;
  SampleShape input_;
  LossKind loss_ = LossKind::kSoftmaxCrossEntropy;
  std::vector<std::unique_ptr<Layer>> layers_;
};

// "softmax_cross_entropy" / "mse" <-> LossKind.
LossKind ParseLoss(const std::string& name);
const char* LossName(LossKind loss);

}  // namespace mote::train

#endif  // MOTE_TRAIN_NETWORK_H_
