// Named feature configurations.
//
// mlperf-kws: the features the MLPerf Tiny keyword-spotting reference model
// (kws_ref_model.tflite) was trained on, i.e. the tf.signal pipeline of
// mlcommons/tiny benchmark/training/keyword_spotting/get_dataset.py:
//   wav / tf.reduce_max(wav)                      (peak normalisation)
//   tf.signal.stft(frame_length=480, frame_step=320, fft_length=512,
//                  window_fn=tf.signal.hann_window)    (periodic Hann)
//   tf.abs                                        (magnitude)
//   linear_to_mel_weight_matrix(40, 257, 16000, 20.0, 4000.0)
//   tf.math.log(mel + 1e-6)
//   mfccs_from_log_mel_spectrograms(...)[..., :10]
// on a 1 s, 16 kHz clip: 49 x 10 features, quantized with the model's
// input scale and zero point. Labels in output order: down, go, left, no,
// off, on, right, stop, up, yes, silence, unknown (get_dataset.py's
// word_labels, the tfds speech_commands order).
#ifndef MOTE_DSP_PRESETS_H_
#define MOTE_DSP_PRESETS_H_

#include <cstdint>

#include "dsp/audio_config.h"

namespace mote::dsp {

struct KwsPreset {
  AudioConfig config;
  int32_t clip_samples = 16000;
  int32_t frames = 49;
  bool peak_normalize = true;
  // kws_ref_model.tflite's input tensor (used when no model is given).
  float input_scale = 0.5847029089927673f;
  int32_t input_zero_point = 83;
};

KwsPreset MlperfKwsPreset();

constexpr int kMlperfKwsNumLabels = 12;
const char* MlperfKwsLabel(int index);

}  // namespace mote::dsp

#endif  // MOTE_DSP_PRESETS_H_
