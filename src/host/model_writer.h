// Builds TFLite flatbuffer models on the host: for tests, tools and the demo.
//
// ModelWriter records tensors, buffers and operators and serializes them in
// Finish() into one single-subgraph model (file identifier "TFL3", schema
// version 3, buffer 0 the empty sentinel, operator codes deduplicated), laid
// out as TFLite's converter does: constant data 16-byte aligned.
//
// It writes what it is told. Beyond the typed helpers' size checks it does not
// validate the graph, so tests can also build deliberately broken models
// (out-of-range indices, wrong buffer sizes) to exercise the model reader.
//
// Errors in the use of the API (element count not matching the shape, bad
// channel axis...) throw std::invalid_argument.
#ifndef MOTE_HOST_MODEL_WRITER_H_
#define MOTE_HOST_MODEL_WRITER_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "flatbuffers/flatbuffers.h"
#include "schema/tflite_generated.h"

namespace mote::host {

// TFLite's BuiltinOperator values (the schema subset declares the field as a
// plain int, so the enum lives here). Only the commonly used ones are named;
// any int32_t code can be passed to AddOperator.
enum class BuiltinOp : int32_t {
  kAdd = 0,
  kAveragePool2D = 1,
  kConcatenation = 2,
  kConv2D = 3,
  kDepthwiseConv2D = 4,
  kDepthToSpace = 5,
  kDequantize = 6,
  kFloor = 8,
  kFullyConnected = 9,
  kL2Normalization = 11,
  kLogistic = 14,
  kMaxPool2D = 17,
  kMul = 18,
  kRelu = 19,
  kReluN1To1 = 20,
  kRelu6 = 21,
  kReshape = 22,
  kResizeBilinear = 23,
  kSoftmax = 25,
  kSpaceToDepth = 26,
  kTanh = 28,
  kCustom = 32,
  kPad = 34,
  kGather = 36,
  kTranspose = 39,
  kMean = 40,
  kSub = 41,
  kDiv = 42,
  kSqueeze = 43,
  kStridedSlice = 45,
  kExp = 47,
  kSplit = 49,
  kCast = 53,
  kPrelu = 54,
  kMaximum = 55,
  kArgMax = 56,
  kMinimum = 57,
  kPadV2 = 60,
  kSlice = 65,
  kTransposeConv = 67,
  kExpandDims = 70,
  kSum = 74,
  kShape = 77,
  kReduceProd = 81,
  kReduceMax = 82,
  kPack = 83,
  kUnpack = 88,
  kReduceMin = 89,
  kResizeNearestNeighbor = 97,
  kLeakyRelu = 98,
  kAbs = 101,
  kSplitV = 102,
  kQuantize = 114,
  kHardSwish = 117,
  kBatchMatMul = 126,
  // TFLite's marker: codes above it are stored in builtin_code only and the
  // deprecated byte field holds 127.
  kPlaceholderForGreaterOpCodes = 127,
  kCumsum = 128,
  kGelu = 150,
};

// The builtin options of one operator: given the builder, creates the options
// table and returns the union tag with its offset. Called during Finish(), so
// it must only create objects in `fbb` (never nest, never keep the builder).
using OptionsBuilder =
    std::function<std::pair<tflite::BuiltinOptions, flatbuffers::Offset<void>>(
        flatbuffers::FlatBufferBuilder& fbb)>;

// Wraps any generated Create*Options call; the union tag is deduced from the
// table type, e.g.
//   MakeOptions([](auto& fbb) { return tflite::CreatePadOptions(fbb); })
namespace detail {
template <typename T>
struct OffsetTarget;
template <typename T>
struct OffsetTarget<flatbuffers::Offset<T>> {
  using type = T;
};
}  // namespace detail

template <typename Fn>
OptionsBuilder MakeOptions(Fn create) {
  return [create](flatbuffers::FlatBufferBuilder& fbb) {
    auto offset = create(fbb);
    using Table = typename detail::OffsetTarget<decltype(offset)>::type;
    // Read into a value first: the generated constant has no out-of-class
    // definition, so binding it to make_pair's reference would not link.
    const tflite::BuiltinOptions tag =
        tflite::BuiltinOptionsTraits<Table>::enum_value;
    return std::make_pair(tag, offset.Union());
  };
}

// Typed helpers for the common options tables (arguments in TFLite's field
// order; defaults are TFLite's schema defaults).
OptionsBuilder Conv2DOptions(tflite::Padding padding, int stride_w, int stride_h,
                             tflite::ActivationFunctionType activation =
                                 tflite::ActivationFunctionType_NONE,
                             int dilation_w = 1, int dilation_h = 1);
OptionsBuilder DepthwiseConv2DOptions(
    tflite::Padding padding, int stride_w, int stride_h, int depth_multiplier,
    tflite::ActivationFunctionType activation =
        tflite::ActivationFunctionType_NONE,
    int dilation_w = 1, int dilation_h = 1);
OptionsBuilder FullyConnectedOptions(
    tflite::ActivationFunctionType activation =
        tflite::ActivationFunctionType_NONE,
    bool keep_num_dims = false);
OptionsBuilder Pool2DOptions(tflite::Padding padding, int stride_w,
                             int stride_h, int filter_w, int filter_h,
                             tflite::ActivationFunctionType activation =
                                 tflite::ActivationFunctionType_NONE);
OptionsBuilder AddOptions(tflite::ActivationFunctionType activation =
                              tflite::ActivationFunctionType_NONE);
OptionsBuilder SubOptions(tflite::ActivationFunctionType activation =
                              tflite::ActivationFunctionType_NONE);
OptionsBuilder MulOptions(tflite::ActivationFunctionType activation =
                              tflite::ActivationFunctionType_NONE);
OptionsBuilder SoftmaxOptions(float beta = 1.0f);
OptionsBuilder ConcatenationOptions(int axis,
                                    tflite::ActivationFunctionType activation =
                                        tflite::ActivationFunctionType_NONE);
OptionsBuilder ReshapeOptions(std::vector<int32_t> new_shape);
OptionsBuilder StridedSliceOptions(int begin_mask, int end_mask,
                                   int ellipsis_mask = 0,
                                   int new_axis_mask = 0,
                                   int shrink_axis_mask = 0,
                                   bool offset = false);
OptionsBuilder LeakyReluOptions(float alpha);
OptionsBuilder ReducerOptions(bool keep_dims);  // MEAN, SUM, REDUCE_MAX...
OptionsBuilder SqueezeOptions(std::vector<int32_t> squeeze_dims);
OptionsBuilder GatherOptions(int axis, int batch_dims = 0);
OptionsBuilder PackOptions(int values_count, int axis);
OptionsBuilder TransposeConvOptions(tflite::Padding padding, int stride_w,
                                    int stride_h,
                                    tflite::ActivationFunctionType activation =
                                        tflite::ActivationFunctionType_NONE);

// Affine quantization of one tensor. Empty scales: not quantized (no
// quantization table is written unless min/max are set).
struct Quantization {
  std::vector<float> scales;
  std::vector<int64_t> zero_points;
  int32_t quantized_dimension = 0;
  std::vector<float> min;  // optional, TFLite writes them for calibration
  std::vector<float> max;

