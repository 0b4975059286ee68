// Model::Load: flatbuffer verification, then semantic validation.
//
// Everything a later stage indexes is checked here once, so the planner, the
// interpreter and the ops can index the model without re-checking: tensor,
// buffer and operator indices, shapes and their byte sizes, constant data
// sizes, quantization vector lengths, the single-writer property of tensors
// and that every tensor is written before it is read.
//
// The flatbuffer is verified with a schema variant (schema/opaque_options.cmake)
// in which builtin options are opaque tables and the fields mote never reads
// are skipped: each options table is checked to be a table inside the
// buffer, and its fields are verified by VerifiedOptions when an op reads
// them. A firmware thus links the options verifiers of its registered ops
// only (tests/freestanding/check_verified_reads.sh keeps reads verified).
#include <cmath>
#include <cstring>

#include "mote/model.h"
#include "schema/tflite_generated.h"
#include "schema/tflite_opaque_generated.h"

// Fails validation: return MOTE_FAIL(status, MOTE_MSG(...)). A build with
// MOTE_STRIP_MESSAGES passes the status only (about 80 bytes less on M4).
#if defined(MOTE_STRIP_MESSAGES)
#define MOTE_FAIL(status, message) Fail(status)
#else
#define MOTE_FAIL(status, message) Fail(status, message)
#endif

namespace mote {
namespace {

constexpr int32_t kCustomCode = 32;
// Largest tensor we accept; keeps every byte count far from overflow.
constexpr uint64_t kMaxTensorBytes = uint64_t{1} << 31;
// Bounds the verifier's work on hostile input (tables, nesting).
constexpr flatbuffers::uoffset_t kMaxVerifierDepth = 64;
constexpr flatbuffers::uoffset_t kMaxVerifierTables = 1000000;
// The dataflow check is quadratic in operator connections; microcontroller
// models have a few hundred. The cap keeps hostile models from hanging Load.
constexpr int kMaxOperatorConnections = 8192;

template <typename T>
int VectorSize(const flatbuffers::Vector<T>* v) {
  return v == nullptr ? 0 : static_cast<int>(v->size());
}

bool IsUsableType(int8_t type) {
  // Types with a fixed element size; resource handles are tolerated so a
  // model can name them, and ops that use them check further.
  if (type < 0 || type > static_cast<int8_t>(DataType::kInt4)) return false;
  const DataType t = static_cast<DataType>(type);
  return DataTypeSize(t) > 0 || t == DataType::kResource;
}

class Validator {
 public:
  Validator(const tflite::Model* model, ErrorReporter* errors)
      : model_(model), errors_(errors) {}

  Status Run() {
    if (model_->version() != 3) {
      return MOTE_FAIL(Status::kUnsupported, MOTE_MSG("schema version %u (only 3 is supported)",
                  static_cast<unsigned>(model_->version())));
    }
    if (VectorSize(model_->subgraphs()) < 1) {
      return MOTE_FAIL(Status::kInvalidModel, MOTE_MSG("model has no subgraph"));
    }
    MOTE_RETURN_IF_ERROR(CheckBuffers());
    MOTE_RETURN_IF_ERROR(CheckOpCodes());
    subgraph_ = model_->subgraphs()->Get(0);
    MOTE_RETURN_IF_ERROR(CheckTensors());
    MOTE_RETURN_IF_ERROR(CheckIo(subgraph_->inputs(), "input"));
    MOTE_RETURN_IF_ERROR(CheckIo(subgraph_->outputs(), "output"));
    MOTE_RETURN_IF_ERROR(CheckOperators());
    return CheckDataflow();
  }

 private:
  // MOTE_FAIL's stripped form: the status only, so no call site loads a
  // format or arguments.
  Status Fail(Status status) { return errors_->Report(status, "%s", ""); }
  Status Fail(Status status, const char* format, ...)
#if defined(__GNUC__)
      __attribute__((format(printf, 3, 4)))
#endif
  {
    va_list args;
    va_start(args, format);
    errors_->ReportV(status, format, args);
    va_end(args);
    return status;
  }

  const char* TensorName(int index) const {
    const auto* t = subgraph_->tensors()->Get(index);
    return t->name() != nullptr ? t->name()->c_str() : "";
  }

