// .npy reading and writing: NumPy's exact bytes, round trips for every dtype,
// and hostile files rejected with a message and without crashing.
#include "host/npy.h"

#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <unistd.h>

namespace mote::host {
namespace {

std::vector<uint8_t> Bytes(const std::string& s) {
  return std::vector<uint8_t>(s.begin(), s.end());
}

// A version 1.0 file as NumPy 1.24's np.save writes small arrays: the dict,
// spaces, '\n', 118 header bytes in all (so the data starts at offset 128).
std::vector<uint8_t> NumpyFile(const std::string& dict,
                               const std::vector<uint8_t>& data,
                               size_t header_len = 118) {
  std::string header = dict;
  header.resize(header_len - 1, ' ');
  header += '\n';
  std::string prefix("\x93NUMPY\x01\x00", 8);
  prefix += static_cast<char>(header_len & 0xff);
  prefix += static_cast<char>(header_len >> 8);
  std::vector<uint8_t> out = Bytes(prefix + header);
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

// A file with an arbitrary header text (not padded), version 1.0.
std::vector<uint8_t> RawFile(const std::string& header,
                             const std::vector<uint8_t>& data) {
  std::string prefix("\x93NUMPY\x01\x00", 8);
  prefix += static_cast<char>(header.size() & 0xff);
  prefix += static_cast<char>(header.size() >> 8);
  std::vector<uint8_t> out = Bytes(prefix + header);
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

std::string ParseError(const std::vector<uint8_t>& bytes) {
  const NpyReadResult r = ParseNpy(bytes);
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(r.array.data.empty());
  return r.error;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// --- NumPy's own files ------------------------------------------------------

TEST(Npy, ReadsNumpyInt32Matrix) {
  // np.save(f, np.arange(6, dtype='<i4').reshape(2, 3))
  const std::vector<uint8_t> file = NumpyFile(
      "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }",
      {0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 5, 0, 0, 0});
  ASSERT_EQ(file.size(), 152u);
  const NpyReadResult r = ParseNpy(file);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.array.dtype, NpyDType::kInt32);
  EXPECT_EQ(r.array.shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(r.array.element_count(), 6);
  EXPECT_EQ(r.array.ToVector<int32_t>(), (std::vector<int32_t>{0, 1, 2, 3, 4, 5}));
  // The wrong element type gives nothing rather than reinterpreted bytes.
  EXPECT_TRUE(r.array.ToVector<float>().empty());
}

TEST(Npy, WritesExactlyWhatNumpyWrites) {
  struct Case {
    NpyArray array;
    std::string dict;
  };
  const std::vector<Case> cases = {
      {NpyArray::From<int32_t>({2, 3}, {0, 1, 2, 3, 4, 5}),
       "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }"},
      {NpyArray::From<float>({}, {1.5f}),
       "{'descr': '<f4', 'fortran_order': False, 'shape': (), }"},
      {NpyArray::From<bool>({3}, {true, false, true}),
       "{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }"},
      {NpyArray::From<int8_t>({0}, {}),
       "{'descr': '|i1', 'fortran_order': False, 'shape': (0,), }"},
      {NpyArray::From<double>({2}, {1.0, -2.5}),
       "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }"},
      {NpyArray::From<uint8_t>({2, 1}, {200, 7}),
       "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 1), }"},
  };
  for (const Case& c : cases) {
    std::vector<uint8_t> written;
    std::string error;
    ASSERT_TRUE(SerializeNpy(c.array, &written, &error)) << error;
    EXPECT_EQ(written, NumpyFile(c.dict, c.array.data)) << c.dict;
  }
  // Spot-check data bytes against NumPy's: 1.5f and -2.5 little-endian.
  EXPECT_EQ(cases[1].array.data, (std::vector<uint8_t>{0x00, 0x00, 0xc0, 0x3f}));
  EXPECT_EQ(cases[4].array.data[15], 0xc0);
}

TEST(Npy, ReadsVersion2And3Headers) {
  // numpy.lib.format.write_array(f, np.array([1, 2], '<i2'), version=(2, 0))
  std::string header = "{'descr': '<i2', 'fortran_order': False, 'shape': (2,), }";
  header.resize(115, ' ');
  header += '\n';
  for (char major : {'\x02', '\x03'}) {
    std::string file("\x93NUMPY", 6);
    file += major;
    file += '\0';
    file += std::string("\x74\x00\x00\x00", 4);
    file += header;
    file += std::string("\x01\x00\x02\x00", 4);
    ASSERT_EQ(file.size(), 132u);
    const NpyReadResult r = ParseNpy(Bytes(file));
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.array.ToVector<int16_t>(), (std::vector<int16_t>{1, 2}));
  }
}

TEST(Npy, AcceptsOlderHeaderSpellings) {
  // Python 2 era NumPy: longs with an L suffix, no trailing comma, 16-byte
  // padding; double quotes and reordered keys are valid Python too.
  const std::vector<uint8_t> data(6, 7);
  for (const std::string& header : {
           std::string("{'descr': '|u1', 'fortran_order': False, 'shape': (2L, 3L)}      \n"),
           std::string("{\"shape\": (2, 3,), \"fortran_order\": False, \"descr\": \"|u1\"}\n"),
           std::string("{'descr':'<u1','fortran_order':False,'shape':(2,3)}"),
       }) {
    const NpyReadResult r = ParseNpy(RawFile(header, data));
    ASSERT_TRUE(r.ok()) << header << ": " << r.error;
    EXPECT_EQ(r.array.dtype, NpyDType::kUInt8);
    EXPECT_EQ(r.array.shape, (std::vector<int64_t>{2, 3}));
  }
}

// --- round trips -----------------------------------------------------------

template <typename T>
void ExpectRoundTrip(const std::vector<int64_t>& shape, const std::vector<T>& values) {
  const NpyArray array = NpyArray::From<T>(shape, values);
  std::vector<uint8_t> bytes;
  std::string error;
  ASSERT_TRUE(SerializeNpy(array, &bytes, &error)) << error;
  // The data starts 64-byte aligned, after a header ending in '\n'.
  const size_t data_offset = bytes.size() - array.data.size();
  EXPECT_EQ(data_offset % 64, 0u);
  EXPECT_EQ(bytes[data_offset - 1], '\n');
  const NpyReadResult r = ParseNpy(bytes);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.array.dtype, NpyDTypeOf<T>());
  EXPECT_EQ(r.array.shape, shape);
  EXPECT_EQ(r.array.ToVector<T>(), values);
}

TEST(Npy, RoundTripsEveryDtype) {
  ExpectRoundTrip<int8_t>({2, 2}, {-128, -1, 0, 127});
  ExpectRoundTrip<uint8_t>({3}, {0, 128, 255});
  ExpectRoundTrip<int16_t>({1, 3}, {-32768, 5, 32767});
  ExpectRoundTrip<int32_t>({2, 1, 2}, {INT32_MIN, -7, 9, INT32_MAX});
  ExpectRoundTrip<int64_t>({2}, {INT64_MIN, INT64_MAX});
  ExpectRoundTrip<float>({1, 2, 2, 1}, {-1.5f, 0.0f, 3.25e-20f, 1e30f});
  ExpectRoundTrip<double>({}, {3.141592653589793});
  ExpectRoundTrip<bool>({2, 2}, {true, false, false, true});
  ExpectRoundTrip<float>({0, 5}, {});
  ExpectRoundTrip<int8_t>({1, 1, 1, 1, 1, 1, 1, 1}, {42});
}

TEST(Npy, DtypeTablesAgree) {
  for (NpyDType d : {NpyDType::kInt8, NpyDType::kUInt8, NpyDType::kInt16, NpyDType::kInt32,
                     NpyDType::kInt64, NpyDType::kFloat32, NpyDType::kFloat64, NpyDType::kBool}) {
    NpyDType back;
    ASSERT_TRUE(DataTypeToNpyDType(NpyDTypeToDataType(d), &back));
    EXPECT_EQ(back, d);
    EXPECT_EQ(NpyDTypeSize(d), DataTypeSize(NpyDTypeToDataType(d)));
  }
  EXPECT_EQ(NpyDTypeToDataType(NpyDType::kBool), DataType::kBool);
  EXPECT_STREQ(NpyDTypeDescr(NpyDType::kInt16), "<i2");
  NpyDType unused;
  EXPECT_FALSE(DataTypeToNpyDType(DataType::kString, &unused));
  EXPECT_FALSE(DataTypeToNpyDType(DataType::kFloat16, &unused));
}

TEST(Npy, WriterRejectsInconsistentArrays) {
  std::vector<uint8_t> out;
  std::string error;
  NpyArray short_data = NpyArray::From<int32_t>({2, 2}, {1, 2, 3});
  EXPECT_FALSE(SerializeNpy(short_data, &out, &error));
  EXPECT_TRUE(Contains(error, "needs 16 bytes, the array has 12")) << error;
  NpyArray negative = NpyArray::From<int8_t>({-1}, {});
  EXPECT_FALSE(SerializeNpy(negative, &out, &error));
  EXPECT_TRUE(Contains(error, "invalid shape")) << error;
  EXPECT_EQ(negative.element_count(), -1);
  NpyArray deep;
  deep.shape.assign(65, 1);
  deep.data.resize(4);
  EXPECT_FALSE(SerializeNpy(deep, &out, &error));
  EXPECT_TRUE(Contains(error, "rank 65")) << error;
}

TEST(Npy, FilesRoundTrip) {
  const std::string path =
      (std::filesystem::temp_directory_path() /
       ("mote_npy_test_" + std::to_string(::getpid()) + ".npy")).string();
  const NpyArray array = NpyArray::From<float>({2, 3}, {1, 2, 3, 4, 5, 6});
  std::string error;
  ASSERT_TRUE(WriteNpyFile(path, array, &error)) << error;
  const NpyReadResult r = ReadNpyFile(path);
  std::remove(path.c_str());
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.array.ToVector<float>(), (std::vector<float>{1, 2, 3, 4, 5, 6}));

  const NpyReadResult missing = ReadNpyFile(path);
  EXPECT_FALSE(missing.ok());
  EXPECT_TRUE(Contains(missing.error, "cannot open")) << missing.error;
  EXPECT_FALSE(WriteNpyFile("/nonexistent-dir/x.npy", array, &error));
  EXPECT_TRUE(Contains(error, "cannot create")) << error;
}

// --- hostile input ---------------------------------------------------------

TEST(Npy, EveryTruncationIsRejected) {
  std::vector<uint8_t> valid;
  std::string error;
  ASSERT_TRUE(SerializeNpy(NpyArray::From<int16_t>({3}, {1, -2, 3}), &valid, &error));
  for (size_t n = 0; n < valid.size(); ++n) {
    // A copy of exactly n bytes, so ASan sees any read past the end.
    const std::vector<uint8_t> prefix(valid.begin(), valid.begin() + n);
    const NpyReadResult r = ParseNpy(prefix);
    EXPECT_FALSE(r.ok()) << "length " << n;
    EXPECT_FALSE(r.error.empty());
  }
  EXPECT_TRUE(ParseNpy(valid).ok());
  EXPECT_TRUE(Contains(ParseError({}), "truncated"));
  const std::vector<uint8_t> no_data(valid.begin(), valid.end() - 1);
  EXPECT_TRUE(Contains(ParseError(no_data), "needs 6 bytes, the file has 5"));
}

TEST(Npy, RejectsBadMagicAndVersions) {
  std::vector<uint8_t> valid;
  std::string error;
  ASSERT_TRUE(SerializeNpy(NpyArray::From<int8_t>({1}, {1}), &valid, &error));
  std::vector<uint8_t> bad = valid;
  bad[0] = 0x92;
  EXPECT_TRUE(Contains(ParseError(bad), "bad magic"));
  bad = valid;
  bad[3] = 'n';
  EXPECT_TRUE(Contains(ParseError(bad), "bad magic"));
  bad = valid;
  bad[6] = 4;
  EXPECT_TRUE(Contains(ParseError(bad), "unsupported .npy format version 4.0"));
  bad = valid;
  bad[7] = 1;
  EXPECT_TRUE(Contains(ParseError(bad), "version 1.1"));
  bad = valid;
  bad[6] = 0;
  EXPECT_TRUE(Contains(ParseError(bad), "version 0.0"));
}

TEST(Npy, RejectsHeaderLengthBeyondTheFile) {
  std::vector<uint8_t> valid;
  std::string error;
  ASSERT_TRUE(SerializeNpy(NpyArray::From<int8_t>({1}, {1}), &valid, &error));
  std::vector<uint8_t> bad = valid;
  bad[8] = 0xff;
  bad[9] = 0xff;
  EXPECT_TRUE(Contains(ParseError(bad), "header says 65535 bytes"));
  // Version 2.0 with a 4 GB header length.
  std::string v2("\x93NUMPY\x02\x00\xff\xff\xff\xff{}", 14);
  EXPECT_TRUE(Contains(ParseError(Bytes(v2)), "header says 4294967295 bytes"));
}

TEST(Npy, RejectsUnsupportedLayoutsAndDtypes) {
  const std::vector<uint8_t> four(4, 0);
  struct Case {
    std::string dict;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"{'descr': '<i4', 'fortran_order': True, 'shape': (1,), }", "Fortran-order"},
      {"{'descr': '>i4', 'fortran_order': False, 'shape': (1,), }", "big-endian dtype '>i4'"},
      {"{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", "object arrays"},
      {"{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }", "unsupported dtype '<f2'"},
      {"{'descr': '<u4', 'fortran_order': False, 'shape': (1,), }", "unsupported dtype '<u4'"},
      {"{'descr': '<U1', 'fortran_order': False, 'shape': (1,), }", "unsupported dtype '<U1'"},
      {"{'descr': '|i4', 'fortran_order': False, 'shape': (1,), }", "unsupported dtype '|i4'"},
      {"{'descr': 'f', 'fortran_order': False, 'shape': (1,), }", "invalid dtype descr 'f'"},
      {"{'descr': [('a', '<i4')], 'fortran_order': False, 'shape': (1,), }",
       "structured dtypes are not supported"},
  };
  for (const Case& c : cases) {
    const std::string error = ParseError(NumpyFile(c.dict, four));
    EXPECT_TRUE(Contains(error, c.message)) << c.dict << " -> " << error;
  }
}

TEST(Npy, RejectsMalformedHeaders) {
  const std::vector<uint8_t> four(4, 0);
  struct Case {
    std::string header;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"", "expected '{'"},
      {"[]", "expected '{'"},
      {"{'descr': '<i4', 'fortran_order': False}", "must have the keys"},
      {"{'descr': '<i4', 'fortran_order': False, 'shape': (1,), 'extra': 1}",
       "unexpected key 'extra'"},
      {"{'descr': '<i4', 'descr': '<i4', 'fortran_order': False, 'shape': (1,)}",
       "duplicate key 'descr'"},
      {"{'descr': '<i4', 'fortran_order': Maybe, 'shape': (1,)}", "True or False"},
      {"{'descr': '<i4', 'fortran_order': False, 'shape': [1]}", "must be a tuple"},
      {"{'descr': '<i4', 'fortran_order': False, 'shape': (-1,)}", "negative dimension"},
      {"{'descr': '<i4', 'fortran_order': False, 'shape': (1 2)}", "expected ',' or ')'"},
      {"{'descr': '<i4', 'fortran_order': False, 'shape': (,)}", "expected a dimension"},
      {"{'descr': '<i4', 'fortran_order': False, 'shape': (1,", "expected a dimension"},
      {"{'descr': '<i4', 'fortran_order': False, 'shape': (1,)} x", "unexpected text"},
      {"{'descr': '<i4', 'fortran_order': False, 'shape': (1,)", "expected ',' or '}'"},
      {"{'descr: '<i4', 'fortran_order': False, 'shape': (1,)}", "expected ':'"},
      {"{descr: '<i4', 'fortran_order': False, 'shape': (1,)}", "expected a quoted key"},
      {"{'descr': '<i4, 'fortran_order': False, 'shape': (1,)}", "expected ',' or '}'"},
      {"{'descr': '<i\\4', 'fortran_order': False, 'shape': (1,)}", "simple dtype string"},
      {"{'descr': '<i4', 'fortran_order': False, 'shape': (1,)}\x01", "not printable ASCII"},
      {"{'descr': '<i4', 'fortran_order': False, 'shape': (1,)}\xc3\xa9", "not printable ASCII"},
      {"{'descr': '<i4', 'fortran_order': False, 'shape': (99999999999999999999,)}",
       "too large"},
  };
  for (const Case& c : cases) {
    const std::string error = ParseError(RawFile(c.header, four));
    EXPECT_TRUE(Contains(error, c.message)) << c.header << " -> " << error;
  }
}

