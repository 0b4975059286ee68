#include "kernels/ref/resize_bilinear.h"

#include <cmath>

namespace mote {
namespace ref {
namespace {

float FloatScale(int32_t in_size, int32_t out_size, const ResizeParams& p) {
  if (p.align_corners && out_size > 1) {
    return static_cast<float>(in_size - 1) / static_cast<float>(out_size - 1);
  }
  return static_cast<float>(in_size) / static_cast<float>(out_size);
}

// TFLite's ComputeInterpolationValues.
void FloatSource(int32_t i, float scale, bool half_pixel_centers,
                 int32_t in_size, float* scaled, int32_t* lower,
                 int32_t* upper) {
  const float value = static_cast<float>(i);
  *scaled = half_pixel_centers ? (value + 0.5f) * scale - 0.5f : value * scale;
  const int32_t floor = static_cast<int32_t>(std::floor(*scaled));
  *lower = floor > 0 ? floor : 0;
  const int32_t ceil = static_cast<int32_t>(std::ceil(*scaled));
  *upper = ceil < in_size - 1 ? ceil : in_size - 1;
}

int32_t IntegerScale(int32_t in_size, int32_t out_size,
                     const ResizeParams& p) {
  if (p.align_corners && out_size > 1) {
    return ((1 << 10) * (in_size - 1) + (out_size - 1) / 2) / (out_size - 1);
  }
  return ((1 << 10) * in_size + out_size / 2) / out_size;
}

// TFLite's ComputeInterpolationValuesInteger.
void IntegerSource(int32_t i, int32_t scale_10, bool half_pixel_centers,
                   int32_t in_size, int32_t* scaled, int32_t* lower,
                   int32_t* upper) {
  *scaled = half_pixel_centers ? i * scale_10 + scale_10 / 2 - (1 << 9)
                               : i * scale_10;
  const int32_t floor = *scaled / (1 << 10);
  *lower = floor > 0 ? floor : 0;
  const int32_t ceil = (*scaled + (1 << 10) - 1) / (1 << 10);
  *upper = ceil < in_size - 1 ? ceil : in_size - 1;
}

inline int64_t Offset4(const Shape& s, int64_t b, int64_t y, int64_t x,
                       int64_t c) {
  return ((b * s.dims[1] + y) * s.dims[2] + x) * s.dims[3] + c;
}

}  // namespace

bool BilinearAxisInRange(int32_t in_size, int32_t out_size,
                         const ResizeParams& params, bool integer) {
  // The source coordinate grows with the output index, so the last one is
  // the largest.
  float scaled_f;
  int32_t scaled_i;
  int32_t lower;
  int32_t upper;
  if (integer) {
    IntegerSource(out_size - 1, IntegerScale(in_size, out_size, params),
                  params.half_pixel_centers, in_size, &scaled_i, &lower,
                  &upper);
  } else {
    FloatSource(out_size - 1, FloatScale(in_size, out_size, params),
                params.half_pixel_centers, in_size, &scaled_f, &lower, &upper);
  }
  return lower <= in_size - 1;
}

void ResizeBilinearF32(const ResizeParams& params, const Shape& input_shape,
                       const float* input, const Shape& output_shape,
                       float* output) {
  const int32_t batches = input_shape.dims[0];
  const int32_t in_height = input_shape.dims[1];
  const int32_t in_width = input_shape.dims[2];
  const int32_t depth = input_shape.dims[3];
  const int32_t out_height = output_shape.dims[1];
  const int32_t out_width = output_shape.dims[2];
  const float height_scale = FloatScale(in_height, out_height, params);
  const float width_scale = FloatScale(in_width, out_width, params);
  for (int32_t b = 0; b < batches; ++b) {
    for (int32_t y = 0; y < out_height; ++y) {
      float in_y;
      int32_t y0;
      int32_t y1;
      FloatSource(y, height_scale, params.half_pixel_centers, in_height, &in_y,
                  &y0, &y1);
      for (int32_t x = 0; x < out_width; ++x) {
        float in_x;
        int32_t x0;
        int32_t x1;
        FloatSource(x, width_scale, params.half_pixel_centers, in_width, &in_x,
                    &x0, &x1);
        // TFLite's expression, term by term: dy = in_y - y0 in float.
        const float dy = in_y - static_cast<float>(y0);
        const float dx = in_x - static_cast<float>(x0);
        for (int32_t c = 0; c < depth; ++c) {
          const float v =
              input[Offset4(input_shape, b, y0, x0, c)] * (1 - dy) * (1 - dx) +
              input[Offset4(input_shape, b, y1, x0, c)] * dy * (1 - dx) +
              input[Offset4(input_shape, b, y0, x1, c)] * (1 - dy) * dx +
              input[Offset4(input_shape, b, y1, x1, c)] * dy * dx;
          // TFLite adds a rounding offset of 0 for float.
          output[Offset4(output_shape, b, y, x, c)] = v + 0.0f;
        }
      }
    }
  }
}

void ResizeBilinearS8(const ResizeParams& params, const Shape& input_shape,
                      const int8_t* input, const Shape& output_shape,
                      int8_t* output) {
  const int32_t batches = input_shape.dims[0];
  const int32_t in_height = input_shape.dims[1];
  const int32_t in_width = input_shape.dims[2];
  const int32_t depth = input_shape.dims[3];
  const int32_t out_height = output_shape.dims[1];
  const int32_t out_width = output_shape.dims[2];
  const int32_t height_scale_10 = IntegerScale(in_height, out_height, params);
  const int32_t width_scale_10 = IntegerScale(in_width, out_width, params);
  constexpr int64_t kOne = 1 << 10;
  for (int32_t b = 0; b < batches; ++b) {
    for (int32_t y = 0; y < out_height; ++y) {
      int32_t in_y;
      int32_t y0;
      int32_t y1;
      IntegerSource(y, height_scale_10, params.half_pixel_centers, in_height,
                    &in_y, &y0, &y1);
      const int64_t dy = in_y - kOne * y0;
      for (int32_t x = 0; x < out_width; ++x) {
        int32_t in_x;
        int32_t x0;
        int32_t x1;
        IntegerSource(x, width_scale_10, params.half_pixel_centers, in_width,
                      &in_x, &x0, &x1);
        const int64_t dx = in_x - kOne * x0;
        for (int32_t c = 0; c < depth; ++c) {
          const int64_t sum =
              input[Offset4(input_shape, b, y0, x0, c)] * (kOne - dy) *
                  (kOne - dx) +
              input[Offset4(input_shape, b, y1, x0, c)] * dy * (kOne - dx) +
              input[Offset4(input_shape, b, y0, x1, c)] * (kOne - dy) * dx +
              input[Offset4(input_shape, b, y1, x1, c)] * dy * dx;
          const int64_t round = sum > 0 ? (1 << 19) : -(1 << 19);
          output[Offset4(output_shape, b, y, x, c)] =
              static_cast<int8_t>((sum + round) / (1 << 20));
        }
      }
    }
  }
}

}  // namespace ref
}  // namespace mote
