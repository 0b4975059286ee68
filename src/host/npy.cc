#include "host/npy.h"

#include <cstdio>
#include <memory>
#include <optional>
#include <string_view>

namespace mote::host {

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;
// NumPy caps arrays at 32 dimensions (64 since NumPy 2); beyond that a
// header is not something NumPy wrote.
constexpr size_t kMaxRank = 64;
// NumPy aligns the start of the data to 64 bytes.
constexpr size_t kDataAlignment = 64;

struct DTypeInfo {
  NpyDType dtype;
  const char* descr;  // as NumPy writes it
  size_t size;
  DataType data_type;
};

constexpr DTypeInfo kDTypes[] = {
    {NpyDType::kInt8, "|i1", 1, DataType::kInt8},
    {NpyDType::kUInt8, "|u1", 1, DataType::kUInt8},
    {NpyDType::kInt16, "<i2", 2, DataType::kInt16},
    {NpyDType::kInt32, "<i4", 4, DataType::kInt32},
    {NpyDType::kInt64, "<i8", 8, DataType::kInt64},
    {NpyDType::kFloat32, "<f4", 4, DataType::kFloat32},
    {NpyDType::kFloat64, "<f8", 8, DataType::kFloat64},
    {NpyDType::kBool, "|b1", 1, DataType::kBool},
};

const DTypeInfo& Info(NpyDType dtype) {
  for (const DTypeInfo& info : kDTypes) {
    if (info.dtype == dtype) return info;
  }
  return kDTypes[0];  // unreachable for valid enum values
}

// Maps a descr string to a dtype, or explains why it is not supported.
std::optional<NpyDType> DTypeFromDescr(std::string_view descr,
                                       std::string* error) {
  if (descr.size() < 2) {
    *error = "invalid dtype descr '" + std::string(descr) + "'";
    return std::nullopt;
  }
  const char order = descr[0];
  const std::string_view kind = descr.substr(1);
  if (order == '>') {
    *error = "big-endian dtype '" + std::string(descr) + "' is not supported";
    return std::nullopt;
  }
  if (descr.find('O') != std::string_view::npos) {
    *error = "object arrays ('" + std::string(descr) + "') are not supported";
    return std::nullopt;
  }
  for (const DTypeInfo& info : kDTypes) {
    if (kind != std::string_view(info.descr + 1)) continue;
    // One-byte types have no byte order: NumPy writes '|', but '<' and '='
    // mean the same there. Wider types must say little-endian.
    const bool ok = info.size == 1 ? (order == '|' || order == '<' || order == '=')
                                   : order == '<';
    if (ok) return info.dtype;
    break;
  }
  *error = "unsupported dtype '" + std::string(descr) +
           "' (supported: int8, uint8, int16, int32, int64, float32, "
           "float64, bool, little-endian)";
  return std::nullopt;
}

// A strict parser for the header, which is a Python dict literal such as
//   {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }
class HeaderParser {
 public:
  explicit HeaderParser(std::string_view text) : text_(text) {}

  bool Parse(std::string* descr, bool* fortran_order,
             std::vector<int64_t>* shape, std::string* error) {
    bool have_descr = false, have_order = false, have_shape = false;
    SkipSpace();
    if (!Consume('{')) return Fail("header is not a dict: expected '{'", error);
    while (true) {
      SkipSpace();
      if (Consume('}')) break;
      std::string key;
      if (!ParseString(&key)) return Fail("expected a quoted key", error);
      SkipSpace();
      if (!Consume(':')) return Fail("expected ':' after key '" + key + "'", error);
      SkipSpace();
      if (key == "descr") {
        if (have_descr) return Fail("duplicate key 'descr'", error);
        have_descr = true;
        if (!ParseString(descr)) {
          return Fail("'descr' must be a simple dtype string (structured "
                      "dtypes are not supported)",
                      error);
        }
      } else if (key == "fortran_order") {
        if (have_order) return Fail("duplicate key 'fortran_order'", error);
        have_order = true;
        if (ConsumeWord("True")) {
          *fortran_order = true;
        } else if (ConsumeWord("False")) {
          *fortran_order = false;
        } else {
          return Fail("'fortran_order' must be True or False", error);
        }
      } else if (key == "shape") {
        if (have_shape) return Fail("duplicate key 'shape'", error);
        have_shape = true;
        if (!ParseShape(shape, error)) return false;
      } else {
        return Fail("unexpected key '" + key + "'", error);
      }
      SkipSpace();
      if (Consume(',')) continue;
      if (Consume('}')) break;
      return Fail("expected ',' or '}'", error);
    }
    SkipSpace();
    if (pos_ != text_.size()) return Fail("unexpected text after the dict", error);
    if (!have_descr || !have_order || !have_shape) {
      return Fail("header must have the keys 'descr', 'fortran_order' and "
                  "'shape'",
                  error);
    }
    return true;
  }

