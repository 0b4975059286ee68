// The training loop: seeded shuffling, batches split into fixed shards that
// run forward and backward on their own threads, gradients summed in shard
// order, optimiser step, per-epoch validation, early stopping and the best
// weights kept.
//
// Determinism: the shard count (TrainConfig::threads) fixes how a batch is
// split and summed, so a config and seed give the same weights bit for bit
// on a machine, whatever the scheduling. Batch norm normalises over each
// shard (as data-parallel training without synchronised batch norm) and
// its running statistics combine every shard.
#ifndef MOTE_TRAIN_TRAINER_H_
#define MOTE_TRAIN_TRAINER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "data/dataset.h"
#include "train/augment.h"
#include "train/network.h"
#include "train/optimizer.h"

namespace mote::train {

struct TrainConfig {
  int epochs = 10;
  int batch_size = 128;
  int threads = 2;  // shards per batch, each on its own thread
  uint64_t seed = 1;
  OptimizerConfig optimizer;
  ScheduleConfig schedule;
  // Early stopping: stop after `patience` epochs without a better
  // validation metric (0: never). The best epoch's weights are restored.
  int patience = 0;
  std::string monitor = "val_accuracy";  // or "val_loss"
  // Per-class loss weights (empty: all 1); "balanced" computes
  // n / (classes * n_c) from the training set.
  std::vector<float> class_weights;
  bool balanced_class_weights = false;
  AugmentConfig augment;
};
void ValidateTrainConfig(const TrainConfig& c);

struct EpochResult {
  int epoch = 0;  // 1-based
  double train_loss = 0, train_accuracy = 0;
  double val_loss = 0, val_accuracy = 0;  // 0 without validation data
  float learning_rate = 0;
  double seconds = 0;
  double samples_per_second = 0;
  double cpu_seconds = 0;  // process CPU time of the training passes (all threads)
  bool best = false;  // the monitored metric improved
};

struct TrainResult {
  std::vector<EpochResult> history;
  int best_epoch = 0;
  bool stopped_early = false;
  double seconds = 0;
};

struct BatchProgress {
  int epoch = 0, epochs = 0;
  int64_t done = 0, total = 0;  // samples this epoch
  double loss = 0, accuracy = 0;  // running means this epoch
  double seconds = 0;             // this epoch so far
  float learning_rate = 0;
};

struct EvalResult {
  double loss = 0;
  double accuracy = 0;
  std::vector<int32_t> predictions;  // argmax per sample (classifiers)
};

// Loss and accuracy of the network (inference mode) on a data set. For MSE
// networks the target is the input itself (autoencoders) and accuracy is 0.
EvalResult Evaluate(const Network& net, const data::Dataset& d, int threads,
                    int batch_size = 256);

// The network's outputs on every sample: size() x output size.
std::vector<float> Predict(const Network& net, const data::Dataset& d, int threads,
                           int batch_size = 256);

class Trainer {
 public:
  using BatchFn = std::function<void(const BatchProgress&)>;
  // Called after every epoch; may write the best checkpoint.
  using EpochFn = std::function<void(const EpochResult&, const Network&)>;

  // Throws std::invalid_argument on a config the network or data cannot use.
  Trainer(Network* net, const TrainConfig& config);
  TrainResult Fit(const data::Dataset& train, const data::Dataset* val, const BatchFn& on_batch,
                  const EpochFn& on_epoch);

  // Quantization-aware fine-tuning (qat.h): `before` runs before every
  // batch's forward pass and before validation (it puts fake-quantized
  // weights in place), `after` once the gradients are computed and after
  // validation (it puts back the float weights the optimiser updates: the
  // straight-through estimator).
  void set_weight_hooks(std::function<void()> before, std::function<void()> after) {
    before_ = std::move(before);
    after_ = std::move(after);
  }

 private:
  Network* net_;
  TrainConfig config_;
  std::function<void()> before_, after_;
};

// Runs fn(0..shards-1), shard 0 on the calling thread and the others on
// their own threads; rethrows the first exception after every shard ended.
void RunShards(int shards, const std::function<void(int)>& fn);

}  // namespace mote::train

#endif  // MOTE_TRAIN_TRAINER_H_
