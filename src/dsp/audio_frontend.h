// Audio feature extraction, one frame at a time, in caller memory.
//
//   AudioFrontendF32: float32 throughout (the reference path; matches
//     tf.signal within float rounding).
//   AudioFrontendQ: integer only (int16 samples, Q31 FFT with a per-frame
//     block exponent, integer square root and log, Q15 mel weights, Q30 DCT)
//     for parts without an FPU; features in Q16 (value * 2^16 in int32).
//     Gives the same bits on every target.
//
// Both: ScratchBytes(config) -> Init(config, memory, bytes) -> ProcessFrame
// per frame. Samples are int16 read as sample / peak (peak 32768 by default:
// full scale is 1.0); MLPerf's training normalised each clip by its maximum,
// which set_peak(max) reproduces. Noise reduction and PCAN keep per-channel
// state across frames (Reset() clears it); they are float-only for now.
#ifndef MOTE_DSP_AUDIO_FRONTEND_H_
#define MOTE_DSP_AUDIO_FRONTEND_H_

#include <cstddef>
#include <cstdint>

#include "dsp/audio_config.h"
#include "dsp/dsp_math.h"
#include "dsp/mel.h"
#include "dsp/scratch.h"

namespace mote::dsp {

class AudioFrontendF32 {
 public:
  using Feature = float;

  static size_t ScratchBytes(const AudioConfig& config);
  Status Init(const AudioConfig& config, void* scratch, size_t bytes,
              ErrorReporter* errors);

  // Samples are read as sample / peak (peak > 0).
  void set_peak(float peak) { inv_peak_ = 1.0f / peak; }
  // Clears the noise estimates (a new stream).
  void Reset();

  // One frame of config().frame_length samples. `previous` is the sample
  // before the frame (0 at the start of a signal), used by pre-emphasis.
  void ProcessFrame(const int16_t* frame, int16_t previous, float* features);
  // The same on real-valued samples (no peak scaling).
  void ProcessFrameReal(const float* frame, float previous, float* features);

  const AudioConfig& config() const { return config_; }
  int32_t feature_size() const { return AudioFeatureSize(config_); }
  // Of the last frame: fft_size/2 + 1 spectrum values, num_mel_bins mel
  // energies (before the log) and log-mel values.
  const float* spectrum() const { return spectrum_; }
  const float* mel() const { return mel_; }
  const float* log_mel() const { return log_mel_; }

 private:
  void Layout(Scratch* scratch);
  void FromFrame(float* features);

  AudioConfig config_;
  MelWeights mel_weights_;
  float inv_peak_ = 1.0f / 32768.0f;
  float* window_ = nullptr;    // frame_length
  float* frame_ = nullptr;     // fft_size (zero padded)
  float* fft_ = nullptr;       // fft_size + 2
  float* spectrum_ = nullptr;  // fft_size / 2 + 1
  float* mel_ = nullptr;       // num_mel_bins
  float* log_mel_ = nullptr;   // num_mel_bins
  float* noise_ = nullptr;     // num_mel_bins
  float* dct_ = nullptr;       // num_mfcc x num_mel_bins (scaled, liftered)
};

// Features in Q16 fixed point.
constexpr int kFeatureFracBits = 16;

class AudioFrontendQ {
 public:
  using Feature = int32_t;

  static size_t ScratchBytes(const AudioConfig& config);
  // Fails (kUnsupported) when noise reduction or PCAN is enabled.
  Status Init(const AudioConfig& config, void* scratch, size_t bytes,
              ErrorReporter* errors);

  // Samples are read as sample / peak; peak in [1, 32768].
  Status set_peak(int32_t peak, ErrorReporter* errors);
  void Reset() {}

  void ProcessFrame(const int16_t* frame, int16_t previous, int32_t* features_q16);

  const AudioConfig& config() const { return config_; }
  int32_t feature_size() const { return AudioFeatureSize(config_); }
  // Of the last frame, Q16.
  const int32_t* log_mel() const { return log_mel_; }

 private:
  void Layout(Scratch* scratch);

  AudioConfig config_;
  MelWeights mel_weights_;
  int32_t peak_ = 32768;
  int32_t* window_ = nullptr;     // Q30, frame_length
  int32_t* frame_ = nullptr;      // fft_size
  int32_t* fft_ = nullptr;        // fft_size + 2
  uint64_t* spectrum_ = nullptr;  // fft_size / 2 + 1
  int32_t* log_mel_ = nullptr;    // Q16, num_mel_bins
  int32_t* dct_ = nullptr;        // Q30, num_mfcc x num_mel_bins
  int32_t* lifter_ = nullptr;     // Q24, num_mfcc
  int64_t* ln_gain_ = nullptr;    // Q24 ln(channel max weight * input gain)
  uint64_t* eps_mantissa_ = nullptr;  // log_offset / that gain, as m * 2^e
  int32_t* eps_exponent_ = nullptr;
  double* eps_over_max_ = nullptr;    // log_offset / channel max weight
  int64_t ln_eps_q24_ = 0;
  int32_t pre_emphasis_q15_ = 0;
};

// Features of every complete frame of `samples` into `out` (frames x
// feature_size, row-major): the whole-buffer path. Resets the frontend
// first. Returns the frame count.
template <typename Frontend>
int32_t ComputeAudioFeatures(Frontend& frontend, const int16_t* samples,
                             size_t num_samples, typename Frontend::Feature* out) {
  frontend.Reset();
  const AudioConfig& c = frontend.config();
  const int32_t frames = AudioFrameCount(c, num_samples);
  const int32_t size = frontend.feature_size();
  for (int32_t f = 0; f < frames; ++f) {
    const size_t start = static_cast<size_t>(f) * static_cast<size_t>(c.frame_step);
    const int16_t previous = start > 0 ? samples[start - 1] : int16_t{0};
    frontend.ProcessFrame(samples + start, previous,
                          out + static_cast<size_t>(f) * static_cast<size_t>(size));
  }
  return frames;
}

// The signed maximum of the samples, as MLPerf's tf.reduce_max
// normalisation uses; 32768 when no sample is positive (that normalisation
// would divide by zero or flip the sign).
int32_t PeakOf(const int16_t* samples, size_t num_samples);

}  // namespace mote::dsp

#endif  // MOTE_DSP_AUDIO_FRONTEND_H_