  bool empty() const {
    return scales.empty() && zero_points.empty() && min.empty() && max.empty();
  }
  static Quantization PerTensor(float scale, int64_t zero_point = 0);
  // Zero points default to all 0 (symmetric), as TFLite's weights are.
  static Quantization PerChannel(std::vector<float> scales,
                                 int32_t quantized_dimension,
                                 std::vector<int64_t> zero_points = {});
};

// Everything written for one tensor.
struct TensorSpec {
  std::string name;
  tflite::TensorType type = tflite::TensorType_FLOAT32;
  std::vector<int32_t> shape;
  uint32_t buffer = 0;  // 0: no data (activation or variable)
  Quantization quant;
  bool is_variable = false;
  std::vector<int32_t> shape_signature;  // written only when not empty
};

struct OperatorSpec {
  int32_t builtin_code = 0;
  std::string custom_code;  // CUSTOM ops only
  int32_t version = 1;
  std::vector<int32_t> inputs;   // -1: absent optional input
  std::vector<int32_t> outputs;
  OptionsBuilder options;  // may be empty: no builtin options table
  std::vector<uint8_t> custom_options;
  std::vector<int32_t> intermediates;
};

// The TensorType matching a C++ element type.
template <typename T>
constexpr tflite::TensorType TensorTypeOf() {
  if constexpr (std::is_same_v<T, float>) return tflite::TensorType_FLOAT32;
  else if constexpr (std::is_same_v<T, double>) return tflite::TensorType_FLOAT64;
  else if constexpr (std::is_same_v<T, int8_t>) return tflite::TensorType_INT8;
  else if constexpr (std::is_same_v<T, uint8_t>) return tflite::TensorType_UINT8;
  else if constexpr (std::is_same_v<T, int16_t>) return tflite::TensorType_INT16;
  else if constexpr (std::is_same_v<T, uint16_t>) return tflite::TensorType_UINT16;
  else if constexpr (std::is_same_v<T, int32_t>) return tflite::TensorType_INT32;
  else if constexpr (std::is_same_v<T, uint32_t>) return tflite::TensorType_UINT32;
  else if constexpr (std::is_same_v<T, int64_t>) return tflite::TensorType_INT64;
  else if constexpr (std::is_same_v<T, uint64_t>) return tflite::TensorType_UINT64;
  else if constexpr (std::is_same_v<T, bool>) return tflite::TensorType_BOOL;
  else static_assert(sizeof(T) == 0, "no TFLite tensor type for this C++ type");
}

// Bytes per element of a TFLite type; 0 for types without a fixed size.
size_t TensorTypeSize(tflite::TensorType type);

// Product of the dimensions (1 for a scalar); throws on negative dimensions.
int64_t NumElements(const std::vector<int32_t>& shape);

class ModelWriter {
 public:
  ModelWriter() = default;

