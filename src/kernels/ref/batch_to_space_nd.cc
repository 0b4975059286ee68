#include "kernels/ref/batch_to_space_nd.h"

#include <cstring>

namespace mote {
namespace ref {

void BatchToSpaceND(const SpaceBatchParams& params, const Shape& input_shape,
                    const void* input, const Shape& output_shape,
                    size_t element_size, void* output) {
  const int64_t in_batch = input_shape.dims[0];
  const int64_t in_height = input_shape.dims[1];
  const int64_t in_width = input_shape.dims[2];
  const int64_t depth = input_shape.dims[3];
  const int64_t out_batch = output_shape.dims[0];
  const int64_t out_height = output_shape.dims[1];
  const int64_t out_width = output_shape.dims[2];
  const size_t pixel = static_cast<size_t>(depth) * element_size;
  const unsigned char* in = static_cast<const unsigned char*>(input);
  unsigned char* out = static_cast<unsigned char*>(output);
  for (int64_t b = 0; b < in_batch; ++b) {
    const int64_t target_batch = b % out_batch;
    const int64_t spatial = b / out_batch;
    for (int64_t h = 0; h < in_height; ++h) {
      const int64_t out_h = h * params.block_height +
                            spatial / params.block_width -
                            params.before_height;
      if (out_h < 0 || out_h >= out_height) continue;
      for (int64_t w = 0; w < in_width; ++w) {
        const int64_t out_w = w * params.block_width +
                              spatial % params.block_width -
                              params.before_width;
        if (out_w < 0 || out_w >= out_width) continue;
        const int64_t to =
            ((target_batch * out_height + out_h) * out_width + out_w) * depth;
        const int64_t from = ((b * in_height + h) * in_width + w) * depth;
        std::memcpy(out + static_cast<size_t>(to) * element_size,
                    in + static_cast<size_t>(from) * element_size, pixel);
      }
    }
  }
}

}  // namespace ref
}  // namespace mote
