// FakeQuant: the int8 grid of one exported tensor, for quantization-aware
// fine-tuning (see layers.h).
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "train/layers.h"

namespace mote::train {

void FakeQuant::Build(const SampleShape& in, Random& rng) {
  if (!(scale_ > 0.0f) || !std::isfinite(scale_)) {
    throw std::invalid_argument(name_ + ": scale must be a positive finite number");
  }
  if (qmin_ < -128 || qmax_ > 127 || qmin_ >= qmax_ || zero_point_ < -128 ||
      zero_point_ > 127) {
    throw std::invalid_argument(name_ + ": needs -128 <= min < max <= 127 and an int8 zero point");
  }
  in_ = in;
  out_ = in;
}

void FakeQuant::Forward(const Batch& x, Batch* y, PassContext& ctx) const {
  y->Resize(x.n, out_);
  const float* in = x.data.data();
  float* out = y->data.data();
  const float lo = static_cast<float>(qmin_), hi = static_cast<float>(qmax_);
  const float zp = static_cast<float>(zero_point_);
  const size_t n = x.size();
  if (pool_mean_) {
    for (size_t i = 0; i < n; ++i) {
      // The int8 mean, snapped to 1/4096 so float error cannot move an
      // exact tie (a pool's mean is a multiple of 1 / count).
      double m = static_cast<double>(in[i]) / scale_ + zero_point_;
      m = std::round(m * 4096.0) / 4096.0;
      const float q = std::min(std::max(static_cast<float>(std::round(m)), lo), hi);
      out[i] = (q - zp) * scale_;
    }
    return;
  }
  for (size_t i = 0; i < n; ++i) {
    // Round half away from zero, as TFLite's QUANTIZE and the runtime's
    // requantization of a product.
    const float q = std::min(std::max(std::round(in[i] / scale_) + zp, lo), hi);
    out[i] = (q - zp) * scale_;
  }
}

void FakeQuant::Backward(const Batch& x, const Batch& y, const Batch& dy, Batch* dx,
                         PassContext& ctx) const {
  if (dx == nullptr) return;
  dx->Resize(x.n, in_);
  const float* in = x.data.data();
  const float* g = dy.data.data();
  float* out = dx->data.data();
  // The real interval that rounds inside [qmin, qmax].
  const float lo = (static_cast<float>(qmin_ - zero_point_) - 0.5f) * scale_;
  const float hi = (static_cast<float>(qmax_ - zero_point_) + 0.5f) * scale_;
  const size_t n = x.size();
  for (size_t i = 0; i < n; ++i) out[i] = (in[i] >= lo && in[i] <= hi) ? g[i] : 0.0f;
}

}  // namespace mote::train
