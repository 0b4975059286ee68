// Motion (IMU) features: per axis, over one window of samples,
//
//   mean removal -> optional Butterworth low-/high-pass (cascaded biquads)
//   -> RMS, skewness, excess kurtosis
//   -> Welch power spectrum (periodic Hann segments of fft_size, 50 %
//      overlap, one-sided "spectrum" scaling as scipy.signal.welch with
//      detrend=False, scaling="spectrum")
//   -> power summed in num_bands equal-width bands from 0 Hz to Nyquist
//   -> the num_peaks highest local maxima (frequency in Hz, power)
//
// Feature vector per axis (ImuFeaturesPerAxis values):
//   [rms, skewness, kurtosis, band_power[num_bands],
//    peak_hz[num_peaks], peak_power[num_peaks]]
// Missing peaks are 0. Float32 (IMU rates are low; every Cortex-M4F+ has an
// FPU); the filter runs in float with double-designed coefficients.
#ifndef MOTE_DSP_IMU_FEATURES_H_
#define MOTE_DSP_IMU_FEATURES_H_

#include <cstddef>
#include <cstdint>

#include "dsp/scratch.h"

namespace mote::dsp {

enum class FilterType : uint8_t { kNone, kLowPass, kHighPass };

struct ImuConfig {
  float sample_rate = 100.0f;
  int32_t fft_size = 64;
  FilterType filter = FilterType::kNone;
  float cutoff_hz = 0.0f;
  int32_t filter_order = 2;  // even, 2..8 (order / 2 biquads)
  int32_t num_bands = 8;
  int32_t num_peaks = 3;
};

Status ValidateImuConfig(const ImuConfig& config, ErrorReporter* errors);
int32_t ImuFeaturesPerAxis(const ImuConfig& config);

// One biquad section, normalised (a0 = 1), direct form II transposed.
struct Biquad {
  float b0, b1, b2, a1, a2;
};
// The Butterworth design as scipy.signal.butter(order, cutoff, btype, fs,
// output="sos") (bilinear transform with pre-warping), one section per
// conjugate pole pair; `sections` holds order / 2 entries.
void DesignButterworth(FilterType type, int32_t order, double cutoff_hz,
                       double sample_rate, Biquad* sections);

class ImuFeatures {
 public:
  // Scratch for windows of up to max_window samples.
  static size_t ScratchBytes(const ImuConfig& config, int32_t max_window);
  Status Init(const ImuConfig& config, int32_t max_window, void* scratch, size_t bytes,
              ErrorReporter* errors);

  // One axis: samples[i * stride] for i < count (interleaved axes: stride =
  // number of axes). fft_size <= count <= max_window. Non-finite samples
  // are an error.
  Status ComputeAxis(const float* samples, size_t count, size_t stride, float* features,
                     ErrorReporter* errors);

  const ImuConfig& config() const { return config_; }
  // The last axis' filtered signal and Welch spectrum (fft_size/2 + 1).
  const float* filtered() const { return signal_; }
  const float* spectrum() const { return power_; }

 private:
  void Layout(Scratch* s);

  ImuConfig config_;
  int32_t max_window_ = 0;
  Biquad sections_[4] = {};
  float* signal_ = nullptr;   // max_window
  float* window_ = nullptr;   // fft_size
  float* frame_ = nullptr;    // fft_size
  float* fft_ = nullptr;      // fft_size + 2
  float* power_ = nullptr;    // fft_size / 2 + 1
};

}  // namespace mote::dsp

#endif  // MOTE_DSP_IMU_FEATURES_H_