  // --- buffers and tensors (indices returned are the model's indices) ------
  // Appends a buffer with `data` (may be empty) and returns its index (>= 1).
  uint32_t AddBuffer(std::vector<uint8_t> data);

  // Appends a tensor exactly as specified and returns its index.
  int32_t AddTensor(TensorSpec spec);

  // An activation (non-constant) tensor.
  int32_t AddActivation(std::string name, tflite::TensorType type,
                        std::vector<int32_t> shape, Quantization quant = {});

  // A constant tensor from raw little-endian bytes; the size is not checked
  // against the shape (use it to write malformed models too).
  int32_t AddConstBytes(std::string name, tflite::TensorType type,
                        std::vector<int32_t> shape, std::vector<uint8_t> bytes,
                        Quantization quant = {});

  // A constant tensor from typed values; the dtype follows T and the count
  // must equal the shape's element count.
  template <typename T>
  int32_t AddConst(std::string name, std::vector<int32_t> shape,
                   const std::vector<T>& values, Quantization quant = {}) {
    CheckCount(name, shape, values.size());
    std::vector<uint8_t> bytes(values.size() * sizeof(T));
    if (!bytes.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
    return AddConstBytes(std::move(name), TensorTypeOf<T>(), std::move(shape),
                         std::move(bytes), std::move(quant));
  }
  // std::vector<bool> is packed, so bools get their own overload (1 byte each).
  int32_t AddConst(std::string name, std::vector<int32_t> shape,
                   const std::vector<bool>& values, Quantization quant = {});

  // --- operators -----------------------------------------------------------
  // Appends an operator and returns its index; its operator code (builtin
  // code, version) is shared with earlier operators of the same code.
  int32_t AddOperator(BuiltinOp op, std::vector<int32_t> inputs,
                      std::vector<int32_t> outputs, OptionsBuilder options = {},
                      int32_t version = 1);
  int32_t AddOperator(int32_t builtin_code, std::vector<int32_t> inputs,
                      std::vector<int32_t> outputs, OptionsBuilder options = {},
                      int32_t version = 1);
  int32_t AddCustomOperator(std::string custom_code,
                            std::vector<int32_t> inputs,
                            std::vector<int32_t> outputs,
                            std::vector<uint8_t> custom_options = {},
                            int32_t version = 1);
  int32_t AddOperator(OperatorSpec spec);

  // --- graph ---------------------------------------------------------------
  void SetInputs(std::vector<int32_t> tensor_indices);
  void SetOutputs(std::vector<int32_t> tensor_indices);
  void SetDescription(std::string description);
  void SetSubgraphName(std::string name);
  // A named metadata entry pointing at a new buffer holding `data`.
  void AddMetadata(std::string name, std::vector<uint8_t> data);

  // Recorded state, editable before Finish() (e.g. to break a model on purpose).
  TensorSpec& tensor(int32_t index) { return tensors_.at(index); }
  OperatorSpec& op(int32_t index) { return operators_.at(index); }
  int32_t num_tensors() const { return static_cast<int32_t>(tensors_.size()); }
  int32_t num_operators() const {
    return static_cast<int32_t>(operators_.size());
  }
  int32_t num_buffers() const {
    return static_cast<int32_t>(buffers_.size()) + 1;  // + sentinel
  }

  // Serializes the model. The size is a multiple of 16 and every buffer's data
  // sits at an offset that is a multiple of 16 from the start, so the data
  // is 16-byte aligned whenever the bytes are: keep them in memory aligned to
  // 16 (std::vector's storage is, from operator new on 64-bit hosts; see
  // IsAligned16). Can be called more than once.
  std::vector<uint8_t> Finish() const;

 private:
  struct OpCodeKey {
    int32_t builtin_code;
    std::string custom_code;
    int32_t version;
  };
  static void CheckCount(const std::string& name,
                         const std::vector<int32_t>& shape, size_t count);

  std::vector<std::vector<uint8_t>> buffers_;  // model buffer i + 1
  std::vector<TensorSpec> tensors_;
  std::vector<OperatorSpec> operators_;
  std::vector<int32_t> inputs_;
  std::vector<int32_t> outputs_;
  std::vector<std::pair<std::string, uint32_t>> metadata_;
  std::string description_ = "mote ModelWriter";
  std::string subgraph_name_ = "main";
};

// True when `p` is 16-byte aligned, as the model reader requires.
bool IsAligned16(const void* p);

// --- quantization helpers (TFLite's conventions) ---------------------------

// Symmetric int8 weights quantized per channel along `channel_axis`:
// scale_c = max|w_c| / 127, q = round(w / scale_c) clamped to [-127, 127],
// zero points 0. An all-zero channel gets scale 1 (TFLite would write 0,
// which makes the bias scale 0 and the rescale degenerate).
struct QuantizedWeights {
  std::vector<int8_t> values;
  std::vector<float> scales;  // one per channel (one for per-tensor)
  int32_t axis = 0;            // the channel axis (0 for per-tensor)

