#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>

#include "data/idx.h"
#include "data_test_util.h"

namespace mote::data {
namespace {

using testing::TempDir;
using testing::WriteBytes;

std::vector<uint8_t> Idx(std::vector<uint32_t> dims, const std::vector<uint8_t>& values) {
  std::vector<uint8_t> b = {0, 0, 0x08, static_cast<uint8_t>(dims.size())};
  for (uint32_t d : dims) {
    for (int s = 24; s >= 0; s -= 8) b.push_back(static_cast<uint8_t>(d >> s));
  }
  b.insert(b.end(), values.begin(), values.end());
  return b;
}

void WriteGz(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  gzFile f = gzopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size())),
            static_cast<int>(bytes.size()));
  gzclose(f);
}

std::string ErrorOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const DataError& e) {
    return e.what();
  }
  return "no error";
}

TEST(Idx, ReadsGzippedAndPlainFolders) {
  TempDir dir;
  // 3 images of 2x2, labels 0, 1, 1.
  WriteGz(dir / "fashion/train-images-idx3-ubyte.gz",
          Idx({3, 2, 2}, {0, 255, 51, 102, 1, 2, 3, 4, 5, 6, 7, 8}));
  WriteGz(dir / "fashion/train-labels-idx1-ubyte.gz", Idx({3}, {0, 1, 1}));
  WriteBytes(dir / "digits/t10k-images-idx3-ubyte", Idx({2, 1, 3}, {1, 2, 3, 4, 5, 6}));
  WriteBytes(dir / "digits/t10k-labels-idx1-ubyte", Idx({2}, {2, 0}));

  Dataset d = LoadIdxFolder(dir / "fashion", "train");
  EXPECT_EQ(d.size(), 3u);
  EXPECT_EQ(d.h, 2);
  EXPECT_EQ(d.w, 2);
  EXPECT_EQ(d.c, 1);
  EXPECT_FLOAT_EQ(d.x[1], 1.0f);
  EXPECT_FLOAT_EQ(d.x[2], 0.2f);
  EXPECT_EQ(d.labels, (std::vector<int32_t>{0, 1, 1}));
  EXPECT_EQ(d.classes[0], "T-shirt/top");  // "fashion" in the path
  Dataset e = LoadIdxFolder(dir / "digits", "t10k");
  EXPECT_EQ(e.classes, (std::vector<std::string>{"0", "1", "2"}));
  EXPECT_EQ(e.w, 3);
}

TEST(Idx, BadFilesNameTheFile) {
  TempDir dir;
  const std::string images = dir / "a/train-images-idx3-ubyte";
  const std::string labels = dir / "a/train-labels-idx1-ubyte";
  WriteBytes(labels, Idx({2}, {0, 1}));

  std::vector<uint8_t> full = Idx({2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8});
  std::vector<uint8_t> truncated(full.begin(), full.end() - 3);
  WriteBytes(images, truncated);
  std::string e = ErrorOf([&] { LoadIdxFolder(dir / "a", "train"); });
  EXPECT_NE(e.find(images), std::string::npos) << e;
  EXPECT_NE(e.find("truncated"), std::string::npos) << e;

  std::vector<uint8_t> bad_magic = full;
  bad_magic[0] = 1;
  WriteBytes(images, bad_magic);
  e = ErrorOf([&] { LoadIdxFolder(dir / "a", "train"); });
  EXPECT_NE(e.find("not an IDX file"), std::string::npos) << e;

  std::vector<uint8_t> floats = full;
  floats[2] = 0x0D;
  WriteBytes(images, floats);
  e = ErrorOf([&] { LoadIdxFolder(dir / "a", "train"); });
  EXPECT_NE(e.find("not supported"), std::string::npos) << e;

  std::vector<uint8_t> trailing = full;
  trailing.push_back(9);
  WriteBytes(images, trailing);
  e = ErrorOf([&] { LoadIdxFolder(dir / "a", "train"); });
  EXPECT_NE(e.find("trailing"), std::string::npos) << e;

  WriteBytes(images, Idx({3, 2, 2}, std::vector<uint8_t>(12, 1)));
  e = ErrorOf([&] { LoadIdxFolder(dir / "a", "train"); });
  EXPECT_NE(e.find("2 labels for 3 images"), std::string::npos) << e;

  // A gzip stream cut in the middle.
  WriteGz(dir / "b/train-images-idx3-ubyte.gz", Idx({100, 8, 8}, std::vector<uint8_t>(6400, 7)));
  WriteBytes(dir / "b/train-labels-idx1-ubyte", Idx({100}, std::vector<uint8_t>(100, 1)));
  std::filesystem::resize_file(dir / "b/train-images-idx3-ubyte.gz", 30);
  e = ErrorOf([&] { LoadIdxFolder(dir / "b", "train"); });
  EXPECT_NE(e.find("train-images-idx3-ubyte.gz"), std::string::npos) << e;

  e = ErrorOf([&] { LoadIdxFolder(dir / "missing", "train"); });
  EXPECT_NE(e.find("not a folder"), std::string::npos) << e;
  e = ErrorOf([&] { LoadIdxFolder(dir / "a", "t10k"); });
  EXPECT_NE(e.find("t10k-images-idx3-ubyte"), std::string::npos) << e;
}

TEST(Idx, OneClassOnlyIsAnError) {
  TempDir dir;
  WriteBytes(dir / "c/train-images-idx3-ubyte", Idx({2, 1, 1}, {1, 2}));
  WriteBytes(dir / "c/train-labels-idx1-ubyte", Idx({2}, {0, 0}));
  const std::string e = ErrorOf([&] { LoadIdxFolder(dir / "c", "train"); });
  EXPECT_NE(e.find("all 2 samples are of class '0'"), std::string::npos) << e;
}

}  // namespace
}  // namespace mote::data