 private:
  bool Fail(const std::string& what, std::string* error) {
    *error = "bad header at offset " + std::to_string(pos_) + ": " + what;
    return false;
  }
  void SkipSpace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' ||
                                   text_[pos_] == '\t' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }
  bool Consume(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool ConsumeWord(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }
  // A '...' or "..." literal without escapes (NumPy never writes any).
  bool ParseString(std::string* out) {
    if (pos_ >= text_.size()) return false;
    const char quote = text_[pos_];
    if (quote != '\'' && quote != '"') return false;
    const size_t end = text_.find(quote, pos_ + 1);
    if (end == std::string_view::npos) return false;
    const std::string_view body = text_.substr(pos_ + 1, end - pos_ - 1);
    if (body.find('\\') != std::string_view::npos) return false;
    *out = std::string(body);
    pos_ = end + 1;
    return true;
  }
  // A tuple of non-negative integers: (), (3,), (3, 4) or (3, 4,).
  bool ParseShape(std::vector<int64_t>* shape, std::string* error) {
    shape->clear();
    if (!Consume('(')) return Fail("'shape' must be a tuple", error);
    SkipSpace();
    if (Consume(')')) return true;
    while (true) {
      SkipSpace();
      if (pos_ < text_.size() && text_[pos_] == '-') {
        return Fail("negative dimension in 'shape'", error);
      }
      if (pos_ >= text_.size() || text_[pos_] < '0' || text_[pos_] > '9') {
        return Fail("expected a dimension in 'shape'", error);
      }
      int64_t dim = 0;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
        if (__builtin_mul_overflow(dim, int64_t{10}, &dim) ||
            __builtin_add_overflow(dim, int64_t{text_[pos_] - '0'}, &dim)) {
          return Fail("dimension in 'shape' is too large", error);
        }
        ++pos_;
      }
      Consume('L');  // Python 2 era files wrote longs as 3L
      if (shape->size() >= kMaxRank) {
        return Fail("'shape' has more than " + std::to_string(kMaxRank) +
                        " dimensions",
                    error);
      }
      shape->push_back(dim);
      SkipSpace();
      if (Consume(')')) return true;
      if (!Consume(',')) return Fail("expected ',' or ')' in 'shape'", error);
      SkipSpace();
      if (Consume(')')) return true;
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
};

std::string ShapeString(const std::vector<int64_t>& shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) s += ", ";
    s += std::to_string(shape[i]);
  }
  if (shape.size() == 1) s += ",";
  return s + ")";
}

// Bytes of data for `shape`, or nullopt when that does not fit in 64 bits.
// Zero-sized dimensions do not excuse absurd other ones: the product of the
// non-zero dimensions must fit too, whatever their order.
std::optional<uint64_t> DataBytes(const std::vector<int64_t>& shape,
                                  size_t element_size) {
  uint64_t product = element_size;
  bool empty = false;
  for (int64_t d : shape) {
    if (d < 0) return std::nullopt;
    if (d == 0) {
      empty = true;
      continue;
    }
    if (__builtin_mul_overflow(product, static_cast<uint64_t>(d), &product)) {
      return std::nullopt;
    }
  }
  return empty ? 0 : product;
}

uint64_t ReadLittleEndian(const uint8_t* p, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) v |= static_cast<uint64_t>(p[i]) << (8 * i);
  return v;
}

NpyReadResult Error(std::string message) {
  NpyReadResult r;
  r.error = std::move(message);
  return r;
}

}  // namespace

size_t NpyDTypeSize(NpyDType dtype) { return Info(dtype).size; }
const char* NpyDTypeDescr(NpyDType dtype) { return Info(dtype).descr; }
DataType NpyDTypeToDataType(NpyDType dtype) { return Info(dtype).data_type; }

bool DataTypeToNpyDType(DataType type, NpyDType* out) {
  for (const DTypeInfo& info : kDTypes) {
    if (info.data_type == type) {
      *out = info.dtype;
      return true;
    }
  }
  return false;
}

int64_t NpyArray::element_count() const {
  const std::optional<uint64_t> n = DataBytes(shape, 1);
  if (!n || *n > static_cast<uint64_t>(INT64_MAX)) return -1;
  return static_cast<int64_t>(*n);
}

