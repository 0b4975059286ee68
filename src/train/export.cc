#include "train/export.h"

#include "host/model_writer.h"
#include "schema/tflite_generated.h"

namespace mote::train {
namespace {

using host::BuiltinOp;
using host::Quantization;

tflite::ActivationFunctionType ActivationOf(FusedActivation a) {
  switch (a) {
    case FusedActivation::kRelu: return tflite::ActivationFunctionType_RELU;
    case FusedActivation::kRelu6: return tflite::ActivationFunctionType_RELU6;
    case FusedActivation::kNone: break;
  }
  return tflite::ActivationFunctionType_NONE;
}

tflite::Padding PaddingOf(Padding p) {
  return p == Padding::kSame ? tflite::Padding_SAME : tflite::Padding_VALID;
}

// NHWC with batch 1; flat tensors (dense, reshape, softmax) as [1, n].
std::vector<int32_t> TensorShape(const QTensor& t, OpKind producer, bool is_input) {
  const bool flat = !is_input && (producer == OpKind::kFullyConnected ||
                                  producer == OpKind::kReshape || producer == OpKind::kSoftmax);
  if (flat) return {1, static_cast<int32_t>(t.shape.size())};
  return {1, t.shape.h, t.shape.w, t.shape.c};
}

}  // namespace

std::vector<uint8_t> ExportTflite(const QuantizedModel& m, const nlohmann::json& metadata,
                                  const std::string& description) {
  host::ModelWriter w;
  w.SetDescription(description);
  std::vector<int32_t> ids(m.tensors.size(), -1);
  ids[0] = w.AddActivation(m.tensors[0].name, tflite::TensorType_INT8,
                           TensorShape(m.tensors[0], OpKind::kConv2D, true),
                           Quantization::PerTensor(m.tensors[0].scale, m.tensors[0].zero_point));
  for (const QOp& op : m.ops) {
    const QTensor& out = m.tensors[op.output];
    const std::vector<int32_t> out_shape = TensorShape(out, op.kind, false);
    ids[op.output] = w.AddActivation(out.name, tflite::TensorType_INT8, out_shape,
                                     Quantization::PerTensor(out.scale, out.zero_point));
    const int32_t in = ids[op.input];
    const int32_t o = ids[op.output];
    const QTensor& ti = m.tensors[op.input];
    switch (op.kind) {
      case OpKind::kConv2D:
      case OpKind::kDepthwiseConv2D: {
        const bool dw = op.kind == OpKind::kDepthwiseConv2D;
        const int cout = out.shape.c;
        const std::vector<int32_t> wshape =
            dw ? std::vector<int32_t>{1, op.kernel_h, op.kernel_w, cout}
               : std::vector<int32_t>{cout, op.kernel_h, op.kernel_w, ti.shape.c};
        const int32_t weights =
            w.AddConst(op.name + "/weights", wshape, op.weights,
                       Quantization::PerChannel(op.weight_scales, dw ? 3 : 0));
        const int32_t bias = w.AddConst(op.name + "/bias", {cout}, op.bias,
                                        Quantization::PerChannel(op.bias_scales, 0));
        if (dw) {
          w.AddOperator(BuiltinOp::kDepthwiseConv2D, {in, weights, bias}, {o},
                        host::DepthwiseConv2DOptions(PaddingOf(op.padding), op.stride_w,
                                                     op.stride_h, op.multiplier,
                                                     ActivationOf(op.activation)),
                        /*version=*/3);
        } else {
          w.AddOperator(BuiltinOp::kConv2D, {in, weights, bias}, {o},
                        host::Conv2DOptions(PaddingOf(op.padding), op.stride_w, op.stride_h,
                                            ActivationOf(op.activation)),
                        /*version=*/3);
        }
        break;
      }
      case OpKind::kFullyConnected: {
        const int units = out.shape.c;
        const int32_t depth = static_cast<int32_t>(ti.shape.size());
        const int32_t weights =
            w.AddConst(op.name + "/weights", {units, depth}, op.weights,
                       Quantization::PerTensor(op.weight_scales[0], 0));
        const int32_t bias = w.AddConst(op.name + "/bias", {units}, op.bias,
                                        Quantization::PerTensor(op.bias_scales[0], 0));
        w.AddOperator(BuiltinOp::kFullyConnected, {in, weights, bias}, {o},
                      host::FullyConnectedOptions(ActivationOf(op.activation)), /*version=*/4);
        break;
      }
      case OpKind::kMaxPool:
      case OpKind::kAvgPool:
        w.AddOperator(op.kind == OpKind::kMaxPool ? BuiltinOp::kMaxPool2D
                                                  : BuiltinOp::kAveragePool2D,
                      {in}, {o},
                      host::Pool2DOptions(PaddingOf(op.padding), op.stride_w, op.stride_h,
                                          op.kernel_w, op.kernel_h, ActivationOf(op.activation)),
                      /*version=*/2);
        break;
      case OpKind::kReshape: {
        const int32_t shape =
            w.AddConst<int32_t>(op.name + "/shape", {2}, std::vector<int32_t>(out_shape));
        w.AddOperator(BuiltinOp::kReshape, {in, shape}, {o}, host::ReshapeOptions(out_shape));
        break;
      }
      case OpKind::kSoftmax:
        w.AddOperator(BuiltinOp::kSoftmax, {in}, {o}, host::SoftmaxOptions(1.0f), /*version=*/2);
        break;
    }
  }
  w.SetInputs({ids[0]});
  w.SetOutputs({ids[m.output]});
  const std::string meta = metadata.dump();
  w.AddMetadata("mote_train", std::vector<uint8_t>(meta.begin(), meta.end()));
  return w.Finish();
}

nlohmann::json ReadTrainMetadata(const uint8_t* bytes, size_t size) {
  flatbuffers::Verifier verifier(bytes, size);
  if (!tflite::VerifyModelBuffer(verifier)) return nullptr;
  const tflite::Model* model = tflite::GetModel(bytes);
  if (model->metadata() == nullptr || model->buffers() == nullptr) return nullptr;
  for (const tflite::Metadata* md : *model->metadata()) {
    if (md == nullptr || md->name() == nullptr || md->name()->str() != "mote_train") continue;
    if (md->buffer() >= model->buffers()->size()) return nullptr;
    const tflite::Buffer* buffer = model->buffers()->Get(md->buffer());
    if (buffer == nullptr || buffer->data() == nullptr) return nullptr;
    const std::string text(buffer->data()->begin(), buffer->data()->end());
    return nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  }
  return nullptr;
}

}  // namespace mote::train
