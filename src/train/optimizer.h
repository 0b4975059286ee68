// Optimisers (SGD with momentum, AdamW) and learning-rate schedules.
#ifndef MOTE_TRAIN_OPTIMIZER_H_
#define MOTE_TRAIN_OPTIMIZER_H_

#include <memory>
#include <string>
#include <vector>

#include "train/layer.h"

namespace mote::train {

struct OptimizerConfig {
  std::string type = "adamw";  // "sgd" or "adamw"
  float momentum = 0.9f;       // sgd
  bool nesterov = false;       // sgd
  float beta1 = 0.9f;          // adamw
  float beta2 = 0.999f;
  float epsilon = 1e-8f;
  // SGD: L2 added to the gradient (PyTorch's SGD weight_decay); AdamW:
  // decoupled, w -= lr * weight_decay * w. Only parameters with decay=true
  // (kernels; never biases or batch-norm scales).
  float weight_decay = 0.0f;
};

class Optimizer {
 public:
  virtual ~Optimizer() = default;
  // One update of every parameter with its gradient (same order and sizes).
  virtual void Step(const std::vector<Param*>& params,
                    const std::vector<std::vector<float>*>& grads, float lr) = 0;
};

// Throws std::invalid_argument on an unknown type or bad hyper-parameters.
std::unique_ptr<Optimizer> MakeOptimizer(const OptimizerConfig& config);

struct ScheduleConfig {
  std::string type = "cosine";  // "constant", "step", "cosine"
  float learning_rate = 1e-3f;
  float min_learning_rate = 0.0f;  // cosine floor
  int step_epochs = 10;            // step: multiply by gamma every step_epochs
  float gamma = 0.1f;
  float warmup_epochs = 0.0f;      // linear warm-up from 0 (any schedule)
};

// Learning rate at `epoch_progress` = epoch + fraction of the epoch done,
// over `total_epochs`.
float LearningRate(const ScheduleConfig& s, double epoch_progress, int total_epochs);
void ValidateSchedule(const ScheduleConfig& s);

}  // namespace mote::train

#endif  // MOTE_TRAIN_OPTIMIZER_H_
