// RESIZE_NEAREST_NEIGHBOR through the interpreter: int8, int16 and float32,
// align_corners and half_pixel_centers, and the rejections (runtime size,
// bad size tensor, wrong output shape, quantization change).
#include <vector>

#include "data_movement_test_util.h"

namespace mote::optest {
namespace {

host::OptionsBuilder Options(bool align, bool half) {
  return host::MakeOptions([=](auto& fbb) {
    return tflite::CreateResizeNearestNeighborOptions(fbb, align, half);
  });
}

template <typename T>
std::vector<T> RunResize(tflite::TensorType type, const std::vector<T>& in,
                   std::vector<int32_t> in_shape, int out_h, int out_w,
                   bool align, bool half, int version = 1) {
  OpTester t;
  const Quantization q = type == kF32 ? Quantization{} : Q(0.5f);
  const int32_t x = t.Input("x", type, in_shape, q);
  const int32_t size = t.Const<int32_t>("size", {2}, {out_h, out_w});
  const int32_t y = t.Output("y", type, {in_shape[0], out_h, out_w, in_shape[3]}, q);
  t.Op(BuiltinOp::kResizeNearestNeighbor, {x, size}, {y}, Options(align, half), version);
  EXPECT_EQ(t.Prepare(), Status::kOk) << t.message();
  return t.Run<T>(in);
}

TEST(ResizeNearestNeighborOp, TwoBatchesEveryType) {
  EXPECT_EQ(RunResize<int8_t>(kS8, {3, 6, 9, -12, -4, 10, 10, 16}, {2, 2, 2, 1}, 3, 3,
                        false, false, 2),
            (std::vector<int8_t>{3, 3, 6, 3, 3, 6, 9, 9, -12, -4, -4, 10, -4,
                                 -4, 10, 10, 10, 16}));
  EXPECT_EQ(RunResize<int16_t>(kS16, {-3, 6}, {1, 1, 2, 1}, 1, 3, false, false, 4),
            (std::vector<int16_t>{-3, -3, 6}));
  // float32 is copied bit for bit (TFLite Micro moves it as int32).
  EXPECT_EQ(RunResize<float>(kF32, {3.5f, -0.0f}, {1, 2, 1, 1}, 3, 1, false, false),
            (std::vector<float>{3.5f, 3.5f, -0.0f}));
}

TEST(ResizeNearestNeighborOp, AlignCornersAndHalfPixelCenters) {
  EXPECT_EQ(RunResize<float>(kF32, {3, 6, 9, 12}, {1, 2, 2, 1}, 3, 3, true, false, 3),
            (std::vector<float>{3, 6, 6, 9, 12, 12, 9, 12, 12}));
  EXPECT_EQ(RunResize<float>(kF32, {1, 2, 3, 4}, {1, 2, 2, 1}, 3, 3, false, true, 3),
            (std::vector<float>{1, 2, 2, 3, 4, 4, 3, 4, 4}));
  // Downscaling 4 -> 2 with half pixel centers picks columns 1 and 3.
  EXPECT_EQ(RunResize<int8_t>(kS8, {0, 1, 2, 3}, {1, 1, 4, 1}, 1, 2, false, true, 3),
            (std::vector<int8_t>{1, 3}));
}

TEST(ResizeNearestNeighborOp, Rejections) {
  const auto run = [](bool runtime_size, std::vector<int32_t> size_values,
                      std::vector<int32_t> out, Quantization out_q, Status status,
                      const char* message) {
    OpTester t;
    const int32_t x = t.Input("x", kS8, {1, 2, 2, 1}, Q(0.5f));
    const int32_t s = runtime_size
                          ? t.Input("size", kS32, {2})
                          : t.Const<int32_t>("size", {static_cast<int32_t>(size_values.size())},
                                             size_values);
    const int32_t y = t.Output("y", kS8, std::move(out), std::move(out_q));
    t.Op(BuiltinOp::kResizeNearestNeighbor, {x, s}, {y}, Options(false, false));
    EXPECT_TRUE(PrepareFails(t, status, message));
  };
  run(true, {}, {1, 4, 4, 1}, Q(0.5f), Status::kUnsupported, "size tensor 'size' must be constant");
  run(false, {4, 4, 1}, {1, 4, 4, 1}, Q(0.5f), Status::kInvalidModel, "has 3 entries; at most 2");
  run(false, {4}, {1, 4, 4, 1}, Q(0.5f), Status::kInvalidModel, "size tensor 'size' has 1 entries, expected 2");
  run(false, {0, 4}, {1, 0, 4, 1}, Q(0.5f), Status::kInvalidModel, "asks for 0x4");
  run(false, {4, 4}, {1, 4, 3, 1}, Q(0.5f), Status::kInvalidModel, "output 'y' dim 2 is 3, expected 4");
  run(false, {4, 4}, {1, 4, 4, 1}, Q(0.25f), Status::kUnsupported, "must have the quantization of input 'x'");
}

}  // namespace
}  // namespace mote::optest