NpyReadResult ParseNpy(std::span<const uint8_t> bytes) {
  const size_t size = bytes.size();
  if (size < kMagicSize + 2) {
    return Error("truncated .npy: " + std::to_string(size) +
                 " bytes, the magic string and version need 8");
  }
  if (std::memcmp(bytes.data(), kMagic, kMagicSize) != 0) {
    return Error("not a .npy file: bad magic string");
  }
  const int major = bytes[6];
  const int minor = bytes[7];
  if (!((major == 1 || major == 2 || major == 3) && minor == 0)) {
    return Error("unsupported .npy format version " + std::to_string(major) +
                 "." + std::to_string(minor));
  }
  const size_t len_size = major == 1 ? 2 : 4;
  const size_t prefix = kMagicSize + 2 + len_size;
  if (size < prefix) {
    return Error("truncated .npy: no room for the header length");
  }
  const uint64_t header_len = ReadLittleEndian(bytes.data() + 8, len_size);
  if (header_len > size - prefix) {
    return Error("truncated .npy: the header says " +
                 std::to_string(header_len) + " bytes but only " +
                 std::to_string(size - prefix) + " follow");
  }
  const std::string_view header(reinterpret_cast<const char*>(bytes.data()) +
                                    prefix,
                                header_len);
  for (size_t i = 0; i < header.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(header[i]);
    if ((c < 0x20 || c > 0x7e) && c != '\n' && c != '\t' && c != '\r') {
      return Error("bad header: byte " + std::to_string(c) + " at offset " +
                   std::to_string(i) + " is not printable ASCII");
    }
  }

  std::string descr;
  bool fortran_order = false;
  std::vector<int64_t> shape;
  std::string error;
  if (!HeaderParser(header).Parse(&descr, &fortran_order, &shape, &error)) {
    return Error(error);
  }
  const std::optional<NpyDType> dtype = DTypeFromDescr(descr, &error);
  if (!dtype) return Error(error);
  if (fortran_order) {
    return Error("Fortran-order arrays are not supported (save with C order)");
  }
  const std::optional<uint64_t> data_bytes =
      DataBytes(shape, NpyDTypeSize(*dtype));
  if (!data_bytes) {
    return Error("shape " + ShapeString(shape) + " is too large");
  }
  const uint64_t available = size - prefix - header_len;
  if (*data_bytes > available) {
    return Error("truncated .npy data: shape " + ShapeString(shape) + " of '" +
                 descr + "' needs " + std::to_string(*data_bytes) +
                 " bytes, the file has " + std::to_string(available));
  }
  if (*data_bytes < available) {
    return Error("the file has " + std::to_string(available - *data_bytes) +
                 " bytes after the data of shape " + ShapeString(shape));
  }

  NpyReadResult result;
  result.array.dtype = *dtype;
  result.array.shape = std::move(shape);
  const uint8_t* data = bytes.data() + prefix + header_len;
  result.array.data.assign(data, data + *data_bytes);
  return result;
}

NpyReadResult ReadNpyFile(const std::string& path) {
  struct Closer {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  std::unique_ptr<std::FILE, Closer> file(std::fopen(path.c_str(), "rb"));
  if (!file) return Error("cannot open '" + path + "'");
  std::vector<uint8_t> bytes;
  uint8_t chunk[65536];
  size_t n;
  while ((n = std::fread(chunk, 1, sizeof(chunk), file.get())) > 0) {
    bytes.insert(bytes.end(), chunk, chunk + n);
  }
  if (std::ferror(file.get())) return Error("error reading '" + path + "'");
  NpyReadResult result = ParseNpy(bytes);
  if (!result.ok()) result.error = path + ": " + result.error;
  return result;
}

bool SerializeNpy(const NpyArray& array, std::vector<uint8_t>* out,
                  std::string* error) {
  if (array.shape.size() > kMaxRank) {
    *error = "rank " + std::to_string(array.shape.size()) + " exceeds " +
             std::to_string(kMaxRank);
    return false;
  }
  const std::optional<uint64_t> data_bytes =
      DataBytes(array.shape, NpyDTypeSize(array.dtype));
  if (!data_bytes) {
    *error = "invalid shape " + ShapeString(array.shape);
    return false;
  }
  if (*data_bytes != array.data.size()) {
    *error = "shape " + ShapeString(array.shape) + " of '" +
             NpyDTypeDescr(array.dtype) + "' needs " +
             std::to_string(*data_bytes) + " bytes, the array has " +
             std::to_string(array.data.size());
    return false;
  }

  std::string header = std::string("{'descr': '") + NpyDTypeDescr(array.dtype) +
                       "', 'fortran_order': False, 'shape': " +
                       ShapeString(array.shape) + ", }";
  // Pad with spaces and end with '\n' so the data starts 64-byte aligned,
  // as NumPy does. With the rank capped, the header always fits version 1.0.
  constexpr size_t kPrefix = kMagicSize + 2 + 2;
  size_t padded = header.size() + 1;
  padded += (kDataAlignment - (kPrefix + padded) % kDataAlignment) % kDataAlignment;
  header.resize(padded - 1, ' ');
  header += '\n';

  out->clear();
  out->reserve(kPrefix + header.size() + array.data.size());
  out->insert(out->end(), kMagic, kMagic + kMagicSize);
  out->push_back(1);  // version 1.0
  out->push_back(0);
  out->push_back(static_cast<uint8_t>(header.size() & 0xff));
  out->push_back(static_cast<uint8_t>(header.size() >> 8));
  out->insert(out->end(), header.begin(), header.end());
  out->insert(out->end(), array.data.begin(), array.data.end());
  return true;
}

bool WriteNpyFile(const std::string& path, const NpyArray& array,
                  std::string* error) {
  std::vector<uint8_t> bytes;
  if (!SerializeNpy(array, &bytes, error)) return false;
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    *error = "cannot create '" + path + "'";
    return false;
  }
  const bool wrote = std::fwrite(bytes.data(), 1, bytes.size(), file) ==
                     bytes.size();
  const bool closed = std::fclose(file) == 0;
  if (!wrote || !closed) {
    *error = "error writing '" + path + "'";
    return false;
  }
  return true;
}

}  // namespace mote::host