  Status CheckBuffers() {
    const int n = VectorSize(model_->buffers());
    for (int i = 0; i < n; ++i) {
      const tflite::Buffer* b = model_->buffers()->Get(i);
      if (b == nullptr) {
        return MOTE_FAIL(Status::kInvalidModel, MOTE_MSG("buffer %d is null", i));
      }
      if (b->offset() > 1 || b->size() > 0) {
        return MOTE_FAIL(Status::kUnsupported,
                    MOTE_MSG("buffer %d: data stored outside the flatbuffer (models "
                    "over 2 GB) is not supported",
                    i));
      }
    }
    return Status::kOk;
  }

  Status CheckOpCodes() {
    const int n = VectorSize(model_->operator_codes());
    for (int i = 0; i < n; ++i) {
      const tflite::OperatorCode* c = model_->operator_codes()->Get(i);
      if (c == nullptr) {
        return MOTE_FAIL(Status::kInvalidModel, MOTE_MSG("operator code %d is null", i));
      }
      if (c->builtin_code() < 0 || c->deprecated_builtin_code() < 0) {
        return MOTE_FAIL(Status::kInvalidModel, MOTE_MSG("operator code %d is negative", i));
      }
      if (c->version() < 1) {
        return MOTE_FAIL(Status::kInvalidModel, MOTE_MSG("operator code %d: version %d",
                    i, static_cast<int>(c->version())));
      }
    }
    return Status::kOk;
  }

  Status CheckTensors() {
    const int num_tensors = VectorSize(subgraph_->tensors());
    const int num_buffers = VectorSize(model_->buffers());
    for (int i = 0; i < num_tensors; ++i) {
      const tflite::Tensor* t = subgraph_->tensors()->Get(i);
      if (t == nullptr) {
        return MOTE_FAIL(Status::kInvalidModel, MOTE_MSG("tensor %d is null", i));
      }
      const char* name = TensorName(i);
      if (!IsUsableType(t->type())) {
        return MOTE_FAIL(Status::kUnsupported, MOTE_MSG("tensor %d '%s': type %s is not supported",
                    i, name, DataTypeName(static_cast<DataType>(t->type()))));
      }
      const int rank = VectorSize(t->shape());
      if (rank > Shape::kMaxRank) {
        return MOTE_FAIL(Status::kUnsupported, MOTE_MSG("tensor %d '%s': rank %d exceeds %d",
                    i, name, rank, Shape::kMaxRank));
      }
      const size_t element = DataTypeSize(static_cast<DataType>(t->type()));
      uint64_t bytes = element;
      for (int d = 0; d < rank; ++d) {
        const int32_t dim = t->shape()->Get(d);
        if (dim < 0) {
          return MOTE_FAIL(Status::kUnsupported,
                      MOTE_MSG("tensor %d '%s': dimension %d is %d (dynamic shapes are "
                      "not supported)",
                      i, name, d, static_cast<int>(dim)));
        }
        bytes *= static_cast<uint64_t>(dim);
        if (bytes > kMaxTensorBytes) {
          return MOTE_FAIL(Status::kInvalidModel, MOTE_MSG("tensor %d '%s': larger than 2 GB",
                      i, name));
        }
      }
      if (t->sparsity() != nullptr) {
        return MOTE_FAIL(Status::kUnsupported, MOTE_MSG("tensor %d '%s': sparse tensors are not supported",
                    i, name));
      }
      if (t->buffer() != 0 && t->buffer() >= static_cast<uint32_t>(num_buffers)) {
        return MOTE_FAIL(Status::kInvalidModel,
                    MOTE_MSG("tensor %d '%s': buffer index %u out of range (%d buffers)",
                    i, name, static_cast<unsigned>(t->buffer()), num_buffers));
      }
      if (t->buffer() != 0 && num_buffers > 0) {
        const auto* data = model_->buffers()->Get(t->buffer())->data();
        if (data != nullptr && data->size() > 0 && data->size() != bytes) {
          return MOTE_FAIL(Status::kInvalidModel,
                      MOTE_MSG("tensor %d '%s': buffer %u holds %u bytes, shape and type "
                      "need %llu",
                      i, name, static_cast<unsigned>(t->buffer()),
                      static_cast<unsigned>(data->size()),
                      static_cast<unsigned long long>(bytes)));
        }
        // Kernels read constants through typed pointers. The flatbuffers
        // Verifier checks a vector's 4-byte length prefix only, and
        // Buffer.data is force_align 16 in every writer, so a misaligned
        // buffer is a corrupt file.
        const size_t align = element < 8 ? element : 8;
        if (data != nullptr && data->size() > 0 && align > 1 &&
            reinterpret_cast<uintptr_t>(data->data()) % align != 0) {
          return MOTE_FAIL(Status::kInvalidModel,
                      MOTE_MSG("tensor %d '%s': buffer %u is not aligned to its %u-byte "
                      "elements",
                      i, name, static_cast<unsigned>(t->buffer()),
                      static_cast<unsigned>(element)));
        }
      }
      MOTE_RETURN_IF_ERROR(CheckQuantization(i, name, t, rank));
    }
    return Status::kOk;
  }

