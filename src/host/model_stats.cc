#include "host/model_stats.h"

#include <fmt/format.h>

namespace mote::host {
namespace {

constexpr int32_t kConv2d = 3;
constexpr int32_t kDepthwiseConv2d = 4;
constexpr int32_t kFullyConnected = 9;
constexpr int32_t kTransposeConv = 67;
constexpr int32_t kCustom = 32;
constexpr int32_t kSvdf = 27;
constexpr int32_t kUnidirectionalSequenceLstm = 44;

}  // namespace

std::string ShapeString(const Shape& shape) {
  std::string s = "[";
  for (int i = 0; i < shape.rank; ++i) {
    if (i > 0) s += ",";
    s += std::to_string(shape.dims[i]);
  }
  return s + "]";
}

std::string DescribeTensor(const TensorInfo& info) {
  if (!info.present()) return "(none)";
  std::string s = fmt::format("{} {}", DataTypeName(info.type), ShapeString(info.shape));
  if (info.quant.count == 1) {
    s += fmt::format(" s={:.6g} zp={}", info.quant.scale(0), info.quant.zero_point(0));
  } else if (info.quant.count > 1) {
    s += fmt::format(" per-channel({} on axis {})", info.quant.count,
                     info.quant.quantized_dimension);
  }
  return s;
}

OpStats ComputeOpStats(const Model& model, int op_index) {
  OpStats stats;
  stats.index = op_index;
  stats.builtin_code = model.op_builtin_code(op_index);
  stats.name = stats.builtin_code == kCustom
                   ? fmt::format("CUSTOM:{}", model.op_custom_code(op_index))
                   : BuiltinOpName(stats.builtin_code);
  for (int i = 0; i < model.op_num_inputs(op_index); ++i) {
    const TensorInfo t = model.tensor(model.op_input(op_index, i));
    if (t.present() && t.is_const()) stats.params += t.shape.FlatSize();
  }
  const TensorInfo out = model.tensor(model.op_output(op_index, 0));
  const TensorInfo filter = model.tensor(model.op_input(op_index, 1));
  if (!out.present() || !filter.present()) return stats;
  const int64_t out_elems = out.shape.FlatSize();
  switch (stats.builtin_code) {
    case kConv2d:  // filter [out_c, kh, kw, in_c]
      if (filter.shape.rank == 4) stats.macs = out_elems * filter.shape.FlatSize(1, 4);
      break;
    case kDepthwiseConv2d:  // filter [1, kh, kw, out_c]
      if (filter.shape.rank == 4) stats.macs = out_elems * filter.shape.FlatSize(1, 3);
      break;
    case kFullyConnected:  // filter [units, depth]
      if (filter.shape.rank == 2) stats.macs = out_elems * filter.shape.dims[1];
      break;
    case kTransposeConv: {  // inputs: output_shape, filter [out_c,kh,kw,in_c], input
      const TensorInfo w = model.tensor(model.op_input(op_index, 1));
      const TensorInfo in = model.tensor(model.op_input(op_index, 2));
      if (w.shape.rank == 4 && in.present()) {
        stats.macs = in.shape.FlatSize() * w.shape.FlatSize(0, 3);
      }
      break;
    }
    case kSvdf: {  // feature weights [filters, input], time weights [filters, memory]
      const TensorInfo in = model.tensor(model.op_input(op_index, 0));
      const TensorInfo time = model.tensor(model.op_input(op_index, 2));
      if (in.shape.rank == 2 && filter.shape.rank == 2 && time.shape.rank == 2) {
        stats.macs = in.shape.dims[0] * (filter.shape.FlatSize() + time.shape.FlatSize());
      }
      break;
    }
    case kUnidirectionalSequenceLstm: {  // per step: inputs 1-8 are gate weights
      const TensorInfo in = model.tensor(model.op_input(op_index, 0));
      int64_t weights = 0;
      for (int k = 1; k <= 8; ++k) {
        const TensorInfo w = model.tensor(model.op_input(op_index, k));
        if (w.present()) weights += w.shape.FlatSize();
      }
      if (in.shape.rank == 3) stats.macs = in.shape.dims[0] * in.shape.dims[1] * weights;
      break;
    }
    default:
      break;
  }
  return stats;
}

std::vector<OpStats> ComputeAllOpStats(const Model& model) {
  std::vector<OpStats> all;
  for (int i = 0; i < model.num_operators(); ++i) all.push_back(ComputeOpStats(model, i));
  return all;
}

}  // namespace mote::host
