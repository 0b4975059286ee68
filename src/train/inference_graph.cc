#include "train/inference_graph.h"

#include <cmath>
#include <stdexcept>

#include "train/layers.h"

namespace mote::train {

const char* OpKindName(OpKind kind) {
  switch (kind) {
    case OpKind::kConv2D: return "CONV_2D";
    case OpKind::kDepthwiseConv2D: return "DEPTHWISE_CONV_2D";
    case OpKind::kFullyConnected: return "FULLY_CONNECTED";
    case OpKind::kMaxPool: return "MAX_POOL_2D";
    case OpKind::kAvgPool: return "AVERAGE_POOL_2D";
    case OpKind::kReshape: return "RESHAPE";
    case OpKind::kSoftmax: return "SOFTMAX";
  }
  return "?";
}

InferenceGraph BuildInferenceGraph(const Network& net) {
  InferenceGraph g;
  g.input = net.input_shape();
  g.loss = net.loss();
  const auto& layers = net.layers();
  // Can the op just emitted still take a batch norm or an activation?
  bool open_linear = false;
  for (size_t i = 0; i < layers.size(); ++i) {
    const Layer* l = layers[i].get();
    const int index = static_cast<int>(i);
    if (const auto* conv = dynamic_cast<const Conv2D*>(l)) {
      FloatOp op;
      op.kind = OpKind::kConv2D;
      const ConvConfig& c = conv->config();
      op.kernel_h = c.kernel_h;
      op.kernel_w = c.kernel_w;
      op.stride_h = c.stride_h;
      op.stride_w = c.stride_w;
      op.padding = c.padding;
      op.weights = l->params()[0].value;
      op.bias = c.use_bias ? l->params()[1].value : std::vector<float>(c.filters, 0.0f);
      op.name = l->name();
      op.in = l->in_shape();
      op.out = l->out_shape();
      op.source_layer = index;
      g.ops.push_back(std::move(op));
      open_linear = true;
    } else if (const auto* dw = dynamic_cast<const DepthwiseConv2D*>(l)) {
      FloatOp op;
      op.kind = OpKind::kDepthwiseConv2D;
      const DepthwiseConfig& c = dw->config();
      op.kernel_h = c.kernel_h;
      op.kernel_w = c.kernel_w;
      op.stride_h = c.stride_h;
      op.stride_w = c.stride_w;
      op.padding = c.padding;
      op.multiplier = c.multiplier;
      op.weights = l->params()[0].value;
      op.bias = c.use_bias ? l->params()[1].value : std::vector<float>(l->out_shape().c, 0.0f);
      op.name = l->name();
      op.in = l->in_shape();
      op.out = l->out_shape();
      op.source_layer = index;
      g.ops.push_back(std::move(op));
      open_linear = true;
    } else if (const auto* dense = dynamic_cast<const Dense*>(l)) {
      FloatOp op;
      op.kind = OpKind::kFullyConnected;
      op.weights = l->params()[0].value;
      op.bias = dense->use_bias() ? l->params()[1].value
                                  : std::vector<float>(dense->units(), 0.0f);
      op.name = l->name();
      op.in = l->in_shape();
      op.out = l->out_shape();
      op.source_layer = index;
      g.ops.push_back(std::move(op));
      open_linear = true;
    } else if (const auto* bn = dynamic_cast<const BatchNorm*>(l)) {
      if (!open_linear || g.ops.back().activation != FusedActivation::kNone) {
        throw std::invalid_argument(l->name() +
                                    ": batch norm must directly follow a conv2d, "
                                    "depthwise_conv2d or dense layer to be folded at export");
      }
      // y = gamma (x - mean) / sqrt(var + eps) + beta folded into the
      // weights and bias of the op's output channels (the last weight axis
      // in every trained layout).
      FloatOp& op = g.ops.back();
      const int channels = op.out.c;
      const float* gamma = l->params()[0].value.data();
      const float* beta = l->params()[1].value.data();
      const float* mean = l->state()[0].value.data();
      const float* var = l->state()[1].value.data();
      std::vector<float> scale(channels);
      for (int c = 0; c < channels; ++c) {
        scale[c] = gamma[c] / std::sqrt(var[c] + bn->epsilon());
        op.bias[c] = (op.bias[c] - mean[c]) * scale[c] + beta[c];
      }
      for (size_t k = 0; k < op.weights.size(); ++k) op.weights[k] *= scale[k % channels];
      op.source_layer = index;
    } else if (const auto* relu = dynamic_cast<const ReLU*>(l)) {
      if (!open_linear || g.ops.back().activation != FusedActivation::kNone) {
        throw std::invalid_argument(l->name() +
                                    ": relu/relu6 must follow a conv2d, depthwise_conv2d or "
                                    "dense layer (optionally with batch norm) to be fused");
      }
      g.ops.back().activation = relu->six() ? FusedActivation::kRelu6 : FusedActivation::kRelu;
      g.ops.back().source_layer = index;
    } else if (dynamic_cast<const Dropout*>(l) != nullptr) {
      // Identity at inference; the op before keeps its output.
      if (!g.ops.empty() && g.ops.back().source_layer == index - 1) {
        g.ops.back().source_layer = index;
      }
      open_linear = false;
    } else if (dynamic_cast<const FakeQuant*>(l) != nullptr) {
      // The grid the exported tensor has anyway: nothing to emit.
      if (!g.ops.empty() && g.ops.back().source_layer == index - 1) {
        g.ops.back().source_layer = index;
      }
      open_linear = false;
    } else if (const auto* pool = dynamic_cast<const Pool2D*>(l)) {
      FloatOp op;
      op.kind = pool->is_max() ? OpKind::kMaxPool : OpKind::kAvgPool;
      const PoolConfig& c = pool->config();
      op.kernel_h = c.size_h;
      op.kernel_w = c.size_w;
      op.stride_h = c.stride_h;
      op.stride_w = c.stride_w;
      op.padding = c.padding;
      op.name = l->name();
      op.in = l->in_shape();
      op.out = l->out_shape();
      op.source_layer = index;
      g.ops.push_back(std::move(op));
      open_linear = false;
    } else if (dynamic_cast<const GlobalAvgPool*>(l) != nullptr) {
      FloatOp op;
      op.kind = OpKind::kAvgPool;
      op.kernel_h = op.stride_h = l->in_shape().h;
      op.kernel_w = op.stride_w = l->in_shape().w;
      op.padding = Padding::kValid;
      op.name = l->name();
      op.in = l->in_shape();
      op.out = l->out_shape();
      op.source_layer = index;
      g.ops.push_back(std::move(op));
      open_linear = false;
    } else if (dynamic_cast<const Flatten*>(l) != nullptr) {
      FloatOp op;
      op.kind = OpKind::kReshape;
      op.name = l->name();
      op.in = l->in_shape();
      op.out = l->out_shape();
      op.source_layer = index;
      g.ops.push_back(std::move(op));
      open_linear = false;
    } else {
      throw std::invalid_argument(l->name() + ": layer kind '" + l->kind() +
                                  "' cannot be exported");
    }
  }
  if (g.loss == LossKind::kSoftmaxCrossEntropy) {
    FloatOp op;
    op.kind = OpKind::kSoftmax;
    op.name = "softmax";
    op.in = op.out = net.output_shape();
    g.ops.push_back(std::move(op));
  }
  return g;
}

}  // namespace mote::train
