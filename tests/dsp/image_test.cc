// Image preprocessing against float64 numpy references: resize results
// within one 8-bit step of the exactly rounded reference (Q11 weights),
// grayscale within one step of the float BT.601 luma.
#include <cmath>

#include <gtest/gtest.h>

#include "dsp/image.h"
#include "dsp_test_util.h"

namespace mote::dsp {
namespace {

using testing::LoadVector;

struct TestImage {
  std::vector<uint8_t> pixels;
  int32_t width = 0, height = 0;
  ImageView view() const { return {pixels.data(), width, height, 3, width * 3}; }
};

const TestImage& Rgb() {
  static const TestImage image = [] {
    TestImage t;
    std::vector<int64_t> shape;
    t.pixels = LoadVector<uint8_t>("image_rgb.npy", &shape);
    t.height = static_cast<int32_t>(shape[0]);
    t.width = static_cast<int32_t>(shape[1]);
    return t;
  }();
  return image;
}

void CheckResize(bool area, int32_t w, int32_t h, const char* npy, int max_diff) {
  const std::vector<float> want = LoadVector<float>(npy);
  ASSERT_EQ(want.size(), static_cast<size_t>(w * h * 3));
  std::vector<uint8_t> out(w * h * 3);
  const MutableImage m{out.data(), w, h, 3, w * 3};
  ErrorReporter errors;
  ASSERT_EQ(area ? ResizeArea(Rgb().view(), m, &errors) : ResizeBilinear(Rgb().view(), m, &errors),
            Status::kOk)
      << errors.message();
  int exact = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    const double rounded = std::floor(want[i] + 0.5);
    ASSERT_LE(std::fabs(out[i] - rounded), max_diff) << npy << " at " << i << ": " << want[i];
    exact += out[i] == rounded;
  }
  EXPECT_GT(exact, static_cast<int>(out.size() * 95 / 100)) << npy;
}

TEST(Image, BilinearDown) { CheckResize(false, 20, 12, "image_bilinear_20x12.npy", 1); }
TEST(Image, BilinearUp) { CheckResize(false, 60, 40, "image_bilinear_60x40.npy", 1); }
// Area means are exact fractions: only float32 storage of the reference
// can flip a rounding at exactly .5.
TEST(Image, AreaDown) { CheckResize(true, 20, 12, "image_area_20x12.npy", 1); }
TEST(Image, AreaUp) { CheckResize(true, 60, 40, "image_area_60x40.npy", 1); }

TEST(Image, Grayscale) {
  const std::vector<float> want = LoadVector<float>("image_gray.npy");
  std::vector<uint8_t> out(Rgb().width * Rgb().height);
  const MutableImage m{out.data(), Rgb().width, Rgb().height, 1, Rgb().width};
  ASSERT_EQ(GrayscaleImage(Rgb().view(), m, nullptr), Status::kOk);
  for (size_t i = 0; i < out.size(); ++i) ASSERT_LE(std::fabs(out[i] - want[i]), 1.0) << i;
}

TEST(Image, CropAndCenterCrop) {
  ImageView v;
  ErrorReporter errors;
  ASSERT_EQ(CropImage(Rgb().view(), 3, 4, 10, 5, &v, &errors), Status::kOk);
  EXPECT_EQ(v.data, Rgb().pixels.data() + 4 * Rgb().width * 3 + 3 * 3);
  EXPECT_EQ(v.stride, Rgb().width * 3);
  EXPECT_EQ(CropImage(Rgb().view(), 50, 0, 10, 5, &v, &errors), Status::kInvalidArgument);
  EXPECT_NE(std::string(errors.message()).find("not inside"), std::string::npos);
  ASSERT_EQ(CenterCropToAspect(Rgb().view(), 1, 1, &v, nullptr), Status::kOk);  // 53x37 -> 37x37
  EXPECT_EQ(v.width, 37);
  EXPECT_EQ(v.height, 37);
  EXPECT_EQ(v.data, Rgb().pixels.data() + 8 * 3);
}

TEST(Image, NormalizeAndQuantize) {
  const uint8_t px[6] = {0, 128, 255, 10, 20, 30};
  const ImageView v{px, 2, 1, 3, 6};
  PixelNormalization n;
  for (int c = 0; c < 3; ++c) {
    n.mean[c] = 0.5f;
    n.std[c] = 0.25f;
  }
  float f[6];
  ASSERT_EQ(NormalizeToF32(v, n, f, nullptr), Status::kOk);
  EXPECT_FLOAT_EQ(f[0], -2.0f);
  EXPECT_NEAR(f[2], 2.0f, 1e-6);
  int8_t q[6];
  ASSERT_EQ(NormalizeToS8(v, n, 1.0f / 32, -1, q, nullptr), Status::kOk);
  for (int i = 0; i < 6; ++i) {
    const long expected = std::lround(f[i] * 32) - 1;
    EXPECT_EQ(q[i], std::max(-128L, std::min(127L, expected))) << i;
  }
  n.std[1] = 0.0f;
  ErrorReporter errors;
  EXPECT_EQ(NormalizeToF32(v, n, f, &errors), Status::kInvalidArgument);
}

TEST(Image, RejectsBadImages) {
  ErrorReporter errors;
  std::vector<uint8_t> out(16);
  const MutableImage m{out.data(), 4, 4, 1, 4};
  const ImageView empty{nullptr, 0, 0, 3, 0};
  EXPECT_EQ(ResizeBilinear(empty, m, &errors), Status::kInvalidArgument);
  const uint8_t px[8] = {};
  const ImageView two{px, 2, 2, 2, 4};  // 2 channels
  errors.Clear();
  EXPECT_EQ(ResizeArea(two, m, &errors), Status::kInvalidArgument);
  EXPECT_NE(std::string(errors.message()).find("channels"), std::string::npos);
  const ImageView grey{px, 2, 2, 1, 2};
  const MutableImage rgb_out{out.data(), 2, 2, 3, 6};
  errors.Clear();
  EXPECT_EQ(ResizeBilinear(grey, rgb_out, &errors), Status::kInvalidArgument);
}

}  // namespace
}  // namespace mote::dsp
