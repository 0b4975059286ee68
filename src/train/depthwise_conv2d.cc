// DepthwiseConv2D by direct loops: each output channel reads one input
// channel, so there is no GEMM to hand to Eigen; the channel loop is
// innermost (NHWC) and vectorises.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "train/im2col.h"
#include "train/layers.h"

namespace mote::train {
namespace {

ConvGeometry Geometry(const DepthwiseConfig& c, const SampleShape& in) {
  return ConvGeometry::Make(in, c.kernel_h, c.kernel_w, c.stride_h, c.stride_w, c.padding);
}

}  // namespace

void DepthwiseConv2D::Build(const SampleShape& in, Random& rng) {
  const DepthwiseConfig& c = config_;
  if (c.multiplier < 1 || c.kernel_h < 1 || c.kernel_w < 1 || c.stride_h < 1 ||
      c.stride_w < 1) {
    throw std::invalid_argument(name_ + ": multiplier, kernel and stride must be >= 1");
  }
  in_ = in;
  const ConvGeometry g = Geometry(c, in);
  if (g.out_h < 1 || g.out_w < 1) {
    throw std::invalid_argument(name_ + ": kernel does not fit the input " + in.ToString());
  }
  const int cout = in.c * c.multiplier;
  out_ = {g.out_h, g.out_w, cout};
  const int fan_in = c.kernel_h * c.kernel_w;
  const float bound = std::sqrt(6.0f / static_cast<float>(fan_in));
  Param kernel{name_ + "/kernel", {c.kernel_h, c.kernel_w, cout}, {}, true};
  kernel.value.resize(static_cast<size_t>(fan_in) * cout);
  for (float& v : kernel.value) v = rng.Uniform(-bound, bound);
  params_.clear();
  params_.push_back(std::move(kernel));
  if (c.use_bias) {
    params_.push_back({name_ + "/bias", {cout}, std::vector<float>(cout, 0.0f), false});
  }
}

int64_t DepthwiseConv2D::Macs() const {
  return int64_t{out_.h} * out_.w * out_.c * config_.kernel_h * config_.kernel_w;
}

void DepthwiseConv2D::Forward(const Batch& x, Batch* y, PassContext& ctx) const {
  const ConvGeometry g = Geometry(config_, in_);
  const int m = config_.multiplier;
  const int cin = in_.c;
  const int cout = out_.c;
  const float* kernel = params_[0].value.data();
  const float* bias = config_.use_bias ? params_[1].value.data() : nullptr;
  y->Resize(x.n, out_);
  for (int i = 0; i < x.n; ++i) {
    const float* in = x.sample(i);
    float* out = y->sample(i);
    for (int oy = 0; oy < g.out_h; ++oy) {
      for (int ox = 0; ox < g.out_w; ++ox) {
        float* o = out + (static_cast<size_t>(oy) * g.out_w + ox) * cout;
        if (bias != nullptr) {
          std::copy(bias, bias + cout, o);
        } else {
          std::fill(o, o + cout, 0.0f);
        }
        for (int ky = 0; ky < g.k_h; ++ky) {
          const int iy = oy * g.stride_h - g.pad_top + ky;
          if (iy < 0 || iy >= g.in_h) continue;
          for (int kx = 0; kx < g.k_w; ++kx) {
            const int ix = ox * g.stride_w - g.pad_left + kx;
            if (ix < 0 || ix >= g.in_w) continue;
            const float* xin = in + (static_cast<size_t>(iy) * g.in_w + ix) * cin;
            const float* w = kernel + (ky * g.k_w + kx) * cout;
            if (m == 1) {
              for (int c = 0; c < cout; ++c) o[c] += xin[c] * w[c];
            } else {
              for (int c = 0; c < cin; ++c) {
                for (int j = 0; j < m; ++j) o[c * m + j] += xin[c] * w[c * m + j];
              }
            }
          }
        }
      }
    }
  }
}

void DepthwiseConv2D::Backward(const Batch& x, const Batch& y, const Batch& dy, Batch* dx,
                               PassContext& ctx) const {
  const ConvGeometry g = Geometry(config_, in_);
  const int m = config_.multiplier;
  const int cin = in_.c;
  const int cout = out_.c;
  const float* kernel = params_[0].value.data();
  float* grad_kernel = (*ctx.grads)[0].data();
  float* grad_bias = config_.use_bias ? (*ctx.grads)[1].data() : nullptr;
  if (dx != nullptr) {
    dx->Resize(x.n, in_);
    std::fill(dx->data.begin(), dx->data.end(), 0.0f);
  }
  for (int i = 0; i < x.n; ++i) {
    const float* in = x.sample(i);
    const float* gout = dy.sample(i);
    float* gin = dx != nullptr ? dx->sample(i) : nullptr;
    for (int oy = 0; oy < g.out_h; ++oy) {
      for (int ox = 0; ox < g.out_w; ++ox) {
        const float* go = gout + (static_cast<size_t>(oy) * g.out_w + ox) * cout;
        if (grad_bias != nullptr) {
          for (int c = 0; c < cout; ++c) grad_bias[c] += go[c];
        }
        for (int ky = 0; ky < g.k_h; ++ky) {
          const int iy = oy * g.stride_h - g.pad_top + ky;
          if (iy < 0 || iy >= g.in_h) continue;
          for (int kx = 0; kx < g.k_w; ++kx) {
            const int ix = ox * g.stride_w - g.pad_left + kx;
            if (ix < 0 || ix >= g.in_w) continue;
            const size_t at = (static_cast<size_t>(iy) * g.in_w + ix) * cin;
            const float* xin = in + at;
            const float* w = kernel + (ky * g.k_w + kx) * cout;
            float* gw = grad_kernel + (ky * g.k_w + kx) * cout;
            if (m == 1) {
              for (int c = 0; c < cout; ++c) gw[c] += xin[c] * go[c];
              if (gin != nullptr) {
                float* gi = gin + at;
                for (int c = 0; c < cout; ++c) gi[c] += w[c] * go[c];
              }
            } else {
              for (int c = 0; c < cin; ++c) {
                for (int j = 0; j < m; ++j) gw[c * m + j] += xin[c] * go[c * m + j];
              }
              if (gin != nullptr) {
                float* gi = gin + at;
                for (int c = 0; c < cin; ++c) {
                  float s = 0.0f;
                  for (int j = 0; j < m; ++j) s += w[c * m + j] * go[c * m + j];
                  gi[c] += s;
                }
              }
            }
          }
        }
      }
    }
  }
}

}  // namespace mote::train
