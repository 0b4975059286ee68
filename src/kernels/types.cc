#include "mote/types.h"

namespace mote {

size_t DataTypeSize(DataType type) {
  switch (type) {
    case DataType::kFloat32:
    case DataType::kInt32:
    case DataType::kUInt32:
      return 4;
    case DataType::kFloat16:
    case DataType::kInt16:
    case DataType::kUInt16:
      return 2;
    case DataType::kUInt8:
    case DataType::kInt8:
    case DataType::kBool:
      return 1;
    case DataType::kInt64:
    case DataType::kUInt64:
    case DataType::kFloat64:
    case DataType::kComplex64:
      return 8;
    case DataType::kComplex128:
      return 16;
    default:
      return 0;  // string, resource, variant, int4: no fixed element size
  }
}

const char* DataTypeName(DataType type) {
  switch (type) {
    case DataType::kFloat32: return "float32";
    case DataType::kFloat16: return "float16";
    case DataType::kInt32: return "int32";
    case DataType::kUInt8: return "uint8";
    case DataType::kInt64: return "int64";
    case DataType::kString: return "string";
    case DataType::kBool: return "bool";
    case DataType::kInt16: return "int16";
    case DataType::kComplex64: return "complex64";
    case DataType::kInt8: return "int8";
    case DataType::kFloat64: return "float64";
    case DataType::kComplex128: return "complex128";
    case DataType::kUInt64: return "uint64";
    case DataType::kResource: return "resource";
    case DataType::kVariant: return "variant";
    case DataType::kUInt32: return "uint32";
    case DataType::kUInt16: return "uint16";
    case DataType::kInt4: return "int4";
  }
  return "unknown";
}

Shape MakeShape(std::initializer_list<int32_t> dims) {
  Shape shape;
  for (int32_t d : dims) {
    if (shape.rank == Shape::kMaxRank) break;
    shape.dims[shape.rank++] = d;
  }
  return shape;
}

}  // namespace mote
