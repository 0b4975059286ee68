#include "dsp/presets.h"

namespace mote::dsp {

KwsPreset MlperfKwsPreset() {
  KwsPreset p;
  AudioConfig& c = p.config;
  c.sample_rate = 16000;
  c.frame_length = 480;
  c.frame_step = 320;
  c.fft_size = 512;
  c.window = WindowType::kHann;
  c.periodic_window = true;
  c.pre_emphasis = 0.0f;
  c.spectrum = SpectrumType::kMagnitude;
  c.num_mel_bins = 40;
  c.lower_hz = 20.0f;
  c.upper_hz = 4000.0f;
  c.mel_scale = MelScale::kHtk;
  c.mel_triangles_in_hz = false;
  c.mel_slaney_norm = false;
  c.log_offset = 1e-6f;
  c.num_mfcc = 10;
  c.dct_norm = DctNorm::kHtk;
  c.lifter = 0.0f;
  return p;
}

const char* MlperfKwsLabel(int index) {
  static constexpr const char* kLabels[kMlperfKwsNumLabels] = {
      "down", "go", "left", "no", "off", "on", "right", "stop", "up", "yes",
      "silence", "unknown"};
  return index >= 0 && index < kMlperfKwsNumLabels ? kLabels[index] : "?";
}

}  // namespace mote::dsp
