// Conv2D as im2col + one GEMM per shard (Eigen), backward as two GEMMs and
// col2im.
#include <cmath>
#include <stdexcept>

#include "train/eigen_util.h"
#include "train/im2col.h"
#include "train/layers.h"

namespace mote::train {
namespace {

struct ConvCache : LayerCache {
  std::vector<float> col;   // im2col of the forward input, kept for backward
  std::vector<float> dcol;  // patch gradients
};

ConvGeometry Geometry(const ConvConfig& c, const SampleShape& in) {
  return ConvGeometry::Make(in, c.kernel_h, c.kernel_w, c.stride_h, c.stride_w, c.padding);
}

}  // namespace

void Conv2D::Build(const SampleShape& in, Random& rng) {
  const ConvConfig& c = config_;
  if (c.filters < 1 || c.kernel_h < 1 || c.kernel_w < 1 || c.stride_h < 1 || c.stride_w < 1) {
    throw std::invalid_argument(name_ + ": filters, kernel and stride must be >= 1");
  }
  in_ = in;
  const ConvGeometry g = Geometry(c, in);
  if (g.out_h < 1 || g.out_w < 1) {
    throw std::invalid_argument(name_ + ": kernel " + std::to_string(c.kernel_h) + "x" +
                                std::to_string(c.kernel_w) + " does not fit the input " +
                                in.ToString());
  }
  out_ = {g.out_h, g.out_w, c.filters};
  // He (Kaiming) uniform: keeps the activation variance through ReLUs.
  const int fan_in = g.patch();
  const float bound = std::sqrt(6.0f / static_cast<float>(fan_in));
  Param kernel{name_ + "/kernel", {c.kernel_h, c.kernel_w, in.c, c.filters}, {}, true};
  kernel.value.resize(static_cast<size_t>(fan_in) * c.filters);
  for (float& v : kernel.value) v = rng.Uniform(-bound, bound);
  params_.clear();
  params_.push_back(std::move(kernel));
  if (c.use_bias) {
    params_.push_back({name_ + "/bias", {c.filters}, std::vector<float>(c.filters, 0.0f), false});
  }
}

std::unique_ptr<LayerCache> Conv2D::NewCache() const { return std::make_unique<ConvCache>(); }

int64_t Conv2D::Macs() const {
  return int64_t{out_.h} * out_.w * out_.c * config_.kernel_h * config_.kernel_w * in_.c;
}

void Conv2D::Forward(const Batch& x, Batch* y, PassContext& ctx) const {
  const ConvGeometry g = Geometry(config_, in_);
  const int64_t rows = int64_t{x.n} * g.pixels();
  const int k = g.patch();
  const int cout = config_.filters;
  y->Resize(x.n, out_);
  const float* col = x.data.data();
  if (!g.pointwise()) {
    auto* cache = static_cast<ConvCache*>(ctx.cache);
    cache->col.resize(static_cast<size_t>(rows) * k);
    for (int i = 0; i < x.n; ++i) {
      Im2Col(g, x.sample(i), cache->col.data() + static_cast<size_t>(i) * g.pixels() * k, 0.0f);
    }
    col = cache->col.data();
  }
  ConstMatrixMap patches(col, rows, k);
  ConstMatrixMap kernel(params_[0].value.data(), k, cout);
  MatrixMap out(y->data.data(), rows, cout);
  out.noalias() = patches * kernel;
  if (config_.use_bias) out.rowwise() += ConstRowVectorMap(params_[1].value.data(), cout);
}

void Conv2D::Backward(const Batch& x, const Batch& y, const Batch& dy, Batch* dx,
                      PassContext& ctx) const {
  const ConvGeometry g = Geometry(config_, in_);
  const int64_t rows = int64_t{x.n} * g.pixels();
  const int k = g.patch();
  const int cout = config_.filters;
  auto* cache = static_cast<ConvCache*>(ctx.cache);
  const float* col = g.pointwise() ? x.data.data() : cache->col.data();
  ConstMatrixMap patches(col, rows, k);
  ConstMatrixMap kernel(params_[0].value.data(), k, cout);
  ConstMatrixMap grad_out(dy.data.data(), rows, cout);

  MatrixMap grad_kernel((*ctx.grads)[0].data(), k, cout);
  grad_kernel.noalias() += patches.transpose() * grad_out;
  if (config_.use_bias) {
    RowVectorMap grad_bias((*ctx.grads)[1].data(), cout);
    grad_bias += grad_out.colwise().sum();
  }
  if (dx == nullptr) return;
  dx->Resize(x.n, in_);
  if (g.pointwise()) {
    MatrixMap grad_in(dx->data.data(), rows, k);
    grad_in.noalias() = grad_out * kernel.transpose();
    return;
  }
  cache->dcol.resize(static_cast<size_t>(rows) * k);
  MatrixMap grad_col(cache->dcol.data(), rows, k);
  grad_col.noalias() = grad_out * kernel.transpose();
  std::fill(dx->data.begin(), dx->data.end(), 0.0f);
  for (int i = 0; i < x.n; ++i) {
    Col2ImAdd(g, cache->dcol.data() + static_cast<size_t>(i) * g.pixels() * k, dx->sample(i));
  }
}

}  // namespace mote::train
