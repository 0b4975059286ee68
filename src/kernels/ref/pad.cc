#include "kernels/ref/pad.h"

#include <cstring>

namespace mote {
namespace ref {
namespace {

// Writes `count` copies of one element. Doubling memcpy keeps it fast for
// wide pad regions without a per-type loop.
void FillElements(unsigned char* dst, const void* value, size_t element_size,
                  int64_t count) {
  if (count <= 0) return;
  const size_t total = static_cast<size_t>(count) * element_size;
  if (element_size == 1) {
    std::memset(dst, *static_cast<const unsigned char*>(value), total);
    return;
  }
  std::memcpy(dst, value, element_size);
  size_t done = element_size;
  while (done < total) {
    const size_t chunk = done < total - done ? done : total - done;
    std::memcpy(dst + done, dst, chunk);
    done += chunk;
  }
}

struct PadWalk {
  int rank;
  const int32_t* in_dims;
  const int32_t* left;
  const int32_t* right;
  int64_t out_block[Shape::kMaxRank];  // output elements per step of dim d
  int64_t in_block[Shape::kMaxRank];
  const void* pad_value;
  size_t element_size;
};

// Fills output dim `d` (one block of the dims above it): leading pad, the
// input rows, trailing pad. Row-major order, like TFLite's nested loops.
void PadDim(const PadWalk& w, int d, const unsigned char* in,
            unsigned char* out) {
  const size_t es = w.element_size;
  FillElements(out, w.pad_value, es, w.left[d] * w.out_block[d]);
  out += static_cast<size_t>(w.left[d] * w.out_block[d]) * es;
  if (d == w.rank - 1) {
    const size_t row = static_cast<size_t>(w.in_dims[d]) * es;
    std::memcpy(out, in, row);
    out += row;
  } else {
    for (int32_t i = 0; i < w.in_dims[d]; ++i) {
      PadDim(w, d + 1, in, out);
      in += static_cast<size_t>(w.in_block[d]) * es;
      out += static_cast<size_t>(w.out_block[d]) * es;
    }
  }
  FillElements(out, w.pad_value, es, w.right[d] * w.out_block[d]);
}

}  // namespace

void Pad(const Shape& input_shape, const void* input, const int32_t* left_pad,
         const int32_t* right_pad, const void* pad_value, size_t element_size,
         const Shape& output_shape, void* output) {
  const int rank = input_shape.rank;
  if (rank == 0) {  // a scalar has nothing to pad
    std::memcpy(output, input, element_size);
    return;
  }
  PadWalk w;
  w.rank = rank;
  w.in_dims = input_shape.dims;
  w.left = left_pad;
  w.right = right_pad;
  w.pad_value = pad_value;
  w.element_size = element_size;
  w.out_block[rank - 1] = 1;
  w.in_block[rank - 1] = 1;
  for (int d = rank - 2; d >= 0; --d) {
    w.out_block[d] = w.out_block[d + 1] * output_shape.dims[d + 1];
    w.in_block[d] = w.in_block[d + 1] * input_shape.dims[d + 1];
  }
  // An empty input dim leaves only padding: fill everything.
  if (input_shape.FlatSize() == 0) {
    FillElements(static_cast<unsigned char*>(output), pad_value, element_size,
                 output_shape.FlatSize());
    return;
  }
  PadDim(w, 0, static_cast<const unsigned char*>(input),
         static_cast<unsigned char*>(output));
}

}  // namespace ref
}  // namespace mote
