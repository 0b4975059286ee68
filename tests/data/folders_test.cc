// WAV folders, image folders and CSV files: good data loads, bad data fails
// with the file named.
#include <gtest/gtest.h>
#include <stb_image_write.h>

#include <filesystem>
#include <functional>

#include "data/csv_series.h"
#include "data/dataset.h"
#include "data/image_folder.h"
#include "data/wav_folder.h"
#include "data_test_util.h"

namespace mote::data {
namespace {

using testing::TempDir;
using testing::WriteBytes;
using testing::WriteText;
using testing::WriteWav;

std::string ErrorOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const DataError& e) {
    return e.what();
  }
  return "no error";
}

#define EXPECT_ERROR(expr, ...)                                          \
  do {                                                                   \
    const std::string error_ = ErrorOf([&] { expr; });                   \
    for (const std::string& part_ : {__VA_ARGS__}) {                     \
      EXPECT_NE(error_.find(part_), std::string::npos) << error_;        \
    }                                                                    \
  } while (0)

void WritePng(const std::string& path, int w, int h, int c, uint8_t value) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::vector<uint8_t> px(static_cast<size_t>(w) * h * c, value);
  ASSERT_NE(stbi_write_png(path.c_str(), w, h, c, px.data(), w * c), 0);
}

TEST(WavFolder, LoadsClassesInOrderAndPadsToLength) {
  TempDir dir;
  WriteWav(dir / "yes/a.wav", {16384, -16384, 0, 1}, 16000);
  WriteWav(dir / "yes/b.wav", {1, 2, 3, 4}, 16000);
  WriteWav(dir / "no/c.wav", {-32768, 0, 0, 5}, 16000);
  WriteText(dir / "no/readme.txt", "not audio");  // ignored
  int rate = 0;
  Dataset d = LoadWavFolder(dir.str(), {}, &rate);
  EXPECT_EQ(rate, 16000);
  EXPECT_EQ(d.classes, (std::vector<std::string>{"no", "yes"}));
  EXPECT_EQ(d.labels, (std::vector<int32_t>{0, 1, 1}));
  EXPECT_EQ(d.w, 4);
  EXPECT_FLOAT_EQ(d.x[0], -1.0f);
  EXPECT_FLOAT_EQ(d.x[4], 0.5f);
  Dataset padded = LoadWavFolder(dir.str(), {0, 6});
  EXPECT_EQ(padded.w, 6);
  EXPECT_FLOAT_EQ(padded.x[5], 0.0f);
  Dataset cut = LoadWavFolder(dir.str(), {0, 2});
  EXPECT_EQ(cut.x.size(), 6u);
}

TEST(WavFolder, BadInputNamesTheFile) {
  TempDir dir;
  WriteWav(dir / "yes/a.wav", {1, 2, 3, 4}, 16000);
  WriteWav(dir / "no/b.wav", {1, 2, 3, 4}, 8000);
  EXPECT_ERROR(LoadWavFolder(dir.str(), {}), "no/b.wav", "8000 Hz", "16000 Hz");

  WriteWav(dir / "no/b.wav", {1, 2, 3, 4, 5}, 16000);
  EXPECT_ERROR(LoadWavFolder(dir.str(), {}), "yes/a.wav: 4 samples", "no/b.wav has 5", "length");

  WriteWav(dir / "no/b.wav", {1, 2, 3, 4}, 16000, 2);
  EXPECT_ERROR(LoadWavFolder(dir.str(), {}), "no/b.wav", "mono");

  WriteWav(dir / "no/b.wav", std::vector<int16_t>(100, 3), 16000);
  std::filesystem::resize_file(dir / "no/b.wav", 44 + 50);
  EXPECT_ERROR(LoadWavFolder(dir.str(), {0, 4}), "no/b.wav", "truncated");

  WriteBytes(dir / "no/b.wav", {});
  EXPECT_ERROR(LoadWavFolder(dir.str(), {}), "no/b.wav", "empty");

  WriteText(dir / "no/b.wav", "RIFF this is not a wave file at all, just text");
  EXPECT_ERROR(LoadWavFolder(dir.str(), {}), "no/b.wav");

  std::filesystem::remove(dir / "no/b.wav");
  EXPECT_ERROR(LoadWavFolder(dir.str(), {}), "/no", "no WAV files");

  std::filesystem::remove_all(dir / "no");
  EXPECT_ERROR(LoadWavFolder(dir.str(), {}), "only one class folder ('yes')");

  TempDir empty;
  EXPECT_ERROR(LoadWavFolder(empty.str(), {}), "no class folders");
  EXPECT_ERROR(LoadWavFolder(empty / "nowhere", {}), "not a folder");
}

TEST(ImageFolder, LoadsGreyAndRgb) {
  TempDir dir;
  WritePng(dir / "cat/1.png", 4, 3, 3, 255);
  WritePng(dir / "dog/2.png", 4, 3, 1, 51);
  Dataset rgb = LoadImageFolder(dir.str(), {});
  EXPECT_EQ(rgb.shape_string(), "3x4x3");
  EXPECT_FLOAT_EQ(rgb.x[0], 1.0f);
  EXPECT_FLOAT_EQ(rgb.x[rgb.sample_size()], 0.2f);  // grey expanded to RGB
  Dataset grey = LoadImageFolder(dir.str(), {true});
  EXPECT_EQ(grey.shape_string(), "3x4x1");
  EXPECT_EQ(grey.labels, (std::vector<int32_t>{0, 1}));
}

