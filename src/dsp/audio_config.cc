#include "dsp/audio_config.h"

#include "dsp/fft.h"
#include "dsp/scratch.h"

namespace mote::dsp {
namespace {

bool Finite(float v) { return v == v && v < 3.4e38f && v > -3.4e38f; }

}  // namespace

MelSpec MelSpecOf(const AudioConfig& config) {
  MelSpec spec;
  spec.num_bins = config.num_mel_bins;
  spec.fft_size = config.fft_size;
  spec.sample_rate = config.sample_rate;
  spec.lower_hz = config.lower_hz;
  spec.upper_hz = config.upper_hz;
  spec.scale = config.mel_scale;
  spec.triangles_in_hz = config.mel_triangles_in_hz;
  spec.slaney_norm = config.mel_slaney_norm;
  return spec;
}

Status ValidateAudioConfig(const AudioConfig& c, ErrorReporter* errors) {
  if (c.sample_rate <= 0) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                  "audio config: sample_rate must be positive, got %ld",
                  static_cast<long>(c.sample_rate));
  }
  if (c.frame_length <= 0) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                  "audio config: frame_length must be positive, got %ld",
                  static_cast<long>(c.frame_length));
  }
  if (c.frame_step <= 0) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                  "audio config: frame_step must be positive, got %ld",
                  static_cast<long>(c.frame_step));
  }
  MOTE_RETURN_IF_ERROR(CheckFftSize(c.fft_size, "audio config: fft_size", errors));
  if (c.frame_length > c.fft_size) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                  "audio config: frame_length %ld is longer than fft_size %ld",
                  static_cast<long>(c.frame_length), static_cast<long>(c.fft_size));
  }
  if (!Finite(c.pre_emphasis) || c.pre_emphasis < 0.0f || c.pre_emphasis > 1.0f) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                  "audio config: pre_emphasis must be in [0, 1]");
  }
  if (!Finite(c.lower_hz) || !Finite(c.upper_hz)) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                  "audio config: lower_hz/upper_hz must be finite");
  }
  MOTE_RETURN_IF_ERROR(MelWeights::Check(MelSpecOf(c), errors));
  if (!Finite(c.log_offset) || !(c.log_offset > 0.0f)) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                  "audio config: log_offset must be positive (log of zero energy)");
  }
  if (c.num_mfcc < 0 || c.num_mfcc > c.num_mel_bins) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                  "audio config: num_mfcc %ld must be in [0, num_mel_bins = %ld]",
                  static_cast<long>(c.num_mfcc), static_cast<long>(c.num_mel_bins));
  }
  if (!Finite(c.lifter) || c.lifter < 0.0f || c.lifter > 200.0f) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                  "audio config: lifter must be in [0, 200]");
  }
  const NoiseReductionConfig& nr = c.noise_reduction;
  if (!Finite(nr.smoothing_even) || !Finite(nr.smoothing_odd) ||
      nr.smoothing_even < 0.0f || nr.smoothing_even > 1.0f ||
      nr.smoothing_odd < 0.0f || nr.smoothing_odd > 1.0f ||
      !Finite(nr.min_signal_remaining) || nr.min_signal_remaining < 0.0f ||
      nr.min_signal_remaining > 1.0f) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                  "audio config: noise_reduction smoothing and min_signal_remaining "
                  "must be in [0, 1]");
  }
  const PcanConfig& p = c.pcan;
  if (!Finite(p.strength) || !Finite(p.offset) || !Finite(p.root) ||
      !Finite(p.epsilon) || p.strength < 0.0f || !(p.offset > 0.0f) ||
      !(p.root > 0.0f) || !(p.epsilon > 0.0f)) {
    MOTE_DSP_FAIL(errors, Status::kInvalidArgument,
                  "audio config: pcan needs strength >= 0 and offset, root, epsilon > 0");
  }
  return Status::kOk;
}

int32_t AudioFeatureSize(const AudioConfig& config) {
  return config.num_mfcc > 0 ? config.num_mfcc : config.num_mel_bins;
}

int32_t AudioFrameCount(const AudioConfig& config, size_t num_samples) {
  if (config.frame_length <= 0 || config.frame_step <= 0) return 0;
  if (num_samples < static_cast<size_t>(config.frame_length)) return 0;
  const size_t frames =
      1 + (num_samples - static_cast<size_t>(config.frame_length)) /
              static_cast<size_t>(config.frame_step);
  return frames > 0x7FFFFFFF ? 0x7FFFFFFF : static_cast<int32_t>(frames);
}

}  // namespace mote::dsp