  Status CheckQuantization(int i, const char* name, const tflite::Tensor* t,
                           int rank) {
    const tflite::QuantizationParameters* q = t->quantization();
    if (q == nullptr) return Status::kOk;
    if (q->details() != nullptr || q->details_type() != 0) {
      return MOTE_FAIL(Status::kUnsupported,
                  MOTE_MSG("tensor %d '%s': custom quantization details are not supported",
                  i, name));
    }
    const int num_scales = VectorSize(q->scale());
    const int num_zero_points = VectorSize(q->zero_point());
    // int64 elements behind a 4-byte-aligned length prefix: builders align
    // the data to 8 (found misaligned by the model fuzzer).
    if (num_zero_points > 0 &&
        reinterpret_cast<uintptr_t>(q->zero_point()->data()) % alignof(int64_t) != 0) {
      return MOTE_FAIL(Status::kInvalidModel,
                  MOTE_MSG("tensor %d '%s': zero points are not 8-byte aligned", i, name));
    }
    if (num_scales == 0) {
      if (num_zero_points > 1) {
        return MOTE_FAIL(Status::kInvalidModel,
                    MOTE_MSG("tensor %d '%s': %d zero points but no scale", i, name,
                    num_zero_points));
      }
      return Status::kOk;
    }
    if (num_zero_points != 0 && num_zero_points != num_scales) {
      return MOTE_FAIL(Status::kInvalidModel,
                  MOTE_MSG("tensor %d '%s': %d scales but %d zero points", i, name,
                  num_scales, num_zero_points));
    }
    for (int k = 0; k < num_scales; ++k) {
      const float s = q->scale()->Get(k);
      if (!std::isfinite(s) || s < 0.0f) {
        return MOTE_FAIL(Status::kInvalidModel, MOTE_MSG("tensor %d '%s': scale %d is %g", i,
                    name, k, static_cast<double>(s)));
      }
    }
    for (int k = 0; k < num_zero_points; ++k) {
      const int64_t zp = q->zero_point()->Get(k);
      if (zp < INT32_MIN || zp > INT32_MAX) {
        return MOTE_FAIL(Status::kInvalidModel,
                    MOTE_MSG("tensor %d '%s': zero point %d out of int32 range", i, name, k));
      }
    }
    if (num_scales > 1) {
      const int qd = q->quantized_dimension();
      // TFLite ignores the axis of rank-1 tensors (person_detect.tflite has
      // biases with quantized_dimension 3); the count must still fit.
      const int axis = (rank == 1) ? 0 : qd;
      if (axis < 0 || axis >= rank) {
        return MOTE_FAIL(Status::kInvalidModel,
                    MOTE_MSG("tensor %d '%s': quantized_dimension %d out of range for rank %d",
                    i, name, qd, rank));
      }
      if (t->shape()->Get(axis) != num_scales) {
        return MOTE_FAIL(Status::kInvalidModel,
                    MOTE_MSG("tensor %d '%s': %d scales for dimension %d of size %d", i,
                    name, num_scales, axis,
                    static_cast<int>(t->shape()->Get(axis))));
      }
    }
    return Status::kOk;
  }

