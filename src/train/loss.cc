#include "train/loss.h"

#include <cmath>

namespace mote::train {

int ArgMax(const float* v, int k) {
  int best = 0;
  for (int i = 1; i < k; ++i) {
    if (v[i] > v[best]) best = i;
  }
  return best;
}

double SoftmaxCrossEntropy(const float* logits, int n, int k, const int32_t* labels,
                           const float* class_weights, float grad_scale, float* grad,
                           int* correct) {
  double total = 0.0;
  int hits = 0;
  for (int i = 0; i < n; ++i) {
    const float* z = logits + static_cast<size_t>(i) * k;
    const int label = labels[i];
    const int best = ArgMax(z, k);
    if (best == label) ++hits;
    // log-sum-exp around the maximum for stability, in double.
    const double zmax = z[best];
    double sum = 0.0;
    for (int j = 0; j < k; ++j) sum += std::exp(static_cast<double>(z[j]) - zmax);
    const double log_sum = std::log(sum);
    const double weight = class_weights != nullptr ? class_weights[label] : 1.0;
    total += weight * (log_sum - (static_cast<double>(z[label]) - zmax));
    if (grad != nullptr) {
      float* g = grad + static_cast<size_t>(i) * k;
      for (int j = 0; j < k; ++j) {
        const double p = std::exp(static_cast<double>(z[j]) - zmax - log_sum);
        g[j] = static_cast<float>(weight * (p - (j == label ? 1.0 : 0.0)) * grad_scale);
      }
    }
  }
  if (correct != nullptr) *correct += hits;
  return total;
}

double MeanSquaredError(const float* out, const float* target, int n, int dim,
                        float grad_scale, float* grad) {
  double total = 0.0;
  for (int i = 0; i < n; ++i) {
    const float* o = out + static_cast<size_t>(i) * dim;
    const float* t = target + static_cast<size_t>(i) * dim;
    double s = 0.0;
    for (int j = 0; j < dim; ++j) {
      const double d = static_cast<double>(o[j]) - t[j];
      s += d * d;
      if (grad != nullptr) {
        grad[static_cast<size_t>(i) * dim + j] = static_cast<float>(2.0 * d / dim * grad_scale);
      }
    }
    total += s / dim;
  }
  return total;
}

}  // namespace mote::train
