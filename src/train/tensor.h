// Batches of samples for training: float, NHWC, one contiguous vector.
//
// Every layer sees its input as n samples of one SampleShape (h, w, c);
// dense data is 1 x 1 x c, time series 1 x t x c, images h x w x c, so one
// layout serves every layer and maps directly onto TFLite's NHWC tensors.
#ifndef MOTE_TRAIN_TENSOR_H_
#define MOTE_TRAIN_TENSOR_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace mote::train {

struct SampleShape {
  int h = 1;
  int w = 1;
  int c = 1;
  int64_t size() const { return int64_t{h} * w * c; }
  bool operator==(const SampleShape&) const = default;
  std::string ToString() const;  // "28x28x1"
};

struct Batch {
  int n = 0;
  SampleShape shape;
  std::vector<float> data;

  // Keeps the storage when it is large enough: batches are reused every step.
  void Resize(int samples, const SampleShape& s) {
    n = samples;
    shape = s;
    data.resize(static_cast<size_t>(samples) * static_cast<size_t>(s.size()));
  }
  size_t size() const { return data.size(); }
  float* sample(int i) { return data.data() + static_cast<size_t>(i) * shape.size(); }
  const float* sample(int i) const {
    return data.data() + static_cast<size_t>(i) * shape.size();
  }
};

}  // namespace mote::train

#endif  // MOTE_TRAIN_TENSOR_H_
