// The layer interface of the training engine.
//
// A layer maps a batch of n samples of in_shape() to n samples of
// out_shape(). Parameters live in the layer and are read-only during a pass;
// everything a pass writes (gradients, im2col buffers, masks, batch
// statistics) lives in per-shard objects, so the shards of one batch run on
// different threads without locks and the result does not depend on timing.
#ifndef MOTE_TRAIN_LAYER_H_
#define MOTE_TRAIN_LAYER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "train/random.h"
#include "train/tensor.h"

namespace mote::train {

// A trainable (or saved) array of one layer.
struct Param {
  std::string name;        // "conv1/kernel"
  std::vector<int> shape;  // as stored: conv HWIO, depthwise HWC, dense IO
  std::vector<float> value;
  bool decay = true;       // weight decay applies (kernels, not biases/BN)
};

// What a layer keeps between Forward and Backward in one shard.
struct LayerCache {
  virtual ~LayerCache() = default;
};

struct PassContext {
  bool training = false;
  uint64_t seed = 0;                        // dropout masks
  LayerCache* cache = nullptr;              // from NewCache(), may be null
  std::vector<std::vector<float>>* grads = nullptr;  // one per params() entry
};

enum class Padding { kValid, kSame };

// TFLite's output size and leading padding for one spatial dimension.
int OutputSize(Padding padding, int in, int kernel, int stride);
int PaddingBefore(Padding padding, int in, int kernel, int stride);

class Layer {
 public:
  virtual ~Layer() = default;
  virtual std::string kind() const = 0;

  // Fixes the input shape, computes the output shape and creates the
  // parameters (initialised from `rng`). Throws std::invalid_argument with
  // the layer name when the configuration cannot work on this input.
  virtual void Build(const SampleShape& in, Random& rng) = 0;

  virtual std::unique_ptr<LayerCache> NewCache() const { return nullptr; }

  // y = f(x); y is resized by the layer.
  virtual void Forward(const Batch& x, Batch* y, PassContext& ctx) const = 0;
  // Given dL/dy, accumulates dL/dparams into ctx.grads (+=) and writes
  // dL/dx into dx (resized by the layer) unless dx is null (first layer).
  virtual void Backward(const Batch& x, const Batch& y, const Batch& dy, Batch* dx,
                        PassContext& ctx) const = 0;

  // After every optimiser step, with the caches of every shard in order
  // (batch norm's running statistics).
  virtual void AfterStep(const std::vector<LayerCache*>& caches, int total_samples) {}

  // Multiply-accumulates per sample (forward), for reports.
  virtual int64_t Macs() const { return 0; }

  const std::string& name() const { return name_; }
  void set_name(std::string name) { name_ = std::move(name); }
  const SampleShape& in_shape() const { return in_; }
  const SampleShape& out_shape() const { return out_; }
  std::vector<Param>& params() { return params_; }
  const std::vector<Param>& params() const { return params_; }
  // Saved with the checkpoint but not trained (running mean/variance).
  std::vector<Param>& state() { return state_; }
  const std::vector<Param>& state() const { return state_; }

 protected:
  std::string name_;
  SampleShape in_;
  SampleShape out_;
  std::vector<Param> params_;
  std::vector<Param> state_;
};

}  // namespace mote::train

#endif  // MOTE_TRAIN_LAYER_H_
