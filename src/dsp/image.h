// Image preprocessing for vision models: crop, grayscale, resize (bilinear
// and area), normalise and quantize into a model's input tensor.
//
// Images are 8-bit, interleaved (HWC) with 1, 3 or 4 channels and a row
// stride in bytes, so a crop is just a view. Everything is integer except
// the normalisation tables, which are built once in float: the same bits on
// every target.
#ifndef MOTE_DSP_IMAGE_H_
#define MOTE_DSP_IMAGE_H_

#include <cstddef>
#include <cstdint>

#include "mote/status.h"

namespace mote::dsp {

struct ImageView {
  const uint8_t* data = nullptr;
  int32_t width = 0;
  int32_t height = 0;
  int32_t channels = 0;
  int32_t stride = 0;  // bytes per row (>= width * channels)
};

struct MutableImage {
  uint8_t* data = nullptr;
  int32_t width = 0;
  int32_t height = 0;
  int32_t channels = 0;
  int32_t stride = 0;
  ImageView view() const { return {data, width, height, channels, stride}; }
};

// Checks sizes, channel count (1, 3, 4) and stride.
Status CheckImage(const ImageView& image, const char* what, ErrorReporter* errors);

// A view of the rectangle (x, y, width, height), which must lie inside.
Status CropImage(const ImageView& in, int32_t x, int32_t y, int32_t width, int32_t height,
                 ImageView* out, ErrorReporter* errors);
// The largest centred crop with the aspect ratio width:height.
Status CenterCropToAspect(const ImageView& in, int32_t width, int32_t height, ImageView* out,
                          ErrorReporter* errors);

// 3/4 channels -> 1 with ITU-R BT.601 luma in integers
// ((77 R + 150 G + 29 B + 128) >> 8); 1 channel is copied. Same size.
Status GrayscaleImage(const ImageView& in, const MutableImage& out, ErrorReporter* errors);

// Bilinear with half-pixel centres (TF2 tf.image.resize, OpenCV INTER_LINEAR):
// source = (dst + 0.5) * in / out - 0.5, clamped to the edges; Q11 weights,
// rounded. Same channel count in and out.
Status ResizeBilinear(const ImageView& in, const MutableImage& out, ErrorReporter* errors);

// Area: each output pixel is the exact mean of the input area it covers
// (fractional pixels weighted by coverage), rounded half up; as
// tf.image.resize(method="area") and OpenCV INTER_AREA when shrinking.
Status ResizeArea(const ImageView& in, const MutableImage& out, ErrorReporter* errors);

// Per-channel normalisation real = (pixel / 255 - mean[c]) / std[c], then
// into the model's tensor: float, or int8 with the tensor's scale and zero
// point (through a 256-entry table per channel). Output is HWC, dense.
struct PixelNormalization {
  float mean[4] = {0, 0, 0, 0};
  float std[4] = {1, 1, 1, 1};
};
Status NormalizeToF32(const ImageView& in, const PixelNormalization& norm, float* out,
                      ErrorReporter* errors);
Status NormalizeToS8(const ImageView& in, const PixelNormalization& norm, float scale,
                     int32_t zero_point, int8_t* out, ErrorReporter* errors);

}  // namespace mote::dsp

#endif  // MOTE_DSP_IMAGE_H_