TEST(ImageFolder, BadInputNamesTheFile) {
  TempDir dir;
  WritePng(dir / "cat/1.png", 4, 3, 1, 0);
  WritePng(dir / "dog/2.png", 5, 3, 1, 0);
  EXPECT_ERROR(LoadImageFolder(dir.str(), {}), "dog/2.png", "5x3", "4x3");
  EXPECT_ERROR(LoadImageFolder(dir.str(), {false, 3, 5}), "cat/1.png", "configured size");

  WritePng(dir / "dog/2.png", 4, 3, 1, 0);
  const auto size = std::filesystem::file_size(dir / "dog/2.png");
  std::filesystem::resize_file(dir / "dog/2.png", size / 2);
  EXPECT_ERROR(LoadImageFolder(dir.str(), {}), "dog/2.png", "cannot decode");

  WriteText(dir / "dog/2.png", "");
  EXPECT_ERROR(LoadImageFolder(dir.str(), {}), "dog/2.png", "empty");
}

TEST(Csv, RowsAsSamples) {
  TempDir dir;
  WriteText(dir / "iris.csv", "a,b,species\n1,2,setosa\n3.5,-4,virginica\n\n5,6,setosa\n");
  CsvOptions species;
  species.label_column = "species";
  Dataset d = LoadCsv(dir / "iris.csv", species);
  EXPECT_EQ(d.shape_string(), "1x1x2");
  EXPECT_EQ(d.classes, (std::vector<std::string>{"setosa", "virginica"}));
  EXPECT_EQ(d.labels, (std::vector<int32_t>{0, 1, 0}));
  EXPECT_EQ(d.x, (std::vector<float>{1, 2, 3.5f, -4, 5, 6}));
  // Integer labels sort numerically; columns can be chosen.
  WriteText(dir / "n.csv", "label;x;y\n10;1;2\n9;3;4\n");
  CsvOptions y_only;
  y_only.columns = {"y"};
  Dataset n = LoadCsv(dir / "n.csv", y_only);
  EXPECT_EQ(n.classes, (std::vector<std::string>{"9", "10"}));
  EXPECT_EQ(n.labels, (std::vector<int32_t>{1, 0}));
  EXPECT_EQ(n.x, (std::vector<float>{2, 4}));
}

TEST(Csv, WindowsOverTimeSkipLabelChanges) {
  TempDir dir;
  std::string text = "t,ax,label\n";
  for (int i = 0; i < 10; ++i) {
    text += std::to_string(i) + "," + std::to_string(i * 10) + "," + (i < 6 ? "walk" : "idle") +
            "\n";
  }
  WriteText(dir / "imu.csv", text);
  CsvOptions o;
  o.columns = {"ax"};
  o.window = 3;
  o.hop = 2;
  Dataset d = LoadCsv(dir / "imu.csv", o);
  // windows at rows 0, 2, 4(mixed: 4,5 walk, 6 idle -> skipped), 6
  EXPECT_EQ(d.shape_string(), "1x3x1");
  EXPECT_EQ(d.size(), 3u);
  EXPECT_EQ(d.labels, (std::vector<int32_t>{1, 1, 0}));
  EXPECT_FLOAT_EQ(d.sample(2)[0], 60.0f);
}

TEST(Csv, BadInputNamesFileLineAndColumn) {
  TempDir dir;
  const std::string p = dir / "bad.csv";
  WriteText(p, "a,b,label\n1,2,x\n3,nan,y\n");
  EXPECT_ERROR(LoadCsv(p, {}), "bad.csv: line 3, column 'b'", "NaN");
  WriteText(p, "a,b,label\n1,2,x\n3,4,\n");
  EXPECT_ERROR(LoadCsv(p, {}), "bad.csv: line 3", "missing label");
  WriteText(p, "a,b,label\n1,2,x\n3,4\n");
  EXPECT_ERROR(LoadCsv(p, {}), "line 3", "2 fields");
  WriteText(p, "a,b,label\n1,2,x\n3,four,y\n");
  EXPECT_ERROR(LoadCsv(p, {}), "'four' is not a number");
  WriteText(p, "a,b,class\n1,2,x\n");
  EXPECT_ERROR(LoadCsv(p, {}), "no label column 'label'");
  WriteText(p, "a,b,label\n1,2,x\n3,4,x\n");
  EXPECT_ERROR(LoadCsv(p, {}), "bad.csv", "only 1 class");
  WriteText(p, "a,b,label\n");
  EXPECT_ERROR(LoadCsv(p, {}), "no data rows");
  WriteText(p, "");
  EXPECT_ERROR(LoadCsv(p, {}), "empty file");
  EXPECT_ERROR(LoadCsv(dir / "missing.csv", {}), "missing.csv", "cannot open");
}

TEST(Dataset, StratifiedSplitAndLimitKeepEveryClass) {
  Dataset d;
  d.h = d.w = d.c = 1;
  d.classes = {"a", "b", "c"};
  for (int i = 0; i < 300; ++i) {
    d.labels.push_back(i < 200 ? 0 : (i < 280 ? 1 : 2));
    d.x.push_back(static_cast<float>(i));
  }
  Dataset train, val;
  StratifiedSplit(d, 0.25, 7, &train, &val);
  EXPECT_EQ(val.ClassCounts(), (std::vector<int64_t>{50, 20, 5}));
  EXPECT_EQ(train.size() + val.size(), 300u);
  // No sample in both.
  std::vector<float> all = train.x;
  all.insert(all.end(), val.x.begin(), val.x.end());
  std::sort(all.begin(), all.end());
  EXPECT_EQ(std::adjacent_find(all.begin(), all.end()), all.end());
  Dataset small = Limit(d, 30, 1);
  EXPECT_EQ(small.ClassCounts(), (std::vector<int64_t>{20, 8, 2}));
  Dataset again = Limit(d, 30, 1);
  EXPECT_EQ(small.x, again.x);
}

}  // namespace
}  // namespace mote::data
