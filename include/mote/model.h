// A TFLite model read in place from a byte buffer.
//
// Model::Load verifies the flatbuffer (bounds, alignment, nesting) and then
// validates the graph: every tensor, buffer and operator index in range,
// shapes and buffer sizes consistent with their types, quantization vectors
// consistent. Only then does any op see the model. Builtin options tables are
// verified only as tables inside the buffer; their fields are verified when
// an op reads them (options<T>()), so a firmware links the options verifiers
// of its registered ops only, not all 126. The bytes are never copied:
// on a microcontroller they stay in flash and must outlive the Model.
#ifndef MOTE_MODEL_H_
#define MOTE_MODEL_H_

#include <cstddef>
#include <cstdint>

#include "mote/status.h"
#include "mote/types.h"

namespace tflite {
struct Model;
struct SubGraph;
struct Operator;
struct Tensor;
template <typename T>
struct BuiltinOptionsTraits;
}  // namespace tflite

namespace mote {

namespace internal {
// The verifier type of a flatbuffers table's Verify, so that this header
// needs no flatbuffers include.
template <typename M>
struct VerifierArg;
template <typename C, typename V>
struct VerifierArg<bool (C::*)(V&) const> {
  using type = V;
};
// Runs table T's generated Verify; the verifier is Model's (model.cc).
template <typename T>
bool VerifyTableAs(void* verifier, const void* table) {
  using V = typename VerifierArg<decltype(&T::Verify)>::type;
  return static_cast<const T*>(table)->Verify(*static_cast<V*>(verifier));
}
template <typename T>
constexpr uint8_t OptionsTypeOf() {
  constexpr uint8_t type = static_cast<uint8_t>(tflite::BuiltinOptionsTraits<T>::enum_value);
  static_assert(type != 0, "T is not a BuiltinOptions table");
  return type;
}
}  // namespace internal

// Per-tensor or per-channel affine quantization, read in place.
struct QuantParams {
  int32_t count = 0;                     // 0: the tensor is not quantized
  const float* scales = nullptr;         // `count` entries
  const int64_t* zero_points = nullptr;  // `count` entries, or null (all 0)
  int32_t quantized_dimension = 0;

  float scale(int i = 0) const { return scales[i]; }
  int32_t zero_point(int i = 0) const {
    return zero_points ? static_cast<int32_t>(zero_points[i]) : 0;
  }
};

// Everything Init/Prepare may want to know about one tensor.
struct TensorInfo {
  int32_t index = -1;  // -1: an absent optional input
  DataType type = DataType::kFloat32;
  Shape shape;
  QuantParams quant;
  const void* const_data = nullptr;  // set for constant tensors (in place)
  size_t bytes = 0;                  // FlatSize * element size
  bool is_variable = false;
  const char* name = "";

  bool present() const { return index >= 0; }
  bool is_const() const { return const_data != nullptr; }
  bool is_quantized() const { return quant.count > 0; }
  template <typename T>
  const T* data() const {
    return static_cast<const T*>(const_data);
  }
};

class Model {
 public:
  Model() = default;

  // Verifies and validates `size` bytes at `data`; `data` must be 16-byte
  // aligned (flatbuffers aligns vectors relative to the buffer) and must
  // outlive the Model. On failure `errors` says what is wrong and where.
  static Status Load(const void* data, size_t size, Model* out,
                     ErrorReporter* errors);

  bool loaded() const { return model_ != nullptr; }
  const tflite::Model* flatbuffer() const { return model_; }
  const tflite::SubGraph* subgraph() const { return subgraph_; }

  int num_tensors() const;
  int num_operators() const;
  int num_inputs() const;
  int num_outputs() const;
  int input_tensor(int i) const;   // subgraph input i -> tensor index
  int output_tensor(int i) const;  // subgraph output i -> tensor index

  // Builds the view of tensor `index` (validated at Load, so always valid).
  TensorInfo tensor(int index) const;
  const char* tensor_name(int index) const;

  const tflite::Operator* op(int op_index) const;
  int32_t op_builtin_code(int op_index) const;  // BuiltinOperator value
  int32_t op_version(int op_index) const;
  const char* op_custom_code(int op_index) const;  // null unless CUSTOM
  int op_num_inputs(int op_index) const;
  int op_num_outputs(int op_index) const;
  int32_t op_input(int op_index, int i) const;   // -1 for an absent optional
  int32_t op_output(int op_index, int i) const;

  // Op `op_index`'s builtin options (e.g. tflite::Conv2DOptions), verified
  // on every call. Null when absent, of another type, or corrupt. Ops use
  // PrepareContext::options<T>(), which also reports the corruption.
  template <typename T>
  const T* options(int op_index) const {
    const void* table = nullptr;
    VerifiedOptions(op_index, internal::OptionsTypeOf<T>(), &internal::VerifyTableAs<T>, &table);
    return static_cast<const T*>(table);
  }
  // Sets *table to op `op_index`'s options table if it has type `type` and
  // passes `verify`, else to null. False only when the table has that type
  // but fails `verify` (corrupt).
  using TableVerifier = bool (*)(void* verifier, const void* table);
  bool VerifiedOptions(int op_index, uint8_t type, TableVerifier verify,
                       const void** table) const;

  // Bytes of constant data (weights, biases) referenced by tensors.
  size_t weight_bytes() const;
  size_t size_bytes() const { return size_; }

 private:
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  const tflite::Model* model_ = nullptr;
  const tflite::SubGraph* subgraph_ = nullptr;
};

// TFLite's name for a builtin op code ("CONV_2D"), or "UNKNOWN".
const char* BuiltinOpName(int32_t builtin_code);

}  // namespace mote

#endif  // MOTE_MODEL_H_
