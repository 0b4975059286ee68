// Element types and shapes shared by the runtime and the kernels.
#ifndef MOTE_TYPES_H_
#define MOTE_TYPES_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>

namespace mote {

// Values equal TFLite's TensorType, so a model's type byte maps directly.
enum class DataType : uint8_t {
  kFloat32 = 0,
  kFloat16 = 1,
  kInt32 = 2,
  kUInt8 = 3,
  kInt64 = 4,
  kString = 5,
  kBool = 6,
  kInt16 = 7,
  kComplex64 = 8,
  kInt8 = 9,
  kFloat64 = 10,
  kComplex128 = 11,
  kUInt64 = 12,
  kResource = 13,
  kVariant = 14,
  kUInt32 = 15,
  kUInt16 = 16,
  kInt4 = 17,
};

// Bytes per element; 0 for types the runtime cannot lay out (string, int4...).
size_t DataTypeSize(DataType type);
const char* DataTypeName(DataType type);

// A tensor shape with inline storage: kernels never allocate for shapes.
struct Shape {
  static constexpr int kMaxRank = 6;

  int32_t rank = 0;
  int32_t dims[kMaxRank] = {};

  int32_t Dim(int i) const { return dims[i]; }
  // Product of all dimensions (1 for a scalar).
  int64_t FlatSize() const {
    int64_t n = 1;
    for (int i = 0; i < rank; ++i) n *= dims[i];
    return n;
  }
  // Product of dimensions [begin, end).
  int64_t FlatSize(int begin, int end) const {
    int64_t n = 1;
    for (int i = begin; i < end; ++i) n *= dims[i];
    return n;
  }
  bool operator==(const Shape& other) const {
    if (rank != other.rank) return false;
    for (int i = 0; i < rank; ++i) {
      if (dims[i] != other.dims[i]) return false;
    }
    return true;
  }
  bool operator!=(const Shape& other) const { return !(*this == other); }
};

// Builds a Shape from a brace list, e.g. MakeShape({1, 28, 28, 1}).
Shape MakeShape(std::initializer_list<int32_t> dims);

// The fused activation of TFLite ops (values equal ActivationFunctionType).
enum class Activation : uint8_t {
  kNone = 0,
  kRelu = 1,
  kReluN1To1 = 2,
  kRelu6 = 3,
  kTanh = 4,
  kSignBit = 5,
};

enum class Padding : uint8_t { kSame = 0, kValid = 1 };

}  // namespace mote

#endif  // MOTE_TYPES_H_
