#include "host/model_writer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <tuple>

namespace mote::host {

namespace {

using flatbuffers::FlatBufferBuilder;
using flatbuffers::Offset;

// Every helper below returns an OptionsBuilder that captures its arguments
// by value: Finish() may run long after the helper returned.
template <typename Create>
OptionsBuilder Options(Create create) {
  return MakeOptions(std::move(create));
}

int8_t DeprecatedCode(int32_t builtin_code) {
  // TFLite stores codes above 127 only in the int32 field; the byte field
  // says "look there" with the placeholder value.
  constexpr int32_t kPlaceholder =
      static_cast<int32_t>(BuiltinOp::kPlaceholderForGreaterOpCodes);
  return static_cast<int8_t>(std::clamp(builtin_code, 0, kPlaceholder));
}

template <typename T>
Offset<flatbuffers::Vector<T>> VectorOrNull(FlatBufferBuilder& fbb,
                                            const std::vector<T>& v) {
  if (v.empty()) return 0;
  return fbb.CreateVector(v);
}

Offset<tflite::QuantizationParameters> WriteQuantization(
    FlatBufferBuilder& fbb, const Quantization& q) {
  if (q.empty()) return 0;
  auto min = VectorOrNull(fbb, q.min);
  auto max = VectorOrNull(fbb, q.max);
  auto scale = VectorOrNull(fbb, q.scales);
  auto zero_point = VectorOrNull(fbb, q.zero_points);
  return tflite::CreateQuantizationParameters(
      fbb, min, max, scale, zero_point, /*details_type=*/0, /*details=*/0,
      q.quantized_dimension);
}

template <typename T>
T SaturatingRound(double x, T lo, T hi) {
  if (std::isnan(x)) return 0;
  const double r = std::round(x);
  if (r <= static_cast<double>(lo)) return lo;
  if (r >= static_cast<double>(hi)) return hi;
  return static_cast<T>(r);
}

template <typename T>
std::vector<T> QuantizeAffine(const std::vector<float>& values, float scale,
                              int32_t zero_point) {
  if (!(scale > 0.0f) || !std::isfinite(scale)) {
    throw std::invalid_argument("Quantize: scale must be positive and finite");
  }
  std::vector<T> out(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    // As TFLite's QUANTIZE: the division is in float, rounding half away
    // from zero, then the zero point, then the clamp.
    // NaN has no quantized value; the zero point (real 0) is the least bad.
    const float q = std::isnan(values[i]) ? 0.0f : std::round(values[i] / scale);
    out[i] = SaturatingRound<T>(static_cast<double>(q) + zero_point,
                                std::numeric_limits<T>::min(),
                                std::numeric_limits<T>::max());
  }
  return out;
}

}  // namespace

// --- options helpers --------------------------------------------------------

OptionsBuilder Conv2DOptions(tflite::Padding padding, int stride_w, int stride_h,
                             tflite::ActivationFunctionType activation,
                             int dilation_w, int dilation_h) {
  return Options([=](FlatBufferBuilder& fbb) {
    return tflite::CreateConv2DOptions(fbb, padding, stride_w, stride_h,
                                       activation, dilation_w, dilation_h);
  });
}

OptionsBuilder DepthwiseConv2DOptions(tflite::Padding padding, int stride_w,
                                      int stride_h, int depth_multiplier,
                                      tflite::ActivationFunctionType activation,
                                      int dilation_w, int dilation_h) {
  return Options([=](FlatBufferBuilder& fbb) {
    return tflite::CreateDepthwiseConv2DOptions(
        fbb, padding, stride_w, stride_h, depth_multiplier, activation,
        dilation_w, dilation_h);
  });
}

OptionsBuilder FullyConnectedOptions(tflite::ActivationFunctionType activation,
                                     bool keep_num_dims) {
  return Options([=](FlatBufferBuilder& fbb) {
    return tflite::CreateFullyConnectedOptions(
        fbb, activation, tflite::FullyConnectedOptionsWeightsFormat_DEFAULT,
        keep_num_dims);
  });
}

OptionsBuilder Pool2DOptions(tflite::Padding padding, int stride_w,
                             int stride_h, int filter_w, int filter_h,
                             tflite::ActivationFunctionType activation) {
  return Options([=](FlatBufferBuilder& fbb) {
    return tflite::CreatePool2DOptions(fbb, padding, stride_w, stride_h,
                                       filter_w, filter_h, activation);
  });
}

OptionsBuilder AddOptions(tflite::ActivationFunctionType activation) {
  return Options([=](FlatBufferBuilder& fbb) {
    return tflite::CreateAddOptions(fbb, activation);
  });
}

OptionsBuilder SubOptions(tflite::ActivationFunctionType activation) {
  return Options([=](FlatBufferBuilder& fbb) {
    return tflite::CreateSubOptions(fbb, activation);
  });
}

OptionsBuilder MulOptions(tflite::ActivationFunctionType activation) {
  return Options([=](FlatBufferBuilder& fbb) {
    return tflite::CreateMulOptions(fbb, activation);
  });
}

OptionsBuilder SoftmaxOptions(float beta) {
  return Options([=](FlatBufferBuilder& fbb) {
    return tflite::CreateSoftmaxOptions(fbb, beta);
  });
}

OptionsBuilder ConcatenationOptions(int axis,
                                    tflite::ActivationFunctionType activation) {
  return Options([=](FlatBufferBuilder& fbb) {
    return tflite::CreateConcatenationOptions(fbb, axis, activation);
  });
}

OptionsBuilder ReshapeOptions(std::vector<int32_t> new_shape) {
  return Options([new_shape = std::move(new_shape)](FlatBufferBuilder& fbb) {
    return tflite::CreateReshapeOptions(fbb, fbb.CreateVector(new_shape));
  });
}

OptionsBuilder StridedSliceOptions(int begin_mask, int end_mask,
                                   int ellipsis_mask, int new_axis_mask,
                                   int shrink_axis_mask, bool offset) {
  return Options([=](FlatBufferBuilder& fbb) {
    return tflite::CreateStridedSliceOptions(fbb, begin_mask, end_mask,
                                             ellipsis_mask, new_axis_mask,
                                             shrink_axis_mask, offset);
  });
}

OptionsBuilder LeakyReluOptions(float alpha) {
  return Options([=](FlatBufferBuilder& fbb) {
    return tflite::CreateLeakyReluOptions(fbb, alpha);
  });
}

OptionsBuilder ReducerOptions(bool keep_dims) {
  return Options([=](FlatBufferBuilder& fbb) {
    return tflite::CreateReducerOptions(fbb, keep_dims);
  });
}

OptionsBuilder SqueezeOptions(std::vector<int32_t> squeeze_dims) {
  return Options([dims = std::move(squeeze_dims)](FlatBufferBuilder& fbb) {
    return tflite::CreateSqueezeOptions(fbb, fbb.CreateVector(dims));
  });
}

OptionsBuilder GatherOptions(int axis, int batch_dims) {
  return Options([=](FlatBufferBuilder& fbb) {
    return tflite::CreateGatherOptions(fbb, axis, batch_dims);
  });
}

OptionsBuilder PackOptions(int values_count, int axis) {
  return Options([=](FlatBufferBuilder& fbb) {
    return tflite::CreatePackOptions(fbb, values_count, axis);
  });
}

OptionsBuilder TransposeConvOptions(tflite::Padding padding, int stride_w,
                                    int stride_h,
                                    tflite::ActivationFunctionType activation) {
  return Options([=](FlatBufferBuilder& fbb) {
    return tflite::CreateTransposeConvOptions(fbb, padding, stride_w, stride_h,
                                              activation);
  });
}

// --- quantization -----------------------------------------------------------

Quantization Quantization::PerTensor(float scale, int64_t zero_point) {
  Quantization q;
  q.scales = {scale};
  q.zero_points = {zero_point};
  return q;
}

Quantization Quantization::PerChannel(std::vector<float> scales,
                                      int32_t quantized_dimension,
                                      std::vector<int64_t> zero_points) {
  Quantization q;
  if (zero_points.empty()) zero_points.assign(scales.size(), 0);
  q.scales = std::move(scales);
  q.zero_points = std::move(zero_points);
  q.quantized_dimension = quantized_dimension;
  return q;
}

size_t TensorTypeSize(tflite::TensorType type) {
  switch (type) {
    case tflite::TensorType_BOOL:
    case tflite::TensorType_INT8:
    case tflite::TensorType_UINT8:
      return 1;
    case tflite::TensorType_INT16:
    case tflite::TensorType_UINT16:
    case tflite::TensorType_FLOAT16:
      return 2;
    case tflite::TensorType_INT32:
    case tflite::TensorType_UINT32:
    case tflite::TensorType_FLOAT32:
      return 4;
    case tflite::TensorType_INT64:
    case tflite::TensorType_UINT64:
    case tflite::TensorType_FLOAT64:
    case tflite::TensorType_COMPLEX64:
      return 8;
    case tflite::TensorType_COMPLEX128:
      return 16;
    default:
      return 0;
  }
}

int64_t NumElements(const std::vector<int32_t>& shape) {
  int64_t n = 1;
  for (int32_t d : shape) {
    if (d < 0) throw std::invalid_argument("NumElements: negative dimension");
    if (__builtin_mul_overflow(n, static_cast<int64_t>(d), &n)) {
      throw std::invalid_argument("NumElements: element count overflows");
    }
  }
  return n;
}

bool IsAligned16(const void* p) {
  return reinterpret_cast<uintptr_t>(p) % 16 == 0;
}

// --- ModelWriter ------------------------------------------------------------

void ModelWriter::CheckCount(const std::string& name,
                             const std::vector<int32_t>& shape, size_t count) {
  if (static_cast<uint64_t>(NumElements(shape)) != count) {
    throw std::invalid_argument("tensor '" + name + "': " +
                                std::to_string(count) +
                                " values do not match the shape's " +
                                std::to_string(NumElements(shape)));
  }
}

uint32_t ModelWriter::AddBuffer(std::vector<uint8_t> data) {
  buffers_.push_back(std::move(data));
  return static_cast<uint32_t>(buffers_.size());  // buffer 0 is the sentinel
}

int32_t ModelWriter::AddTensor(TensorSpec spec) {
  tensors_.push_back(std::move(spec));
  return static_cast<int32_t>(tensors_.size() - 1);
}

int32_t ModelWriter::AddActivation(std::string name, tflite::TensorType type,
                                   std::vector<int32_t> shape,
                                   Quantization quant) {
  TensorSpec t;
  t.name = std::move(name);
  t.type = type;
  t.shape = std::move(shape);
  t.quant = std::move(quant);
  return AddTensor(std::move(t));
}

int32_t ModelWriter::AddConstBytes(std::string name, tflite::TensorType type,
                                   std::vector<int32_t> shape,
                                   std::vector<uint8_t> bytes,
                                   Quantization quant) {
  TensorSpec t;
  t.name = std::move(name);
  t.type = type;
  t.shape = std::move(shape);
  t.buffer = AddBuffer(std::move(bytes));
  t.quant = std::move(quant);
  return AddTensor(std::move(t));
}

int32_t ModelWriter::AddConst(std::string name, std::vector<int32_t> shape,
                              const std::vector<bool>& values,
                              Quantization quant) {
  CheckCount(name, shape, values.size());
  std::vector<uint8_t> bytes(values.begin(), values.end());
  return AddConstBytes(std::move(name), tflite::TensorType_BOOL,
                       std::move(shape), std::move(bytes), std::move(quant));
}

int32_t ModelWriter::AddOperator(BuiltinOp op, std::vector<int32_t> inputs,
                                 std::vector<int32_t> outputs,
                                 OptionsBuilder options, int32_t version) {
  return AddOperator(static_cast<int32_t>(op), std::move(inputs),
                     std::move(outputs), std::move(options), version);
}

int32_t ModelWriter::AddOperator(int32_t builtin_code,
                                 std::vector<int32_t> inputs,
                                 std::vector<int32_t> outputs,
                                 OptionsBuilder options, int32_t version) {
  OperatorSpec spec;
  spec.builtin_code = builtin_code;
  spec.version = version;
  spec.inputs = std::move(inputs);
  spec.outputs = std::move(outputs);
  spec.options = std::move(options);
  return AddOperator(std::move(spec));
}

int32_t ModelWriter::AddCustomOperator(std::string custom_code,
                                       std::vector<int32_t> inputs,
                                       std::vector<int32_t> outputs,
                                       std::vector<uint8_t> custom_options,
                                       int32_t version) {
  OperatorSpec spec;
  spec.builtin_code = static_cast<int32_t>(BuiltinOp::kCustom);
  spec.custom_code = std::move(custom_code);
  spec.version = version;
  spec.inputs = std::move(inputs);
  spec.outputs = std::move(outputs);
  spec.custom_options = std::move(custom_options);
  return AddOperator(std::move(spec));
}

int32_t ModelWriter::AddOperator(OperatorSpec spec) {
  operators_.push_back(std::move(spec));
  return static_cast<int32_t>(operators_.size() - 1);
}

void ModelWriter::SetInputs(std::vector<int32_t> tensor_indices) {
  inputs_ = std::move(tensor_indices);
}

void ModelWriter::SetOutputs(std::vector<int32_t> tensor_indices) {
  outputs_ = std::move(tensor_indices);
}

void ModelWriter::SetDescription(std::string description) {
  description_ = std::move(description);
}

void ModelWriter::SetSubgraphName(std::string name) {
  subgraph_name_ = std::move(name);
}

void ModelWriter::AddMetadata(std::string name, std::vector<uint8_t> data) {
  const uint32_t buffer = AddBuffer(std::move(data));
  metadata_.emplace_back(std::move(name), buffer);
}

std::vector<uint8_t> ModelWriter::Finish() const {
  FlatBufferBuilder fbb(4096);
  // The file's total size becomes a multiple of the builder's minimum
  // alignment; 16 makes that hold even for a model without constant data.
  fbb.Align(16);

  // Buffers first, so the bulk data ends up at the end of the file, as in
  // converter output. Buffer 0 is TFLite's empty sentinel.
  std::vector<Offset<tflite::Buffer>> buffers;
  buffers.reserve(buffers_.size() + 1);
  buffers.push_back(tflite::CreateBuffer(fbb));
  for (const std::vector<uint8_t>& data : buffers_) {
    Offset<flatbuffers::Vector<uint8_t>> vec = 0;
    if (!data.empty()) {
      // Buffer.data is force_align: 16 in the schema; the builder only
      // honours that when asked right before the vector is created.
      fbb.ForceVectorAlignment(data.size(), sizeof(uint8_t), 16);
      vec = fbb.CreateVector(data);
    }
    buffers.push_back(tflite::CreateBuffer(fbb, vec));
  }

  std::vector<Offset<tflite::Tensor>> tensors;
  tensors.reserve(tensors_.size());
  for (const TensorSpec& t : tensors_) {
    auto shape = fbb.CreateVector(t.shape);
    auto name = fbb.CreateString(t.name);
    auto quant = WriteQuantization(fbb, t.quant);
    auto signature = VectorOrNull(fbb, t.shape_signature);
    tensors.push_back(tflite::CreateTensor(fbb, shape, t.type, t.buffer, name,
                                           quant, t.is_variable,
                                           /*sparsity=*/0, signature,
                                           /*has_rank=*/true));
  }

  // Operator codes, deduplicated on (builtin code, custom code, version).
  std::vector<OpCodeKey> codes;
  std::vector<Offset<tflite::Operator>> operators;
  operators.reserve(operators_.size());
  for (const OperatorSpec& op : operators_) {
    uint32_t code_index = 0;
    while (code_index < codes.size() &&
           !(codes[code_index].builtin_code == op.builtin_code &&
             codes[code_index].custom_code == op.custom_code &&
             codes[code_index].version == op.version)) {
      ++code_index;
    }
    if (code_index == codes.size()) {
      codes.push_back({op.builtin_code, op.custom_code, op.version});
    }
    auto inputs = fbb.CreateVector(op.inputs);
    auto outputs = fbb.CreateVector(op.outputs);
    tflite::BuiltinOptions options_type = tflite::BuiltinOptions_NONE;
    Offset<void> options = 0;
    if (op.options) std::tie(options_type, options) = op.options(fbb);
    auto custom = VectorOrNull(fbb, op.custom_options);
    auto intermediates = VectorOrNull(fbb, op.intermediates);
    operators.push_back(tflite::CreateOperator(
        fbb, code_index, inputs, outputs, options_type, options, custom,
        /*custom_options_format=*/0, /*mutating_variable_inputs=*/0,
        intermediates));
  }

  std::vector<Offset<tflite::OperatorCode>> opcodes;
  opcodes.reserve(codes.size());
  for (const OpCodeKey& c : codes) {
    auto custom = c.custom_code.empty() ? 0 : fbb.CreateString(c.custom_code);
    opcodes.push_back(tflite::CreateOperatorCode(
        fbb, DeprecatedCode(c.builtin_code), custom, c.version,
        c.builtin_code));
  }

  auto subgraph = tflite::CreateSubGraph(
      fbb, fbb.CreateVector(tensors), fbb.CreateVector(inputs_),
      fbb.CreateVector(outputs_), fbb.CreateVector(operators),
      fbb.CreateString(subgraph_name_));

  Offset<flatbuffers::Vector<Offset<tflite::Metadata>>> metadata = 0;
  if (!metadata_.empty()) {
    std::vector<Offset<tflite::Metadata>> entries;
    for (const auto& [name, buffer] : metadata_) {
      entries.push_back(
          tflite::CreateMetadata(fbb, fbb.CreateString(name), buffer));
    }
    metadata = fbb.CreateVector(entries);
  }

  auto model = tflite::CreateModel(
      fbb, /*version=*/3, fbb.CreateVector(opcodes),
      fbb.CreateVector(std::vector<Offset<tflite::SubGraph>>{subgraph}),
      fbb.CreateString(description_), fbb.CreateVector(buffers),
      /*metadata_buffer=*/0, metadata);
  tflite::FinishModelBuffer(fbb, model);
  return std::vector<uint8_t>(fbb.GetBufferPointer(),
                              fbb.GetBufferPointer() + fbb.GetSize());
}

// --- quantization helpers ---------------------------------------------------

Quantization QuantizedWeights::quant() const {
  return Quantization::PerChannel(scales, axis);
}

Quantization QuantizedBias::quant() const {
  return Quantization::PerChannel(scales, 0);
}

QuantizedWeights QuantizePerChannelS8(const std::vector<float>& weights,
                                      const std::vector<int32_t>& shape,
                                      int32_t channel_axis) {
  if (channel_axis < 0 || channel_axis >= static_cast<int32_t>(shape.size())) {
    throw std::invalid_argument("QuantizePerChannelS8: bad channel axis");
  }
  if (static_cast<uint64_t>(NumElements(shape)) != weights.size()) {
    throw std::invalid_argument("QuantizePerChannelS8: shape/size mismatch");
  }
  // Element i belongs to channel (i / inner) % channels, in C order.
  const int64_t channels = shape[channel_axis];
  int64_t inner = 1;
  for (size_t d = channel_axis + 1; d < shape.size(); ++d) inner *= shape[d];

  QuantizedWeights out;
  out.axis = channel_axis;
  std::vector<float> max_abs(channels, 0.0f);
  for (size_t i = 0; i < weights.size(); ++i) {
    const int64_t c = (static_cast<int64_t>(i) / inner) % channels;
    max_abs[c] = std::max(max_abs[c], std::abs(weights[i]));
  }
  out.scales.resize(channels);
  for (int64_t c = 0; c < channels; ++c) {
    out.scales[c] = max_abs[c] > 0.0f ? max_abs[c] / 127.0f : 1.0f;
  }
  out.values.resize(weights.size());
  for (size_t i = 0; i < weights.size(); ++i) {
    const int64_t c = (static_cast<int64_t>(i) / inner) % channels;
    out.values[i] = SaturatingRound<int8_t>(weights[i] / out.scales[c], -127,
                                            127);
  }
  return out;
}

QuantizedWeights QuantizePerTensorS8(const std::vector<float>& weights) {
  float max_abs = 0.0f;
  for (float w : weights) max_abs = std::max(max_abs, std::abs(w));
  QuantizedWeights out;
  out.scales = {max_abs > 0.0f ? max_abs / 127.0f : 1.0f};
  out.values.resize(weights.size());
  for (size_t i = 0; i < weights.size(); ++i) {
    out.values[i] = SaturatingRound<int8_t>(weights[i] / out.scales[0], -127,
                                            127);
  }
  return out;
}

QuantizedBias QuantizeBiasS32(const std::vector<float>& bias, float input_scale,
                              const std::vector<float>& weight_scales) {
  if (weight_scales.size() != 1 && weight_scales.size() != bias.size()) {
    throw std::invalid_argument(
        "QuantizeBiasS32: need one weight scale or one per bias element");
  }
  QuantizedBias out;
  out.scales.resize(weight_scales.size());
  for (size_t c = 0; c < weight_scales.size(); ++c) {
    // TFLite multiplies the scales in float.
    out.scales[c] = input_scale * weight_scales[c];
    if (!(out.scales[c] > 0.0f)) {
      throw std::invalid_argument("QuantizeBiasS32: bias scale must be > 0");
    }
  }
  out.values.resize(bias.size());
  constexpr int32_t kMax = std::numeric_limits<int32_t>::max();
  for (size_t i = 0; i < bias.size(); ++i) {
    const float scale = out.scales[weight_scales.size() == 1 ? 0 : i];
    out.values[i] =
        SaturatingRound<int32_t>(static_cast<double>(bias[i]) / scale, -kMax,
                                 kMax);
  }
  return out;
}

AffineParams ChooseQuantParams(double rmin, double rmax, int32_t qmin,
                               int32_t qmax) {
  if (!(qmin < qmax)) throw std::invalid_argument("ChooseQuantParams: qmin");
  if (!std::isfinite(rmin) || !std::isfinite(rmax) || rmin > rmax) {
    throw std::invalid_argument("ChooseQuantParams: bad range");
  }
  // Zero must be exactly representable (padding, ReLU outputs).
  rmin = std::min(rmin, 0.0);
  rmax = std::max(rmax, 0.0);
  AffineParams p;
  if (rmin == rmax) return p;  // the point {0}: TFLite gives scale 0 too
  const double qmin_d = qmin;
  const double qmax_d = qmax;
  const double scale = (rmax - rmin) / (qmax_d - qmin_d);
  // Pick the zero point from whichever end loses less precision, then
  // nudge it to an integer inside the quantized range.
  const double zp_from_min = qmin_d - rmin / scale;
  const double zp_from_max = qmax_d - rmax / scale;
  const double err_min = std::abs(qmin_d) + std::abs(rmin / scale);
  const double err_max = std::abs(qmax_d) + std::abs(rmax / scale);
  const double zp = err_min < err_max ? zp_from_min : zp_from_max;
  if (zp < qmin_d) {
    p.zero_point = qmin;
  } else if (zp > qmax_d) {
    p.zero_point = qmax;
  } else {
    p.zero_point = static_cast<int32_t>(std::round(zp));
  }
  p.scale = static_cast<float>(scale);
  return p;
}

std::vector<int8_t> QuantizeS8(const std::vector<float>& values, float scale,
                               int32_t zero_point) {
  return QuantizeAffine<int8_t>(values, scale, zero_point);
}

std::vector<int16_t> QuantizeS16(const std::vector<float>& values, float scale,
                                 int32_t zero_point) {
  return QuantizeAffine<int16_t>(values, scale, zero_point);
}

std::vector<float> Dequantize(const std::vector<int8_t>& values, float scale,
                              int32_t zero_point) {
  std::vector<float> out(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    out[i] = scale * static_cast<float>(values[i] - zero_point);
  }
  return out;
}

// --- Rng --------------------------------------------------------------------

float Rng::Uniform(float lo, float hi) {
  // 24 random bits give every float in [0, 1) with spacing 2^-24 exactly.
  const float u = static_cast<float>(gen_() >> 8) * (1.0f / 16777216.0f);
  const float v = lo + (hi - lo) * u;
  return v < hi ? v : lo;  // rounding can reach hi; keep the range half-open
}

std::vector<float> Rng::Uniform(size_t n, float lo, float hi) {
  std::vector<float> out(n);
  for (float& v : out) v = Uniform(lo, hi);
  return out;
}

int32_t Rng::UniformInt(int32_t lo, int32_t hi) {
  if (lo > hi) throw std::invalid_argument("Rng::UniformInt: lo > hi");
  const uint64_t range = static_cast<uint64_t>(static_cast<int64_t>(hi) - lo) + 1;
  // Rejection sampling keeps every value equally likely.
  const uint64_t limit = (uint64_t{1} << 32) / range * range;
  uint64_t x;
  do {
    x = gen_();
  } while (x >= limit);
  return static_cast<int32_t>(static_cast<int64_t>(lo) +
                              static_cast<int64_t>(x % range));
}

std::vector<int8_t> Rng::UniformS8(size_t n, int8_t lo, int8_t hi) {
  std::vector<int8_t> out(n);
  for (int8_t& v : out) v = static_cast<int8_t>(UniformInt(lo, hi));
  return out;
}

std::vector<int16_t> Rng::UniformS16(size_t n, int16_t lo, int16_t hi) {
  std::vector<int16_t> out(n);
  for (int16_t& v : out) v = static_cast<int16_t>(UniformInt(lo, hi));
  return out;
}

std::vector<int32_t> Rng::UniformS32(size_t n, int32_t lo, int32_t hi) {
  std::vector<int32_t> out(n);
  for (int32_t& v : out) v = UniformInt(lo, hi);
  return out;
}

std::vector<float> Rng::Normal(size_t n, float mean, float stddev) {
  std::vector<float> out(n);
  for (float& v : out) {
    // Irwin-Hall: the sum of 12 U[0,1) has mean 6 and variance 1; no libm
    // call, so the values are identical on every platform.
    float sum = 0.0f;
    for (int k = 0; k < 12; ++k) sum += Uniform(0.0f, 1.0f);
    v = mean + stddev * (sum - 6.0f);
  }
  return out;
}

}  // namespace mote::host