  Status CheckIo(const flatbuffers::Vector<int32_t>* io, const char* what) {
    const int num_tensors = VectorSize(subgraph_->tensors());
    for (int i = 0; i < VectorSize(io); ++i) {
      const int32_t t = io->Get(i);
      if (t < 0 || t >= num_tensors) {
        return MOTE_FAIL(Status::kInvalidModel,
                    MOTE_MSG("subgraph %s %d: tensor index %d out of range (%d tensors)",
                    what, i, static_cast<int>(t), num_tensors));
      }
    }
    return Status::kOk;
  }

  Status CheckTensorList(int op, const flatbuffers::Vector<int32_t>* list,
                         const char* what, bool allow_absent) {
    const int num_tensors = VectorSize(subgraph_->tensors());
    for (int i = 0; i < VectorSize(list); ++i) {
      const int32_t t = list->Get(i);
      if ((t == -1 && allow_absent)) continue;
      if (t < 0 || t >= num_tensors) {
        return MOTE_FAIL(Status::kInvalidModel,
                    MOTE_MSG("op %d: %s %d is tensor %d, out of range (%d tensors)", op,
                    what, i, static_cast<int>(t), num_tensors));
      }
    }
    return Status::kOk;
  }

  Status CheckOperators() {
    const int num_codes = VectorSize(model_->operator_codes());
    int connections = 0;
    for (int i = 0; i < VectorSize(subgraph_->operators()); ++i) {
      const tflite::Operator* op = subgraph_->operators()->Get(i);
      if (op == nullptr) return MOTE_FAIL(Status::kInvalidModel, MOTE_MSG("op %d is null", i));
      connections += 1 + VectorSize(op->inputs()) + VectorSize(op->outputs());
      if (connections > kMaxOperatorConnections) {
        return MOTE_FAIL(Status::kUnsupported,
                    MOTE_MSG("more than %d operator inputs and outputs in total",
                    kMaxOperatorConnections));
      }
      if (static_cast<int64_t>(op->opcode_index()) >= num_codes) {
        return MOTE_FAIL(Status::kInvalidModel,
                    MOTE_MSG("op %d: opcode index %u out of range (%d codes)", i,
                    static_cast<unsigned>(op->opcode_index()), num_codes));
      }
      MOTE_RETURN_IF_ERROR(CheckTensorList(i, op->inputs(), "input", true));
      MOTE_RETURN_IF_ERROR(CheckTensorList(i, op->outputs(), "output", false));
      MOTE_RETURN_IF_ERROR(
          CheckTensorList(i, op->intermediates(), "intermediate", true));
    }
    return Status::kOk;
  }

  bool HasConstData(int tensor) const {
    const tflite::Tensor* t = subgraph_->tensors()->Get(tensor);
    if (t->buffer() == 0 || VectorSize(model_->buffers()) == 0) return false;
    const auto* data = model_->buffers()->Get(t->buffer())->data();
    return data != nullptr && data->size() > 0;
  }

  bool IsGraphInput(int tensor) const {
    const auto* in = subgraph_->inputs();
    for (int i = 0; i < VectorSize(in); ++i) {
      if (in->Get(i) == tensor) return true;
    }
    return false;
  }

  // Finds the op that writes `tensor` before op `before`, or -1.
  int WriterBefore(int tensor, int before) const {
    for (int i = 0; i < before; ++i) {
      const auto* outs = subgraph_->operators()->Get(i)->outputs();
      for (int k = 0; k < VectorSize(outs); ++k) {
        if (outs->Get(k) == tensor) return i;
      }
    }
    return -1;
  }

