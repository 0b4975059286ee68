// The layers mote trains. Each is a TFLite builtin op (or folds into one) so
// every trained network exports to an int8 model the runtime executes:
//   Conv2D / Conv1D      -> CONV_2D (Conv1D is a 1 x k kernel on 1 x t x c)
//   DepthwiseConv2D      -> DEPTHWISE_CONV_2D
//   Dense                -> FULLY_CONNECTED
//   MaxPool2D, AvgPool2D -> MAX_POOL_2D, AVERAGE_POOL_2D
//   GlobalAvgPool        -> AVERAGE_POOL_2D over the whole map
//   BatchNorm            -> folded into the conv/dense before it
//   ReLU, ReLU6          -> the fused activation of the op before it
//   Dropout              -> nothing (identity at inference)
//   Flatten              -> RESHAPE
//   FakeQuant            -> nothing (quantization-aware fine-tuning only:
//                           the int8 grid the next tensor is exported on)
#ifndef MOTE_TRAIN_LAYERS_H_
#define MOTE_TRAIN_LAYERS_H_

#include "train/layer.h"

namespace mote::train {

struct ConvConfig {
  int filters = 0;
  int kernel_h = 3, kernel_w = 3;
  int stride_h = 1, stride_w = 1;
  Padding padding = Padding::kSame;
  bool use_bias = true;
};

// Kernel stored HWIO ([kh][kw][cin][cout]) so a batch is one GEMM:
// im2col(x) [n*oh*ow, kh*kw*cin] x kernel [kh*kw*cin, cout].
class Conv2D : public Layer {
 public:
  explicit Conv2D(const ConvConfig& config) : config_(config) {}
  std::string kind() const override { return "conv2d"; }
  void Build(const SampleShape& in, Random& rng) override;
  std::unique_ptr<LayerCache> NewCache() const override;
  void Forward(const Batch& x, Batch* y, PassContext& ctx) const override;
  void Backward(const Batch& x, const Batch& y, const Batch& dy, Batch* dx,
                PassContext& ctx) const override;
  int64_t Macs() const override;
  const ConvConfig& config() const { return config_; }

 private:
  ConvConfig config_;
};

struct DepthwiseConfig {
  int multiplier = 1;
  int kernel_h = 3, kernel_w = 3;
  int stride_h = 1, stride_w = 1;
  Padding padding = Padding::kSame;
  bool use_bias = true;
};

// Kernel stored [kh][kw][cin * multiplier] as TFLite's [1, kh, kw, cout];
// output channel o reads input channel o / multiplier.
class DepthwiseConv2D : public Layer {
 public:
  explicit DepthwiseConv2D(const DepthwiseConfig& config) : config_(config) {}
  std::string kind() const override { return "depthwise_conv2d"; }
  void Build(const SampleShape& in, Random& rng) override;
  void Forward(const Batch& x, Batch* y, PassContext& ctx) const override;
  void Backward(const Batch& x, const Batch& y, const Batch& dy, Batch* dx,
                PassContext& ctx) const override;
  int64_t Macs() const override;
  const DepthwiseConfig& config() const { return config_; }

 private:
  DepthwiseConfig config_;
};

// Kernel stored [in][units]; the input is flattened (any h x w x c).
class Dense : public Layer {
 public:
  Dense(int units, bool use_bias) : units_(units), use_bias_(use_bias) {}
  std::string kind() const override { return "dense"; }
  void Build(const SampleShape& in, Random& rng) override;
  void Forward(const Batch& x, Batch* y, PassContext& ctx) const override;
  void Backward(const Batch& x, const Batch& y, const Batch& dy, Batch* dx,
                PassContext& ctx) const override;
  int64_t Macs() const override { return in_.size() * units_; }
  int units() const { return units_; }
  bool use_bias() const { return use_bias_; }

 private:
  int units_;
  bool use_bias_;
};

struct PoolConfig {
  int size_h = 2, size_w = 2;
  int stride_h = 2, stride_w = 2;
  Padding padding = Padding::kValid;
};

// Max or average over windows; padded positions never count (TFLite's SAME
// pooling averages over the valid elements only).
class Pool2D : public Layer {
 public:
  Pool2D(bool max, const PoolConfig& config) : max_(max), config_(config) {}
  std::string kind() const override { return max_ ? "max_pool2d" : "avg_pool2d"; }
  void Build(const SampleShape& in, Random& rng) override;
  std::unique_ptr<LayerCache> NewCache() const override;
  void Forward(const Batch& x, Batch* y, PassContext& ctx) const override;
  void Backward(const Batch& x, const Batch& y, const Batch& dy, Batch* dx,
                PassContext& ctx) const override;
  bool is_max() const { return max_; }
  const PoolConfig& config() const { return config_; }

