// PNG pictures of training: the loss and accuracy curves per epoch, and a
// confusion matrix. Drawn on a small RGB canvas with a built-in 5x7 font
// (no font files, no plotting library) and written through stb_image_write
// to a temporary file renamed into place.
#ifndef MOTE_TRAIN_PLOT_H_
#define MOTE_TRAIN_PLOT_H_

#include <string>
#include <vector>

#include "train/metrics.h"
#include "train/trainer.h"

namespace mote::train {

// Left panel: train/validation loss; right panel: train/validation
// accuracy (classifiers). Throws std::runtime_error on write errors.
void WriteTrainingCurvePng(const std::string& path, const std::vector<EpochResult>& history,
                           bool classify, const std::string& title);

// Cells shaded by the share of their row (true class), counts written in.
void WriteConfusionPng(const std::string& path, const ClassificationReport& report);

}  // namespace mote::train

#endif  // MOTE_TRAIN_PLOT_H_
