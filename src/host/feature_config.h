// JSON configs of `mote features` (audio, imu, image) -> dsp config structs.
//
// Strict: unknown keys, wrong types and out-of-range values are errors that
// name the key (a typo must not silently fall back to a default). Missing
// keys keep the defaults, which for audio are the mlperf-kws preset's
// (except clip_samples: 0, the input's own length). The files
// tests/dsp/data/*.json are examples.
#ifndef MOTE_HOST_FEATURE_CONFIG_H_
#define MOTE_HOST_FEATURE_CONFIG_H_

#include <string>
#include <vector>

#include "dsp/audio_config.h"
#include "dsp/image.h"
#include "dsp/imu_features.h"

namespace mote::host {

struct AudioJob {
  dsp::AudioConfig config;
  bool peak_normalize = true;  // divide the clip by its maximum (MLPerf KWS)
  int clip_samples = 0;        // pad with zeros / cut to this many; 0: keep
  bool fixed_point = false;    // the integer pipeline instead of float
};

struct ImuJob {
  dsp::ImuConfig config;
  std::vector<std::string> columns;  // empty: every column but a time column
  int window_samples = 0;            // 0: the whole file is one window
  int window_step = 0;               // 0: window_samples
};

struct ImageJob {
  int width = 0;   // 0: from the model's input (or the image's own size)
  int height = 0;
  int channels = 0;  // 1 (grayscale) or 3; 0: from the model or the image
  std::string resize = "bilinear";  // "bilinear" | "area"
  std::string crop = "none";        // "none" | "center" (to the output aspect)
  dsp::PixelNormalization normalization;
};

// The preset named `name` ("mlperf-kws"); false if unknown.
bool AudioPreset(const std::string& name, AudioJob* job);

bool ParseAudioJob(const std::string& json_text, AudioJob* job, std::string* error);
bool ParseImuJob(const std::string& json_text, ImuJob* job, std::string* error);
bool ParseImageJob(const std::string& json_text, ImageJob* job, std::string* error);

// Reads the file and dispatches on its "type" key.
bool ReadTextFile(const std::string& path, std::string* text, std::string* error);

}  // namespace mote::host

#endif  // MOTE_HOST_FEATURE_CONFIG_H_