  Quantization quant() const;  // scales, zero points 0, dimension = axis
};
QuantizedWeights QuantizePerChannelS8(const std::vector<float>& weights,
                                      const std::vector<int32_t>& shape,
                                      int32_t channel_axis);
// Same with one scale for the whole tensor.
QuantizedWeights QuantizePerTensorS8(const std::vector<float>& weights);

// int32 bias: scale_c = input_scale * weight_scale_c, q = round(b / scale_c)
// saturated to int32, zero point 0. `weight_scales` has one entry (per-tensor)
// or one per output channel (= bias.size()).
struct QuantizedBias {
  std::vector<int32_t> values;
  std::vector<float> scales;
  Quantization quant() const;  // per channel along dimension 0
};
QuantizedBias QuantizeBiasS32(const std::vector<float>& bias, float input_scale,
                              const std::vector<float>& weight_scales);

// Asymmetric quantization parameters for a real range, as TFLite's
// ChooseQuantizationParams: the range is widened to include 0, the zero point
// is nudged to an integer in [qmin, qmax]. A {0} range gives scale 0.
struct AffineParams {
  float scale = 0.0f;
  int32_t zero_point = 0;
};
AffineParams ChooseQuantParams(double rmin, double rmax, int32_t qmin = -128,
                               int32_t qmax = 127);

// q = clamp(round(x / scale) + zero_point, qmin, qmax), as TFLite's QUANTIZE
// (round half away from zero); NaN maps to the zero point.
std::vector<int8_t> QuantizeS8(const std::vector<float>& values, float scale,
                               int32_t zero_point);
std::vector<int16_t> QuantizeS16(const std::vector<float>& values, float scale,
                                 int32_t zero_point);
std::vector<float> Dequantize(const std::vector<int8_t>& values, float scale,
                              int32_t zero_point);

// Reproducible random data: std::mt19937 is fully specified by the standard,
// and the mapping to floats/ints is our own (the standard distributions differ
// between standard libraries), so a seed gives the same values everywhere.
class Rng {
 public:
  explicit Rng(uint32_t seed) : gen_(seed) {}
  // Uniform in [lo, hi).
  float Uniform(float lo, float hi);
  std::vector<float> Uniform(size_t n, float lo, float hi);
  // Uniform integer in [lo, hi] (inclusive).
  int32_t UniformInt(int32_t lo, int32_t hi);
  std::vector<int8_t> UniformS8(size_t n, int8_t lo = -128, int8_t hi = 127);
  std::vector<int16_t> UniformS16(size_t n, int16_t lo = -32768,
                                  int16_t hi = 32767);
  std::vector<int32_t> UniformS32(size_t n, int32_t lo, int32_t hi);
  // Approximately normal (sum of 12 uniforms), exact and portable.
  std::vector<float> Normal(size_t n, float mean, float stddev);
  std::mt19937& engine() { return gen_; }

 private:
  std::mt19937 gen_;
};

}  // namespace mote::host

#endif  // MOTE_HOST_MODEL_WRITER_H_
