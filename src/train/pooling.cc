// Max/average pooling over windows and global average pooling. Padded
// positions never count, as in TFLite (SAME average pooling divides by the
// number of valid elements).
#include <algorithm>
#include <limits>
#include <stdexcept>

#include "train/im2col.h"
#include "train/layers.h"

namespace mote::train {
namespace {

struct PoolCache : LayerCache {
  std::vector<int32_t> argmax;  // per output element: index in the sample input
};

ConvGeometry Geometry(const PoolConfig& c, const SampleShape& in) {
  return ConvGeometry::Make(in, c.size_h, c.size_w, c.stride_h, c.stride_w, c.padding);
}

}  // namespace

void Pool2D::Build(const SampleShape& in, Random& rng) {
  const PoolConfig& c = config_;
  if (c.size_h < 1 || c.size_w < 1 || c.stride_h < 1 || c.stride_w < 1) {
    throw std::invalid_argument(name_ + ": pool size and stride must be >= 1");
  }
  in_ = in;
  const ConvGeometry g = Geometry(c, in);
  if (g.out_h < 1 || g.out_w < 1) {
    throw std::invalid_argument(name_ + ": pool window does not fit the input " +
                                in.ToString());
  }
  out_ = {g.out_h, g.out_w, in.c};
}

std::unique_ptr<LayerCache> Pool2D::NewCache() const { return std::make_unique<PoolCache>(); }

void Pool2D::Forward(const Batch& x, Batch* y, PassContext& ctx) const {
  const ConvGeometry g = Geometry(config_, in_);
  const int channels = in_.c;
  y->Resize(x.n, out_);
  auto* cache = static_cast<PoolCache*>(ctx.cache);
  if (max_) cache->argmax.resize(y->size());
  // Channels innermost (NHWC): every window position updates all channels
  // of the output pixel with contiguous, vectorisable loops.
  for (int i = 0; i < x.n; ++i) {
    const float* in = x.sample(i);
    float* out = y->sample(i);
    int32_t* arg = max_ ? cache->argmax.data() + static_cast<size_t>(i) * out_.size() : nullptr;
    for (int oy = 0; oy < g.out_h; ++oy) {
      const int y0 = std::max(oy * g.stride_h - g.pad_top, 0);
      const int y1 = std::min(oy * g.stride_h - g.pad_top + g.k_h, g.in_h);
      for (int ox = 0; ox < g.out_w; ++ox) {
        const int x0 = std::max(ox * g.stride_w - g.pad_left, 0);
        const int x1 = std::min(ox * g.stride_w - g.pad_left + g.k_w, g.in_w);
        const size_t o = (static_cast<size_t>(oy) * g.out_w + ox) * channels;
        float* out_px = out + o;
        bool first = true;
        for (int iy = y0; iy < y1; ++iy) {
          for (int ix = x0; ix < x1; ++ix) {
            const int32_t base = (iy * g.in_w + ix) * channels;
            const float* p = in + base;
            if (first) {
              for (int c = 0; c < channels; ++c) out_px[c] = p[c];
              if (max_) {
                for (int c = 0; c < channels; ++c) arg[o + c] = base + c;
              }
              first = false;
            } else if (max_) {
              // Strictly greater: the first maximum in the window wins.
              for (int c = 0; c < channels; ++c) {
                const bool more = p[c] > out_px[c];
                out_px[c] = more ? p[c] : out_px[c];
                arg[o + c] = more ? base + c : arg[o + c];
              }
            } else {
              for (int c = 0; c < channels; ++c) out_px[c] += p[c];
            }
          }
        }
        if (!max_) {
          const float inv = 1.0f / static_cast<float>((y1 - y0) * (x1 - x0));
          for (int c = 0; c < channels; ++c) out_px[c] *= inv;
        }
      }
    }
  }
}

void Pool2D::Backward(const Batch& x, const Batch& y, const Batch& dy, Batch* dx,
                      PassContext& ctx) const {
  if (dx == nullptr) return;
  const ConvGeometry g = Geometry(config_, in_);
  const int channels = in_.c;
  dx->Resize(x.n, in_);
  std::fill(dx->data.begin(), dx->data.end(), 0.0f);
  const auto* cache = static_cast<const PoolCache*>(ctx.cache);
  for (int i = 0; i < x.n; ++i) {
    const float* gout = dy.sample(i);
    float* gin = dx->sample(i);
    if (max_) {
      const int32_t* arg = cache->argmax.data() + static_cast<size_t>(i) * out_.size();
      for (int64_t o = 0; o < out_.size(); ++o) gin[arg[o]] += gout[o];
      continue;
    }
    for (int oy = 0; oy < g.out_h; ++oy) {
      const int y0 = std::max(oy * g.stride_h - g.pad_top, 0);
      const int y1 = std::min(oy * g.stride_h - g.pad_top + g.k_h, g.in_h);
      for (int ox = 0; ox < g.out_w; ++ox) {
        const int x0 = std::max(ox * g.stride_w - g.pad_left, 0);
        const int x1 = std::min(ox * g.stride_w - g.pad_left + g.k_w, g.in_w);
        const float inv = 1.0f / static_cast<float>((y1 - y0) * (x1 - x0));
        const float* go = gout + (static_cast<size_t>(oy) * g.out_w + ox) * channels;
        for (int iy = y0; iy < y1; ++iy) {
          for (int ix = x0; ix < x1; ++ix) {
            float* gi = gin + (static_cast<size_t>(iy) * g.in_w + ix) * channels;
            for (int c = 0; c < channels; ++c) gi[c] += go[c] * inv;
          }
        }
      }
    }
  }
}

void GlobalAvgPool::Build(const SampleShape& in, Random& rng) {
  in_ = in;
  out_ = {1, 1, in.c};
}

void GlobalAvgPool::Forward(const Batch& x, Batch* y, PassContext& ctx) const {
  const int pixels = in_.h * in_.w;
  const int channels = in_.c;
  const float inv = 1.0f / static_cast<float>(pixels);
  y->Resize(x.n, out_);
  for (int i = 0; i < x.n; ++i) {
    const float* in = x.sample(i);
    float* out = y->sample(i);
    std::fill(out, out + channels, 0.0f);
    for (int p = 0; p < pixels; ++p) {
      for (int c = 0; c < channels; ++c) out[c] += in[p * channels + c];
    }
    for (int c = 0; c < channels; ++c) out[c] *= inv;
  }
}

void GlobalAvgPool::Backward(const Batch& x, const Batch& y, const Batch& dy, Batch* dx,
                             PassContext& ctx) const {
  if (dx == nullptr) return;
  const int pixels = in_.h * in_.w;
  const int channels = in_.c;
  const float inv = 1.0f / static_cast<float>(pixels);
  dx->Resize(x.n, in_);
  for (int i = 0; i < x.n; ++i) {
    const float* go = dy.sample(i);
    float* gi = dx->sample(i);
    for (int p = 0; p < pixels; ++p) {
      for (int c = 0; c < channels; ++c) gi[p * channels + c] = go[c] * inv;
    }
  }
}

}  // namespace mote::train
