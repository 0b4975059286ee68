// Training-time augmentation of one sample: random shift (images: both
// axes; time series 1 x t x c: time shift), horizontal flip, Gaussian noise.
// Seeded per (seed, epoch, sample), so it does not depend on threads.
#ifndef MOTE_TRAIN_AUGMENT_H_
#define MOTE_TRAIN_AUGMENT_H_

#include "train/random.h"
#include "train/tensor.h"

namespace mote::train {

struct AugmentConfig {
  int shift_h = 0;      // max rows shifted either way (zero fill)
  int shift_w = 0;      // max columns / time steps
  bool flip_w = false;  // mirror left-right with probability 1/2
  float noise = 0.0f;   // standard deviation of added Gaussian noise
  bool enabled() const { return shift_h > 0 || shift_w > 0 || flip_w || noise > 0.0f; }
};

// dst = augmented src (both shape.size() values; must not overlap).
void Augment(const AugmentConfig& a, const SampleShape& shape, const float* src, float* dst,
             Random& rng);

}  // namespace mote::train

#endif  // MOTE_TRAIN_AUGMENT_H_