 private:
  bool max_;
  PoolConfig config_;
};

// Mean over h x w per channel: output 1 x 1 x c.
class GlobalAvgPool : public Layer {
 public:
  std::string kind() const override { return "global_avg_pool"; }
  void Build(const SampleShape& in, Random& rng) override;
  void Forward(const Batch& x, Batch* y, PassContext& ctx) const override;
  void Backward(const Batch& x, const Batch& y, const Batch& dy, Batch* dx,
                PassContext& ctx) const override;
};

// Per channel over (n, h, w) of the shard while training; running
// statistics (PyTorch's convention: momentum 0.1, unbiased running variance)
// at inference. Params: gamma, beta; state: running mean, running variance.
class BatchNorm : public Layer {
 public:
  BatchNorm(float momentum, float epsilon) : momentum_(momentum), epsilon_(epsilon) {}
  std::string kind() const override { return "batch_norm"; }
  void Build(const SampleShape& in, Random& rng) override;
  std::unique_ptr<LayerCache> NewCache() const override;
  void Forward(const Batch& x, Batch* y, PassContext& ctx) const override;
  void Backward(const Batch& x, const Batch& y, const Batch& dy, Batch* dx,
                PassContext& ctx) const override;
  void AfterStep(const std::vector<LayerCache*>& caches, int total_samples) override;
  float epsilon() const { return epsilon_; }

 private:
  float momentum_;
  float epsilon_;
};

// max(x, 0), or min(max(x, 0), 6) for ReLU6. The gradient passes where
// 0 < x (< 6), as PyTorch's relu/hardtanh backward.
class ReLU : public Layer {
 public:
  explicit ReLU(bool six) : six_(six) {}
  std::string kind() const override { return six_ ? "relu6" : "relu"; }
  void Build(const SampleShape& in, Random& rng) override;
  void Forward(const Batch& x, Batch* y, PassContext& ctx) const override;
  void Backward(const Batch& x, const Batch& y, const Batch& dy, Batch* dx,
                PassContext& ctx) const override;
  bool six() const { return six_; }

 private:
  bool six_;
};

// Inverted dropout: kept values scaled by 1 / (1 - rate) while training.
class Dropout : public Layer {
 public:
  explicit Dropout(float rate) : rate_(rate) {}
  std::string kind() const override { return "dropout"; }
  void Build(const SampleShape& in, Random& rng) override;
  std::unique_ptr<LayerCache> NewCache() const override;
  void Forward(const Batch& x, Batch* y, PassContext& ctx) const override;
  void Backward(const Batch& x, const Batch& y, const Batch& dy, Batch* dx,
                PassContext& ctx) const override;
  float rate() const { return rate_; }

 private:
  float rate_;
};

// h x w x c -> 1 x 1 x (h*w*c); the order (NHWC) is TFLite's RESHAPE order.
class Flatten : public Layer {
 public:
  std::string kind() const override { return "flatten"; }
  void Build(const SampleShape& in, Random& rng) override;
  void Forward(const Batch& x, Batch* y, PassContext& ctx) const override;
  void Backward(const Batch& x, const Batch& y, const Batch& dy, Batch* dx,
                PassContext& ctx) const override;
};

// Quantization-aware fine-tuning: rounds every value onto the int8 grid of
// the tensor the runtime stores, y = (clamp(round(x / scale) + zp, qmin,
// qmax) - zp) * scale, so the float network sees the values the int8 model
// computes (qmin/qmax are the fused activation's clamp, as the runtime's).
// After an average pool (`pool_mean`), the value is the mean of grid values
// and rounds as the runtime's integer average does: the mean of the int8
// values, half away from zero (frequent exact ties; elsewhere a product's
// rounding, round(x / scale) + zp, with ties of measure zero).
// Backward is the straight-through estimator: the gradient passes where x
// is inside the representable range and is 0 where it was clamped.
class FakeQuant : public Layer {
 public:
  FakeQuant(float scale, int32_t zero_point, int32_t qmin, int32_t qmax, bool pool_mean = false)
      : scale_(scale), zero_point_(zero_point), qmin_(qmin), qmax_(qmax),
        pool_mean_(pool_mean) {}
  std::string kind() const override { return "fake_quant"; }
  void Build(const SampleShape& in, Random& rng) override;
  void Forward(const Batch& x, Batch* y, PassContext& ctx) const override;
  void Backward(const Batch& x, const Batch& y, const Batch& dy, Batch* dx,
                PassContext& ctx) const override;
  float scale() const { return scale_; }
  int32_t zero_point() const { return zero_point_; }

 private:
  float scale_;
  int32_t zero_point_, qmin_, qmax_;
  bool pool_mean_;
};

}  // namespace mote::train

#endif  // MOTE_TRAIN_LAYERS_H_
