// NumPy .npy files: the exchange format for test inputs and golden outputs.
//
// Supported: format versions 1.0, 2.0 and 3.0 (3.0 only differs in allowing
// a UTF-8 header; ours must still be ASCII), little-endian C-order arrays of
// int8, uint8, int16, int32, int64, float32, float64 and bool. Everything
// else (Fortran order, big-endian, object or structured dtypes) is rejected
// with a message. Parsing never trusts the file: every length and the
// shape's byte count are checked against the bytes actually present, so a
// hostile file cannot make the reader crash or allocate more than its size.
#ifndef MOTE_HOST_NPY_H_
#define MOTE_HOST_NPY_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "mote/types.h"

namespace mote::host {

enum class NpyDType : uint8_t {
  kInt8,
  kUInt8,
  kInt16,
  kInt32,
  kInt64,
  kFloat32,
  kFloat64,
  kBool,
};

// Bytes per element.
size_t NpyDTypeSize(NpyDType dtype);
// NumPy's descr string as written: "|i1", "|u1", "<i2", "<i4", "<i8",
// "<f4", "<f8", "|b1".
const char* NpyDTypeDescr(NpyDType dtype);
// The runtime's element type for a dtype (bool -> kBool, ...).
DataType NpyDTypeToDataType(NpyDType dtype);
// The dtype for a runtime type; false when .npy support is missing for it.
bool DataTypeToNpyDType(DataType type, NpyDType* out);

// The dtype for a C++ element type.
template <typename T>
constexpr NpyDType NpyDTypeOf() {
  if constexpr (std::is_same_v<T, int8_t>) return NpyDType::kInt8;
  else if constexpr (std::is_same_v<T, uint8_t>) return NpyDType::kUInt8;
  else if constexpr (std::is_same_v<T, int16_t>) return NpyDType::kInt16;
  else if constexpr (std::is_same_v<T, int32_t>) return NpyDType::kInt32;
  else if constexpr (std::is_same_v<T, int64_t>) return NpyDType::kInt64;
  else if constexpr (std::is_same_v<T, float>) return NpyDType::kFloat32;
  else if constexpr (std::is_same_v<T, double>) return NpyDType::kFloat64;
  else if constexpr (std::is_same_v<T, bool>) return NpyDType::kBool;
  else static_assert(sizeof(T) == 0, "no .npy dtype for this C++ type");
}

// One array: raw little-endian element bytes in C order.
struct NpyArray {
  NpyDType dtype = NpyDType::kFloat32;
  std::vector<int64_t> shape;  // empty: a scalar (one element)
  std::vector<uint8_t> data;   // element_count() * NpyDTypeSize(dtype) bytes

  // Product of the dimensions (1 for a scalar); -1 if a dimension is
  // negative or the product overflows.
  int64_t element_count() const;

  // Copies the elements out as T; T must match dtype exactly (bool as bool,
  // one byte each), otherwise returns an empty vector.
  template <typename T>
  std::vector<T> ToVector() const {
    if (NpyDTypeOf<T>() != dtype || data.size() % sizeof(T) != 0) return {};
    if constexpr (std::is_same_v<T, bool>) {
      // std::vector<bool> is packed: convert byte by byte.
      std::vector<bool> out(data.size());
      for (size_t i = 0; i < data.size(); ++i) out[i] = data[i] != 0;
      return out;
    } else {
      std::vector<T> out(data.size() / sizeof(T));
      if (!out.empty()) std::memcpy(out.data(), data.data(), data.size());
      return out;
    }
  }

  // Builds an array from typed values (count must match shape for the array
  // to be writable; SerializeNpy checks).
  template <typename T>
  static NpyArray From(std::vector<int64_t> shape, const std::vector<T>& values) {
    NpyArray a;
    a.dtype = NpyDTypeOf<T>();
    a.shape = std::move(shape);
    if constexpr (std::is_same_v<T, bool>) {
      a.data.assign(values.begin(), values.end());  // one byte, 0 or 1, each
    } else {
      a.data.resize(values.size() * sizeof(T));
      if (!values.empty()) std::memcpy(a.data.data(), values.data(), a.data.size());
    }
    return a;
  }
};

// Result of parsing or reading: `error` is empty on success and says what is
// wrong (and where) otherwise, in which case `array` is left empty.
struct NpyReadResult {
  NpyArray array;
  std::string error;

  bool ok() const { return error.empty(); }
};

// Parses a whole .npy file held in memory. Trailing bytes after the data are
// an error (the header would be lying about the shape).
NpyReadResult ParseNpy(std::span<const uint8_t> bytes);
// Reads and parses a file.
NpyReadResult ReadNpyFile(const std::string& path);

// Serializes `array` as version 1.0, the header padded so the data starts at
// a multiple of 64, as NumPy does. Returns false with `error` set when the data size does not match the
// shape or the shape is invalid.
bool SerializeNpy(const NpyArray& array, std::vector<uint8_t>* out,
                  std::string* error);
bool WriteNpyFile(const std::string& path, const NpyArray& array,
                  std::string* error);

}  // namespace mote::host

#endif  // MOTE_HOST_NPY_H_
