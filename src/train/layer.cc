#include "train/layer.h"

#include <algorithm>
#include <string>

#include "train/tensor.h"

namespace mote::train {

std::string SampleShape::ToString() const {
  return std::to_string(h) + "x" + std::to_string(w) + "x" + std::to_string(c);
}

// TFLite's ComputeOutSize and ComputePaddingHeightWidth (dilation 1): SAME
// gives ceil(in / stride) outputs with the odd padding element at the end.
int OutputSize(Padding padding, int in, int kernel, int stride) {
  if (padding == Padding::kSame) return (in + stride - 1) / stride;
  return (in - kernel + stride) / stride;
}

int PaddingBefore(Padding padding, int in, int kernel, int stride) {
  if (padding == Padding::kValid) return 0;
  const int out = OutputSize(padding, in, kernel, stride);
  return std::max(((out - 1) * stride + kernel - in) / 2, 0);
}

}  // namespace mote::train
