// Helpers shared by the element-wise binary ops (ADD, SUB, MUL): NumPy-style
// broadcasting of two inputs onto one output, up to rank 6, and the clamps.
//
// Shapes are right-aligned: a missing leading dimension counts as 1, and a
// dimension of 1 is repeated to match the other input. This is the rule of
// TFLite's NdArrayDescsForElementwiseBroadcast; since each output element
// depends only on its two input elements, the order of traversal does not
// change any result.
#ifndef MOTE_KERNELS_REF_BROADCAST_H_
#define MOTE_KERNELS_REF_BROADCAST_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "mote/types.h"

namespace mote {
namespace ref {

// The broadcast shape of `a` and `b`. False when a pair of dimensions is
// neither equal nor has a 1 (the shapes are incompatible).
inline bool BroadcastShapes(const Shape& a, const Shape& b, Shape* out) {
  if (a.rank > Shape::kMaxRank || b.rank > Shape::kMaxRank) return false;
  const int rank = a.rank > b.rank ? a.rank : b.rank;
  Shape result;
  result.rank = rank;
  for (int i = 0; i < rank; ++i) {
    const int ia = i - (rank - a.rank);
    const int ib = i - (rank - b.rank);
    const int32_t da = ia >= 0 ? a.dims[ia] : 1;
    const int32_t db = ib >= 0 ? b.dims[ib] : 1;
    if (da == db || db == 1) {
      result.dims[i] = da;
    } else if (da == 1) {
      result.dims[i] = db;
    } else {
      return false;
    }
  }
  *out = result;
  return true;
}

// Both inputs viewed in the output's index space, extended to rank 6 with
// leading 1s. A broadcast axis has stride 0, so it re-reads the same element.
struct BroadcastLayout {
  int32_t dims[Shape::kMaxRank];
  size_t strides1[Shape::kMaxRank];
  size_t strides2[Shape::kMaxRank];
};

namespace internal {

// Row-major element strides of `s` placed in the last s.rank of kMaxRank
// axes; 0 where the dimension is 1 (or absent), so the axis broadcasts.
inline void ExtendedStrides(const Shape& s, size_t* strides) {
  const int offset = Shape::kMaxRank - s.rank;
  size_t stride = 1;
  for (int i = Shape::kMaxRank - 1; i >= 0; --i) {
    const int si = i - offset;
    const int32_t d = si >= 0 ? s.dims[si] : 1;
    strides[i] = d == 1 ? 0 : stride;
    stride *= static_cast<size_t>(d);
  }
}

}  // namespace internal

// False when the shapes do not broadcast.
inline bool MakeBroadcastLayout(const Shape& in1, const Shape& in2,
                                BroadcastLayout* layout) {
  Shape out;
  if (!BroadcastShapes(in1, in2, &out)) return false;
  const int offset = Shape::kMaxRank - out.rank;
  for (int i = 0; i < Shape::kMaxRank; ++i) {
    layout->dims[i] = i >= offset ? out.dims[i - offset] : 1;
  }
  internal::ExtendedStrides(in1, layout->strides1);
  internal::ExtendedStrides(in2, layout->strides2);
  return true;
}

// Calls out[o] = fn(in1[i1], in2[i2]) for every output element, in
// row-major output order.
template <typename In, typename Out, typename Fn>
void BroadcastApply(const BroadcastLayout& l, const In* in1, const In* in2,
                    Out* out, Fn fn) {
  size_t o = 0;
  size_t a1 = 0, a2 = 0;
  for (int32_t i0 = 0; i0 < l.dims[0]; ++i0) {
    size_t b1 = a1, b2 = a2;
    for (int32_t i1 = 0; i1 < l.dims[1]; ++i1) {
      size_t c1 = b1, c2 = b2;
      for (int32_t i2 = 0; i2 < l.dims[2]; ++i2) {
        size_t d1 = c1, d2 = c2;
        for (int32_t i3 = 0; i3 < l.dims[3]; ++i3) {
          size_t e1 = d1, e2 = d2;
          for (int32_t i4 = 0; i4 < l.dims[4]; ++i4) {
            size_t f1 = e1, f2 = e2;
            for (int32_t i5 = 0; i5 < l.dims[5]; ++i5) {
              out[o++] = fn(in1[f1], in2[f2]);
              f1 += l.strides1[5];
              f2 += l.strides2[5];
            }
            e1 += l.strides1[4];
            e2 += l.strides2[4];
          }
          d1 += l.strides1[3];
          d2 += l.strides2[3];
        }
        c1 += l.strides1[2];
        c2 += l.strides2[2];
      }
      b1 += l.strides1[1];
      b2 += l.strides2[1];
    }
    a1 += l.strides1[0];
    a2 += l.strides2[0];
  }
}

// The element-wise driver of ADD, SUB and MUL: a flat loop when the input
// shapes are equal, the broadcast walk otherwise. The caller (Prepare) has
// checked that the output shape is the broadcast shape. False when the
// shapes do not broadcast (nothing is written).
template <typename In, typename Out, typename Fn>
bool BinaryElementwise(const Shape& shape1, const In* in1, const Shape& shape2,
                       const In* in2, Out* out, Fn fn) {
  if (shape1 == shape2) {
    const int64_t n = shape1.FlatSize();
    for (int64_t i = 0; i < n; ++i) out[i] = fn(in1[i], in2[i]);
    return true;
  }
  BroadcastLayout layout;
  if (!MakeBroadcastLayout(shape1, shape2, &layout)) return false;
  BroadcastApply(layout, in1, in2, out, fn);
  return true;
}

// The clamp of TFLite's float fused activation (ActivationFunctionWithMinMax):
// std::min(std::max(x, lo), hi), so a NaN passes through unchanged.
inline float ClampF32(float x, float lo, float hi) {
  return std::min(std::max(x, lo), hi);
}

// TFLite's CalculateActivationRange for int32 outputs.
inline void ActivationRangeS32(Activation activation, int32_t* act_min,
                               int32_t* act_max) {
  switch (activation) {
    case Activation::kRelu:
      *act_min = 0;
      *act_max = std::numeric_limits<int32_t>::max();
      break;
    case Activation::kRelu6:
      *act_min = 0;
      *act_max = 6;
      break;
    case Activation::kReluN1To1:
      *act_min = -1;
      *act_max = 1;
      break;
    default:
      *act_min = std::numeric_limits<int32_t>::lowest();
      *act_max = std::numeric_limits<int32_t>::max();
      break;
  }
}

}  // namespace ref
}  // namespace mote

#endif  // MOTE_KERNELS_REF_BROADCAST_H_
