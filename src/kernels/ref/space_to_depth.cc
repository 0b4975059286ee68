#include "kernels/ref/space_to_depth.h"

#include <cstring>

namespace mote {
namespace ref {

void SpaceToDepth(int32_t block_size, const Shape& input_shape,
                  const void* input, const Shape& output_shape,
                  size_t element_size, void* output) {
  const int64_t batches = input_shape.dims[0];
  const int64_t in_height = input_shape.dims[1];
  const int64_t in_width = input_shape.dims[2];
  const int64_t in_depth = input_shape.dims[3];
  const int64_t out_height = output_shape.dims[1];
  const int64_t out_width = output_shape.dims[2];
  const int64_t out_depth = output_shape.dims[3];
  // Each input pixel's channels land as one contiguous run.
  const size_t run = static_cast<size_t>(in_depth) * element_size;
  const unsigned char* in = static_cast<const unsigned char*>(input);
  unsigned char* out = static_cast<unsigned char*>(output);
  for (int64_t b = 0; b < batches; ++b) {
    for (int64_t h = 0; h < in_height; ++h) {
      for (int64_t w = 0; w < in_width; ++w) {
        const int64_t out_d =
            ((h % block_size) * block_size + w % block_size) * in_depth;
        const int64_t to = ((b * out_height + h / block_size) * out_width +
                            w / block_size) *
                               out_depth +
                           out_d;
        std::memcpy(out + static_cast<size_t>(to) * element_size, in, run);
        in += run;
      }
    }
  }
}

}  // namespace ref
}  // namespace mote
