// ReLU, ReLU6, Dropout and Flatten.
#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "train/layers.h"

namespace mote::train {
namespace {

struct DropoutCache : LayerCache {
  std::vector<float> mask;  // 0 or 1 / (1 - rate) per element
};

}  // namespace

void ReLU::Build(const SampleShape& in, Random& rng) {
  in_ = in;
  out_ = in;
}

void ReLU::Forward(const Batch& x, Batch* y, PassContext& ctx) const {
  y->Resize(x.n, out_);
  const float* in = x.data.data();
  float* out = y->data.data();
  const size_t n = x.size();
  if (six_) {
    for (size_t i = 0; i < n; ++i) out[i] = std::min(std::max(in[i], 0.0f), 6.0f);
  } else {
    for (size_t i = 0; i < n; ++i) out[i] = std::max(in[i], 0.0f);
  }
}

void ReLU::Backward(const Batch& x, const Batch& y, const Batch& dy, Batch* dx,
                    PassContext& ctx) const {
  if (dx == nullptr) return;
  dx->Resize(x.n, in_);
  const float* in = x.data.data();
  const float* g = dy.data.data();
  float* out = dx->data.data();
  const size_t n = x.size();
  if (six_) {
    for (size_t i = 0; i < n; ++i) out[i] = (in[i] > 0.0f && in[i] < 6.0f) ? g[i] : 0.0f;
  } else {
    for (size_t i = 0; i < n; ++i) out[i] = in[i] > 0.0f ? g[i] : 0.0f;
  }
}

void Dropout::Build(const SampleShape& in, Random& rng) {
  if (!(rate_ >= 0.0f && rate_ < 1.0f)) {
    throw std::invalid_argument(name_ + ": rate must be in [0, 1)");
  }
  in_ = in;
  out_ = in;
}

std::unique_ptr<LayerCache> Dropout::NewCache() const { return std::make_unique<DropoutCache>(); }

void Dropout::Forward(const Batch& x, Batch* y, PassContext& ctx) const {
  y->Resize(x.n, out_);
  if (!ctx.training || rate_ == 0.0f) {
    std::copy(x.data.begin(), x.data.end(), y->data.begin());
    return;
  }
  auto* cache = static_cast<DropoutCache*>(ctx.cache);
  cache->mask.resize(x.size());
  Random rng(ctx.seed);
  const float keep_scale = 1.0f / (1.0f - rate_);
  for (size_t i = 0; i < x.size(); ++i) {
    cache->mask[i] = rng.Uniform() < rate_ ? 0.0f : keep_scale;
    y->data[i] = x.data[i] * cache->mask[i];
  }
}

void Dropout::Backward(const Batch& x, const Batch& y, const Batch& dy, Batch* dx,
                       PassContext& ctx) const {
  if (dx == nullptr) return;
  dx->Resize(x.n, in_);
  if (!ctx.training || rate_ == 0.0f) {
    std::copy(dy.data.begin(), dy.data.end(), dx->data.begin());
    return;
  }
  const auto* cache = static_cast<const DropoutCache*>(ctx.cache);
  for (size_t i = 0; i < dy.size(); ++i) dx->data[i] = dy.data[i] * cache->mask[i];
}

void Flatten::Build(const SampleShape& in, Random& rng) {
  in_ = in;
  out_ = {1, 1, static_cast<int>(in.size())};
}

void Flatten::Forward(const Batch& x, Batch* y, PassContext& ctx) const {
  y->Resize(x.n, out_);
  std::copy(x.data.begin(), x.data.end(), y->data.begin());
}

void Flatten::Backward(const Batch& x, const Batch& y, const Batch& dy, Batch* dx,
                       PassContext& ctx) const {
  if (dx == nullptr) return;
  dx->Resize(x.n, in_);
  std::copy(dy.data.begin(), dy.data.end(), dx->data.begin());
}

}  // namespace mote::train