TEST(Npy, RejectsShapesThatLieAboutTheData) {
  const std::vector<uint8_t> four(4, 0);
  auto header = [](const std::string& shape) {
    return "{'descr': '<i4', 'fortran_order': False, 'shape': " + shape + ", }";
  };
  EXPECT_TRUE(Contains(ParseError(NumpyFile(header("(2,)"), four)),
                       "needs 8 bytes, the file has 4"));
  EXPECT_TRUE(Contains(ParseError(NumpyFile(header("(0,)"), four)),
                       "4 bytes after the data"));
  EXPECT_TRUE(Contains(ParseError(NumpyFile(header("()"), std::vector<uint8_t>(8))),
                       "4 bytes after the data"));
  // Products that overflow 64 bits, even with a zero dimension among them.
  for (const char* shape :
       {"(4294967296, 4294967296)", "(9223372036854775807,)", "(4294967296, 0, 4294967296)",
        "(0, 3037000500, 3037000500)"}) {
    EXPECT_TRUE(Contains(ParseError(NumpyFile(header(shape), four)), "too large")) << shape;
  }
  // Large but representable: rejected by the size check, nothing allocated.
  EXPECT_TRUE(Contains(ParseError(NumpyFile(header("(1000000000, 1000)"), four)),
                       "needs 4000000000000 bytes"));
  std::string deep = "(";
  for (int i = 0; i < 65; ++i) deep += "1, ";
  deep += ")";
  EXPECT_TRUE(Contains(ParseError(RawFile(header(deep), four)), "more than 64 dimensions"));
}

