#include "train/augment.h"

#include <algorithm>
#include <cstring>

namespace mote::train {

void Augment(const AugmentConfig& a, const SampleShape& s, const float* src, float* dst,
             Random& rng) {
  const int dy = a.shift_h > 0 ? static_cast<int>(rng.Below(2 * a.shift_h + 1)) - a.shift_h : 0;
  const int dx = a.shift_w > 0 ? static_cast<int>(rng.Below(2 * a.shift_w + 1)) - a.shift_w : 0;
  const bool flip = a.flip_w && rng.Below(2) == 1;
  std::fill(dst, dst + s.size(), 0.0f);
  for (int y = 0; y < s.h; ++y) {
    const int sy = y - dy;
    if (sy < 0 || sy >= s.h) continue;
    for (int x = 0; x < s.w; ++x) {
      int sx = x - dx;
      if (sx < 0 || sx >= s.w) continue;
      if (flip) sx = s.w - 1 - sx;
      std::memcpy(dst + (static_cast<size_t>(y) * s.w + x) * s.c,
                  src + (static_cast<size_t>(sy) * s.w + sx) * s.c, s.c * sizeof(float));
    }
  }
  if (a.noise > 0.0f) {
    for (int64_t i = 0; i < s.size(); ++i) dst[i] += a.noise * rng.Normal();
  }
}

}  // namespace mote::train
