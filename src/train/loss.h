// Losses on the network output, with their gradients.
#ifndef MOTE_TRAIN_LOSS_H_
#define MOTE_TRAIN_LOSS_H_

#include <cstdint>

namespace mote::train {

// Softmax cross-entropy on logits [n][k] with integer labels. Sample i
// weighs class_weights[label] (1 when null). Returns the weighted sum of the
// per-sample losses; writes dL/dlogits = weight * (softmax - onehot) *
// grad_scale into `grad` (may be null) and counts argmax hits in *correct.
// The caller divides by the batch's total weight (grad_scale = 1 / total),
// as PyTorch's weighted mean reduction does.
double SoftmaxCrossEntropy(const float* logits, int n, int k, const int32_t* labels,
                           const float* class_weights, float grad_scale, float* grad,
                           int* correct);

// Squared error on outputs [n][dim] against targets: returns the sum over
// samples of the per-sample mean squared error; dL/dout =
// 2 (out - target) / dim * grad_scale (grad may be null).
double MeanSquaredError(const float* out, const float* target, int n, int dim,
                        float grad_scale, float* grad);

// The index of the largest value (the first one on ties).
int ArgMax(const float* v, int k);

}  // namespace mote::train

#endif  // MOTE_TRAIN_LOSS_H_
