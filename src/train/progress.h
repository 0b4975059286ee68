// A one-line terminal progress bar for training: epoch, bar, loss, accuracy,
// throughput and ETA, redrawn in place (at most 10 times a second) when the
// output is a terminal; one summary line per epoch otherwise (logs, CI).
#ifndef MOTE_TRAIN_PROGRESS_H_
#define MOTE_TRAIN_PROGRESS_H_

#include <chrono>
#include <cstdio>
#include <string>

#include "train/trainer.h"

namespace mote::train {

class ProgressBar {
 public:
  explicit ProgressBar(std::FILE* out, bool interactive);
  void Update(const BatchProgress& p);
  // Ends the epoch's line with the validation results.
  void EndEpoch(const EpochResult& e, int epochs, bool classify);

  // "1:05", "12:00:03".
  static std::string Duration(double seconds);
  // The bar line for a progress state (tests check it).
  static std::string Render(const BatchProgress& p, double eta_seconds, int width);

 private:
  std::FILE* out_;
  bool interactive_;
  std::chrono::steady_clock::time_point last_draw_{};
  std::chrono::steady_clock::time_point start_;
  double epoch_seconds_sum_ = 0;
  int epochs_done_ = 0;
  bool drawn_ = false;
};

}  // namespace mote::train

#endif  // MOTE_TRAIN_PROGRESS_H_