  // Each tensor has one writer, constants and inputs have none, and every
  // tensor an op reads already holds a value. Without this the planner could
  // hand an op memory that another live tensor still owns.
  Status CheckDataflow() {
    const int num_ops = VectorSize(subgraph_->operators());
    for (int i = 0; i < num_ops; ++i) {
      const tflite::Operator* op = subgraph_->operators()->Get(i);
      for (int k = 0; k < VectorSize(op->outputs()); ++k) {
        const int t = op->outputs()->Get(k);
        if (HasConstData(t)) {
          return MOTE_FAIL(Status::kInvalidModel,
                      MOTE_MSG("op %d writes constant tensor %d '%s'", i, t, TensorName(t)));
        }
        if (IsGraphInput(t)) {
          return MOTE_FAIL(Status::kInvalidModel,
                      MOTE_MSG("op %d writes graph input tensor %d '%s'", i, t, TensorName(t)));
        }
        if (WriterBefore(t, i) >= 0) {
          return MOTE_FAIL(Status::kInvalidModel,
                      MOTE_MSG("tensor %d '%s' is written by op %d and op %d", t,
                      TensorName(t), WriterBefore(t, i), i));
        }
        for (int j = 0; j < k; ++j) {
          if (op->outputs()->Get(j) == t) {
            return MOTE_FAIL(Status::kInvalidModel,
                        MOTE_MSG("op %d lists output tensor %d twice", i, t));
          }
        }
      }
      for (int k = 0; k < VectorSize(op->inputs()); ++k) {
        const int t = op->inputs()->Get(k);
        if (t < 0) continue;
        const tflite::Tensor* tensor = subgraph_->tensors()->Get(t);
        if (HasConstData(t) || IsGraphInput(t) || tensor->is_variable()) continue;
        if (WriterBefore(t, i) < 0) {
          return MOTE_FAIL(Status::kInvalidModel,
                      MOTE_MSG("op %d reads tensor %d '%s' before any op writes it", i,
                      t, TensorName(t)));
        }
      }
    }
    // Graph outputs must be produced (or be inputs/constants).
    const auto* outs = subgraph_->outputs();
    for (int i = 0; i < VectorSize(outs); ++i) {
      const int t = outs->Get(i);
      if (!HasConstData(t) && !IsGraphInput(t) && WriterBefore(t, num_ops) < 0) {
        return MOTE_FAIL(Status::kInvalidModel,
                    MOTE_MSG("graph output %d (tensor %d '%s') is never written", i, t,
                    TensorName(t)));
      }
    }
    return Status::kOk;
  }

