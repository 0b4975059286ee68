// Parameters of the audio feature pipeline:
//
//   int16 / float samples -> frames (frame_length every frame_step)
//   -> pre-emphasis (optional) -> window -> real FFT (fft_size, zero padded)
//   -> magnitude or power spectrum -> mel filterbank
//   -> noise reduction and PCAN gain (optional, float path)
//   -> log(mel + log_offset) (the "MFE" / log-mel features)
//   -> DCT-II, first num_mfcc coefficients, liftering (optional): MFCC
//
// The defaults are the MLPerf Tiny KWS front end (tf.signal): see presets.h.
#ifndef MOTE_DSP_AUDIO_CONFIG_H_
#define MOTE_DSP_AUDIO_CONFIG_H_

#include <cstddef>
#include <cstdint>

#include "dsp/mel.h"
#include "dsp/window.h"
#include "mote/status.h"

namespace mote::dsp {

enum class SpectrumType : uint8_t { kMagnitude, kPower };

// DCT-II scaling. kHtk: every coefficient sqrt(2/N) (HTK, and
// tf.signal.mfccs_from_log_mel_spectrograms, which is dct(x) / sqrt(2N));
// kOrtho: coefficient 0 sqrt(1/N), others sqrt(2/N) (scipy norm="ortho").
enum class DctNorm : uint8_t { kHtk, kOrtho };

// Per-channel noise floor: a running estimate of each mel channel's energy
// (smoothing on even and odd channels as TFLM's micro frontend) is
// subtracted, keeping at least min_signal_remaining of the energy.
struct NoiseReductionConfig {
  bool enabled = false;
  float smoothing_even = 0.025f;
  float smoothing_odd = 0.06f;
  float min_signal_remaining = 0.05f;
};

// PCAN-style automatic gain (per-channel energy normalisation, Wang et al.
// 2017): E / (noise + eps)^strength, then (x + offset)^root - offset^root.
// The noise estimate is the noise-reduction one (its smoothing is used even
// when noise reduction itself is off).
struct PcanConfig {
  bool enabled = false;
  float strength = 0.95f;
  float offset = 2.0f;
  float root = 0.5f;
  float epsilon = 1e-6f;
};

struct AudioConfig {
  int32_t sample_rate = 16000;
  int32_t frame_length = 480;  // samples per frame
  int32_t frame_step = 320;    // samples between frame starts
  int32_t fft_size = 512;      // >= frame_length, power of two
  WindowType window = WindowType::kHann;
  bool periodic_window = true;
  float pre_emphasis = 0.0f;   // y[n] = x[n] - a x[n-1]; 0 turns it off
  SpectrumType spectrum = SpectrumType::kMagnitude;
  int32_t num_mel_bins = 40;
  float lower_hz = 20.0f;
  float upper_hz = 4000.0f;
  MelScale mel_scale = MelScale::kHtk;
  bool mel_triangles_in_hz = false;
  bool mel_slaney_norm = false;
  float log_offset = 1e-6f;    // log(mel + log_offset), natural log
  int32_t num_mfcc = 10;       // 0: output the log-mel energies
  DctNorm dct_norm = DctNorm::kHtk;
  float lifter = 0.0f;         // HTK liftering 1 + L/2 sin(pi k / L); 0: off
  NoiseReductionConfig noise_reduction;
  PcanConfig pcan;
};

// Checks every field (zero or negative sizes, FFT size, frequencies against
// Nyquist, NaN/Inf parameters) with a message naming the field.
Status ValidateAudioConfig(const AudioConfig& config, ErrorReporter* errors);

// Features per frame: num_mfcc, or num_mel_bins when num_mfcc == 0.
int32_t AudioFeatureSize(const AudioConfig& config);

// Complete frames in `num_samples` samples (no end padding, as tf.signal.stft
// with pad_end=False): 1 + (num_samples - frame_length) / frame_step.
int32_t AudioFrameCount(const AudioConfig& config, size_t num_samples);

MelSpec MelSpecOf(const AudioConfig& config);

}  // namespace mote::dsp

#endif  // MOTE_DSP_AUDIO_CONFIG_H_