TEST(Npy, RandomCorruptionNeverCrashes) {
  std::vector<uint8_t> valid;
  std::string error;
  ASSERT_TRUE(SerializeNpy(NpyArray::From<float>({2, 3}, {1, 2, 3, 4, 5, 6}), &valid, &error));
  std::mt19937 gen(1234);
  int accepted = 0;
  for (int iter = 0; iter < 5000; ++iter) {
    std::vector<uint8_t> bytes = valid;
    const int flips = 1 + static_cast<int>(gen() % 4);
    for (int f = 0; f < flips; ++f) {
      // Mostly the header, where the parser lives.
      const size_t pos = gen() % 128;
      const uint8_t choices[] = {'(', ')', ',', '\'', '"', '{', '}', ':', ' ', '0', '9', 0, 0xff};
      bytes[pos] = (gen() % 2) ? static_cast<uint8_t>(gen())
                               : choices[gen() % sizeof(choices)];
    }
    if (gen() % 4 == 0) bytes.resize(gen() % (bytes.size() + 1));
    const NpyReadResult r = ParseNpy(bytes);
    if (r.ok()) {
      ++accepted;
      // Whatever was accepted is self-consistent.
      EXPECT_EQ(static_cast<int64_t>(r.array.data.size()),
                r.array.element_count() * static_cast<int64_t>(NpyDTypeSize(r.array.dtype)));
    } else {
      EXPECT_FALSE(r.error.empty());
    }
  }
  // Flipping a padding space to another space or a digit inside the padding
  // keeps some files valid; most corruptions must be caught.
  EXPECT_LT(accepted, 5000);
}

}  // namespace
}  // namespace mote::host
