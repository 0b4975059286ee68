// The training config: one JSON file with the data, the model, training and
// quantization settings (examples/fashion-mnist/config.json).
//
//   {"name": "fashion-mnist",
//    "data": {"format": "idx", "path": "/usr/share/datasets/fashion-mnist",
//             "validation_fraction": 0.1},
//    "model": {"input": [28, 28, 1], "layers": [...]},
//    "training": {"epochs": 10, "batch_size": 128,
//                 "optimizer": {"type": "adamw", "weight_decay": 0.0001},
//                 "schedule": {"type": "cosine", "learning_rate": 0.003},
//                 "early_stopping": {"patience": 3},
//                 "augment": {"shift": 2}},
//    "quantization": {"method": "minmax", "calibration_samples": 1000,
//                     "qat_epochs": 0, "qat_learning_rate": 0.0001},
//    "output": "build/fashion-mnist"}
//
// Data formats: "idx" (a folder with <split>-images/labels-idx?-ubyte[.gz];
// "train_split"/"test_split" name the prefixes, default train/t10k),
// "image_folder" and "wav_folder" (<path>/<class>/<files>; "test_path" or
// "test_fraction" for the test set; WAV clips become MFCC / log-mel frames
// with "features": {"preset": "mlperf-kws"} or a `mote features audio`
// config, see data/audio_features.h), "csv" (a file; see csv_series.h),
// "synthetic" (seeded noise of "shape" with "samples" and "classes": for
// throughput measurements only).
// Relative data paths are relative to the config file. Every unknown key is
// an error, so a typo never silently falls back to a default.
#ifndef MOTE_TRAIN_CONFIG_H_
#define MOTE_TRAIN_CONFIG_H_

#include <string>

#include <nlohmann/json.hpp>

#include "data/dataset.h"
#include "train/quantize.h"
#include "train/trainer.h"

namespace mote::train {

struct DataSplits {
  data::Dataset train, validation, test;
  std::string description;  // one line for the log
};

struct TrainingRun {
  std::string name = "model";
  nlohmann::json data;   // the "data" section, paths made absolute
  nlohmann::json model;  // the "model" section
  TrainConfig training;
  QuantizeConfig quantization;
  std::string output = "mote-train-output";
  nlohmann::json source;  // the whole config, data paths made absolute
};

// Parses and validates a config; throws std::invalid_argument naming the
// file and the key. `base_dir` resolves relative data paths.
TrainingRun ParseTrainingRun(const nlohmann::json& config, const std::string& base_dir);
TrainingRun LoadTrainingRun(const std::string& path);

// Loads the data a "data" section describes (throws data::DataError).
// `seed` drives the validation/test splits.
DataSplits LoadData(const nlohmann::json& data, uint64_t seed);

// Loads a data set for evaluation from a path whose format is detected: a
// folder with IDX files (`split`, default t10k), a folder of class folders
// with images or WAV files, or a .csv file. `like` gives the shape the model
// expects (grayscale images, clip length); `features`, when an object, the
// audio front end the model was trained on (data/audio_features.h).
data::Dataset LoadEvalData(const std::string& path, const std::string& split, int height,
                           int width, int channels, const std::string& label_column,
                           const nlohmann::json& features = nullptr);

}  // namespace mote::train

#endif  // MOTE_TRAIN_CONFIG_H_
