// Float checkpoints: the network's spec and weights plus what is needed to
// continue (quantize, evaluate) without the original command line.
//
// File: "MOTECKPT", uint32 version 1, uint64 JSON size, the JSON header
// ({"config", "classes", "epoch", "metrics", "tensors": [{name, shape,
// offset, count}]}), then the float32 values little-endian. Written through
// a temporary file and a rename, so a crash never leaves half a checkpoint.
#ifndef MOTE_TRAIN_CHECKPOINT_H_
#define MOTE_TRAIN_CHECKPOINT_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "train/network.h"

namespace mote::train {

struct Checkpoint {
  nlohmann::json config;  // the training config (TrainingRun::source)
  std::vector<std::string> classes;
  int epoch = 0;
  nlohmann::json metrics;  // e.g. {"val_accuracy": 0.91}
};

// Throws std::runtime_error on I/O errors.
void SaveCheckpoint(const std::string& path, const Network& net, const Checkpoint& info);

// Rebuilds the network from the spec in the file and loads its weights.
// Throws std::runtime_error naming the file on any inconsistency.
Network LoadCheckpoint(const std::string& path, Checkpoint* info);

}  // namespace mote::train

#endif  // MOTE_TRAIN_CHECKPOINT_H_
