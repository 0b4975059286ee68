#include "train/optimizer.h"

#include <cmath>
#include <stdexcept>

namespace mote::train {
namespace {

class Sgd : public Optimizer {
 public:
  explicit Sgd(const OptimizerConfig& c) : c_(c) {}
  void Step(const std::vector<Param*>& params, const std::vector<std::vector<float>*>& grads,
            float lr) override {
    if (velocity_.size() != params.size()) {
      velocity_.clear();
      for (const Param* p : params) velocity_.emplace_back(p->value.size(), 0.0f);
    }
    for (size_t i = 0; i < params.size(); ++i) {
      float* w = params[i]->value.data();
      const float* g = grads[i]->data();
      float* v = velocity_[i].data();
      const float wd = params[i]->decay ? c_.weight_decay : 0.0f;
      for (size_t k = 0; k < params[i]->value.size(); ++k) {
        const float d = g[k] + wd * w[k];
        v[k] = c_.momentum * v[k] + d;
        w[k] -= lr * (c_.nesterov ? d + c_.momentum * v[k] : v[k]);
      }
    }
  }

 private:
  OptimizerConfig c_;
  std::vector<std::vector<float>> velocity_;
};

class AdamW : public Optimizer {
 public:
  explicit AdamW(const OptimizerConfig& c) : c_(c) {}
  void Step(const std::vector<Param*>& params, const std::vector<std::vector<float>*>& grads,
            float lr) override {
    if (m_.size() != params.size()) {
      m_.clear();
      v_.clear();
      for (const Param* p : params) {
        m_.emplace_back(p->value.size(), 0.0f);
        v_.emplace_back(p->value.size(), 0.0f);
      }
    }
    ++t_;
    const float b1 = c_.beta1, b2 = c_.beta2;
    const float correction1 = static_cast<float>(1.0 - std::pow(double{b1}, t_));
    const float correction2 = static_cast<float>(1.0 - std::pow(double{b2}, t_));
    const float step = lr / correction1;
    const float inv_sqrt_c2 = 1.0f / std::sqrt(correction2);
    for (size_t i = 0; i < params.size(); ++i) {
      float* w = params[i]->value.data();
      const float* g = grads[i]->data();
      float* m = m_[i].data();
      float* v = v_[i].data();
      const float decay = params[i]->decay ? 1.0f - lr * c_.weight_decay : 1.0f;
      for (size_t k = 0; k < params[i]->value.size(); ++k) {
        w[k] *= decay;
        m[k] = b1 * m[k] + (1.0f - b1) * g[k];
        v[k] = b2 * v[k] + (1.0f - b2) * g[k] * g[k];
        // PyTorch's form: denominator sqrt(v) / sqrt(1 - b2^t) + eps.
        w[k] -= step * m[k] / (std::sqrt(v[k]) * inv_sqrt_c2 + c_.epsilon);
      }
    }
  }

 private:
  OptimizerConfig c_;
  int64_t t_ = 0;
  std::vector<std::vector<float>> m_, v_;
};

}  // namespace

std::unique_ptr<Optimizer> MakeOptimizer(const OptimizerConfig& c) {
  if (!(c.weight_decay >= 0.0f)) throw std::invalid_argument("weight_decay must be >= 0");
  if (c.type == "sgd") {
    if (!(c.momentum >= 0.0f && c.momentum < 1.0f)) {
      throw std::invalid_argument("momentum must be in [0, 1)");
    }
    return std::make_unique<Sgd>(c);
  }
  if (c.type == "adamw" || c.type == "adam") {
    if (!(c.beta1 >= 0.0f && c.beta1 < 1.0f && c.beta2 >= 0.0f && c.beta2 < 1.0f &&
          c.epsilon > 0.0f)) {
      throw std::invalid_argument("adamw: beta1, beta2 must be in [0, 1) and epsilon > 0");
    }
    return std::make_unique<AdamW>(c);
  }
  throw std::invalid_argument("optimizer must be \"sgd\" or \"adamw\", got '" + c.type + "'");
}

void ValidateSchedule(const ScheduleConfig& s) {
  if (s.type != "constant" && s.type != "step" && s.type != "cosine") {
    throw std::invalid_argument("schedule must be \"constant\", \"step\" or \"cosine\", got '" +
                                s.type + "'");
  }
  if (!(s.learning_rate > 0.0f)) throw std::invalid_argument("learning_rate must be > 0");
  if (!(s.min_learning_rate >= 0.0f)) {
    throw std::invalid_argument("min_learning_rate must be >= 0");
  }
  if (s.step_epochs < 1) throw std::invalid_argument("step_epochs must be >= 1");
  if (!(s.gamma > 0.0f)) throw std::invalid_argument("gamma must be > 0");
  if (!(s.warmup_epochs >= 0.0f)) throw std::invalid_argument("warmup_epochs must be >= 0");
}

float LearningRate(const ScheduleConfig& s, double epoch_progress, int total_epochs) {
  double lr = s.learning_rate;
  if (s.type == "step") {
    lr *= std::pow(static_cast<double>(s.gamma),
                   std::floor(epoch_progress / static_cast<double>(s.step_epochs)));
  } else if (s.type == "cosine" && total_epochs > 0) {
    const double t = std::min(epoch_progress / total_epochs, 1.0);
    lr = s.min_learning_rate + 0.5 * (s.learning_rate - s.min_learning_rate) *
                                   (1.0 + std::cos(3.14159265358979323846 * t));
  }
  if (s.warmup_epochs > 0.0f && epoch_progress < s.warmup_epochs) {
    lr *= epoch_progress / s.warmup_epochs;
  }
  return static_cast<float>(lr);
}

}  // namespace mote::train
