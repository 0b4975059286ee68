#include "dsp/imu_features.h"

#include <math.h>

#include "dsp/dsp_math.h"
#include "dsp/fft.h"
#include "dsp/window.h"

namespace mote::dsp {
namespace {

bool Finite(float v) { return v == v && v < 3.4e38f && v > -3.4e38f; }

}  // namespace

Status ValidateImuConfig(const ImuConfig& c, ErrorReporter* errors) {
  if (!Finite(c.sample_rate) || !(c.sample_rate > 0.0f)) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument, "imu config: sample_rate must be positive");
  }
  MOTE_RETURN_IF_ERROR(CheckFftSize(c.fft_size, "imu config: fft_size", errors));
  if (c.filter != FilterType::kNone) {
    if (!Finite(c.cutoff_hz) || !(c.cutoff_hz > 0.0f) || !(c.cutoff_hz < c.sample_rate / 2)) {
      MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                    "imu config: cutoff_hz must be in (0, sample_rate / 2)");
    }
    if (c.filter_order < 2 || c.filter_order > 8 || c.filter_order % 2 != 0) {
      MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                    "imu config: filter_order %ld must be 2, 4, 6 or 8",
                    static_cast<long>(c.filter_order));
    }
  }
  if (c.num_bands < 0 || c.num_bands > c.fft_size / 2) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                  "imu config: num_bands %ld must be in [0, fft_size / 2]",
                  static_cast<long>(c.num_bands));
  }
  if (c.num_peaks < 0 || c.num_peaks > c.fft_size / 2) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                  "imu config: num_peaks %ld must be in [0, fft_size / 2]",
                  static_cast<long>(c.num_peaks));
  }
  return Status::kOk;
}

int32_t ImuFeaturesPerAxis(const ImuConfig& c) { return 3 + c.num_bands + 2 * c.num_peaks; }

void DesignButterworth(FilterType type, int32_t order, double cutoff_hz, double sample_rate,
                       Biquad* sections) {
  // RBJ cookbook biquads are the bilinear transform (pre-warped at the
  // cutoff) of s^2 + s/Q + 1; with the Butterworth pole Qs their cascade is
  // the digital Butterworth filter.
  const double w0 = 2.0 * kPi * cutoff_hz / sample_rate;
  const double cw = DetCos(w0), sw = DetSin(w0);
  for (int32_t k = 0; k < order / 2; ++k) {
    const double q = 1.0 / (2.0 * DetCos(kPi * (2.0 * k + 1.0) / (2.0 * order)));
    const double alpha = sw / (2.0 * q);
    const double a0 = 1.0 + alpha;
    double b0, b1;
    if (type == FilterType::kHighPass) {
      b0 = (1.0 + cw) / 2.0;
      b1 = -(1.0 + cw);
    } else {
      b0 = (1.0 - cw) / 2.0;
      b1 = 1.0 - cw;
    }
    sections[k].b0 = static_cast<float>(b0 / a0);
    sections[k].b1 = static_cast<float>(b1 / a0);
    sections[k].b2 = static_cast<float>(b0 / a0);
    sections[k].a1 = static_cast<float>(-2.0 * cw / a0);
    sections[k].a2 = static_cast<float>((1.0 - alpha) / a0);
  }
}

void ImuFeatures::Layout(Scratch* s) {
  const size_t n = static_cast<size_t>(config_.fft_size);
  signal_ = s->Take<float>(static_cast<size_t>(max_window_));
  window_ = s->Take<float>(n);
  frame_ = s->Take<float>(n);
  fft_ = s->Take<float>(n + 2);
  power_ = s->Take<float>(n / 2 + 1);
}

size_t ImuFeatures::ScratchBytes(const ImuConfig& config, int32_t max_window) {
  if (ValidateImuConfig(config, nullptr) != Status::kOk || max_window < config.fft_size) {
    return 0;
  }
  ImuFeatures probe;
  probe.config_ = config;
  probe.max_window_ = max_window;
  Scratch counter;
  probe.Layout(&counter);
  return counter.used();
}

Status ImuFeatures::Init(const ImuConfig& config, int32_t max_window, void* scratch,
                         size_t bytes, ErrorReporter* errors) {
  MOTE_RETURN_IF_ERROR(ValidateImuConfig(config, errors));
  if (max_window < config.fft_size) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                  "imu: the window (%ld samples) is shorter than fft_size %ld",
                  static_cast<long>(max_window), static_cast<long>(config.fft_size));
  }
  const size_t need = ScratchBytes(config, max_window);
  if (scratch == nullptr || bytes < need) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                  "imu: scratch of %lu bytes is too small, needs %lu",
                  static_cast<unsigned long>(bytes), static_cast<unsigned long>(need));
  }
  config_ = config;
  max_window_ = max_window;
  Scratch s(scratch, bytes);
  Layout(&s);
  for (int32_t i = 0; i < config.fft_size; ++i) {
    window_[i] = static_cast<float>(WindowValue(WindowType::kHann, i, config.fft_size, true));
  }
  if (config.filter != FilterType::kNone) {
    DesignButterworth(config.filter, config.filter_order, config.cutoff_hz, config.sample_rate,
                      sections_);
  }
  return Status::kOk;
}

