#include "kernels/ref/resize_nearest_neighbor.h"

#include <cmath>
#include <cstring>

namespace mote {
namespace ref {

int32_t NearestNeighborIndex(int32_t i, int32_t in_size, int32_t out_size,
                             const ResizeParams& params) {
  const float scale =
      (params.align_corners && out_size > 1)
          ? static_cast<float>(in_size - 1) / static_cast<float>(out_size - 1)
          : static_cast<float>(in_size) / static_cast<float>(out_size);
  const float offset = params.half_pixel_centers ? 0.5f : 0.0f;
  const float scaled = (static_cast<float>(i) + offset) * scale;
  int32_t index = params.align_corners
                      ? static_cast<int32_t>(std::round(scaled))
                      : static_cast<int32_t>(std::floor(scaled));
  if (index > in_size - 1) index = in_size - 1;
  if (params.half_pixel_centers && index < 0) index = 0;
  return index;
}

void ResizeNearestNeighbor(const ResizeParams& params,
                           const Shape& input_shape, const void* input,
                           const Shape& output_shape, size_t element_size,
                           void* output) {
  const int32_t batches = input_shape.dims[0];
  const int32_t in_height = input_shape.dims[1];
  const int32_t in_width = input_shape.dims[2];
  const int64_t depth = input_shape.dims[3];
  const int32_t out_height = output_shape.dims[1];
  const int32_t out_width = output_shape.dims[2];
  const size_t pixel = static_cast<size_t>(depth) * element_size;
  const size_t row = static_cast<size_t>(in_width) * pixel;
  const unsigned char* in = static_cast<const unsigned char*>(input);
  unsigned char* out = static_cast<unsigned char*>(output);
  for (int32_t b = 0; b < batches; ++b) {
    for (int32_t y = 0; y < out_height; ++y) {
      const int32_t in_y = NearestNeighborIndex(y, in_height, out_height,
                                                params);
      const unsigned char* in_row = in + static_cast<size_t>(in_y) * row;
      for (int32_t x = 0; x < out_width; ++x) {
        const int32_t in_x = NearestNeighborIndex(x, in_width, out_width,
                                                  params);
        std::memcpy(out, in_row + static_cast<size_t>(in_x) * pixel, pixel);
        out += pixel;
      }
    }
    in += static_cast<size_t>(in_height) * row;
  }
}

}  // namespace ref
}  // namespace mote
