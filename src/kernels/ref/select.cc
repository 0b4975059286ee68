#include "kernels/ref/select.h"

#include <cstring>

#include "kernels/ref/broadcast.h"

namespace mote {
namespace ref {
namespace {

// Elements are copied as N raw bytes (memcpy of a constant size compiles to
// one load and store), so any element type is copied without aliasing it.
template <size_t N>
void SelectBroadcastN(const Shape& out_shape, const Shape& cs,
                      const uint8_t* condition, const Shape& xs,
                      const unsigned char* x, const Shape& ys,
                      const unsigned char* y, unsigned char* output) {
  constexpr int kRank = Shape::kMaxRank;
  int32_t dims[kRank];
  const int offset = kRank - out_shape.rank;
  for (int i = 0; i < kRank; ++i) {
    dims[i] = i >= offset ? out_shape.dims[i - offset] : 1;
  }
  size_t cstride[kRank], xstride[kRank], ystride[kRank];
  internal::ExtendedStrides(cs, cstride);
  internal::ExtendedStrides(xs, xstride);
  internal::ExtendedStrides(ys, ystride);
  const int64_t total = out_shape.FlatSize();
  int32_t index[kRank] = {};
  size_t ci = 0, xi = 0, yi = 0;
  for (int64_t o = 0; o < total; ++o) {
    const unsigned char* from = condition[ci] != 0 ? x + xi * N : y + yi * N;
    std::memcpy(output + static_cast<size_t>(o) * N, from, N);
    // Odometer over the output index; the input offsets follow with their
    // (possibly zero) strides.
    for (int d = kRank - 1; d >= 0; --d) {
      ci += cstride[d];
      xi += xstride[d];
      yi += ystride[d];
      if (++index[d] < dims[d]) break;
      ci -= cstride[d] * static_cast<size_t>(dims[d]);
      xi -= xstride[d] * static_cast<size_t>(dims[d]);
      yi -= ystride[d] * static_cast<size_t>(dims[d]);
      index[d] = 0;
    }
  }
}

template <size_t N>
void SelectRowsN(int64_t outer, int64_t inner, const uint8_t* condition,
                 const unsigned char* x, const unsigned char* y,
                 unsigned char* output) {
  for (int64_t i = 0; i < outer; ++i) {
    const unsigned char* from = condition[i] != 0 ? x : y;
    for (int64_t j = i * inner; j < (i + 1) * inner; ++j) {
      std::memcpy(output + static_cast<size_t>(j) * N,
                  from + static_cast<size_t>(j) * N, N);
    }
  }
}

}  // namespace

bool SelectBroadcastShape(const Shape& condition, const Shape& x,
                          const Shape& y, Shape* out) {
  Shape xy;
  return BroadcastShapes(x, y, &xy) && BroadcastShapes(condition, xy, out);
}

bool SelectBroadcast(size_t element_size, const Shape& condition_shape,
                     const uint8_t* condition, const Shape& x_shape,
                     const void* x, const Shape& y_shape, const void* y,
                     void* output) {
  Shape out_shape;
  if (!SelectBroadcastShape(condition_shape, x_shape, y_shape, &out_shape)) {
    return false;
  }
  const auto* xb = static_cast<const unsigned char*>(x);
  const auto* yb = static_cast<const unsigned char*>(y);
  auto* ob = static_cast<unsigned char*>(output);
  switch (element_size) {
    case 1:
      SelectBroadcastN<1>(out_shape, condition_shape, condition, x_shape, xb,
                          y_shape, yb, ob);
      return true;
    case 2:
      SelectBroadcastN<2>(out_shape, condition_shape, condition, x_shape, xb,
                          y_shape, yb, ob);
      return true;
    case 4:
      SelectBroadcastN<4>(out_shape, condition_shape, condition, x_shape, xb,
                          y_shape, yb, ob);
      return true;
    case 8:
      SelectBroadcastN<8>(out_shape, condition_shape, condition, x_shape, xb,
                          y_shape, yb, ob);
      return true;
    default:
      return false;
  }
}

bool SelectRows(size_t element_size, int64_t outer, int64_t inner,
                const uint8_t* condition, const void* x, const void* y,
                void* output) {
  const auto* xb = static_cast<const unsigned char*>(x);
  const auto* yb = static_cast<const unsigned char*>(y);
  auto* ob = static_cast<unsigned char*>(output);
  switch (element_size) {
    case 1:
      SelectRowsN<1>(outer, inner, condition, xb, yb, ob);
      return true;
    case 2:
      SelectRowsN<2>(outer, inner, condition, xb, yb, ob);
      return true;
    case 4:
      SelectRowsN<4>(outer, inner, condition, xb, yb, ob);
      return true;
    case 8:
      SelectRowsN<8>(outer, inner, condition, xb, yb, ob);
      return true;
    default:
      return false;
  }
}

}  // namespace ref
}  // namespace mote
