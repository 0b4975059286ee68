// Mel filterbanks in the two common constructions.
//
// - tf.signal.linear_to_mel_weight_matrix (HTK scale mel = 1127 ln(1 +
//   f/700), triangles linear in mel, the DC bin excluded): `kHtk`, triangles
//   in mel, no normalisation. This is what the MLPerf Tiny KWS model saw.
// - librosa.filters.mel's default (Slaney's Auditory Toolbox scale: linear
//   below 1 kHz, logarithmic above; triangles linear in Hz; each triangle
//   scaled to unit area, norm="slaney"): `kSlaney`, triangles in Hz,
//   slaney_norm.
// Any mix of the three switches is allowed.
//
// Weights are kept sparse: each channel stores its first bin and a run of
// weights (a spectrum bin falls in at most two triangles, so at most
// 2 * (fft_size / 2 + 1) weights in total).
#ifndef MOTE_DSP_MEL_H_
#define MOTE_DSP_MEL_H_

#include <cstdint>

#include "dsp/scratch.h"

namespace mote::dsp {

enum class MelScale : uint8_t { kHtk, kSlaney };

double HzToMel(double hz, MelScale scale);
double MelToHz(double mel, MelScale scale);

struct MelSpec {
  int32_t num_bins = 40;
  int32_t fft_size = 512;
  int32_t sample_rate = 16000;
  double lower_hz = 20.0;
  double upper_hz = 4000.0;
  MelScale scale = MelScale::kHtk;
  bool triangles_in_hz = false;  // false: linear in mel (tf.signal, HTK)
  bool slaney_norm = false;      // scale each triangle to area 1 (librosa)
};

// A filterbank's sparse weights in caller memory.
class MelWeights {
 public:
  // Validates `spec` (channel count, frequencies against Nyquist).
  static Status Check(const MelSpec& spec, ErrorReporter* errors);

  // Lays out the sparse tables in `scratch`; on a counting Scratch it only
  // counts. With memory, fills them (float weights; per-channel Q15 weights
  // relative to the channel's largest weight, and that largest weight).
  void Layout(const MelSpec& spec, Scratch* scratch, bool with_q15);

  int32_t num_channels() const { return num_channels_; }
  int32_t start(int32_t c) const { return start_[c]; }
  int32_t count(int32_t c) const { return count_[c]; }
  const float* weights_f32(int32_t c) const { return weights_f32_ + offset_[c]; }
  const uint16_t* weights_q15(int32_t c) const { return weights_q15_ + offset_[c]; }
  double channel_max(int32_t c) const { return channel_max_[c]; }

  // Exact double weight (tests and plots).
  static double Weight(const MelSpec& spec, int32_t channel, int32_t bin);

 private:
  int32_t num_channels_ = 0;
  int16_t* start_ = nullptr;
  int16_t* count_ = nullptr;
  int32_t* offset_ = nullptr;
  float* weights_f32_ = nullptr;
  uint16_t* weights_q15_ = nullptr;
  double* channel_max_ = nullptr;
};

}  // namespace mote::dsp

#endif  // MOTE_DSP_MEL_H_
