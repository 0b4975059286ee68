// Batch normalisation per channel. Statistics are accumulated in double so a
// shard's mean and variance do not depend on the summation order's rounding
// more than necessary.
#include <cmath>
#include <stdexcept>

#include "train/layers.h"

namespace mote::train {
namespace {

struct BatchNormCache : LayerCache {
  std::vector<double> mean;      // shard mean per channel
  std::vector<double> variance;  // biased shard variance per channel
  std::vector<float> inv_std;
  int64_t count = 0;             // values per channel in the shard
};

}  // namespace

void BatchNorm::Build(const SampleShape& in, Random& rng) {
  if (!(epsilon_ > 0.0f) || momentum_ < 0.0f || momentum_ > 1.0f) {
    throw std::invalid_argument(name_ + ": epsilon must be > 0 and momentum in [0, 1]");
  }
  in_ = in;
  out_ = in;
  const int c = in.c;
  params_.clear();
  params_.push_back({name_ + "/gamma", {c}, std::vector<float>(c, 1.0f), false});
  params_.push_back({name_ + "/beta", {c}, std::vector<float>(c, 0.0f), false});
  state_.clear();
  state_.push_back({name_ + "/moving_mean", {c}, std::vector<float>(c, 0.0f), false});
  state_.push_back({name_ + "/moving_variance", {c}, std::vector<float>(c, 1.0f), false});
}

std::unique_ptr<LayerCache> BatchNorm::NewCache() const {
  return std::make_unique<BatchNormCache>();
}

void BatchNorm::Forward(const Batch& x, Batch* y, PassContext& ctx) const {
  const int channels = in_.c;
  const int64_t rows = int64_t{x.n} * in_.h * in_.w;
  const float* gamma = params_[0].value.data();
  const float* beta = params_[1].value.data();
  y->Resize(x.n, out_);
  // y = (x - mean) * scale + beta: subtracting the mean first keeps the
  // precision that x * scale + (beta - mean * scale) loses to cancellation.
  std::vector<float> mean_f(channels), scale(channels), shift(channels);
  if (ctx.training) {
    auto* cache = static_cast<BatchNormCache*>(ctx.cache);
    cache->mean.assign(channels, 0.0);
    cache->variance.assign(channels, 0.0);
    cache->inv_std.resize(channels);
    cache->count = rows;
    for (int64_t r = 0; r < rows; ++r) {
      const float* v = x.data.data() + r * channels;
      for (int c = 0; c < channels; ++c) cache->mean[c] += v[c];
    }
    for (int c = 0; c < channels; ++c) cache->mean[c] /= static_cast<double>(rows);
    for (int64_t r = 0; r < rows; ++r) {
      const float* v = x.data.data() + r * channels;
      for (int c = 0; c < channels; ++c) {
        const double d = v[c] - cache->mean[c];
        cache->variance[c] += d * d;
      }
    }
    for (int c = 0; c < channels; ++c) {
      cache->variance[c] /= static_cast<double>(rows);
      cache->inv_std[c] = static_cast<float>(1.0 / std::sqrt(cache->variance[c] + epsilon_));
      scale[c] = gamma[c] * cache->inv_std[c];
      mean_f[c] = static_cast<float>(cache->mean[c]);
      shift[c] = beta[c];
    }
  } else {
    const float* mean = state_[0].value.data();
    const float* variance = state_[1].value.data();
    for (int c = 0; c < channels; ++c) {
      scale[c] = gamma[c] / std::sqrt(variance[c] + epsilon_);
      mean_f[c] = mean[c];
      shift[c] = beta[c];
    }
  }
  for (int64_t r = 0; r < rows; ++r) {
    const float* v = x.data.data() + r * channels;
    float* o = y->data.data() + r * channels;
    for (int c = 0; c < channels; ++c) o[c] = (v[c] - mean_f[c]) * scale[c] + shift[c];
  }
}

void BatchNorm::Backward(const Batch& x, const Batch& y, const Batch& dy, Batch* dx,
                         PassContext& ctx) const {
  const int channels = in_.c;
  const int64_t rows = int64_t{x.n} * in_.h * in_.w;
  const auto* cache = static_cast<const BatchNormCache*>(ctx.cache);
  const float* gamma = params_[0].value.data();
  std::vector<double> sum_dy(channels, 0.0), sum_dy_xhat(channels, 0.0);
  for (int64_t r = 0; r < rows; ++r) {
    const float* v = x.data.data() + r * channels;
    const float* g = dy.data.data() + r * channels;
    for (int c = 0; c < channels; ++c) {
      const double xhat = (v[c] - cache->mean[c]) * cache->inv_std[c];
      sum_dy[c] += g[c];
      sum_dy_xhat[c] += g[c] * xhat;
    }
  }
  float* grad_gamma = (*ctx.grads)[0].data();
  float* grad_beta = (*ctx.grads)[1].data();
  for (int c = 0; c < channels; ++c) {
    grad_gamma[c] += static_cast<float>(sum_dy_xhat[c]);
    grad_beta[c] += static_cast<float>(sum_dy[c]);
  }
  if (dx == nullptr) return;
  dx->Resize(x.n, in_);
  // dx = gamma * inv_std / N * (N dy - sum(dy) - xhat * sum(dy * xhat))
  const double n = static_cast<double>(rows);
  std::vector<float> k(channels), mean_dy(channels), mean_dy_xhat(channels), mean(channels);
  for (int c = 0; c < channels; ++c) {
    k[c] = gamma[c] * cache->inv_std[c];
    mean_dy[c] = static_cast<float>(sum_dy[c] / n);
    mean_dy_xhat[c] = static_cast<float>(sum_dy_xhat[c] / n);
    mean[c] = static_cast<float>(cache->mean[c]);
  }
  for (int64_t r = 0; r < rows; ++r) {
    const float* v = x.data.data() + r * channels;
    const float* g = dy.data.data() + r * channels;
    float* o = dx->data.data() + r * channels;
    for (int c = 0; c < channels; ++c) {
      const float xhat = (v[c] - mean[c]) * cache->inv_std[c];
      o[c] = k[c] * (g[c] - mean_dy[c] - xhat * mean_dy_xhat[c]);
    }
  }
}

void BatchNorm::AfterStep(const std::vector<LayerCache*>& caches, int total_samples) {
  // Combine the shards' statistics into the whole batch's (parallel
  // variance formula), then update the running values.
  const int channels = in_.c;
  int64_t total = 0;
  for (const LayerCache* c : caches) total += static_cast<const BatchNormCache*>(c)->count;
  if (total < 2) return;
  float* running_mean = state_[0].value.data();
  float* running_var = state_[1].value.data();
  for (int c = 0; c < channels; ++c) {
    double mean = 0.0;
    for (const LayerCache* lc : caches) {
      const auto* s = static_cast<const BatchNormCache*>(lc);
      if (s->count > 0) mean += s->mean[c] * static_cast<double>(s->count);
    }
    mean /= static_cast<double>(total);
    double m2 = 0.0;
    for (const LayerCache* lc : caches) {
      const auto* s = static_cast<const BatchNormCache*>(lc);
      if (s->count == 0) continue;
      const double d = s->mean[c] - mean;
      m2 += (s->variance[c] + d * d) * static_cast<double>(s->count);
    }
    const double unbiased = m2 / static_cast<double>(total - 1);
    running_mean[c] = static_cast<float>((1.0 - momentum_) * running_mean[c] + momentum_ * mean);
    running_var[c] =
        static_cast<float>((1.0 - momentum_) * running_var[c] + momentum_ * unbiased);
  }
}

}  // namespace mote::train
