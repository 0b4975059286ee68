// The network as the device will run it: batch norm folded into the conv or
// dense layer before it, ReLU/ReLU6 fused into the op before it, dropout
// gone, flatten a reshape, softmax appended to classifiers. One FloatOp per
// TFLite operator of the exported model.
#ifndef MOTE_TRAIN_INFERENCE_GRAPH_H_
#define MOTE_TRAIN_INFERENCE_GRAPH_H_

#include <string>
#include <vector>

#include "train/layer.h"
#include "train/network.h"

namespace mote::train {

enum class OpKind { kConv2D, kDepthwiseConv2D, kFullyConnected, kMaxPool, kAvgPool, kReshape,
                    kSoftmax };
enum class FusedActivation { kNone, kRelu, kRelu6 };
const char* OpKindName(OpKind kind);

struct FloatOp {
  OpKind kind = OpKind::kConv2D;
  std::string name;
  SampleShape in, out;
  int kernel_h = 1, kernel_w = 1, stride_h = 1, stride_w = 1;
  Padding padding = Padding::kValid;
  int multiplier = 1;  // depthwise
  // Trained layouts: conv HWIO, depthwise [kh][kw][cout], dense [in][units].
  std::vector<float> weights;
  std::vector<float> bias;  // one per output channel (zeros when the layer had none)
  FusedActivation activation = FusedActivation::kNone;
  // The training layer whose output equals this op's output (inference
  // mode, up to the rounding of the folded batch norm); -1 for softmax.
  int source_layer = -1;
};

struct InferenceGraph {
  SampleShape input;
  std::vector<FloatOp> ops;
  LossKind loss = LossKind::kSoftmaxCrossEntropy;
};

// Throws std::invalid_argument when a layer cannot be exported (batch norm
// or an activation without a conv/dense before it...).
InferenceGraph BuildInferenceGraph(const Network& net);

}  // namespace mote::train

#endif  // MOTE_TRAIN_INFERENCE_GRAPH_H_
