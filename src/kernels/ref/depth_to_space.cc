#include "kernels/ref/depth_to_space.h"

#include <cstring>

namespace mote {
namespace ref {

void DepthToSpace(int32_t block_size, const Shape& input_shape,
                  const void* input, const Shape& output_shape,
                  size_t element_size, void* output) {
  const int64_t in_height = input_shape.dims[1];
  const int64_t in_width = input_shape.dims[2];
  const int64_t in_depth = input_shape.dims[3];
  const int64_t batches = output_shape.dims[0];
  const int64_t out_height = output_shape.dims[1];
  const int64_t out_width = output_shape.dims[2];
  const int64_t out_depth = output_shape.dims[3];
  // Each output pixel's channels are one contiguous run of the input pixel.
  const size_t run = static_cast<size_t>(out_depth) * element_size;
  const unsigned char* in = static_cast<const unsigned char*>(input);
  unsigned char* out = static_cast<unsigned char*>(output);
  for (int64_t b = 0; b < batches; ++b) {
    for (int64_t h = 0; h < out_height; ++h) {
      for (int64_t w = 0; w < out_width; ++w) {
        const int64_t in_d =
            ((h % block_size) * block_size + w % block_size) * out_depth;
        const int64_t from =
            ((b * in_height + h / block_size) * in_width + w / block_size) *
                in_depth +
            in_d;
        std::memcpy(out, in + static_cast<size_t>(from) * element_size, run);
        out += run;
      }
    }
  }
}

}  // namespace ref
}  // namespace mote
