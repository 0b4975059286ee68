#include "kernels/ref/transpose.h"

#include <cstring>

namespace mote {
namespace ref {
namespace {

// Walks the output in row-major order; `in_step[d]` is how far the input
// moves (in elements) for one step of output dim d. Templated on a same-sized
// integer so each element is one load and one store whatever the real dtype;
// memcpy keeps that free of aliasing questions (it compiles to a plain move).
template <typename T>
void TransposeImpl(int rank, const int32_t* out_dims, const int64_t* in_step,
                   const unsigned char* input, unsigned char* output) {
  int32_t index[Shape::kMaxRank] = {};
  const int last = rank - 1;
  const int32_t inner = out_dims[last];
  const int64_t inner_step = in_step[last];
  int64_t in_offset = 0;
  while (true) {
    const unsigned char* in = input + in_offset * sizeof(T);
    for (int32_t i = 0; i < inner; ++i) {
      T value;
      std::memcpy(&value, in, sizeof(T));
      std::memcpy(output, &value, sizeof(T));
      output += sizeof(T);
      in += inner_step * static_cast<int64_t>(sizeof(T));
    }
    // Advance the odometer over the dims before the innermost one.
    int d = last - 1;
    while (d >= 0) {
      in_offset += in_step[d];
      if (++index[d] < out_dims[d]) break;
      in_offset -= in_step[d] * out_dims[d];
      index[d] = 0;
      --d;
    }
    if (d < 0) return;
  }
}

}  // namespace

Shape TransposedShape(const Shape& input_shape, const int32_t* perm) {
  Shape out;
  out.rank = input_shape.rank;
  for (int i = 0; i < out.rank; ++i) out.dims[i] = input_shape.dims[perm[i]];
  return out;
}

void Transpose(const Shape& input_shape, const void* input, const int32_t* perm,
               size_t element_size, void* output) {
  const int rank = input_shape.rank;
  const Shape out_shape = TransposedShape(input_shape, perm);
  if (out_shape.FlatSize() == 0) return;
  // A scalar is a rank-1 tensor of one element for the walk below.
  int32_t out_dims[Shape::kMaxRank] = {1};
  int64_t in_step[Shape::kMaxRank] = {1};
  if (rank > 0) {
    int64_t in_stride[Shape::kMaxRank];
    in_stride[rank - 1] = 1;
    for (int d = rank - 2; d >= 0; --d) {
      in_stride[d] = in_stride[d + 1] * input_shape.dims[d + 1];
    }
    for (int d = 0; d < rank; ++d) {
      out_dims[d] = out_shape.dims[d];
      in_step[d] = in_stride[perm[d]];
    }
  }
  const int walk_rank = rank > 0 ? rank : 1;
  const unsigned char* in = static_cast<const unsigned char*>(input);
  unsigned char* out = static_cast<unsigned char*>(output);
  switch (element_size) {
    case 1:
      TransposeImpl<uint8_t>(walk_rank, out_dims, in_step, in, out);
      break;
    case 2:
      TransposeImpl<uint16_t>(walk_rank, out_dims, in_step, in, out);
      break;
    case 4:
      TransposeImpl<uint32_t>(walk_rank, out_dims, in_step, in, out);
      break;
    case 8:
      TransposeImpl<uint64_t>(walk_rank, out_dims, in_step, in, out);
      break;
    default:
      break;  // the wrapper only admits 1, 2, 4 and 8-byte types
  }
}

}  // namespace ref
}  // namespace mote
