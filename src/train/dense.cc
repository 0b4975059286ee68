// Dense: y = x W + b as one GEMM per shard.
#include <cmath>
#include <stdexcept>

#include "train/eigen_util.h"
#include "train/layers.h"

namespace mote::train {

void Dense::Build(const SampleShape& in, Random& rng) {
  if (units_ < 1) throw std::invalid_argument(name_ + ": units must be >= 1");
  in_ = in;
  out_ = {1, 1, units_};
  const int64_t fan_in = in.size();
  const float bound = std::sqrt(6.0f / static_cast<float>(fan_in));
  Param kernel{name_ + "/kernel", {static_cast<int>(fan_in), units_}, {}, true};
  kernel.value.resize(static_cast<size_t>(fan_in) * units_);
  for (float& v : kernel.value) v = rng.Uniform(-bound, bound);
  params_.clear();
  params_.push_back(std::move(kernel));
  if (use_bias_) {
    params_.push_back({name_ + "/bias", {units_}, std::vector<float>(units_, 0.0f), false});
  }
}

void Dense::Forward(const Batch& x, Batch* y, PassContext& ctx) const {
  const int64_t depth = in_.size();
  y->Resize(x.n, out_);
  ConstMatrixMap in(x.data.data(), x.n, depth);
  ConstMatrixMap kernel(params_[0].value.data(), depth, units_);
  MatrixMap out(y->data.data(), x.n, units_);
  out.noalias() = in * kernel;
  if (use_bias_) out.rowwise() += ConstRowVectorMap(params_[1].value.data(), units_);
}

void Dense::Backward(const Batch& x, const Batch& y, const Batch& dy, Batch* dx,
                     PassContext& ctx) const {
  const int64_t depth = in_.size();
  ConstMatrixMap in(x.data.data(), x.n, depth);
  ConstMatrixMap kernel(params_[0].value.data(), depth, units_);
  ConstMatrixMap grad_out(dy.data.data(), x.n, units_);
  MatrixMap grad_kernel((*ctx.grads)[0].data(), depth, units_);
  grad_kernel.noalias() += in.transpose() * grad_out;
  if (use_bias_) {
    RowVectorMap grad_bias((*ctx.grads)[1].data(), units_);
    grad_bias += grad_out.colwise().sum();
  }
  if (dx == nullptr) return;
  dx->Resize(x.n, in_);
  MatrixMap grad_in(dx->data.data(), x.n, depth);
  grad_in.noalias() = grad_out * kernel.transpose();
}

}  // namespace mote::train
