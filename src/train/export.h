// Writes a QuantizedModel as a standard int8 .tflite through mote's model
// writer: int8 input and output, per-channel conv/depthwise weights, int32
// biases, fused ReLU/ReLU6, RESHAPE with its shape tensor (as TFLite's
// converter writes it), and a "mote_train" metadata entry (JSON: class
// names, input scaling) that `mote eval` reads.
#ifndef MOTE_TRAIN_EXPORT_H_
#define MOTE_TRAIN_EXPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "train/quantize.h"

namespace mote::train {

std::vector<uint8_t> ExportTflite(const QuantizedModel& m, const nlohmann::json& metadata,
                                  const std::string& description);

// The "mote_train" metadata of a model, or null when it has none.
nlohmann::json ReadTrainMetadata(const uint8_t* model_bytes, size_t size);

}  // namespace mote::train

#endif  // MOTE_TRAIN_EXPORT_H_