Status ImuFeatures::ComputeAxis(const float* samples, size_t count, size_t stride,
                                float* features, ErrorReporter* errors) {
  const ImuConfig& c = config_;
  if (count < static_cast<size_t>(c.fft_size) || count > static_cast<size_t>(max_window_)) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                  "imu: window of %lu samples must be in [fft_size = %ld, %ld]",
                  static_cast<unsigned long>(count), static_cast<long>(c.fft_size),
                  static_cast<long>(max_window_));
  }
  // Mean removal in double: IMU axes often carry a large offset (gravity).
  double mean = 0.0;
  for (size_t i = 0; i < count; ++i) {
    const float v = samples[i * stride];
    if (!Finite(v)) {
      MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                    "imu: sample %lu is NaN or infinite", static_cast<unsigned long>(i));
    }
    mean += v;
  }
  mean /= static_cast<double>(count);
  for (size_t i = 0; i < count; ++i) {
    signal_[i] = static_cast<float>(static_cast<double>(samples[i * stride]) - mean);
  }
  if (c.filter != FilterType::kNone) {
    for (int32_t k = 0; k < c.filter_order / 2; ++k) {
      const Biquad& q = sections_[k];
      float z1 = 0.0f, z2 = 0.0f;
      for (size_t i = 0; i < count; ++i) {
        const float x = signal_[i];
        const float y = q.b0 * x + z1;
        z1 = q.b1 * x - q.a1 * y + z2;
        z2 = q.b2 * x - q.a2 * y;
        signal_[i] = y;
      }
    }
  }
  // Moments about the filtered signal's mean.
  double m1 = 0.0, sum_sq = 0.0;
  for (size_t i = 0; i < count; ++i) m1 += signal_[i];
  m1 /= static_cast<double>(count);
  double m2 = 0.0, m3 = 0.0, m4 = 0.0;
  for (size_t i = 0; i < count; ++i) {
    const double v = signal_[i];
    sum_sq += v * v;
    const double d = v - m1, d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  const double inv = 1.0 / static_cast<double>(count);
  m2 *= inv;
  m3 *= inv;
  m4 *= inv;
  features[0] = static_cast<float>(DetSqrt(sum_sq * inv));
  features[1] = m2 > 0.0 ? static_cast<float>(m3 / (m2 * DetSqrt(m2))) : 0.0f;
  features[2] = m2 > 0.0 ? static_cast<float>(m4 / (m2 * m2) - 3.0) : 0.0f;

  // Welch: mean of one-sided |X|^2 / (sum w)^2 over half-overlapping segments.
  const int32_t n = c.fft_size, nspec = n / 2 + 1;
  double wsum = 0.0;
  for (int32_t i = 0; i < n; ++i) wsum += window_[i];
  const float scale = static_cast<float>(1.0 / (wsum * wsum));
  for (int32_t k = 0; k < nspec; ++k) power_[k] = 0.0f;
  const size_t hop = static_cast<size_t>(n / 2);
  const size_t segments = 1 + (count - static_cast<size_t>(n)) / hop;
  for (size_t seg = 0; seg < segments; ++seg) {
    for (int32_t i = 0; i < n; ++i) frame_[i] = signal_[seg * hop + i] * window_[i];
    RfftF32(frame_, n, fft_);
    for (int32_t k = 0; k < nspec; ++k) {
      const float re = fft_[2 * k], im = fft_[2 * k + 1];
      const float one_sided = (k == 0 || k == n / 2) ? 1.0f : 2.0f;
      power_[k] += one_sided * (re * re + im * im) * scale;
    }
  }
  for (int32_t k = 0; k < nspec; ++k) power_[k] /= static_cast<float>(segments);

  // Bands: bin k (at k fs / n Hz) belongs to band floor(k * bands / (n/2)),
  // the Nyquist bin to the last band.
  float* bands = features + 3;
  for (int32_t b = 0; b < c.num_bands; ++b) bands[b] = 0.0f;
  for (int32_t k = 0; k < nspec && c.num_bands > 0; ++k) {
    int32_t b = static_cast<int32_t>(static_cast<int64_t>(k) * c.num_bands / (n / 2));
    if (b >= c.num_bands) b = c.num_bands - 1;
    bands[b] += power_[k];
  }

  // Peaks: interior local maxima, highest first (ties: lower frequency).
  float* peak_hz = bands + c.num_bands;
  float* peak_power = peak_hz + c.num_peaks;
  for (int32_t p = 0; p < c.num_peaks; ++p) {
    peak_hz[p] = 0.0f;
    peak_power[p] = 0.0f;
  }
  int32_t found = 0;
  for (int32_t k = 1; k + 1 < nspec; ++k) {
    const float v = power_[k];
    if (!(v > power_[k - 1] && v >= power_[k + 1])) continue;
    // Insertion into the sorted top list.
    int32_t pos = found < c.num_peaks ? found : c.num_peaks;
    while (pos > 0 && peak_power[pos - 1] < v) --pos;
    if (pos >= c.num_peaks) continue;
    const int32_t last = found < c.num_peaks ? found : c.num_peaks - 1;
    for (int32_t j = last; j > pos; --j) {
      peak_power[j] = peak_power[j - 1];
      peak_hz[j] = peak_hz[j - 1];
    }
    peak_power[pos] = v;
    peak_hz[pos] = static_cast<float>(static_cast<double>(k) * c.sample_rate / n);
    if (found < c.num_peaks) ++found;
  }
  return Status::kOk;
}

}  // namespace mote::dsp
