#include "kernels/ref/cast.h"

#include <cstring>

namespace mote {
namespace ref {
namespace {

// Every source value as one of three exact intermediates: integers (and
// bools) as int64, floats as float.
struct Value {
  bool is_float;
  int64_t i;
  float f;
};

Value Load(DataType type, const unsigned char* p) {
  switch (type) {
    case DataType::kInt8: {
      int8_t v;
      std::memcpy(&v, p, 1);
      return {false, v, 0.0f};
    }
    case DataType::kInt16: {
      int16_t v;
      std::memcpy(&v, p, 2);
      return {false, v, 0.0f};
    }
    case DataType::kInt32: {
      int32_t v;
      std::memcpy(&v, p, 4);
      return {false, v, 0.0f};
    }
    case DataType::kUInt32: {
      uint32_t v;
      std::memcpy(&v, p, 4);
      return {false, static_cast<int64_t>(v), 0.0f};
    }
    case DataType::kBool: {
      uint8_t v;
      std::memcpy(&v, p, 1);
      return {false, v != 0 ? 1 : 0, 0.0f};
    }
    default: {  // kFloat32
      float v;
      std::memcpy(&v, p, 4);
      return {true, 0, v};
    }
  }
}

// x86-64 cvttss2si: truncation, or the "integer indefinite" value (the
// minimum) for NaN and out-of-range inputs.
int32_t FloatToInt32(float f) {
  if (!(f > -2147483904.0f && f < 2147483648.0f)) return INT32_MIN;
  return static_cast<int32_t>(f);
}
int64_t FloatToInt64(float f) {
  if (!(f > -9223373136366403584.0f && f < 9223372036854775808.0f)) {
    return INT64_MIN;
  }
  return static_cast<int64_t>(f);
}

// The low 32 bits of an integer (two's complement, no UB).
uint32_t Low32(int64_t i) { return static_cast<uint32_t>(i); }

void Store(DataType type, const Value& v, unsigned char* p) {
  switch (type) {
    case DataType::kInt8: {
      const uint32_t bits = v.is_float ? static_cast<uint32_t>(FloatToInt32(v.f))
                                       : Low32(v.i);
      const uint8_t out = static_cast<uint8_t>(bits);
      std::memcpy(p, &out, 1);
      return;
    }
    case DataType::kInt16: {
      const uint32_t bits = v.is_float ? static_cast<uint32_t>(FloatToInt32(v.f))
                                       : Low32(v.i);
      const uint16_t out = static_cast<uint16_t>(bits);
      std::memcpy(p, &out, 2);
      return;
    }
    case DataType::kInt32: {
      const uint32_t out = v.is_float ? static_cast<uint32_t>(FloatToInt32(v.f))
                                      : Low32(v.i);
      std::memcpy(p, &out, 4);
      return;
    }
    case DataType::kUInt32: {
      const uint32_t out = v.is_float ? Low32(FloatToInt64(v.f)) : Low32(v.i);
      std::memcpy(p, &out, 4);
      return;
    }
    default: {  // kFloat32
      const float out = v.is_float ? v.f : static_cast<float>(v.i);
      std::memcpy(p, &out, 4);
      return;
    }
  }
}

bool IsSource(DataType t) {
  return t == DataType::kInt8 || t == DataType::kInt16 ||
         t == DataType::kInt32 || t == DataType::kUInt32 ||
         t == DataType::kFloat32 || t == DataType::kBool;
}

bool IsTarget(DataType t) { return IsSource(t) && t != DataType::kBool; }

}  // namespace

bool CastSupported(DataType from, DataType to) {
  return IsSource(from) && IsTarget(to);
}

void Cast(DataType from, const void* input, DataType to, void* output,
          int64_t count) {
  const size_t in_size = DataTypeSize(from);
  const size_t out_size = DataTypeSize(to);
  const unsigned char* in = static_cast<const unsigned char*>(input);
  unsigned char* out = static_cast<unsigned char*>(output);
  for (int64_t i = 0; i < count; ++i) {
    Store(to, Load(from, in), out);
    in += in_size;
    out += out_size;
  }
}

}  // namespace ref
}  // namespace mote
