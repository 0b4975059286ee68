#include "kernels/ref/space_to_batch_nd.h"

#include <cstring>

namespace mote {
namespace ref {

void SpaceToBatchND(const SpaceBatchParams& params, const Shape& input_shape,
                    const void* input, const Shape& output_shape,
                    const void* pad_value, size_t element_size, void* output) {
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
  for (int64_t b = 0; b < out_batch; ++b) {
    const int64_t source_batch = b % in_batch;
    const int64_t shift_w = (b / in_batch) % params.block_width;
    const int64_t shift_h = (b / in_batch) / params.block_width;
    for (int64_t h = 0; h < out_height; ++h) {
      const int64_t in_h = h * params.block_height + shift_h -
                           params.before_height;
      for (int64_t w = 0; w < out_width; ++w) {
        const int64_t in_w = w * params.block_width + shift_w -
                             params.before_width;
        if (in_h < 0 || in_h >= in_height || in_w < 0 || in_w >= in_width) {
          for (int64_t c = 0; c < depth; ++c) {
            std::memcpy(out + static_cast<size_t>(c) * element_size,
                        pad_value, element_size);
          }
        } else {
          const int64_t offset =
              ((source_batch * in_height + in_h) * in_width + in_w) * depth;
          std::memcpy(out, in + static_cast<size_t>(offset) * element_size,
                      pixel);
        }
        out += pixel;
      }
    }
  }
}

}  // namespace ref
}  // namespace mote