  const tflite::Model* model_;
  const tflite::SubGraph* subgraph_ = nullptr;
  ErrorReporter* errors_;
};

}  // namespace

Status Model::Load(const void* data, size_t size, Model* out,
                   ErrorReporter* errors) {
  *out = Model();
  if (data == nullptr || size < 8) {
    return errors->Report(Status::kInvalidModel,
                          MOTE_MSG("model is %u bytes: too small to be a TFLite model",
                          static_cast<unsigned>(size)));
  }
  if (reinterpret_cast<uintptr_t>(data) % 8 != 0) {
    return errors->Report(Status::kInvalidArgument,
                          MOTE_MSG("model buffer must be 8-byte aligned (16 recommended)"));
  }
  if (size >= FLATBUFFERS_MAX_BUFFER_SIZE) {
    return errors->Report(Status::kInvalidModel, MOTE_MSG("model is larger than 2 GB"));
  }
  const uint8_t* bytes = static_cast<const uint8_t*>(data);
  if (!tflite::ModelBufferHasIdentifier(bytes)) {
    return errors->Report(Status::kInvalidModel,
                          MOTE_MSG("not a TFLite model: file identifier is not 'TFL3'"));
  }
  flatbuffers::Verifier verifier(bytes, size, kMaxVerifierDepth,
                                 kMaxVerifierTables);
  if (!tflite::opaque::VerifyModelBuffer(verifier)) {
    return errors->Report(Status::kInvalidModel,
                          MOTE_MSG("flatbuffer verification failed: the model is "
                          "truncated or corrupt"));
  }
  const tflite::Model* model = tflite::GetModel(bytes);
  MOTE_RETURN_IF_ERROR(Validator(model, errors).Run());
  out->data_ = bytes;
  out->size_ = size;
  out->model_ = model;
  out->subgraph_ = model->subgraphs()->Get(0);
  return Status::kOk;
}

int Model::num_tensors() const { return VectorSize(subgraph_->tensors()); }
int Model::num_operators() const { return VectorSize(subgraph_->operators()); }
int Model::num_inputs() const { return VectorSize(subgraph_->inputs()); }
int Model::num_outputs() const { return VectorSize(subgraph_->outputs()); }
int Model::input_tensor(int i) const { return subgraph_->inputs()->Get(i); }
int Model::output_tensor(int i) const { return subgraph_->outputs()->Get(i); }

const char* Model::tensor_name(int index) const {
  const auto* t = subgraph_->tensors()->Get(index);
  return t->name() != nullptr ? t->name()->c_str() : "";
}

TensorInfo Model::tensor(int index) const {
  TensorInfo info;
  if (index < 0 || index >= num_tensors()) return info;
  const tflite::Tensor* t = subgraph_->tensors()->Get(index);
  info.index = index;
  info.type = static_cast<DataType>(t->type());
  info.name = tensor_name(index);
  info.is_variable = t->is_variable();
  info.shape.rank = VectorSize(t->shape());
  for (int d = 0; d < info.shape.rank; ++d) info.shape.dims[d] = t->shape()->Get(d);
  info.bytes = static_cast<size_t>(info.shape.FlatSize()) * DataTypeSize(info.type);
  if (t->buffer() != 0 && VectorSize(model_->buffers()) > 0) {
    const auto* data = model_->buffers()->Get(t->buffer())->data();
    if (data != nullptr && data->size() > 0) info.const_data = data->data();
  }
  if (const tflite::QuantizationParameters* q = t->quantization()) {
    info.quant.count = VectorSize(q->scale());
    if (info.quant.count > 0) {
      info.quant.scales = q->scale()->data();
      info.quant.zero_points =
          VectorSize(q->zero_point()) > 0 ? q->zero_point()->data() : nullptr;
      info.quant.quantized_dimension =
          info.shape.rank == 1 ? 0 : q->quantized_dimension();
    }
  }
  return info;
}

const tflite::Operator* Model::op(int op_index) const {
  return subgraph_->operators()->Get(op_index);
}

int32_t Model::op_builtin_code(int op_index) const {
  const tflite::OperatorCode* code =
      model_->operator_codes()->Get(op(op_index)->opcode_index());
  // TFLite's rule: the larger of the two fields is the real code.
  const int32_t deprecated = code->deprecated_builtin_code();
  const int32_t extended = code->builtin_code();
  return extended > deprecated ? extended : deprecated;
}

int32_t Model::op_version(int op_index) const {
  return model_->operator_codes()->Get(op(op_index)->opcode_index())->version();
}

const char* Model::op_custom_code(int op_index) const {
  if (op_builtin_code(op_index) != kCustomCode) return nullptr;
  const auto* code = model_->operator_codes()->Get(op(op_index)->opcode_index());
  return code->custom_code() != nullptr ? code->custom_code()->c_str() : "";
}

int Model::op_num_inputs(int op_index) const { return VectorSize(op(op_index)->inputs()); }
int Model::op_num_outputs(int op_index) const { return VectorSize(op(op_index)->outputs()); }

int32_t Model::op_input(int op_index, int i) const {
  if (i < 0 || i >= op_num_inputs(op_index)) return -1;
  return op(op_index)->inputs()->Get(i);
}

int32_t Model::op_output(int op_index, int i) const {
  if (i < 0 || i >= op_num_outputs(op_index)) return -1;
  return op(op_index)->outputs()->Get(i);
}

bool Model::VerifiedOptions(int op_index, uint8_t type, TableVerifier verify,
                            const void** table) const {
  *table = nullptr;
  const tflite::Operator* o = op(op_index);
  if (type == 0 || o->builtin_options_type() != type) return true;
  const void* options = o->builtin_options();
  if (options == nullptr) return true;
  // Load checked the table header (vtable, table size) inside the buffer;
  // this checks its fields: scalars in bounds, strings and vectors inside
  // the buffer and terminated.
  flatbuffers::Verifier verifier(data_, size_, kMaxVerifierDepth, kMaxVerifierTables);
  if (!verify(&verifier, options)) return false;
  *table = options;
  return true;
}

size_t Model::weight_bytes() const {
  // Each buffer counts once however many tensors share it.
  size_t total = 0;
  const int num_buffers = VectorSize(model_->buffers());
  for (int b = 1; b < num_buffers; ++b) {
    const auto* data = model_->buffers()->Get(b)->data();
    if (data == nullptr || data->size() == 0) continue;
    for (int t = 0; t < num_tensors(); ++t) {
      if (static_cast<int>(subgraph_->tensors()->Get(t)->buffer()) == b) {
        total += data->size();
        break;
      }
    }
  }
  return total;
}

}  // namespace mote
