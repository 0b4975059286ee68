// Analysis windows, as tf.signal and scipy.signal.get_window define them.
#ifndef MOTE_DSP_WINDOW_H_
#define MOTE_DSP_WINDOW_H_

#include <cstdint>

#include "dsp/dsp_math.h"

namespace mote::dsp {

enum class WindowType : uint8_t { kRectangular, kHann, kHamming };

// w[i] of an n-point window. Periodic windows (tf.signal's default, for
// spectral analysis) divide by n; symmetric ones by n - 1. n == 1 gives 1.
constexpr double WindowValue(WindowType type, int32_t i, int32_t n, bool periodic) {
  if (type == WindowType::kRectangular || n <= 1) return 1.0;
  const double denom = static_cast<double>(periodic ? n : n - 1);
  const double c = DetCos(2.0 * kPi * static_cast<double>(i) / denom);
  return type == WindowType::kHann ? 0.5 - 0.5 * c : 0.54 - 0.46 * c;
}

}  // namespace mote::dsp

#endif  // MOTE_DSP_WINDOW_H_
