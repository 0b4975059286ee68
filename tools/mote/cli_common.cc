#include "cli_common.h"

#include <cstring>
#include <random>

#include <fmt/format.h>

#include "host/model_stats.h"
#include "host/npy.h"

namespace mote::cli {

int Fail(const std::string& message) {
  fmt::print(stderr, "mote: error: {}\n", message);
  return 1;
}

bool LoadModel(const std::string& path, LoadedModel* out, std::string* error) {
  if (!host::ReadFile(path, &out->bytes, error)) return false;
  ErrorReporter errors;
  if (Model::Load(out->bytes.data(), out->bytes.size(), &out->model, &errors) !=
      Status::kOk) {
    *error = fmt::format("{}: {}", path, errors.message());
    return false;
  }
  return true;
}

bool PrepareRuntime(const Model& model, Runtime* runtime, std::string* error) {
  if (RegisterAllOps(&runtime->resolver) != Status::kOk) {
    *error = "internal: op registration failed";
    return false;
  }
  // Every non-constant tensor alive at once, plus room for tables and op
  // data: always enough, and Prepare reports the exact need.
  size_t total = size_t{1} << 20;
  for (int t = 0; t < model.num_tensors(); ++t) {
    const TensorInfo info = model.tensor(t);
    if (!info.is_const()) total += info.bytes + 64;
  }
  runtime->arena = host::AlignedBytes(total);
  runtime->interpreter = std::make_unique<Interpreter>(
      model, runtime->resolver, runtime->arena.data(), runtime->arena.size());
  if (runtime->interpreter->Prepare() != Status::kOk) {
    *error = runtime->interpreter->errors().message();
    return false;
  }
  return true;
}

namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

bool ReadInputFile(const std::string& path, const Interpreter& interp, int index,
                   std::string* error) {
  const TensorInfo info = interp.input_info(index);
  EvalTensor* tensor = interp.input(index);
  if (EndsWith(path, ".npy")) {
    host::NpyReadResult read = host::ReadNpyFile(path);
    if (!read.ok()) {
      *error = read.error;
      return false;
    }
    const host::NpyArray& array = read.array;
    const DataType dtype = host::NpyDTypeToDataType(array.dtype);
    if (dtype != info.type) {
      *error = fmt::format("{}: holds {}, input {} '{}' is {}", path,
                           DataTypeName(dtype), index, info.name,
                           DataTypeName(info.type));
      return false;
    }
    if (array.data.size() != info.bytes) {
      *error = fmt::format("{}: holds {} bytes, input {} '{}' needs {}", path,
                           array.data.size(), index, info.name, info.bytes);
      return false;
    }
    std::memcpy(tensor->data, array.data.data(), info.bytes);
    return true;
  }
  host::AlignedBytes bytes;
  if (!host::ReadFile(path, &bytes, error)) return false;
  if (bytes.size() != info.bytes) {
    *error = fmt::format("{}: {} bytes, but input {} '{}' ({} {}) needs {}", path,
                         bytes.size(), index, info.name, DataTypeName(info.type),
                         host::ShapeString(info.shape), info.bytes);
    return false;
  }
  std::memcpy(tensor->data, bytes.data(), info.bytes);
  return true;
}

void FillRandomInputs(const Interpreter& interp, uint32_t seed) {
  std::mt19937 rng(seed);
  for (int i = 0; i < interp.inputs_size(); ++i) {
    const TensorInfo info = interp.input_info(i);
    void* data = interp.input(i)->data;
    const int64_t n = info.shape.FlatSize();
    auto fill = [&](auto* p, auto lo, auto hi) {
      std::uniform_int_distribution<int64_t> dist(lo, hi);
      for (int64_t k = 0; k < n; ++k) p[k] = static_cast<std::remove_reference_t<decltype(*p)>>(dist(rng));
    };
    switch (info.type) {
      case DataType::kInt8: fill(static_cast<int8_t*>(data), -128, 127); break;
      case DataType::kUInt8: fill(static_cast<uint8_t*>(data), 0, 255); break;
      case DataType::kInt16: fill(static_cast<int16_t*>(data), -32768, 32767); break;
      case DataType::kInt32: fill(static_cast<int32_t*>(data), -1000, 1000); break;
      case DataType::kBool: fill(static_cast<uint8_t*>(data), 0, 1); break;
      case DataType::kFloat32: {
        std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
        float* p = static_cast<float*>(data);
        for (int64_t k = 0; k < n; ++k) p[k] = dist(rng);
        break;
      }
      default:
        if (data != nullptr) std::memset(data, 0, info.bytes);
        break;
    }
  }
}

bool WriteOutputFile(const std::string& path, const Interpreter& interp, int index,
                     std::string* error) {
  const TensorInfo info = interp.output_info(index);
  const void* data = interp.output(index)->data;
  if (EndsWith(path, ".npy")) {
    host::NpyArray array;
    if (!host::DataTypeToNpyDType(info.type, &array.dtype)) {
      *error = fmt::format("{}: .npy cannot hold {}", path, DataTypeName(info.type));
      return false;
    }
    array.shape.assign(info.shape.dims, info.shape.dims + info.shape.rank);
    array.data.assign(static_cast<const uint8_t*>(data),
                      static_cast<const uint8_t*>(data) + info.bytes);
    return host::WriteNpyFile(path, array, error);
  }
  return host::WriteFileAtomic(path, data, info.bytes, error);
}

std::vector<float> OutputAsFloat(const Interpreter& interp, int index) {
  const TensorInfo info = interp.output_info(index);
  const void* data = interp.output(index)->data;
  const int64_t n = info.shape.FlatSize();
  std::vector<float> values(static_cast<size_t>(n));
  const float scale = info.quant.count > 0 ? info.quant.scale(0) : 1.0f;
  const int32_t zp = info.quant.count > 0 ? info.quant.zero_point(0) : 0;
  for (int64_t k = 0; k < n; ++k) {
    double q = 0;
    switch (info.type) {
      case DataType::kFloat32: values[k] = static_cast<const float*>(data)[k]; continue;
      case DataType::kInt8: q = static_cast<const int8_t*>(data)[k]; break;
      case DataType::kUInt8: q = static_cast<const uint8_t*>(data)[k]; break;
      case DataType::kInt16: q = static_cast<const int16_t*>(data)[k]; break;
      case DataType::kInt32: q = static_cast<const int32_t*>(data)[k]; break;
      default: break;
    }
    values[k] = static_cast<float>((q - zp) * scale);
  }
  return values;
}

}  // namespace mote::cli
