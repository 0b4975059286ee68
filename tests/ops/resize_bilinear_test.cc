// RESIZE_BILINEAR through the interpreter: float32 against a real-valued
// bilinear interpolation, int8 (TFLite's integer path) within 1 LSB of it,
// and the rejections.
#include <algorithm>
#include <cmath>
#include <vector>

#include "data_movement_test_util.h"

namespace mote::optest {
namespace {

host::OptionsBuilder Options(bool align, bool half) {
  return host::MakeOptions([=](auto& fbb) {
    return tflite::CreateResizeBilinearOptions(fbb, align, half);
  });
}

// Real bilinear interpolation of one channel, TensorFlow's sampling.
std::vector<double> BilinearRef(const std::vector<double>& in, int in_h, int in_w,
                                int out_h, int out_w, bool align, bool half) {
  const auto src = [&](int i, int in_size, int out_size) {
    const double scale = align && out_size > 1
                             ? static_cast<double>(in_size - 1) / (out_size - 1)
                             : static_cast<double>(in_size) / out_size;
    const double s = half ? (i + 0.5) * scale - 0.5 : i * scale;
    return std::clamp(s, 0.0, static_cast<double>(in_size - 1));
  };
  std::vector<double> out;
  for (int y = 0; y < out_h; ++y) {
    for (int x = 0; x < out_w; ++x) {
      const double sy = src(y, in_h, out_h), sx = src(x, in_w, out_w);
      const int y0 = static_cast<int>(sy), x0 = static_cast<int>(sx);
      const int y1 = std::min(y0 + 1, in_h - 1), x1 = std::min(x0 + 1, in_w - 1);
      const double dy = sy - y0, dx = sx - x0;
      out.push_back(in[y0 * in_w + x0] * (1 - dy) * (1 - dx) +
                    in[y1 * in_w + x0] * dy * (1 - dx) +
                    in[y0 * in_w + x1] * (1 - dy) * dx + in[y1 * in_w + x1] * dy * dx);
    }
  }
  return out;
}

TEST(ResizeBilinearOp, FloatMatchesRealInterpolation) {
  host::Rng rng(3);
  for (int mode = 0; mode < 3; ++mode) {
    const bool align = mode == 1, half = mode == 2;
    OpTester t;
    const int32_t x = t.Input("x", kF32, {1, 4, 5, 1});
    const int32_t size = t.Const<int32_t>("size", {2}, {7, 3});
    const int32_t y = t.Output("y", kF32, {1, 7, 3, 1});
    t.Op(BuiltinOp::kResizeBilinear, {x, size}, {y}, Options(align, half), 3);
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    const std::vector<float> in = rng.Uniform(20, -3.0f, 3.0f);
    EXPECT_TRUE(NearAll(t.Run<float>(in),
                        BilinearRef(ToDouble(in), 4, 5, 7, 3, align, half), 1e-5))
        << "mode " << mode;
  }
}

TEST(ResizeBilinearOp, Int8WithinOneLsbOfRealInterpolation) {
  host::Rng rng(5);
  for (int mode = 0; mode < 3; ++mode) {
    const bool align = mode == 1, half = mode == 2;
    OpTester t;
    const int32_t x = t.Input("x", kS8, {1, 5, 4, 1}, Q(0.1f, -20));
    const int32_t size = t.Const<int32_t>("size", {2}, {9, 7});
    const int32_t y = t.Output("y", kS8, {1, 9, 7, 1}, Q(0.1f, -20));
    t.Op(BuiltinOp::kResizeBilinear, {x, size}, {y}, Options(align, half), 3);
    ASSERT_EQ(t.Prepare(), Status::kOk) << t.message();
    const std::vector<int8_t> in = rng.UniformS8(20);
    const std::vector<double> raw(in.begin(), in.end());
    std::vector<int8_t> want;
    for (double v : BilinearRef(raw, 5, 4, 9, 7, align, half)) {
      want.push_back(static_cast<int8_t>(std::round(v)));
    }
    EXPECT_TRUE(WithinLsb(t.Run<int8_t>(in), want)) << "mode " << mode;
  }
}

TEST(ResizeBilinearOp, Rejections) {
  const auto run = [](bool align, bool half, std::vector<int32_t> in_shape,
                      std::vector<int32_t> size_values, tflite::TensorType type,
                      Status status, const char* message) {
    OpTester t;
    const Quantization q = type == kF32 ? Quantization{} : Q(0.5f);
    const int32_t x = t.Input("x", type, in_shape, q);
    const int32_t s = t.Const<int32_t>("size", {2}, size_values);
    const int32_t y = t.Output("y", type, {1, size_values[0], size_values[1], 1}, q);
    t.Op(BuiltinOp::kResizeBilinear, {x, s}, {y}, Options(align, half));
    EXPECT_TRUE(PrepareFails(t, status, message));
  };
  run(true, true, {1, 2, 2, 1}, {3, 3}, kF32, Status::kInvalidModel,
      "align_corners and half_pixel_centers cannot both be set");
  run(false, false, {1, 2, 2, 1}, {3, 3}, kS16, Status::kUnsupported,
      "input 'x': expected int8 or float32, got int16");
  run(false, false, {1, 1, 2, 1}, {1500, 2}, kS8, Status::kUnsupported,
      "resizing height 1 to 1500 would read past the input");
  run(false, false, {2, 2, 1}, {3, 3}, kF32, Status::kInvalidModel,
      "input 'x' has rank 3, expected 4");
}

}  // namespace
}  // namespace mote::optest
